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

    static TransferSubmitted counting(long count, long sensitiveCount) {
        TransferSubmitted any = submitted(new TransferRequest.Exporter("CN", false));
        TransferRequest r = any.request();
        return new TransferSubmitted(any.transferId(), any.organization(), any.submittedBy(), any.submittedAt(),
                new TransferRequest(r.exporter(), r.importer(), r.purpose(), r.dataCategories(),
                        new TransferRequest.DataSubjects(count, sensitiveCount), r.mechanism(), r.exemption(),
                        r.safeguards(), r.onwardTransfers(), r.period()));
    }

    @Test
    void countsUpToTheBoundMatchTheSchemaAndOneMoreDoesNot() {
        long max = TransferRequest.DataSubjects.MAX_COUNT;

        assertThat(JsonSchemas.problems(TransferEvents.SUBMITTED_V1, json.writeValueAsString(counting(max, max))))
                .isEmpty();
        assertThat(JsonSchemas.problems(TransferEvents.SUBMITTED_V1, json.writeValueAsString(counting(max + 1, 0))))
                .singleElement().asString().contains("count");
        assertThat(JsonSchemas.problems(TransferEvents.SUBMITTED_V1, json.writeValueAsString(counting(max + 1, max + 1))))
                .hasSize(2);
    }

    @Test
    void theSchemaStatesTheRecordsBoundOnCounts() throws IOException {
        try (InputStream schema = getClass().getResourceAsStream("/schemas/" + TransferEvents.SUBMITTED_V1 + ".json")) {
            var subjects = json.readTree(schema).path("properties").path("request").path("properties")
                    .path("dataSubjects").path("properties");

            assertThat(subjects.path("count").path("maximum").asLong()).isEqualTo(TransferRequest.DataSubjects.MAX_COUNT);
            assertThat(subjects.path("sensitiveCount").path("maximum").asLong())
                    .isEqualTo(TransferRequest.DataSubjects.MAX_COUNT);
        }
    }
}
