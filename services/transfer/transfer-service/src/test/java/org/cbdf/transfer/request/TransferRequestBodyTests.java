package org.cbdf.transfer.request;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Instant;
import java.util.List;
import java.util.Map;

import org.cbdf.platform.testing.JsonSchemas;
import org.cbdf.platform.web.FieldError;
import org.cbdf.transfer.events.TransferEvents;
import org.cbdf.transfer.events.TransferRequest;
import org.cbdf.transfer.events.TransferSubmitted;
import org.junit.jupiter.api.Test;

import tools.jackson.databind.MapperFeature;
import tools.jackson.databind.SerializationFeature;
import tools.jackson.databind.json.JsonMapper;

/**
 * The exporter's optional free-trade zone (CAC Provisions 2024, Art. 6): checked on submit, carried into the
 * published {@code transfer.submitted.v1}, and left out of the idempotency hash when absent.
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
    void aRequestWithoutAZoneHashesAsBeforeTheFieldExistedSoARetryAcrossTheUpgradeFindsItsFirstResult() {
        TransferSubmission submission = new TransferSubmission(null, null, null, json, null);
        TransferRequest withoutZone = body(TransferRequests.hrDataToGermany()).toRequest();
        // the canonical form as it was before the field existed: the same, without "freeTradeZone":null
        String withNull = json.rebuild().enable(MapperFeature.SORT_PROPERTIES_ALPHABETICALLY)
                .enable(SerializationFeature.ORDER_MAP_ENTRIES_BY_KEYS).build().writeValueAsString(withoutZone);
        assertThat(withNull).contains("\"exporter\":{\"jurisdiction\":\"CN\",\"ciio\":false,\"freeTradeZone\":null}");
        String before = withNull.replace(",\"freeTradeZone\":null", "");

        assertThat(submission.hash(withoutZone)).isEqualTo(sha256(before));
        assertThat(submission.hash(fromZone("CN-SH-LINGANG").toRequest())).isNotEqualTo(submission.hash(withoutZone));
    }

    private static String sha256(String text) {
        try {
            return java.util.HexFormat.of().formatHex(java.security.MessageDigest.getInstance("SHA-256")
                    .digest(text.getBytes(java.nio.charset.StandardCharsets.UTF_8)));
        } catch (java.security.NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
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
