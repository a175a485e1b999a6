package org.cbdf.systemtests.endtoend;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.io.IOException;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import java.util.Set;
import java.util.TreeMap;
import java.util.UUID;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicLong;
import java.util.regex.Pattern;

import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.serialization.ByteArrayDeserializer;
import org.apache.kafka.common.serialization.StringDeserializer;
import org.cbdf.tools.devstack.LocalPlatform;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Issue 9's faults, with traffic running through the public API the whole time: each service killed with SIGKILL
 * and restarted, the Kafka broker stopped and started, PostgreSQL stopped (every connection refused) and started.
 * The traffic is a client that does what a real one does: it resends a submission with its {@code Idempotency-Key}
 * until the service accepts it. Afterwards:
 * <ul>
 * <li>every submission was stored exactly once and reached its one final status, the one its request calls for;</li>
 * <li>no event was lost or applied twice: one assessment and one {@code transfer.assessed.v1} per transfer, every
 * outbox published, the audit ledger holding per aggregate exactly the events the producers wrote, versions 1..n
 * without gaps, and nothing on any dead-letter topic;</li>
 * <li>the whole ledger, exported, verifies against its signed checkpoint.</li>
 * </ul>
 * Runs on the shared platform and leaves it running as it found it.
 */
class FaultToleranceEndToEndIntegrationTests {

    private static final Duration RECOVERY = Duration.ofMinutes(4);
    private static final List<String> SERVICES = List.of("policy", "dispute", "audit", "transfer");

    @TempDir
    Path directory;

