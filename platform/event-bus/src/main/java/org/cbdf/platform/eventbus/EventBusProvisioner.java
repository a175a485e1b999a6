package org.cbdf.platform.eventbus;

import java.util.ArrayList;
import java.util.Collection;
import java.util.HashSet;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.stream.Collectors;

import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.AlterConfigOp;
import org.apache.kafka.clients.admin.ConfigEntry;
import org.apache.kafka.clients.admin.NewPartitions;
import org.apache.kafka.clients.admin.NewTopic;
import org.apache.kafka.clients.admin.TopicDescription;
import org.apache.kafka.common.acl.AccessControlEntry;
import org.apache.kafka.common.acl.AccessControlEntryFilter;
import org.apache.kafka.common.acl.AclBinding;
import org.apache.kafka.common.acl.AclBindingFilter;
import org.apache.kafka.common.acl.AclOperation;
import org.apache.kafka.common.acl.AclPermissionType;
import org.apache.kafka.common.config.ConfigResource;
import org.apache.kafka.common.config.TopicConfig;
import org.apache.kafka.common.resource.PatternType;
import org.apache.kafka.common.resource.ResourcePattern;
import org.apache.kafka.common.resource.ResourcePatternFilter;
import org.apache.kafka.common.resource.ResourceType;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Makes a broker's topics and ACLs what an {@link EventBusPlan} says, and nothing more for the plan's principals:
 * creates missing topics, raises partition counts and settings that differ, adds missing grants and removes grants of
 * the plan's principals that the plan no longer gives. Idempotent: run it at every deployment. It must run as an
 * administrator (a super user, or one allowed to create topics and alter ACLs).
 */
public final class EventBusProvisioner {

    private static final Logger log = LoggerFactory.getLogger(EventBusProvisioner.class);

    private static final long TIMEOUT_SECONDS = 60;

    private final Admin admin;

    public EventBusProvisioner(Admin admin) {
        this.admin = admin;
    }

    /**
     * How the deployment sizes the topics.
     *
     * @param replicationFactor  replicas per partition (1 on a single broker; 3 in production)
     * @param minInsyncReplicas  replicas that must have a record before {@code acks=all} is answered
     */
    public record Sizing(short replicationFactor, int minInsyncReplicas) {

        public Sizing {
            if (replicationFactor < 1 || minInsyncReplicas < 1 || minInsyncReplicas > replicationFactor) {
                throw new IllegalArgumentException("need 1 <= min.insync.replicas (" + minInsyncReplicas
                        + ") <= replication factor (" + replicationFactor + ")");
            }
        }

        public static Sizing singleBroker() {
            return new Sizing((short) 1, 1);
        }
    }

    /** What a run changed. */
    public record Outcome(List<String> createdTopics, List<String> updatedTopics, List<AclBinding> addedAcls,
            List<AclBinding> removedAcls) {

        public boolean changedNothing() {
            return createdTopics.isEmpty() && updatedTopics.isEmpty() && addedAcls.isEmpty() && removedAcls.isEmpty();
        }
    }

    public Outcome provision(EventBusPlan plan, Sizing sizing) {
        try {
            List<String> created = new ArrayList<>();
            List<String> updated = new ArrayList<>();
            provisionTopics(plan, sizing, created, updated);
            Set<AclBinding> wanted = acls(plan);
            Set<AclBinding> present = presentAcls(plan);
            List<AclBinding> missing = wanted.stream().filter((acl) -> !present.contains(acl)).toList();
            List<AclBinding> stale = present.stream().filter((acl) -> !wanted.contains(acl)).toList();
            if (!missing.isEmpty()) {
                await(this.admin.createAcls(missing).all());
            }
            if (!stale.isEmpty()) {
                await(this.admin.deleteAcls(stale.stream().map(AclBinding::toFilter).toList()).all());
            }
            awaitAclsInForce(plan, wanted);
            Outcome outcome = new Outcome(created, updated, missing, stale);
            log.info("event bus provisioned: {} topics created {}, updated {}; {} ACLs added, {} removed",
                    created.size(), created, updated, missing.size(), stale.size());
            return outcome;
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("interrupted while provisioning the event bus", e);
        }
    }

    /** Every grant the plan gives, as ACL bindings (all of them ALLOW, from any host). */
    public static Set<AclBinding> acls(EventBusPlan plan) {
        Set<AclBinding> acls = new LinkedHashSet<>();
        for (EventBusPlan.Topic topic : plan.topics()) {
            acls.add(allow(ResourceType.TOPIC, topic.name(), PatternType.LITERAL, topic.owner(), AclOperation.WRITE));
            // the producer's metadata requests, and the binder's check at start-up that the topic exists
            acls.add(allow(ResourceType.TOPIC, topic.name(), PatternType.LITERAL, topic.owner(), AclOperation.DESCRIBE));
        }
        for (EventBusPlan.Principal principal : plan.principals()) {
            for (String topic : principal.reads()) {
                acls.add(allow(ResourceType.TOPIC, topic, PatternType.LITERAL, principal.name(), AclOperation.READ));
            }
            for (String prefix : principal.readPrefixes()) {
                acls.add(allow(ResourceType.TOPIC, prefix, PatternType.PREFIXED, principal.name(), AclOperation.READ));
            }
            for (String prefix : principal.createPrefixes()) {
                acls.add(allow(ResourceType.TOPIC, prefix, PatternType.PREFIXED, principal.name(), AclOperation.ALL));
            }
            acls.add(allow(ResourceType.GROUP, principal.groupPrefix(), PatternType.PREFIXED, principal.name(),
                    AclOperation.READ));
        }
        return acls;
    }

