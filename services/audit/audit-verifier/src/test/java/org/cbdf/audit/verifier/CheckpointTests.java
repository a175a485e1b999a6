package org.cbdf.audit.verifier;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Instant;

import org.junit.jupiter.api.Test;

/** Checkpoints are C2SP signed notes: the text, a blank line, the Ed25519 signature line with the key hash. */
class CheckpointTests {

    private final TestLog log = new TestLog().transfer("tr-1", 3);
    private final Checkpoint checkpoint = new Checkpoint(TestLog.ORIGIN, 3, log.root(3),
            Instant.parse("2026-11-28T21:00:00Z"));

    @Test
    void theNoteHasTheTlogCheckpointShapeAndOpensWithTheKey() {
        String note = checkpoint.signedNote(log.key, log.sign(checkpoint.textBytes()));

        assertThat(note).startsWith(TestLog.ORIGIN + "\n3\n" + Hashes.b64(log.root(3)) + "\ntime 2026-11-28T21:00:00Z\n\n\u2014 "
                + TestLog.ORIGIN + " ");
        assertThat(Checkpoint.open(note, log.key)).isEqualTo(checkpoint);
    }

    @Test
    void anyChangeToTheSignedTextBreaksTheSignature() {
        String note = checkpoint.signedNote(log.key, log.sign(checkpoint.textBytes()));

        assertThatThrownBy(() -> Checkpoint.open(note.replace("\n3\n", "\n4\n"), log.key))
                .isInstanceOf(Checkpoint.InvalidCheckpointException.class).hasMessageContaining("does not verify");
        assertThatThrownBy(() -> Checkpoint.open(note.replace("21:00:00Z", "22:00:00Z"), log.key))
                .isInstanceOf(Checkpoint.InvalidCheckpointException.class).hasMessageContaining("does not verify");
        assertThatThrownBy(() -> Checkpoint.open(note, new TestLog().key))
                .isInstanceOf(Checkpoint.InvalidCheckpointException.class).hasMessageContaining("no signature of");
    }

    @Test
    void theVerifierKeyAndThePemNameTheSameKey() {
        LogKey fromVkey = LogKey.fromVerifierKey(log.key.verifierKey());
        LogKey fromPem = LogKey.fromPem(TestLog.ORIGIN, log.key.pem());

        assertThat(fromVkey.keyId()).isEqualTo(log.key.keyId()).isEqualTo(fromPem.keyId());
        assertThat(log.key.verifierKey()).matches(java.util.regex.Pattern.quote(TestLog.ORIGIN) + "\\+[0-9a-f]{8}\\+[A-Za-z0-9+/]{44}");
        assertThatThrownBy(() -> LogKey.fromVerifierKey(log.key.verifierKey().replaceFirst("\\+[0-9a-f]{8}\\+", "+00000000+")))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("does not match");
    }
}
