package org.cbdf.transfer.events;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.io.InputStream;
import java.time.Instant;
import java.time.LocalDate;
import java.util.List;
import java.util.Set;

import org.cbdf.platform.testing.JsonSchemas;
import org.junit.jupiter.api.Test;

import tools.jackson.databind.json.JsonMapper;
import tools.jackson.databind.node.ObjectNode;

/**
 * The exporter's optional free-trade-zone code, added to {@code transfer.submitted.v1} without a new version: the
 * record and the schema agree on it, and events written before it existed still read and validate.
 */
class TransferSubmittedContractTests {

    static final JsonMapper json = JsonMapper.builder().build();
    static final Instant AT = Instant.parse("2026-11-20T10:00:00Z");

    static TransferSubmitted submitted(TransferRequest.Exporter exporter) {
        return new TransferSubmitted("tr-1", "acme-cn", "alice", AT, new TransferRequest(exporter,
                new TransferRequest.Importer("Acme GmbH", "DE", Set.of(Certification.GLOBAL_CBPR), false),
                "HR administration", Set.of(DataCategory.PERSONAL), new TransferRequest.DataSubjects(120_000, 0),
                Mechanism.STANDARD_CONTRACT, null, Set.of(Safeguard.ENCRYPTION_IN_TRANSIT),
                List.of(new TransferRequest.OnwardTransfer("US")),
                new TransferRequest.Period(LocalDate.of(2026, 12, 1), LocalDate.of(2027, 11, 30))));
    }

    @Test
    void aSubmissionFromAFreeTradeZoneMatchesTheSchemaAndReadsBack() {
        TransferSubmitted fromLingang = submitted(new TransferRequest.Exporter("CN", false, "CN-SH-LINGANG"));

        String payload = json.writeValueAsString(fromLingang);

        assertThat(JsonSchemas.problems(TransferEvents.SUBMITTED_V1, payload)).isEmpty();
        assertThat(json.readValue(payload, TransferSubmitted.class)).isEqualTo(fromLingang);
    }

    @Test
    void anEventWrittenBeforeTheFieldExistedStillReadsAndValidates() {
        ObjectNode old = (ObjectNode) json.readTree(json.writeValueAsString(submitted(
                new TransferRequest.Exporter("CN", true))));
        ((ObjectNode) old.path("request").path("exporter")).remove("freeTradeZone");
        assertThat(old.path("request").path("exporter").propertyNames()).containsExactlyInAnyOrder("jurisdiction", "ciio");

        TransferSubmitted read = json.treeToValue(old, TransferSubmitted.class);

        assertThat(JsonSchemas.problems(TransferEvents.SUBMITTED_V1, old.toString())).isEmpty();
        assertThat(read.request().exporter()).isEqualTo(new TransferRequest.Exporter("CN", true, null));
    }

    @Test
    void aMalformedZoneCodeIsRefusedByTheSchema() {
        for (String bad : List.of("Lingang", "cn-sh", "CN", "CN-", "CN-SH-LINGANG-PHASE-TWO-X", "CN-SH LINGANG")) {
            String payload = json.writeValueAsString(submitted(new TransferRequest.Exporter("CN", false, bad)));

            assertThat(JsonSchemas.problems(TransferEvents.SUBMITTED_V1, payload)).as(bad).isNotEmpty();
            assertThat(bad).as(bad).doesNotMatch(TransferRequest.Exporter.FREE_TRADE_ZONE_CODE);
        }
    }

    @Test
    void theSchemaAndTheRecordShareOneZoneCodePattern() throws IOException {
        try (InputStream schema = getClass().getResourceAsStream("/schemas/" + TransferEvents.SUBMITTED_V1 + ".json")) {
            String pattern = json.readTree(schema).path("properties").path("request").path("properties")
                    .path("exporter").path("properties").path("freeTradeZone").path("pattern").asString();

            assertThat(pattern).isEqualTo(TransferRequest.Exporter.FREE_TRADE_ZONE_CODE);
        }
        assertThat("CN-SH").matches(TransferRequest.Exporter.FREE_TRADE_ZONE_CODE);
        assertThat("CN-SH-LINGANG").matches(TransferRequest.Exporter.FREE_TRADE_ZONE_CODE);
    }
}
