package org.cbdf.audit.verifier;

import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.security.KeyFactory;
import java.security.MessageDigest;
import java.security.PublicKey;
import java.security.Signature;
import java.security.spec.X509EncodedKeySpec;
import java.util.Arrays;
import java.util.Base64;
import java.util.HexFormat;

/**
 * The ledger's Ed25519 public key, named as C2SP signed-note names keys: the key name (the log's origin), the
 * key hash {@code SHA-256(name ‖ 0x0A ‖ 0x01 ‖ key)[0:4]} that prefixes every signature, and the verifier key
 * text {@code name+hexhash+base64(0x01 ‖ key)} that note tools (Go's {@code golang.org/x/mod/sumdb/note},
 * Sigstore, the witness network) read.
 */
public final class LogKey {

    /** Signed-note signature type of Ed25519. */
    static final byte ED25519 = 0x01;
    /** DER prefix of an X.509 SubjectPublicKeyInfo holding a raw 32-byte Ed25519 key (RFC 8410). */
    private static final byte[] X509_PREFIX = HexFormat.of().parseHex("302a300506032b6570032100");

    private final String name;
    private final PublicKey key;
    private final byte[] raw;

    public LogKey(String name, PublicKey key) {
        if (name == null || name.isEmpty() || name.contains("+") || name.chars().anyMatch(Character::isWhitespace)) {
            throw new IllegalArgumentException("a key name is non-empty, without spaces or '+': " + name);
        }
        if (!"Ed25519".equals(key.getAlgorithm()) && !"EdDSA".equals(key.getAlgorithm())) {
            throw new IllegalArgumentException("the ledger signs with Ed25519, not " + key.getAlgorithm());
        }
        byte[] encoded = key.getEncoded();
        if (encoded.length != X509_PREFIX.length + 32
                || !Arrays.equals(Arrays.copyOf(encoded, X509_PREFIX.length), X509_PREFIX)) {
            throw new IllegalArgumentException("not an Ed25519 public key");
        }
        this.name = name;
        this.key = key;
        this.raw = Arrays.copyOfRange(encoded, X509_PREFIX.length, encoded.length);
    }

    /** From a PEM {@code PUBLIC KEY} (X.509 SubjectPublicKeyInfo). */
    public static LogKey fromPem(String name, String pem) {
        String body = pem.replaceAll("-----(BEGIN|END) PUBLIC KEY-----", "").replaceAll("\\s", "");
        try {
            return new LogKey(name, KeyFactory.getInstance("Ed25519")
                    .generatePublic(new X509EncodedKeySpec(Base64.getDecoder().decode(body))));
        } catch (GeneralSecurityException | IllegalArgumentException e) {
            throw new IllegalArgumentException("not an Ed25519 public key in PEM form: " + e.getMessage(), e);
        }
    }

    /** From a signed-note verifier key {@code name+hash+base64(0x01 ‖ key)}; the hash must match. */
    public static LogKey fromVerifierKey(String verifierKey) {
        String[] parts = verifierKey.trim().split("\\+", 3);
        if (parts.length != 3) {
            throw new IllegalArgumentException("a verifier key reads name+hash+key: " + verifierKey);
        }
        byte[] typed = Base64.getDecoder().decode(parts[2]);
        if (typed.length != 33 || typed[0] != ED25519) {
            throw new IllegalArgumentException("the verifier key is not an Ed25519 key: " + verifierKey);
        }
        byte[] encoded = new byte[X509_PREFIX.length + 32];
        System.arraycopy(X509_PREFIX, 0, encoded, 0, X509_PREFIX.length);
        System.arraycopy(typed, 1, encoded, X509_PREFIX.length, 32);
        try {
            LogKey key = new LogKey(parts[0],
                    KeyFactory.getInstance("Ed25519").generatePublic(new X509EncodedKeySpec(encoded)));
            if (!key.keyHashHex().equals(parts[1])) {
                throw new IllegalArgumentException("the verifier key's hash " + parts[1] + " does not match its key ("
                        + key.keyHashHex() + ")");
            }
            return key;
        } catch (GeneralSecurityException e) {
            throw new IllegalArgumentException("not an Ed25519 key: " + e.getMessage(), e);
        }
    }

    /** PEM, or a verifier key on one line: whichever the text is. */
    public static LogKey parse(String name, String text) {
        return text.contains("BEGIN PUBLIC KEY") ? fromPem(name, text) : fromVerifierKey(text);
    }

    public String name() {
        return name;
    }

    public PublicKey publicKey() {
        return key;
    }

    /** The first four bytes of {@code SHA-256(name ‖ "\n" ‖ 0x01 ‖ key)}. */
    public byte[] keyHash() {
        try {
            MessageDigest sha256 = MessageDigest.getInstance("SHA-256");
            sha256.update(name.getBytes(StandardCharsets.UTF_8));
            sha256.update((byte) '\n');
            sha256.update(ED25519);
            return Arrays.copyOf(sha256.digest(raw), 4);
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException("every Java runtime has SHA-256", e);
        }
    }

    String keyHashHex() {
        return HexFormat.of().formatHex(keyHash());
    }

    /** Which key signed: {@code name+hexhash}, the verifier key without the key. */
    public String keyId() {
        return name + "+" + keyHashHex();
    }

    /** The signed-note verifier key. */
    public String verifierKey() {
        byte[] typed = new byte[33];
        typed[0] = ED25519;
        System.arraycopy(raw, 0, typed, 1, 32);
        return keyId() + "+" + Base64.getEncoder().encodeToString(typed);
    }

    public String pem() {
        return "-----BEGIN PUBLIC KEY-----\n" + Base64.getMimeEncoder(64, "\n".getBytes(StandardCharsets.US_ASCII))
                .encodeToString(key.getEncoded()) + "\n-----END PUBLIC KEY-----\n";
    }

    /** Whether {@code signature} is this key's Ed25519 signature of {@code message}. */
    public boolean verifies(byte[] message, byte[] signature) {
        try {
            Signature ed25519 = Signature.getInstance("Ed25519");
            ed25519.initVerify(key);
            ed25519.update(message);
            return ed25519.verify(signature);
        } catch (java.security.SignatureException e) {
            return false; // a malformed signature is simply not a valid one
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException("Ed25519 is part of every Java runtime since 15", e);
        }
    }
}
