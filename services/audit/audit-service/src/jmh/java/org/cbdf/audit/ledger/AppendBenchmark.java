package org.cbdf.audit.ledger;

import java.io.IOException;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.UUID;
import java.util.concurrent.TimeUnit;

import io.cloudevents.CloudEvent;
import io.cloudevents.core.builder.CloudEventBuilder;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
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

import tools.jackson.databind.json.JsonMapper;

/**
 * Durable appends: each event in its own transaction (as the Kafka consumer appends them), committed to a real
 * PostgreSQL with fsync and synchronous_commit on, with everything an append does: canonical leaf, leaf hash,
 * entry, completed Merkle nodes, tree head, version bookkeeping.
 */
@State(Scope.Benchmark)
@BenchmarkMode(Mode.Throughput)
@OutputTimeUnit(TimeUnit.SECONDS)
@Fork(1)
@Warmup(iterations = 1, time = 5)
@Measurement(iterations = 3, time = 10)
public class AppendBenchmark {

    private BenchmarkDatabase database;
    private Ledger ledger;

    @Setup(Level.Trial)
    public void start() {
        database = new BenchmarkDatabase(true);
        JsonMapper json = JsonMapper.builder().build();
        ledger = new Ledger(database.jdbc, database.transactions, new EventLeaf(json),
                new AggregateVersions(database.jdbc, new SimpleMeterRegistry()), Clock.systemUTC());
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

    /** As the Kafka consumer appends today: one record, one transaction, one WAL flush. */
    @Benchmark
    public Optional<Long> appendOneEventPerTransaction(Events events) {
        return ledger.append(events.next(), "transfer.events");
    }

    /** A batch of 100 records (one poll of the consumer in batch mode): one transaction, one WAL flush. */
    @Benchmark
    @OperationsPerInvocation(BATCH)
    public List<Optional<Long>> appendHundredEventsPerTransaction(Events events) {
        List<CloudEvent> batch = new ArrayList<>(BATCH);
        for (int i = 0; i < BATCH; i++) {
            batch.add(events.next());
        }
        return ledger.appendAll(batch, "transfer.events");
    }

    static final int BATCH = 100;
}
