package org.cbdf.audit.verifier;

import java.util.Base64;

/** How hashes are written in the API, the checkpoints and the bundle: standard base64 (RFC 4648 §4). */
public final class Hashes {

    private Hashes() {
    }

    public static String b64(byte[] hash) {
        return hash == null ? "(none)" : Base64.getEncoder().encodeToString(hash);
    }

    /** Decodes a base64 hash; anything that is not 32 bytes of standard base64 is refused with {@code what} named. */
    public static byte[] fromB64(String value, String what) {
        byte[] hash;
        try {
            hash = Base64.getDecoder().decode(value == null ? "" : value);
        } catch (IllegalArgumentException e) {
            throw new IllegalArgumentException(what + " is not base64: " + value, e);
        }
        if (hash.length != MerkleTree.HASH_SIZE) {
            throw new IllegalArgumentException(what + " is " + hash.length + " bytes, not a SHA-256 hash");
        }
        return hash;
    }
}