    @Test
    void underTrafficKilledServicesARestartedBrokerAndADatabaseOutageLoseNothingAndApplyNothingTwice() throws Exception {
        RunningPlatform running = RunningPlatform.get();
        LocalPlatform platform = running.platform;
        Instant began = Instant.now();
        Traffic traffic = new Traffic(running);
        try {
            traffic.start();
            traffic.awaitAccepted(20);
            for (String service : SERVICES) {
                platform.killService(service);
                traffic.awaitAttempts(30);
                platform.restartService(service);
                traffic.awaitAccepted(10);
            }
            platform.kafka().stop();
            traffic.awaitAttempts(30);
            platform.kafka().start();
            traffic.awaitAccepted(10);
            // PostgreSQL refuses the policy service's connections: the transfer service goes on accepting, the
            // policy service's consumer cannot store assessments and retries until it can, dead-lettering nothing
            double retriedBefore = retried(running, "policy");
            refuseConnections(platform, "policy", true);
            await().atMost(RECOVERY).until(() -> retried(running, "policy") > retriedBefore);
            traffic.awaitAccepted(20);
            refuseConnections(platform, "policy", false);
            traffic.awaitAccepted(10);
            // PostgreSQL down altogether: submissions are answered 503 (nothing stored) and resent
            int unavailableBefore = traffic.failures.getOrDefault("HTTP 503", 0);
            platform.postgres().stop();
            await().atMost(RECOVERY).until(() -> traffic.failures.getOrDefault("HTTP 503", 0) >= unavailableBefore + 3);
            platform.postgres().start();
            traffic.awaitAccepted(10);
        } finally {
            traffic.stopSubmitting();
            heal(platform);
        }
        traffic.awaitEverySubmissionAccepted();
        System.out.printf("fault traffic: %d submissions, %d attempts, failed attempts by kind %s%n",
                traffic.submissions.get(), traffic.attempts.get(), new TreeMap<>(traffic.failures));
        assertThat(traffic.unexpected).as("refusals a retry cannot mend").isEmpty();
        // a failure of the infrastructure is answered 503 (nothing recorded, or the outcome unknown), never as an
        // internal error the client cannot interpret
        assertThat(traffic.failures).as("failed attempts by kind").doesNotContainKey("HTTP 500");

        Map<String, String> expected = traffic.expectedStatus();
        List<String> ids = List.copyOf(expected.keySet());
        assertThat(ids).hasSize(traffic.submissions.get());
        // stored once: a resent submission is the transfer its first attempt created, never a second one
        assertThat(single(platform, "transfer", "select count(*) from transfer where submitted_at >= ?", began))
                .isEqualTo(ids.size());

        await().atMost(RECOVERY).pollInterval(Duration.ofMillis(500)).untilAsserted(() -> assertThat(
                single(platform, "transfer", "select count(*) from transfer where id::text = any(?) and status = 'SUBMITTED'",
                        ids)).as("transfers still waiting for their assessment").isZero());
        Map<String, String> statuses = new HashMap<>();
        rows(platform, "transfer", "select id::text, status from transfer where id::text = any(?)", ids)
                .forEach(row -> statuses.put(row.get(0), row.get(1)));
        assertThat(statuses).isEqualTo(expected);

        for (String database : List.of("transfer", "policy", "dispute", "audit")) {
            await().atMost(RECOVERY).pollInterval(Duration.ofMillis(500)).untilAsserted(() -> assertThat(
                    single(platform, database, "select count(*) from outbox_event where published_at is null"))
                    .as("%s events not yet published", database).isZero());
        }
        assertThat(rows(platform, "policy", "select transfer_id from assessment where transfer_id = any(?)"
                + " group by transfer_id having count(*) > 1", ids)).as("transfers assessed twice").isEmpty();
        assertThat(rows(platform, "transfer", "select aggregate_id from outbox_event where aggregate_id = any(?)"
                + " and type = 'transfer.assessed.v1' group by aggregate_id having count(*) <> 1", ids))
                .as("transfers without exactly one assessed event").isEmpty();

        Map<String, Long> produced = new TreeMap<>();
        for (String database : List.of("transfer", "policy", "dispute")) {
            rows(platform, database, "select aggregate_type || ' ' || aggregate_id, count(*)::text from outbox_event"
                    + " where aggregate_id = any(?) group by 1", ids)
                    .forEach(row -> produced.merge(row.get(0), Long.parseLong(row.get(1)), Long::sum));
        }
        await().atMost(RECOVERY).pollInterval(Duration.ofMillis(500)).untilAsserted(() -> {
            Map<String, Long> audited = new TreeMap<>();
            rows(platform, "audit", "select aggregate_type || ' ' || aggregate_id, count(*)::text from ledger_entry"
                    + " where aggregate_id = any(?) group by 1", ids)
                    .forEach(row -> audited.put(row.get(0), Long.parseLong(row.get(1))));
            assertThat(audited).as("ledger entries per aggregate = events its producer wrote").isEqualTo(produced);
        });
        assertThat(rows(platform, "audit", "select aggregate_type || ' ' || aggregate_id from ledger_entry"
                + " where aggregate_id = any(?) group by 1"
                + " having min(aggregate_version) <> 1 or max(aggregate_version) <> count(*)"
                + " or count(distinct aggregate_version) <> count(*)", ids))
                .as("aggregates whose versions are not 1..n").isEmpty();
        assertThat(single(platform, "audit", "select count(*) from aggregate_version_gap where aggregate_id = any(?)",
                ids)).as("version gaps the ledger noticed").isZero();
        assertThat(deadLetteredKeys(platform, Set.copyOf(ids))).as("dead letters of these transfers").isEmpty();

        String auditor = running.token("auditor");
        HttpResponse<String> signed = running.post(running.service("audit", "/api/v1/audit/checkpoints"), auditor, "");
        assertThat(signed.statusCode()).as(signed.body()).isIn(200, 201);
        long treeSize = RunningPlatform.JSON.readTree(signed.body()).get("treeSize").asLong();
        AuditVerifier.Run verified = AuditVerifier.run(directory, List.of("verify", "--public-key",
                AuditVerifier.publicKey(running, directory).toString(),
                AuditVerifier.export(running, treeSize, auditor, directory).toString()));
        assertThat(verified.exitCode()).as(verified.output()).isZero();
        assertThat(verified.output()).contains("VERIFIED");
    }

    /**
     * {@code ALLOW_CONNECTIONS false} and the database's sessions terminated: every new connection is refused
     * ("database is not currently accepting connections") while the server and the other databases go on.
     */
    private static void refuseConnections(LocalPlatform platform, String database, boolean refuse) throws SQLException {
        try (Connection connection = platform.postgres().superuserDataSource().getConnection();
                java.sql.Statement statement = connection.createStatement()) {
            statement.execute("alter database " + database + " allow_connections " + !refuse);
            if (refuse) {
                statement.execute("select pg_terminate_backend(pid) from pg_stat_activity where datname = '"
                        + database + "'");
            }
        }
    }

    /** {@code cbdf_events_retried_total} of a service, summed over its tags. */
    private static double retried(RunningPlatform running, String service) {
        HttpResponse<String> metrics = running.send(HttpRequest.newBuilder(running.management(service,
                "/actuator/prometheus")).header("Accept", "text/plain").build());
        assertThat(metrics.statusCode()).isEqualTo(200);
        return metrics.body().lines().filter(line -> line.startsWith("cbdf_events_retried_total{"))
                .mapToDouble(line -> Double.parseDouble(line.substring(line.lastIndexOf(' ') + 1))).sum();
    }

