package org.cbdf.transfer.events;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import org.cbdf.platform.testing.EventContracts;
import org.junit.jupiter.api.Test;

/**
 * The contract of the transfer service's published language: every type's earliest shape (what its first producer wrote,
 * the schema's required members only) validates against its JSON Schema, reads into its record, and the record writes
 * it back as a document the schema accepts. A member added later must be optional for this to hold.
 */
class TransferEventContractTests {

    static final Map<String, Class<?>> RECORDS = new LinkedHashMap<>();

    static {
        RECORDS.put(TransferEvents.SUBMITTED_V1, TransferSubmitted.class);
        RECORDS.put(TransferEvents.ASSESSED_V1, TransferAssessed.class);
        RECORDS.put(TransferEvents.DECISION_RECORDED_V1, DecisionRecorded.class);
        RECORDS.put(TransferEvents.APPEALED_V1, TransferAppealed.class);
        RECORDS.put(TransferEvents.APPEAL_DECIDED_V1, AppealDecided.class);
        RECORDS.put(TransferEvents.OBLIGATION_FULFILLED_V1, ObligationFulfilled.class);
        RECORDS.put(TransferEvents.WITHDRAWN_V1, TransferWithdrawn.class);
        RECORDS.put(TransferEvents.SUSPENDED_V1, TransferSuspended.class);
        RECORDS.put(TransferEvents.REINSTATED_V1, TransferReinstated.class);
        RECORDS.put(TransferEvents.EXPIRED_V1, TransferExpired.class);
    }

    @Test
    void everyTypeReadsItsEarliestShapeAndWritesWhatItsSchemaAccepts() {
        assertThat(EventContracts.problems(RECORDS)).isEmpty();
    }
}
