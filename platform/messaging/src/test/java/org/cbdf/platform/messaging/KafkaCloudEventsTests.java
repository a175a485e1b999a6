package org.cbdf.platform.messaging;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.util.HashMap;
import java.util.Map;

import io.cloudevents.CloudEvent;
import io.cloudevents.core.builder.CloudEventBuilder;
import io.cloudevents.kafka.KafkaMessageFactory;
import org.apache.kafka.common.header.Header;
import org.junit.jupiter.api.Test;
import org.springframework.kafka.support.KafkaHeaders;
import org.springframework.messaging.Message;
import org.springframework.messaging.support.MessageBuilder;

class KafkaCloudEventsTests {

    @Test
    void anEventOfItsOwnersTypeFromItsOwnerOnItsOwnersTopicIsRead() {
        CloudEvent read = KafkaCloudEvents.read(record("dispute.events", "dispute.resolved.v1", "urn:cbdf:dispute-service"));

        assertThat(read.getType()).isEqualTo("dispute.resolved.v1");
        assertThat(read.getSource()).hasToString("urn:cbdf:dispute-service");
    }

    @Test
    void aDisputeDecisionThatNamesAnotherSourceIsRefusedWithTheReason() {
        assertThatThrownBy(() -> KafkaCloudEvents.read(record("dispute.events", "dispute.resolved.v1",
                "urn:cbdf:policy-service")))
                .isInstanceOf(InvalidEventException.class)
                .hasMessageContaining("dispute.resolved.v1 is published only by dispute-service")
                .hasMessageContaining("urn:cbdf:policy-service");
    }

    @Test
    void anEventOfOneOwnerOnAnotherOwnersTopicIsRefusedEvenWithTheRightSource() {
        assertThatThrownBy(() -> KafkaCloudEvents.read(record("policy.events", "dispute.resolved.v1",
                "urn:cbdf:dispute-service")))
                .isInstanceOf(InvalidEventException.class)
                .hasMessageContaining("does not belong on policy.events");
        assertThatThrownBy(() -> KafkaCloudEvents.read(record("transfer.events", "forged.anything.v1",
                "urn:cbdf:transfer-service")))
                .isInstanceOf(InvalidEventException.class)
                .hasMessageContaining("does not belong on transfer.events");
    }

    @Test
    void aPlatformTypeIsCheckedEvenWhereTheTopicIsUnknown() {
        assertThatThrownBy(() -> KafkaCloudEvents.read(record(null, "transfer.submitted.v1", "urn:cbdf:test")))
                .isInstanceOf(InvalidEventException.class)
                .hasMessageContaining("published only by transfer-service");
        assertThat(KafkaCloudEvents.read(record("scratch", "test.anything.v1", "urn:cbdf:test")).getType())
                .isEqualTo("test.anything.v1");
    }

    private static Message<byte[]> record(String topic, String type, String source) {
        CloudEvent event = CloudEventBuilder.v1().withId("e-1").withType(type).withSource(URI.create(source))
                .withData("application/json", "{}".getBytes(StandardCharsets.UTF_8)).build();
        var kafkaRecord = KafkaMessageFactory.createWriter("any").writeBinary(event);
        Map<String, Object> headers = new HashMap<>();
        for (Header header : kafkaRecord.headers()) {
            headers.put(header.key(), header.value());
        }
        if (topic != null) {
            headers.put(KafkaHeaders.RECEIVED_TOPIC, topic);
        }
        return MessageBuilder.withPayload(kafkaRecord.value()).copyHeaders(headers).build();
    }
}
