package org.cbdf.dispute.events;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.LinkedHashMap;
import java.util.Map;

import org.cbdf.platform.testing.EventContracts;
import org.junit.jupiter.api.Test;

/**
 * The contract of the dispute service's published language: every type's earliest shape (what its first producer wrote,
 * the schema's required members only) validates against its JSON Schema, reads into its record, and the record writes
 * it back as a document the schema accepts. A member added later must be optional for this to hold.
 */
class DisputeEventContractTests {

    static final Map<String, Class<?>> RECORDS = new LinkedHashMap<>();

    static {
        RECORDS.put(DisputeEvents.OPENED_V1, DisputeOpened.class);
        RECORDS.put(DisputeEvents.RESOLVED_V1, DisputeResolved.class);
        RECORDS.put(DisputeEvents.STATEMENT_FILED_V1, StatementFiled.class);
        RECORDS.put(DisputeEvents.ESCALATED_V1, DisputeEscalated.class);
        RECORDS.put(DisputeEvents.VOTE_CAST_V1, VoteCast.class);
        RECORDS.put(DisputeEvents.DEADLINE_MISSED_V1, DeadlineMissed.class);
    }

    @Test
    void everyTypeReadsItsEarliestShapeAndWritesWhatItsSchemaAccepts() {
        assertThat(EventContracts.problems(RECORDS)).isEmpty();
    }
}
