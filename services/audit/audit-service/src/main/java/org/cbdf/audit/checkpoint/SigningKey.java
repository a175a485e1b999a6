package org.cbdf.audit.checkpoint;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.GeneralSecurityException;
import java.security.KeyFactory;
import java.security.KeyPair;
import java.security.KeyPairGenerator;
import java.security.KeyStore;
import java.security.PrivateKey;
import java.security.PublicKey;
import java.security.Signature;
import java.security.cert.Certificate;
import java.security.interfaces.EdECPrivateKey;
import java.security.spec.EdECPoint;
import java.security.spec.EdECPublicKeySpec;
import java.security.spec.NamedParameterSpec;
import java.security.spec.PKCS8EncodedKeySpec;
import java.util.Base64;

import org.cbdf.audit.verifier.LogKey;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The Ed25519 key checkpoints are signed with, from configuration: a PKCS#8 PEM file, or a PKCS#12 keystore.
 * Generated at start-up only in development mode, and then loudly: a key nobody kept cannot back a checkpoint
 * after a restart.
 */
public final class SigningKey {

    private static final Logger log = LoggerFactory.getLogger(SigningKey.class);

    private final PrivateKey privateKey;
    private final LogKey publicKey;

    SigningKey(PrivateKey privateKey, LogKey publicKey) {
        this.privateKey = privateKey;
        this.publicKey = publicKey;
    }

    public LogKey publicKey() {
        return publicKey;
    }

    byte[] sign(byte[] message) {
        try {
            Signature ed25519 = Signature.getInstance("Ed25519");
            ed25519.initSign(privateKey);
            ed25519.update(message);
            return ed25519.sign();
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException("cannot sign with the checkpoint key", e);
        }
    }

    static SigningKey load(String origin, AuditProperties.Signing signing) {
        if (signing.key() != null && !signing.key().isBlank()) {
            PrivateKey key = fromPem(Path.of(signing.key()));
            log.info("Checkpoints are signed with the key of {}", signing.key());
            return new SigningKey(key, new LogKey(origin, publicKeyOf(key)));
        }
        if (signing.keystore() != null && !signing.keystore().isBlank()) {
            return fromKeystore(origin, signing);
        }
        if (!signing.devMode()) {
            throw new IllegalStateException("no checkpoint signing key: set AUDIT_SIGNING_KEY (PKCS#8 PEM file of an "
                    + "Ed25519 key) or AUDIT_SIGNING_KEYSTORE (PKCS#12); cbdf.audit.signing.dev-mode=true generates "
                    + "a throw-away key, for development only");
        }
        try {
            KeyPair pair = KeyPairGenerator.getInstance("Ed25519").generateKeyPair();
            LogKey key = new LogKey(origin, pair.getPublic());
            log.warn("DEVELOPMENT MODE: checkpoints are signed with an ephemeral key generated now ({}); checkpoints "
                    + "signed before a restart will not verify with the new one. Set AUDIT_SIGNING_KEY in production.",
                    key.keyId());
            return new SigningKey(pair.getPrivate(), key);
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException("Ed25519 is part of every Java runtime since 15", e);
        }
    }

    static PrivateKey fromPem(Path file) {
        try {
            String pem = Files.readString(file, StandardCharsets.US_ASCII);
            if (!pem.contains("-----BEGIN PRIVATE KEY-----")) {
                throw new IllegalStateException(file + " is not a PKCS#8 PEM private key (BEGIN PRIVATE KEY)");
            }
            byte[] der = Base64.getMimeDecoder().decode(pem.replaceAll("-----(BEGIN|END) PRIVATE KEY-----", ""));
            return KeyFactory.getInstance("Ed25519").generatePrivate(new PKCS8EncodedKeySpec(der));
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read the checkpoint signing key " + file, e);
        } catch (GeneralSecurityException | IllegalArgumentException e) {
            throw new IllegalStateException(file + " is not an Ed25519 private key: " + e.getMessage(), e);
        }
    }

    private static SigningKey fromKeystore(String origin, AuditProperties.Signing signing) {
        char[] password = signing.keystorePassword() == null ? new char[0] : signing.keystorePassword().toCharArray();
        try (InputStream in = Files.newInputStream(Path.of(signing.keystore()))) {
            KeyStore store = KeyStore.getInstance("PKCS12");
            store.load(in, password);
            if (!(store.getKey(signing.keyAlias(), password) instanceof PrivateKey key)) {
                throw new IllegalStateException("keystore " + signing.keystore() + " has no private key "
                        + signing.keyAlias());
            }
            Certificate certificate = store.getCertificate(signing.keyAlias());
            PublicKey publicKey = certificate != null ? certificate.getPublicKey() : publicKeyOf(key);
            log.info("Checkpoints are signed with key {} of keystore {}", signing.keyAlias(), signing.keystore());
            return new SigningKey(key, new LogKey(origin, publicKey));
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read the keystore " + signing.keystore(), e);
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException("cannot read key " + signing.keyAlias() + " of " + signing.keystore()
                    + ": " + e.getMessage(), e);
        }
    }

    /** The public key of an Ed25519 private key (RFC 8032 §5.1.5); the JDK offers no direct call for it. */
    static PublicKey publicKeyOf(PrivateKey key) {
        if (!(key instanceof EdECPrivateKey edKey) || edKey.getBytes().isEmpty()) {
            throw new IllegalStateException("not an Ed25519 private key");
        }
        try {
            // Derive A = [s]B: the JDK exposes it only through key generation with a fixed seed
            byte[] seed = edKey.getBytes().get();
            KeyPairGenerator generator = KeyPairGenerator.getInstance("Ed25519");
            generator.initialize(NamedParameterSpec.ED25519, new FixedSeed(seed));
            KeyPair pair = generator.generateKeyPair();
            EdECPoint point = ((java.security.interfaces.EdECPublicKey) pair.getPublic()).getPoint();
            return KeyFactory.getInstance("Ed25519").generatePublic(new EdECPublicKeySpec(NamedParameterSpec.ED25519, point));
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException("cannot derive the Ed25519 public key", e);
        }
    }

    /** A "random" source that yields the private key's seed, so that key generation recomputes its public key. */
    private static final class FixedSeed extends java.security.SecureRandom {
        private final byte[] seed;

        FixedSeed(byte[] seed) {
            this.seed = seed.clone();
        }

        @Override
        public void nextBytes(byte[] bytes) {
            if (bytes.length != seed.length) {
                throw new IllegalStateException("Ed25519 key generation asked for " + bytes.length + " bytes");
            }
            System.arraycopy(seed, 0, bytes, 0, seed.length);
        }
    }
}