    /** Whatever a failed assertion left down is started again, so that the other end-to-end classes find it up. */
    private static void heal(LocalPlatform platform) throws IOException, SQLException {
        if (!platform.postgres().isRunning()) {
            platform.postgres().start();
        }
        refuseConnections(platform, "policy", false);
        if (!platform.kafka().isRunning()) {
            platform.kafka().start();
        }
        for (String service : SERVICES) {
            if (!platform.isServiceRunning(service)) {
                platform.restartService(service);
            }
        }
    }

    /** Keys of the records on every dead-letter topic that are one of {@code ids}. */
    private static List<String> deadLetteredKeys(LocalPlatform platform, Set<String> ids) {
        Properties properties = new Properties();
        // the administrator: the only principal that may read every service's dead letters
        properties.putAll(platform.kafkaAdministrator());
        try (KafkaConsumer<String, byte[]> consumer = new KafkaConsumer<>(properties, new StringDeserializer(),
                new ByteArrayDeserializer())) {
            List<TopicPartition> partitions = new ArrayList<>();
            consumer.listTopics().forEach((topic, infos) -> {
                if (Pattern.matches(".*\\.dlq", topic)) {
                    infos.forEach(info -> partitions.add(new TopicPartition(topic, info.partition())));
                }
            });
            consumer.assign(partitions);
            consumer.seekToBeginning(partitions);
            Map<TopicPartition, Long> ends = consumer.endOffsets(partitions);
            List<String> found = new ArrayList<>();
            await().atMost(Duration.ofSeconds(60)).until(() -> {
                for (ConsumerRecord<String, byte[]> record : consumer.poll(Duration.ofMillis(200))) {
                    if (record.key() != null && ids.contains(record.key())) {
                        found.add(record.topic() + ": " + record.key());
                    }
                }
                return partitions.stream().allMatch(p -> consumer.position(p) >= ends.get(p));
            });
            return found;
        }
    }

    private static long single(LocalPlatform platform, String database, String sql, Object parameter)
            throws SQLException {
        return Long.parseLong(rows(platform, database, sql, parameter).getFirst().getFirst());
    }

    private static long single(LocalPlatform platform, String database, String sql) throws SQLException {
        return single(platform, database, sql, null);
    }

    /** Rows of a query on a service's database, every column as text; the parameter a list (text[]) or a time. */
    private static List<List<String>> rows(LocalPlatform platform, String database, String sql, Object parameter)
            throws SQLException {
        try (Connection connection = platform.postgres().dataSource(database).getConnection();
                PreparedStatement statement = connection.prepareStatement(sql)) {
            if (parameter instanceof List<?> list) {
                statement.setArray(1, connection.createArrayOf("text", list.toArray()));
            } else if (parameter instanceof Instant instant) {
                statement.setObject(1, java.time.OffsetDateTime.ofInstant(instant, java.time.ZoneOffset.UTC));
            }
            List<List<String>> rows = new ArrayList<>();
            try (ResultSet result = statement.executeQuery()) {
                int columns = result.getMetaData().getColumnCount();
                while (result.next()) {
                    List<String> row = new ArrayList<>(columns);
                    for (int column = 1; column <= columns; column++) {
                        row.add(result.getString(column));
                    }
                    rows.add(row);
                }
            }
            return rows;
        }
    }

    /**
     * Submissions at a steady 10 per second from two organisations, each on a virtual thread of its own and resent
     * with its {@code Idempotency-Key} after any failure (connection refused, a 5xx, a 429, a timeout), backing off
     * from half a second to five, until the service accepts it.
     */
    private static final class Traffic {

        private static final Duration FIRST_RESEND = Duration.ofMillis(500);
        private static final Duration LAST_RESEND = Duration.ofSeconds(5);
        private static final Duration TOKEN_LIFETIME = Duration.ofMinutes(2);

        private final RunningPlatform running;
        private final HttpClient http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();
        private final ScheduledExecutorService clock = Executors.newSingleThreadScheduledExecutor();
        private final ExecutorService senders = Executors.newVirtualThreadPerTaskExecutor();
        private final Map<String, CachedToken> tokens = new ConcurrentHashMap<>();

