package org.cbdf.platform.observability;

import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.function.Supplier;

import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.MultiGauge;
import io.micrometer.core.instrument.Tags;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.context.SmartLifecycle;

/**
 * Gauges whose values come from a query (e.g. transfers by status, approvals pending per jurisdiction): the
 * query runs on a schedule, not on every scrape, so a busy Prometheus never loads the database, and a row
 * that disappears (no transfer left in a status) drops its time series. A failed refresh keeps the last
 * values, is logged and counted in {@code cbdf.gauge.refresh.failures}.
 */
public class QueryGauges implements SmartLifecycle {

    private static final Logger log = LoggerFactory.getLogger(QueryGauges.class);

    /** One time series of a gauge: its tags and its value. */
    public record Row(Tags tags, double value) {
        public static Row of(double value, String... tags) {
            return new Row(Tags.of(tags), value);
        }
    }

    private final MeterRegistry registry;
    private final Duration interval;
    private final Map<String, Registered> gauges = new ConcurrentHashMap<>();
    private volatile ScheduledExecutorService scheduler;

    public QueryGauges(MeterRegistry registry, Duration interval) {
        this.registry = registry;
        this.interval = interval;
    }

    /** Registers a gauge refreshed from {@code query}; the first values are read at once. */
    public void register(String name, String description, Supplier<List<Row>> query) {
        MultiGauge gauge = MultiGauge.builder(name).description(description).register(this.registry);
        Counter failures = Counter.builder("cbdf.gauge.refresh.failures")
                .description("Refreshes of a query-fed gauge that failed; the gauge kept its last values")
                .tag("gauge", name).register(this.registry);
        Registered registered = new Registered(name, gauge, query, failures);
        if (this.gauges.putIfAbsent(name, registered) != null) {
            throw new IllegalStateException("gauge " + name + " is registered twice");
        }
        registered.refresh();
    }

    /** Reads every gauge's query now; for tests and for a scrape right after a change. */
    public void refreshNow() {
        this.gauges.values().forEach(Registered::refresh);
    }

    @Override
    public void start() {
        ScheduledExecutorService executor = Executors.newSingleThreadScheduledExecutor(
                Thread.ofPlatform().name("query-gauges").daemon().factory());
        long millis = this.interval.toMillis();
        executor.scheduleWithFixedDelay(this::refreshNow, millis, millis, TimeUnit.MILLISECONDS);
        this.scheduler = executor;
    }

    @Override
    public void stop() {
        ScheduledExecutorService executor = this.scheduler;
        if (executor != null) {
            executor.shutdownNow();
            this.scheduler = null;
        }
    }

    @Override
    public boolean isRunning() {
        return this.scheduler != null;
    }

    private static final class Registered {

        private final String name;
        private final MultiGauge gauge;
        private final Supplier<List<Row>> query;
        private final Counter failures;

        Registered(String name, MultiGauge gauge, Supplier<List<Row>> query, Counter failures) {
            this.name = name;
            this.gauge = gauge;
            this.query = query;
            this.failures = failures;
        }

        synchronized void refresh() {
            try {
                List<Row> rows = this.query.get();
                this.gauge.register(rows.stream()
                        .map(row -> MultiGauge.Row.of(row.tags(), row.value()))
                        .toList(), true);
            }
            catch (RuntimeException ex) {
                this.failures.increment();
                log.warn("Could not refresh gauge {}; it keeps its last values", this.name, ex);
            }
        }
    }
}
