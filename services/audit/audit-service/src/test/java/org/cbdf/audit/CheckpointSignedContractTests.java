package org.cbdf.audit;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Instant;
import java.util.Base64;

import org.cbdf.audit.events.AuditEvents;
import org.cbdf.audit.events.CheckpointSigned;
import org.cbdf.platform.testing.JsonSchemas;
import org.junit.jupiter.api.Test;

import tools.jackson.databind.json.JsonMapper;

/** The published record and its JSON Schema describe the same payload. */
class CheckpointSignedContractTests {

    private final JsonMapper json = JsonMapper.builder().build();

    @Test
    void aCheckpointSerialisesToAPayloadItsSchemaAccepts() {
        var checkpoint = new CheckpointSigned(42, Base64.getEncoder().encodeToString(new byte[32]),
                Instant.parse("2026-03-01T00:00:00Z"), Base64.getEncoder().encodeToString(new byte[64]), "audit-2026");

        assertThat(JsonSchemas.problems(AuditEvents.CHECKPOINT_SIGNED_V1, json.writeValueAsString(checkpoint))).isEmpty();
    }

    @Test
    void theSchemaRefusesAPayloadWithoutSignatureOrWithAShortRootHash() {
        String unsigned = """
                {"treeSize": 1, "rootHash": "AAAA", "time": "2026-03-01T00:00:00Z", "keyId": "audit-2026"}
                """;

        assertThat(JsonSchemas.problems(AuditEvents.CHECKPOINT_SIGNED_V1, unsigned))
                .anyMatch(problem -> problem.contains("signature"))
                .anyMatch(problem -> problem.contains("rootHash"));
    }
}
