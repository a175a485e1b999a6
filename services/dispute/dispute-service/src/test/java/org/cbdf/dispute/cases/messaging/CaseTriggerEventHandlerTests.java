package org.cbdf.dispute.cases.messaging;

import static org.assertj.core.api.Assertions.assertThat;
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

import org.cbdf.dispute.Triggers;
import org.cbdf.dispute.cases.DisputeProcedure;
import org.cbdf.dispute.events.Trigger;
import org.cbdf.platform.messaging.IncomingEvent;
import org.cbdf.platform.messaging.InvalidEventException;
import org.cbdf.platform.messaging.ProcessedEvents;
import org.cbdf.policy.events.PolicyEvents;
import org.cbdf.transfer.events.TransferEvents;
import org.junit.jupiter.api.Test;

import tools.jackson.databind.json.JsonMapper;
import tools.jackson.databind.node.ObjectNode;

class CaseTriggerEventHandlerTests {

    private final JsonMapper json = JsonMapper.builder().build();
    private final ProcessedEvents processedEvents = mock(ProcessedEvents.class);
    private final DisputeProcedure procedure = mock(DisputeProcedure.class);
    private final CaseTriggerEventHandler triggers = new CaseTriggerEventHandler(json, processedEvents, procedure);

    @Test
    void anAppealOpensACaseBetweenEveryInvolvedRegulatorAndTheEnterprise() {
        var appealed = Triggers.appealed("t-1", "acme-cn");

        var opening = triggers.appeal(event(TransferEvents.APPEALED_V1, "t-1", json.writeValueAsBytes(appealed)));

        assertThat(opening.trigger()).isEqualTo(Trigger.APPEAL);
        assertThat(opening.parties()).containsExactly("CN", "DE");
        assertThat(opening.organization()).isEqualTo("acme-cn");
        assertThat(opening.grounds()).contains("rejection by CN").contains(appealed.grounds());
        assertThat(opening.triggerKey()).isEqualTo("appeal:t-1:" + appealed.appealedAt());
    }

    @Test
    void aPolicyConflictOpensACaseNamingTheRulesInConflict() {
        var conflict = Triggers.conflict("t-1", "acme-cn");

        var opening = triggers.conflict(event(PolicyEvents.CONFLICT_DETECTED_V1, "t-1", json.writeValueAsBytes(conflict)));

        assertThat(opening.trigger()).isEqualTo(Trigger.POLICY_CONFLICT);
        assertThat(opening.rules()).containsExactly("cn.data-localisation", "eu.gdpr.art-48");
        assertThat(opening.triggerKey()).isEqualTo("conflict:" + conflict.conflictId());
    }

    @Test
    void eachTriggerGoesThroughTheIdempotentConsumerAndOtherTypesAreSkipped() {
        var event = event(TransferEvents.APPEALED_V1, "t-1", json.writeValueAsBytes(Triggers.appealed("t-1", "a")));

        triggers.handle(event);
        triggers.handle(event(TransferEvents.SUBMITTED_V1, "t-1", "{}".getBytes(StandardCharsets.UTF_8)));
        triggers.handle(event(PolicyEvents.ASSESSMENT_COMPLETED_V1, "t-1", "{}".getBytes(StandardCharsets.UTF_8)));

        verify(processedEvents).handleOnce(eq(CaseTriggerEventHandler.CONSUMER), eq(event), any());
        verifyNoInteractions(procedure);
    }

    @Test
    void anAppealLackingWhatACaseNeedsIsRefusedNamingEachProblem() {
        ObjectNode payload = json.valueToTree(Triggers.appealed("t-1", "acme-cn"));
        payload.remove("organization");
        payload.putArray("jurisdictions").add("China");

        assertThatThrownBy(() -> triggers.handle(event(TransferEvents.APPEALED_V1, "t-2",
                json.writeValueAsBytes(payload))))
                .isInstanceOf(InvalidEventException.class)
                .hasMessageContaining("organization is missing")
                .hasMessageContaining("jurisdictions[0] 'China' is not an ISO 3166-1 alpha-2 code")
                .hasMessageContaining("transferId 't-1' is not the event's aggregateid 't-2'");
        verifyNoInteractions(processedEvents, procedure);
    }

    private static IncomingEvent event(String type, String aggregateId, byte[] data) {
        return new IncomingEvent(UUID.randomUUID().toString(), type, URI.create("urn:cbdf:test"), aggregateId,
                OffsetDateTime.now(), "transfer", aggregateId, 1, Map.of(), data);
    }
}
