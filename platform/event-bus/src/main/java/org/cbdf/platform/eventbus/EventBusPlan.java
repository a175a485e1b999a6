package org.cbdf.platform.eventbus;

import java.time.Duration;
import java.util.List;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;
import java.util.stream.Stream;

/**
 * The platform's event bus as code: every topic with its settings and its one owner, and every principal with
 * what it may write and read. The provisioner creates exactly this on a broker (topics are never auto-created);
 * consumers use {@link #ownerOfType(String)} to refuse an event that names another producer than its type's owner.
 * <p>
 * Why one owner per topic: a decision may come only from the service that owns it. The broker enforces that only
 * the owner's principal writes its topic (ACLs); the consumer checks it again from the event itself, so that a
 * mistaken grant alone cannot let one service speak for another.
 *
 * @param topics     every topic, the owners' event topics and each consumer's dead-letter topics
 * @param principals every Kafka principal besides the broker and the administrator, with its grants
 */
public record EventBusPlan(List<Topic> topics, List<Principal> principals) {

    /** How long the owners' event topics keep events: the consumers' dedupe tables must remember at least as long. */
    public static final Duration EVENT_RETENTION = Duration.ofDays(7);

    /** Dead letters wait for an operator: longer than a holiday. */
    public static final Duration DEAD_LETTER_RETENTION = Duration.ofDays(30);

    /** The CloudEvents {@code source} of every event a service publishes: {@code urn:cbdf:<service>}. */
    public static String sourceOf(String service) {
        return "urn:cbdf:" + service;
    }

    public EventBusPlan {
        topics = List.copyOf(topics);
        principals = List.copyOf(principals);
    }

    /** The platform's four services, their event topics and dead-letter topics. */
    public static EventBusPlan platform() {
        return new EventBusPlan(List.of(
                Topic.events("transfer.events", "transfer-service", "transfer."),
                Topic.events("policy.events", "policy-service", "policy."),
                Topic.events("dispute.events", "dispute-service", "dispute."),
                Topic.events("audit.checkpoints", "audit-service", "audit."),
                Topic.deadLetters("transfer-service.policy.events.dlq", "transfer-service"),
                Topic.deadLetters("transfer-service.dispute.events.dlq", "transfer-service"),
                Topic.deadLetters("policy-service.transfer.events.dlq", "policy-service"),
                Topic.deadLetters("dispute-service.transfer.events.dlq", "dispute-service"),
                Topic.deadLetters("dispute-service.policy.events.dlq", "dispute-service"),
                Topic.deadLetters("dispute-service.cases.dlq", "dispute-service"),
                Topic.deadLetters("audit-service.dlq", "audit-service")),
                List.of(
                        Principal.service("transfer-service", Set.of("policy.events", "dispute.events")),
                        Principal.service("policy-service", Set.of("transfer.events")),
                        Principal.service("dispute-service", Set.of("transfer.events", "policy.events")),
                        Principal.service("audit-service", Set.of("transfer.events", "policy.events", "dispute.events"))));
    }

    /**
     * The load harness of the local stack (tools/load): it reads the event topics to time each transfer, and owns
     * the scratch topics {@code load.raw.*} on which it runs Kafka's own benchmark tools. Never in a deployment's plan.
     */
    public static Principal loadHarness() {
        return new Principal("load-harness", Set.of("transfer.events", "policy.events"), Set.of(), Set.of("load.raw."),
                // not load-harness*: kafka-tools' EndToEndLatency sets group.id=test-group-<millis> after reading its
                // properties file (no option changes it) and commits to it, so the round trip needs these groups; the
                // harness's own consumer is assigned its partitions and uses no group at all
                "test-group-");
    }

    /** This plan and one more principal (e.g. the local stack's load harness). */
    public EventBusPlan with(Principal principal) {
        return new EventBusPlan(this.topics, Stream.concat(this.principals.stream(), Stream.of(principal)).toList());
    }

    public Optional<Topic> topic(String name) {
        return this.topics.stream().filter((topic) -> topic.name().equals(name)).findFirst();
    }

    public Optional<Principal> principal(String name) {
        return this.principals.stream().filter((principal) -> principal.name().equals(name)).findFirst();
    }

    /** The service that owns events of this type ({@code dispute.resolved.v1} → {@code dispute-service}), if any. */
    public Optional<String> ownerOfType(String eventType) {
        return this.topics.stream()
                .filter((topic) -> topic.eventTypePrefix().isPresent() && eventType.startsWith(topic.eventTypePrefix().get()))
                .map(Topic::owner)
                .findFirst();
    }

    /**
     * A topic.
     *
     * @param name            the topic's name
     * @param owner           the only principal that writes it
     * @param eventTypePrefix the event types that belong to the owner ({@code dispute.}), for its event topic
     * @param partitions      how many partitions (the unit of consumer parallelism, and of order per aggregate)
     * @param retention       how long records are kept
     */
    public record Topic(String name, String owner, Optional<String> eventTypePrefix, int partitions, Duration retention) {

        public Topic {
            Objects.requireNonNull(name, "name");
            Objects.requireNonNull(owner, "owner");
            Objects.requireNonNull(eventTypePrefix, "eventTypePrefix");
            if (partitions < 1) {
                throw new IllegalArgumentException("a topic has at least one partition: " + name);
            }
        }

        static Topic events(String name, String owner, String eventTypePrefix) {
            return new Topic(name, owner, Optional.of(eventTypePrefix), 3, EVENT_RETENTION);
        }

        // a dead letter keeps the partition of the record it stands for (Spring Kafka's DeadLetterPublishingRecoverer):
        // as many partitions as the event topics
        static Topic deadLetters(String name, String owner) {
            return new Topic(name, owner, Optional.empty(), 3, DEAD_LETTER_RETENTION);
        }
    }

    /**
     * A Kafka principal ({@code User:<name>}: for OAuth clients, the token's {@code azp}, the client id).
     *
     * @param name          the principal's name
     * @param reads         topics it consumes
     * @param readPrefixes  topic name prefixes it consumes (a tool's own scratch topics)
     * @param createPrefixes topic name prefixes it may create and delete (a tool's own scratch topics), besides write
     * @param groupPrefix   its consumer groups all start with this
     */
    public record Principal(String name, Set<String> reads, Set<String> readPrefixes, Set<String> createPrefixes,
            String groupPrefix) {

        public Principal {
            reads = Set.copyOf(reads);
            readPrefixes = Set.copyOf(readPrefixes);
            createPrefixes = Set.copyOf(createPrefixes);
        }

        /** A service: writes the topics the plan says it owns, reads {@code reads}, groups named after itself. */
        public static Principal service(String name, Set<String> reads) {
            return new Principal(name, reads, Set.of(), Set.of(), name);
        }
    }
}