        final AtomicInteger submissions = new AtomicInteger();
        final AtomicInteger pending = new AtomicInteger();
        final AtomicLong attempts = new AtomicLong();
        /** Idempotency key → transfer id and the status its request calls for. */
        final Map<String, String[]> accepted = new ConcurrentHashMap<>();
        final Map<String, Integer> failures = new ConcurrentHashMap<>();
        final List<String> unexpected = java.util.Collections.synchronizedList(new ArrayList<>());

        Traffic(RunningPlatform running) {
            this.running = running;
        }

        private java.util.concurrent.ScheduledFuture<?> generator;

        void start() {
            generator = clock.scheduleAtFixedRate(this::submitOne, 0, 100, TimeUnit.MILLISECONDS);
        }

        /** No new submissions; those not yet accepted go on being resent. */
        void stopSubmitting() {
            generator.cancel(false);
        }

        void awaitAttempts(long more) {
            long target = attempts.get() + more;
            await().atMost(Duration.ofSeconds(90)).until(() -> attempts.get() >= target);
        }

        void awaitAccepted(int more) {
            int target = accepted.size() + more;
            await().atMost(RECOVERY).until(() -> accepted.size() >= target);
        }

        void awaitEverySubmissionAccepted() {
            try {
                await().atMost(RECOVERY).until(() -> pending.get() == 0);
            } finally {
                clock.shutdownNow();
                senders.shutdownNow();
            }
        }

        Map<String, String> expectedStatus() {
            Map<String, String> expected = new HashMap<>();
            accepted.values().forEach(value -> expected.put(value[0], value[1]));
            return expected;
        }

        private void submitOne() {
            int number = submissions.incrementAndGet();
            pending.incrementAndGet();
            boolean approval = number % 2 == 0;
            Submission submission = approval
                    ? new Submission(UUID.randomUUID().toString(), "enterprise-cn", SampleTransfers.NEEDS_CN_APPROVAL,
                            "AWAITING_APPROVAL", new AtomicInteger())
                    : new Submission(UUID.randomUUID().toString(), "enterprise-de", SampleTransfers.DE_US_PERMITTED,
                            "PERMITTED", new AtomicInteger());
            senders.submit(() -> send(submission));
        }

        private void send(Submission submission) {
            attempts.incrementAndGet();
            try {
                HttpResponse<String> response = http.send(HttpRequest.newBuilder(
                        running.service("transfer", "/api/v1/transfers"))
                        .header("Authorization", "Bearer " + token(submission.user()))
                        .header("Content-Type", "application/json")
                        .header("Idempotency-Key", submission.key())
                        .timeout(Duration.ofSeconds(60))
                        .POST(HttpRequest.BodyPublishers.ofString(submission.body())).build(),
                        HttpResponse.BodyHandlers.ofString());
                int status = response.statusCode();
                if (status == 200 || status == 201) {
                    String id = RunningPlatform.JSON.readTree(response.body()).get("id").asString();
                    String[] previous = accepted.putIfAbsent(submission.key(), new String[] { id, submission.expected() });
                    assertThat(previous).as("a submission accepted twice").isNull();
                    pending.decrementAndGet();
                    return;
                }
                failures.merge("HTTP " + status, 1, Integer::sum);
                if (status < 500 && status != 408 && status != 429) {
                    unexpected.add("HTTP " + status + ": " + response.body());
                    pending.decrementAndGet();
                    return;
                }
            } catch (IOException e) {
                failures.merge(e.getClass().getSimpleName(), 1, Integer::sum);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                unexpected.add("interrupted while submitting " + submission.key());
                pending.decrementAndGet();
                return;
            } catch (RuntimeException | AssertionError e) {
                unexpected.add(e.toString());
                pending.decrementAndGet();
                return;
            }
            resend(submission);
        }

        private void resend(Submission submission) {
            long delay = Math.min(LAST_RESEND.toMillis(),
                    FIRST_RESEND.toMillis() << Math.min(10, submission.attempts().getAndIncrement()));
            clock.schedule(() -> senders.submit(() -> send(submission)), delay, TimeUnit.MILLISECONDS);
        }

        private String token(String user) {
            return tokens.compute(user, (name, cached) -> cached != null && cached.fresh() ? cached
                    : new CachedToken(running.token(name), Instant.now().plus(TOKEN_LIFETIME))).token();
        }

        private record Submission(String key, String user, String body, String expected, AtomicInteger attempts) {
        }

        private record CachedToken(String token, Instant until) {
            boolean fresh() {
                return Instant.now().isBefore(until);
            }
        }
    }
}
