package org.cbdf.audit.events;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.LinkedHashMap;
import java.util.Map;

import org.cbdf.platform.testing.EventContracts;
import org.junit.jupiter.api.Test;

/**
 * The contract of the audit service's published language: every type's earliest shape (what its first producer wrote,
 * the schema's required members only) validates against its JSON Schema, reads into its record, and the record writes
 * it back as a document the schema accepts. A member added later must be optional for this to hold.
 */
class AuditEventContractTests {

    static final Map<String, Class<?>> RECORDS = new LinkedHashMap<>();

    static {
        RECORDS.put(AuditEvents.CHECKPOINT_SIGNED_V1, CheckpointSigned.class);
    }

    @Test
    void everyTypeReadsItsEarliestShapeAndWritesWhatItsSchemaAccepts() {
        assertThat(EventContracts.problems(RECORDS)).isEmpty();
    }
}