    private static AclBinding allow(ResourceType type, String name, PatternType pattern, String principal,
            AclOperation operation) {
        return new AclBinding(new ResourcePattern(type, name, pattern),
                new AccessControlEntry(kafkaPrincipal(principal), "*", operation, AclPermissionType.ALLOW));
    }

    static String kafkaPrincipal(String name) {
        return "User:" + name;
    }

    /**
     * The controller has committed the grants when {@code createAcls} answers; the broker's authorizer applies them a
     * moment later. A service started right after provisioning must not be refused in between.
     */
    private void awaitAclsInForce(EventBusPlan plan, Set<AclBinding> wanted) throws InterruptedException {
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(TIMEOUT_SECONDS);
        while (!presentAcls(plan).equals(wanted)) {
            if (System.nanoTime() > deadline) {
                throw new IllegalStateException("the broker did not put the event bus's ACLs in force within "
                        + TIMEOUT_SECONDS + " s");
            }
            Thread.sleep(50);
        }
    }

    private Set<AclBinding> presentAcls(EventBusPlan plan) throws InterruptedException {
        Set<String> principals = new HashSet<>();
        plan.topics().forEach((topic) -> principals.add(kafkaPrincipal(topic.owner())));
        plan.principals().forEach((principal) -> principals.add(kafkaPrincipal(principal.name())));
        Set<AclBinding> present = new HashSet<>();
        for (String principal : principals) {
            AclBindingFilter filter = new AclBindingFilter(ResourcePatternFilter.ANY,
                    new AccessControlEntryFilter(principal, null, AclOperation.ANY, AclPermissionType.ANY));
            present.addAll(await(this.admin.describeAcls(filter).values()));
        }
        return present;
    }

    private void provisionTopics(EventBusPlan plan, Sizing sizing, List<String> created, List<String> updated)
            throws InterruptedException {
        Set<String> existing = await(this.admin.listTopics().names());
        List<NewTopic> missing = plan.topics().stream()
                .filter((topic) -> !existing.contains(topic.name()))
                .map((topic) -> new NewTopic(topic.name(), topic.partitions(), sizing.replicationFactor())
                        .configs(configs(topic, sizing)))
                .toList();
        if (!missing.isEmpty()) {
            await(this.admin.createTopics(missing).all());
            missing.forEach((topic) -> created.add(topic.name()));
        }
        List<EventBusPlan.Topic> present = plan.topics().stream().filter((topic) -> existing.contains(topic.name()))
                .toList();
        if (present.isEmpty()) {
            return;
        }
        Map<String, TopicDescription> descriptions = await(this.admin
                .describeTopics(present.stream().map(EventBusPlan.Topic::name).toList()).allTopicNames());
        Map<String, NewPartitions> morePartitions = present.stream()
                .filter((topic) -> descriptions.get(topic.name()).partitions().size() < topic.partitions())
                .collect(Collectors.toMap(EventBusPlan.Topic::name, (topic) -> NewPartitions.increaseTo(topic.partitions())));
        if (!morePartitions.isEmpty()) {
            await(this.admin.createPartitions(morePartitions).all());
        }
        Map<ConfigResource, Collection<AlterConfigOp>> settings = present.stream().collect(Collectors.toMap(
                (topic) -> new ConfigResource(ConfigResource.Type.TOPIC, topic.name()),
                (topic) -> configs(topic, sizing).entrySet().stream()
                        .map((entry) -> new AlterConfigOp(new ConfigEntry(entry.getKey(), entry.getValue()),
                                AlterConfigOp.OpType.SET))
                        .toList()));
        Map<ConfigResource, org.apache.kafka.clients.admin.Config> current = await(
                this.admin.describeConfigs(settings.keySet()).all());
        Map<ConfigResource, Collection<AlterConfigOp>> differing = settings.entrySet().stream()
                .filter((entry) -> entry.getValue().stream().anyMatch((op) -> {
                    ConfigEntry now = current.get(entry.getKey()).get(op.configEntry().name());
                    return now == null || !op.configEntry().value().equals(now.value());
                }))
                .collect(Collectors.toMap(Map.Entry::getKey, Map.Entry::getValue));
        if (!differing.isEmpty()) {
            await(this.admin.incrementalAlterConfigs(differing).all());
        }
        present.stream()
                .filter((topic) -> morePartitions.containsKey(topic.name())
                        || differing.containsKey(new ConfigResource(ConfigResource.Type.TOPIC, topic.name())))
                .forEach((topic) -> updated.add(topic.name()));
    }

    private static Map<String, String> configs(EventBusPlan.Topic topic, Sizing sizing) {
        return Map.of(TopicConfig.RETENTION_MS_CONFIG, String.valueOf(topic.retention().toMillis()),
                TopicConfig.MIN_IN_SYNC_REPLICAS_CONFIG, String.valueOf(sizing.minInsyncReplicas()),
                TopicConfig.CLEANUP_POLICY_CONFIG, TopicConfig.CLEANUP_POLICY_DELETE);
    }

    private static <T> T await(org.apache.kafka.common.KafkaFuture<T> future) throws InterruptedException {
        try {
            return future.get(TIMEOUT_SECONDS, TimeUnit.SECONDS);
        } catch (ExecutionException e) {
            throw new IllegalStateException("the broker refused: " + e.getCause().getMessage(), e.getCause());
        } catch (TimeoutException e) {
            throw new IllegalStateException("the broker did not answer within " + TIMEOUT_SECONDS + " s", e);
        }
    }
}
