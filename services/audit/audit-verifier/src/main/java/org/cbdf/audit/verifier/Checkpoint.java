package org.cbdf.audit.verifier;

import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.time.format.DateTimeParseException;
import java.util.Arrays;
import java.util.Base64;
import java.util.List;

/**
 * A signed tree head in the C2SP tlog-checkpoint form: a signed note whose text is the log's origin, the tree
 * size in decimal and the base64 root hash, one per line, then (an extension line) the time it was signed;
 * after a blank line, the log's signature line {@code — <key name> base64(key hash ‖ Ed25519 signature)}.
 * The signature covers the whole text, time included.
 *
 * <pre>
 * audit.cbdf.example/ledger
 * 1042
 * CsUYapGGPo4dkMgIAUqom/Xajj7h2fB2MPA3j2jxq2I=
 * time 2026-11-28T21:00:00Z
 *
 * — audit.cbdf.example/ledger Az3grlgtzPICa5OS8npVmf1Myq/5IZniMp+ZJurmRDeOoRDe4URYN7u5/Zhcyv2q1gGzGku9nTo+zyWE+xeMcTOAYQ8=
 * </pre>
 */
public record Checkpoint(String origin, long treeSize, byte[] rootHash, Instant time) {

    private static final String TIME_PREFIX = "time ";
    private static final String SIGNATURE_PREFIX = "\u2014 ";

    public Checkpoint {
        if (origin == null || origin.isEmpty() || origin.contains("\n")) {
            throw new IllegalArgumentException("a checkpoint's origin is one non-empty line");
        }
        if (treeSize < 0) {
            throw new IllegalArgumentException("tree size must not be negative: " + treeSize);
        }
        if (rootHash == null || rootHash.length != MerkleTree.HASH_SIZE) {
            throw new IllegalArgumentException("the root hash is a SHA-256 hash");
        }
        rootHash = rootHash.clone();
    }

    @Override
    public byte[] rootHash() {
        return rootHash.clone();
    }

    /** The note text the signature covers, newline-terminated. */
    public String text() {
        return origin + "\n" + treeSize + "\n" + Base64.getEncoder().encodeToString(rootHash) + "\n" + TIME_PREFIX
                + time + "\n";
    }

    public byte[] textBytes() {
        return text().getBytes(StandardCharsets.UTF_8);
    }

    /** The signed note: the text, a blank line, the signature line of {@code key} over the text. */
    public String signedNote(LogKey key, byte[] signature) {
        byte[] keyHash = key.keyHash();
        byte[] line = new byte[keyHash.length + signature.length];
        System.arraycopy(keyHash, 0, line, 0, keyHash.length);
        System.arraycopy(signature, 0, line, keyHash.length, signature.length);
        return text() + "\n" + SIGNATURE_PREFIX + key.name() + " " + Base64.getEncoder().encodeToString(line) + "\n";
    }

    @Override
    public boolean equals(Object other) {
        return other instanceof Checkpoint that && origin.equals(that.origin) && treeSize == that.treeSize
                && Arrays.equals(rootHash, that.rootHash) && java.util.Objects.equals(time, that.time);
    }

    @Override
    public int hashCode() {
        return java.util.Objects.hash(origin, treeSize, Arrays.hashCode(rootHash), time);
    }

    @Override
    public String toString() {
        return "checkpoint " + treeSize + " of " + origin + " (root " + Hashes.b64(rootHash) + ", " + time + ")";
    }

    /**
     * Reads a signed note and checks its signature with {@code key}: the checkpoint only if the key's signature
     * line is there and verifies.
     *
     * @throws InvalidCheckpointException naming what is wrong
     */
    public static Checkpoint open(String signedNote, LogKey key) {
        int split = signedNote.indexOf("\n\n");
        if (split < 0) {
            throw new InvalidCheckpointException("not a signed note: no blank line between text and signatures");
        }
        String text = signedNote.substring(0, split + 1);
        List<String> signatures = signedNote.substring(split + 2).lines().filter(l -> !l.isEmpty()).toList();
        boolean signed = false;
        for (String line : signatures) {
            if (!line.startsWith(SIGNATURE_PREFIX)) {
                throw new InvalidCheckpointException("malformed signature line: " + line);
            }
            String[] parts = line.substring(SIGNATURE_PREFIX.length()).split(" ", 2);
            if (parts.length != 2 || !parts[0].equals(key.name())) {
                continue; // another key's signature (a witness's cosignature): not ours to check
            }
            byte[] decoded;
            try {
                decoded = Base64.getDecoder().decode(parts[1]);
            } catch (IllegalArgumentException e) {
                throw new InvalidCheckpointException("the signature of " + key.name() + " is not base64");
            }
            if (decoded.length < 5 || !Arrays.equals(Arrays.copyOf(decoded, 4), key.keyHash())) {
                continue; // same name, other key (e.g. after a rotation)
            }
            if (!key.verifies(text.getBytes(StandardCharsets.UTF_8), Arrays.copyOfRange(decoded, 4, decoded.length))) {
                throw new InvalidCheckpointException("the signature of " + key.keyId() + " does not verify");
            }
            signed = true;
        }
        if (!signed) {
            throw new InvalidCheckpointException("no signature of " + key.keyId() + " on the checkpoint");
        }
        return parseText(text);
    }

    /** The checkpoint a note text states, without looking at any signature. */
    public static Checkpoint parseText(String text) {
        List<String> lines = text.lines().toList();
        if (lines.size() < 3) {
            throw new InvalidCheckpointException("a checkpoint has at least three lines: origin, size, root hash");
        }
        long size;
        try {
            size = Long.parseLong(lines.get(1));
        } catch (NumberFormatException e) {
            throw new InvalidCheckpointException("the tree size is not a number: " + lines.get(1));
        }
        if (size < 0 || !Long.toString(size).equals(lines.get(1))) {
            throw new InvalidCheckpointException("the tree size is not a plain decimal: " + lines.get(1));
        }
        byte[] root;
        try {
            root = Hashes.fromB64(lines.get(2), "the root hash");
        } catch (IllegalArgumentException e) {
            throw new InvalidCheckpointException(e.getMessage());
        }
        Instant time = null;
        for (String extension : lines.subList(3, lines.size())) {
            if (extension.startsWith(TIME_PREFIX)) {
                try {
                    time = Instant.parse(extension.substring(TIME_PREFIX.length()));
                } catch (DateTimeParseException e) {
                    throw new InvalidCheckpointException("the time line is not an ISO-8601 instant: " + extension);
                }
            }
        }
        return new Checkpoint(lines.get(0), size, root, time);
    }

    /** A checkpoint that cannot be read or whose signature does not verify. */
    public static class InvalidCheckpointException extends RuntimeException {
        public InvalidCheckpointException(String reason) {
            super(reason);
        }
    }
}
