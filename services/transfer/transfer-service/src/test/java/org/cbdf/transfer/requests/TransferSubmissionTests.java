package org.cbdf.transfer.requests;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.Map;

import org.cbdf.transfer.TransferRequests;
import org.cbdf.transfer.events.TransferRequest;
import org.junit.jupiter.api.Test;

import tools.jackson.databind.MapperFeature;
import tools.jackson.databind.SerializationFeature;
import tools.jackson.databind.json.JsonMapper;

/** The idempotency hash of a submitted request: the exporter's free-trade zone is left out of it when absent. */
class TransferSubmissionTests {

    static final JsonMapper json = JsonMapper.builder().build();

    static TransferRequest request(Map<String, Object> fields) {
        return json.convertValue(fields, TransferRequest.class);
    }

    @Test
    void aRequestWithoutAZoneHashesAsBeforeTheFieldExistedSoARetryAcrossTheUpgradeFindsItsFirstResult() {
        TransferSubmission submission = new TransferSubmission(null, null, null, json, null);
        TransferRequest withoutZone = request(TransferRequests.hrDataToGermany());
        // the canonical form as it was before the field existed: the same, without "freeTradeZone":null
        String withNull = json.rebuild().enable(MapperFeature.SORT_PROPERTIES_ALPHABETICALLY)
                .enable(SerializationFeature.ORDER_MAP_ENTRIES_BY_KEYS).build().writeValueAsString(withoutZone);
        assertThat(withNull).contains("\"exporter\":{\"jurisdiction\":\"CN\",\"ciio\":false,\"freeTradeZone\":null}");
        String before = withNull.replace(",\"freeTradeZone\":null", "");

        assertThat(submission.hash(withoutZone)).isEqualTo(sha256(before));
        assertThat(submission.hash(request(TransferRequests.with(TransferRequests.hrDataToGermany(), "exporter.freeTradeZone", "CN-SH-LINGANG")))).isNotEqualTo(submission.hash(withoutZone));
    }

    private static String sha256(String text) {
        try {
            return java.util.HexFormat.of().formatHex(java.security.MessageDigest.getInstance("SHA-256")
                    .digest(text.getBytes(java.nio.charset.StandardCharsets.UTF_8)));
        } catch (java.security.NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }
}
