package org.cbdf.audit.ledger;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.time.OffsetDateTime;

import io.cloudevents.CloudEvent;
import io.cloudevents.core.builder.CloudEventBuilder;
import org.cbdf.audit.verifier.MerkleTree;
import org.cbdf.platform.messaging.IncomingEvent;
import org.cbdf.platform.messaging.InvalidEventException;
import org.junit.jupiter.api.Test;

import tools.jackson.databind.json.JsonMapper;

class EventLeafTests {

    private final EventLeaf leaves = new EventLeaf(JsonMapper.builder().build());

    @Test
    void theLeafIsTheCanonicalCloudEventWithItsParsedPayload() {
        CloudEvent event = event("{ \"transferId\": \"t-1\", \"count\": 120000.0, \"a\": [2, 1] }", "application/json");

        String leaf = new String(leaves.of(event, IncomingEvent.from(event)), StandardCharsets.UTF_8);

        assertThat(leaf).isEqualTo("{\"aggregateid\":\"t-1\",\"aggregatetype\":\"transfer\",\"aggregateversion\":\"1\","
                + "\"data\":{\"a\":[2,1],\"count\":120000,\"transferId\":\"t-1\"},"
                + "\"datacontenttype\":\"application/json\",\"id\":\"e-1\",\"jurisdictions\":\"CN,DE\","
                + "\"organization\":\"acme-cn\",\"source\":\"urn:cbdf:transfer-service\",\"specversion\":\"1.0\","
                + "\"subject\":\"t-1\",\"time\":\"2026-03-01T10:15:30+08:00\",\"type\":\"transfer.submitted.v1\"}");
    }

    @Test
    void theSameEventSerialisedDifferentlyGivesTheSameLeaf() {
        CloudEvent compact = event("{\"b\":1,\"a\":\"x\"}", "application/json");
        CloudEvent pretty = event("{\n  \"a\" : \"x\",\n  \"b\" : 1.0\n}", "application/json; charset=utf-8");

        assertThat(MerkleTree.leafHash(leaves.of(compact, IncomingEvent.from(compact))))
                .isNotEqualTo(MerkleTree.leafHash(leaves.of(pretty, IncomingEvent.from(pretty)))); // content type differs
        CloudEvent prettySameType = event("{\n  \"a\" : \"x\",\n  \"b\" : 1.0\n}", "application/json");
        assertThat(leaves.of(prettySameType, IncomingEvent.from(prettySameType)))
                .isEqualTo(leaves.of(compact, IncomingEvent.from(compact)));
    }

    @Test
    void aPayloadThatIsNotJsonButSaysItIsCanNeverBeAppended() {
        CloudEvent event = event("not json {", "application/json");

        assertThatThrownBy(() -> leaves.of(event, IncomingEvent.from(event)))
                .isInstanceOf(InvalidEventException.class).hasMessageContaining("is not JSON");
    }

    @Test
    void duplicateMemberNamesAreRefusedBecauseTheyHaveNoOneMeaning() {
        CloudEvent event = event("{\"a\":1,\"a\":2}", "application/json");

        assertThatThrownBy(() -> leaves.of(event, IncomingEvent.from(event)))
                .isInstanceOf(InvalidEventException.class);
    }

    @Test
    void aNonJsonPayloadIsKeptAsBase64() {
        CloudEvent event = event("plain text", "text/plain");

        String leaf = new String(leaves.of(event, IncomingEvent.from(event)), StandardCharsets.UTF_8);

        assertThat(leaf).contains("\"data_base64\":\"cGxhaW4gdGV4dA==\"").doesNotContain("\"data\":");
        assertThat(leaves.payloadOf(leaf.getBytes(StandardCharsets.UTF_8)).stringValue()).isEqualTo("cGxhaW4gdGV4dA==");
    }

    private static CloudEvent event(String data, String contentType) {
        return CloudEventBuilder.v1()
                .withId("e-1")
                .withSource(URI.create("urn:cbdf:transfer-service"))
                .withType("transfer.submitted.v1")
                .withSubject("t-1")
                .withTime(OffsetDateTime.parse("2026-03-01T10:15:30+08:00"))
                .withDataContentType(contentType)
                .withExtension("aggregateid", "t-1")
                .withExtension("aggregatetype", "transfer")
                .withExtension("aggregateversion", "1")
                .withExtension("organization", "acme-cn")
                .withExtension("jurisdictions", "CN,DE")
                .withData(data.getBytes(StandardCharsets.UTF_8))
                .build();
    }
}
