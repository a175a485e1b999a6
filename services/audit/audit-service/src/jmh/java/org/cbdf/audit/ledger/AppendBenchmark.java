package org.cbdf.audit.ledger;

import java.io.IOException;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;
import java.util.concurrent.TimeUnit;

import io.cloudevents.CloudEvent;
import io.cloudevents.core.builder.CloudEventBuilder;
import io.cloudevents.kafka.CloudEventSerializer;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import org.apache.kafka.common.header.internals.RecordHeaders;
import org.cbdf.audit.ledger.messaging.LedgerEventHandler;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Fork;
import org.openjdk.jmh.annotations.Level;
import org.openjdk.jmh.annotations.Measurement;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OperationsPerInvocation;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.TearDown;
import org.openjdk.jmh.annotations.Warmup;
import org.springframework.kafka.support.KafkaHeaders;
import org.springframework.messaging.Message;
import org.springframework.messaging.support.MessageBuilder;

import tools.jackson.databind.json.JsonMapper;

/**
 * Durable appends, committed to a real PostgreSQL with fsync and synchronous_commit on, with everything an append
 * does: canonical leaf, leaf hash, entry, completed Merkle nodes, tree head, version bookkeeping.
 * <ul>
 * <li>{@code appendAPollOf500Records}: the real path since the ledger binding is in batch mode — one poll of 500
 * Kafka records (CloudEvents binary mode, as the platform's relays publish them) handed to {@link LedgerEventHandler} as
 * the binder hands it over: each record read as a CloudEvent, checked, canonicalised, then all appended in one
 * transaction;</li>
 * <li>{@code appendHundredEventsPerTransaction}: {@link Ledger#appendAll(List, String)} with 100 events;</li>
 * <li>{@code appendOneEventPerTransaction}: one event, one transaction, one WAL flush, as the consumer appended
 * before batch mode.</li>
 * </ul>
 */
@State(Scope.Benchmark)
@BenchmarkMode(Mode.Throughput)
@OutputTimeUnit(TimeUnit.SECONDS)
@Fork(1)
@Warmup(iterations = 1, time = 5)
@Measurement(iterations = 3, time = 10)
public class AppendBenchmark {

    static final int BATCH = 100;
    static final int POLL = 500;

    private BenchmarkDatabase database;
    private Ledger ledger;
    private LedgerEventHandler intake;

    @Setup(Level.Trial)
    public void start() {
        database = new BenchmarkDatabase(true);
        JsonMapper json = JsonMapper.builder().build();
        ledger = new Ledger(database.jdbc, database.transactions, new EventLeaf(json),
                new AggregateVersions(database.jdbc, new SimpleMeterRegistry()), Clock.systemUTC());
        SimpleMeterRegistry meters = new SimpleMeterRegistry();
        intake = new LedgerEventHandler(ledger, new LedgerMetrics(database.jdbc,
                new org.cbdf.platform.observability.QueryGauges(meters, java.time.Duration.ofMinutes(1)), meters),
                org.cbdf.platform.messaging.EventTracing.withoutTracer());
    }

    @TearDown(Level.Trial)
    public void stop() throws IOException {
        System.out.printf("%nledger size after the trial: %d%n",
                database.jdbc.sql("select tree_size from tree_head").query(Long.class).single());
        database.close();
    }

    /** Events as the platform publishes them: five per transfer, versions 1 … 5. */
    @State(Scope.Thread)
    public static class Events {
        private String transferId = UUID.randomUUID().toString();
        private long version;

        CloudEvent next() {
            if (++version > 5) {
                transferId = UUID.randomUUID().toString();
                version = 1;
            }
            return CloudEventBuilder.v1().withId(UUID.randomUUID().toString())
                    .withSource(URI.create("urn:cbdf:transfer-service")).withType("transfer.assessed.v1")
                    .withSubject(transferId).withTime(OffsetDateTime.now(ZoneOffset.UTC))
                    .withDataContentType("application/json").withExtension("aggregateid", transferId)
                    .withExtension("aggregatetype", "transfer").withExtension("aggregateversion", version)
                    .withExtension("organization", "acme-cn").withExtension("jurisdictions", "CN,DE")
                    .withData(("{\"transferId\":\"" + transferId + "\",\"organization\":\"acme-cn\",\"status\":"
                            + "\"AWAITING_APPROVAL\",\"outcome\":\"REVIEW_REQUIRED\",\"policyVersion\":\"sha256:"
                            + "ab12cd34\",\"requiredApprovals\":[{\"jurisdiction\":\"CN\",\"procedure\":"
                            + "\"SECURITY_ASSESSMENT\"}]}").getBytes(StandardCharsets.UTF_8))
                    .build();
        }
    }

    /**
     * The next poll, made before each invocation so that making it is not measured: record values and per-record
     * headers as the Kafka binder hands a batch to the {@code ledger} function.
     */
    @State(Scope.Thread)
    public static class Poll {
        private final Events events = new Events();
        private final CloudEventSerializer serializer = new CloudEventSerializer();
        Message<List<byte[]>> next;

        public Poll() {
            serializer.configure(Map.of(), false);
        }

        @Setup(Level.Invocation)
        public void make() {
            List<byte[]> values = new ArrayList<>(POLL);
            List<Map<String, Object>> headers = new ArrayList<>(POLL);
            List<String> topics = new ArrayList<>(POLL);
            for (int i = 0; i < POLL; i++) {
                RecordHeaders recordHeaders = new RecordHeaders();
                values.add(serializer.serialize("transfer.events", recordHeaders, events.next()));
                Map<String, Object> own = new HashMap<>();
                recordHeaders.forEach(header -> own.put(header.key(), header.value()));
                headers.add(own);
                topics.add("transfer.events");
            }
            next = MessageBuilder.withPayload(values).setHeader(KafkaHeaders.BATCH_CONVERTED_HEADERS, headers)
                    .setHeader(KafkaHeaders.RECEIVED_TOPIC, topics).build();
        }
    }

    /** The consumer in batch mode: a poll of 500 records read, checked and appended in one transaction. */
    @Benchmark
    @OperationsPerInvocation(POLL)
    public void appendAPollOf500Records(Poll poll) {
        intake.append(poll.next);
    }

    /** 100 events through {@link Ledger#appendAll(List, String)}: one transaction, one WAL flush. */
    @Benchmark
    @OperationsPerInvocation(BATCH)
    public List<Optional<Long>> appendHundredEventsPerTransaction(Events events) {
        List<CloudEvent> batch = new ArrayList<>(BATCH);
        for (int i = 0; i < BATCH; i++) {
            batch.add(events.next());
        }
        return ledger.appendAll(batch, "transfer.events");
    }

    /** As the Kafka consumer appended before batch mode: one record, one transaction, one WAL flush. */
    @Benchmark
    public Optional<Long> appendOneEventPerTransaction(Events events) {
        return ledger.append(events.next(), "transfer.events");
    }
}
