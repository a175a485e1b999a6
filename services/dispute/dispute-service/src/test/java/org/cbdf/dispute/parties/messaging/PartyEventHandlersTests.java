package org.cbdf.dispute.parties.messaging;

import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.mockito.ArgumentMatchers.any;
import static org.mockito.ArgumentMatchers.eq;
import static org.mockito.Mockito.mock;
import static org.mockito.Mockito.verify;
import static org.mockito.Mockito.verifyNoInteractions;

import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.time.OffsetDateTime;
import java.util.Map;
import java.util.UUID;

import org.cbdf.dispute.Assessments;
import org.cbdf.dispute.Transfers;
import org.cbdf.dispute.parties.TransferParties;
import org.cbdf.platform.messaging.IncomingEvent;
import org.cbdf.platform.messaging.InvalidEventException;
import org.cbdf.platform.messaging.ProcessedEvents;
import org.cbdf.policy.events.PolicyEvents;
import org.cbdf.transfer.events.TransferEvents;
import org.junit.jupiter.api.Test;

import tools.jackson.databind.json.JsonMapper;

class PartyEventHandlersTests {

    private final JsonMapper json = JsonMapper.builder().build();
    private final PartyEventMapping mapping = new PartyEventMapping(json);
    private final ProcessedEvents processedEvents = mock(ProcessedEvents.class);
    private final TransferParties parties = mock(TransferParties.class);
    private final TransferEventHandler transfers = new TransferEventHandler(mapping, processedEvents, parties);
    private final PolicyEventHandler policies = new PolicyEventHandler(mapping, processedEvents, parties);

    @Test
    void aSubmissionIsRecordedOnceThroughTheIdempotentConsumer() {
        var event = event(TransferEvents.SUBMITTED_V1, json.writeValueAsBytes(Transfers.submitted("t-1", "acme-cn")));

        transfers.handle(event);

        verify(processedEvents).handleOnce(eq(TransferEventHandler.CONSUMER), eq(event), any());
    }

    @Test
    void anAssessmentIsRecordedOnceThroughTheIdempotentConsumer() {
        var event = event(PolicyEvents.ASSESSMENT_COMPLETED_V1,
                json.writeValueAsBytes(Assessments.reviewRequired("t-1", "acme-cn", "CN")));

        policies.handle(event);

        verify(processedEvents).handleOnce(eq(PolicyEventHandler.CONSUMER), eq(event), any());
    }

    @Test
    void eventTypesTheServiceDoesNotNeedAreSkipped() {
        transfers.handle(event(TransferEvents.ASSESSED_V1, "{}".getBytes(StandardCharsets.UTF_8)));
        transfers.handle(event("transfer.submitted.v2", "{}".getBytes(StandardCharsets.UTF_8)));
        policies.handle(event("policy.adequacy-revoked.v1", "{}".getBytes(StandardCharsets.UTF_8)));

        verifyNoInteractions(processedEvents, parties);
    }

    @Test
    void aKnownTypeWithABadPayloadIsRefusedBeforeAnythingIsRecorded() {
        assertThatThrownBy(() -> transfers.handle(event(TransferEvents.SUBMITTED_V1,
                "{\"transferId\":\"t-1\"}".getBytes(StandardCharsets.UTF_8))))
                .isInstanceOf(InvalidEventException.class);
        assertThatThrownBy(() -> policies.handle(event(PolicyEvents.ASSESSMENT_COMPLETED_V1,
                "[1,2]".getBytes(StandardCharsets.UTF_8))))
                .isInstanceOf(InvalidEventException.class);

        verifyNoInteractions(processedEvents, parties);
    }

    private static IncomingEvent event(String type, byte[] data) {
        return new IncomingEvent(UUID.randomUUID().toString(), type, URI.create("urn:cbdf:test"), "t-1",
                OffsetDateTime.now(), "transfer", "t-1", 1, Map.of(), data);
    }
}
