package org.cbdf.audit.ledger;

import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.time.temporal.ChronoUnit;
import java.util.UUID;

import io.cloudevents.CloudEvent;
import io.cloudevents.core.builder.CloudEventBuilder;

/** Object Mother: CloudEvents as the platform's services publish them. */
final class PlatformEvents {

    private PlatformEvents() {
    }

    static CloudEventBuilder transferEvent(String transferId, long version, String organization, String jurisdictions) {
        return CloudEventBuilder.v1()
                .withId(UUID.randomUUID().toString())
                .withSource(URI.create("urn:cbdf:transfer-service"))
                .withType(version == 1 ? "transfer.submitted.v1" : "transfer.assessed.v1")
                .withSubject(transferId)
                .withTime(OffsetDateTime.now(ZoneOffset.UTC).truncatedTo(ChronoUnit.MILLIS))
                .withDataContentType("application/json")
                .withExtension("aggregateid", transferId)
                .withExtension("aggregatetype", "transfer")
                .withExtension("aggregateversion", version)
                .withExtension("organization", organization)
                .withExtension("jurisdictions", jurisdictions)
                .withData(("{\"transferId\":\"" + transferId + "\",\"organization\":\"" + organization
                        + "\",\"step\":" + version + "}").getBytes(StandardCharsets.UTF_8));
    }

    static CloudEvent transfer(String transferId, long version, String organization, String jurisdictions) {
        return transferEvent(transferId, version, organization, jurisdictions).build();
    }

    /** An event of a transfer's life at a given time, with the payload given as JSON. */
    static CloudEvent transferAt(String transferId, long version, String type, OffsetDateTime time, String data) {
        CloudEventBuilder builder = CloudEventBuilder.v1()
                .withId(UUID.randomUUID().toString())
                .withSource(URI.create(type.startsWith("policy") ? "urn:cbdf:policy-service" : "urn:cbdf:transfer-service"))
                .withType(type)
                .withSubject(transferId)
                .withTime(time)
                .withDataContentType("application/json")
                .withExtension("aggregateid", transferId)
                .withExtension("aggregatetype", type.startsWith("policy") ? "transfer-assessment" : "transfer")
                .withExtension("aggregateversion", version)
                .withExtension("organization", "acme-cn")
                .withExtension("jurisdictions", "CN,DE")
                .withData(data.getBytes(StandardCharsets.UTF_8));
        if (type.startsWith("policy")) {
            builder.withExtension("policyversion", "sha256:" + "cd".repeat(32));
        }
        return builder.build();
    }

    /**
     * An event of the policy service's {@code aggregateType} aggregate (an adequacy review, a recognition flag), with
     * the {@code readers} it names (none: public).
     */
    static CloudEvent policyAggregate(String aggregateType, String id, long version, String type, String jurisdictions,
            String readers) {
        CloudEventBuilder builder = CloudEventBuilder.v1()
                .withId(UUID.randomUUID().toString())
                .withSource(URI.create("urn:cbdf:policy-service"))
                .withType(type)
                .withSubject(id)
                .withTime(OffsetDateTime.now(ZoneOffset.UTC).truncatedTo(ChronoUnit.MILLIS))
                .withDataContentType("application/json")
                .withExtension("aggregateid", id)
                .withExtension("aggregatetype", aggregateType)
                .withExtension("aggregateversion", version)
                .withExtension("jurisdictions", jurisdictions)
                .withData(("{\"id\":\"" + id + "\",\"step\":" + version + "}").getBytes(StandardCharsets.UTF_8));
        if (readers != null) {
            builder.withExtension("readers", readers);
        }
        return builder.build();
    }

    static CloudEvent assessmentCompleted(String transferId, String organization, String jurisdictions) {
        return CloudEventBuilder.v1()
                .withId(UUID.randomUUID().toString())
                .withSource(URI.create("urn:cbdf:policy-service"))
                .withType("policy.assessment-completed.v1")
                .withSubject(transferId)
                .withTime(OffsetDateTime.now(ZoneOffset.UTC).truncatedTo(ChronoUnit.MILLIS))
                .withDataContentType("application/json")
                .withExtension("aggregateid", transferId)
                .withExtension("aggregatetype", "transfer-assessment")
                .withExtension("aggregateversion", 1)
                .withExtension("organization", organization)
                .withExtension("jurisdictions", jurisdictions)
                .withExtension("policyversion", "sha256:" + "ab".repeat(32))
                .withData(("{\"transferId\":\"" + transferId + "\",\"outcome\":\"REVIEW_REQUIRED\","
                        + "\"requiredApprovals\":[{\"jurisdiction\":\"CN\",\"procedure\":\"SECURITY_ASSESSMENT\"}]}")
                        .getBytes(StandardCharsets.UTF_8))
                .build();
    }
}
