package org.cbdf.transfer.requests.web;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Instant;
import java.util.List;
import java.util.Map;

import org.cbdf.platform.testing.JsonSchemas;
import org.cbdf.platform.web.FieldError;
import org.cbdf.transfer.events.TransferEvents;
import org.cbdf.transfer.events.TransferRequest;
import org.cbdf.transfer.events.TransferSubmitted;
import org.cbdf.transfer.TransferRequests;
import org.cbdf.transfer.requests.Transfer;
import org.junit.jupiter.api.Test;

import tools.jackson.databind.json.JsonMapper;

/**
 * The exporter's optional free-trade zone (CAC Provisions 2024, Art. 6): checked on submit, carried into the
 * published {@code transfer.submitted.v1} (its hash: {@code TransferSubmissionTests}); counts at and over their bound.
 */
class TransferRequestBodyTests {

    static final JsonMapper json = JsonMapper.builder().build();

    static TransferRequestBody body(Map<String, Object> fields) {
        return json.convertValue(fields, TransferRequestBody.class);
    }

    static TransferRequestBody fromZone(Object zone) {
        return body(TransferRequests.with(TransferRequests.hrDataToGermany(), "exporter.freeTradeZone", zone));
    }

    @Test
    void aZoneOfTheExportersJurisdictionIsAcceptedAndPublishedWithTheSubmission() {
        TransferRequestBody body = fromZone("CN-SH-LINGANG");
        assertThat(body.validate()).isEmpty();

        Transfer transfer = Transfer.submit("acme-cn", "enterprise-cn", body.toRequest(),
                Instant.parse("2026-11-20T10:00:00Z"));

        TransferSubmitted submitted = (TransferSubmitted) transfer.recordedEvents().getFirst().payload();
        assertThat(submitted.request().exporter()).isEqualTo(new TransferRequest.Exporter("CN", false, "CN-SH-LINGANG"));
        String payload = json.writeValueAsString(submitted);
        assertThat(JsonSchemas.problems(TransferEvents.SUBMITTED_V1, payload)).isEmpty();
        assertThat(payload).contains("\"freeTradeZone\":\"CN-SH-LINGANG\"");
    }

    @Test
    void withoutAZoneNothingChanges() {
        TransferRequestBody body = body(TransferRequests.hrDataToGermany());

        assertThat(body.validate()).isEmpty();
        assertThat(body.toRequest().exporter()).isEqualTo(new TransferRequest.Exporter("CN", false));
    }

    @Test
    void aMalformedZoneOrOneOfAnotherJurisdictionIsRefusedNamingTheField() {
        for (String bad : List.of("Lingang", "cn-sh", "CN-", "CN-SH LINGANG", "x".repeat(600))) {
            assertThat(fromZone(bad).validate()).as(bad).singleElement().satisfies(error -> {
                assertThat(error.field()).isEqualTo("exporter.freeTradeZone");
                assertThat(error.reason()).contains("is not a free trade zone code like CN-SH or CN-SH-LINGANG");
            });
        }
        assertThat(fromZone("DE-BY").validate()).extracting(FieldError::field, FieldError::reason).containsExactly(
                org.assertj.core.groups.Tuple.tuple("exporter.freeTradeZone",
                        "'DE-BY' is not a zone of the exporter's jurisdiction CN"));
    }

    @Test
    void countsUpToTheBoundAreValidAndOverItRefusedNamingTheField() {
        long max = TransferRequest.DataSubjects.MAX_COUNT;
        var atTheBound = TransferRequests.with(TransferRequests.with(TransferRequests.hrDataToGermany(),
                "dataSubjects.count", max), "dataSubjects.sensitiveCount", max);
        assertThat(body(atTheBound).validate()).isEmpty();

        var over = TransferRequests.with(TransferRequests.with(TransferRequests.hrDataToGermany(),
                "dataSubjects.count", max + 1), "dataSubjects.sensitiveCount", max + 1);
        assertThat(body(over).validate()).extracting(FieldError::field, FieldError::reason).containsExactly(
                org.assertj.core.groups.Tuple.tuple("dataSubjects.count", "must be at most 2000000000, was 2000000001"),
                org.assertj.core.groups.Tuple.tuple("dataSubjects.sensitiveCount",
                        "must be at most 2000000000, was 2000000001"));
    }
}
