package org.cbdf.tools.load;

import java.io.PrintWriter;
import java.time.Duration;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;

import tools.jackson.databind.SerializationFeature;
import tools.jackson.databind.json.JsonMapper;

/**
 * The figures of one run, for people (stdout) and for scripts ({@code --report file.json}). Only requests due after
 * the warm-up count in rates and latencies; every accepted request, warm-up included, must finish, or it is lost.
 */
record Report(Setup setup, Throughput throughput, Map<String, Latency.Summary> latency, Map<String, Long> errors,
        long warmupErrors, Lost lost, Map<String, Map<String, Long>> outcomes, Observers observers, RawKafka.Result raw,
        String rawSkipped, Ratio ratio) {

    static final String TO_ACCEPTED = "submit→accepted";
    static final String TO_ASSESSED = "submit→assessed";
    static final String TO_SUBMISSION_AUDITED = "submit→submission audited";
    static final String TO_AUDITED = "submit→audited";
    static final int LISTED_IDS = 1_000;

    /** @param kafkaPrincipal the harness's Kafka client: its events watch and the raw tools log in as it */
    record Setup(Instant started, String transferUrl, String auditUrl, String issuer, String bootstrapServers,
            String kafkaPrincipal, List<String> organizations, String rate, int concurrency, String warmup, String duration, long count,
            String auditClock, int processors, String java) {
    }

    /** Counts of measured requests and their rates over the measured window (seconds). */
    record Throughput(double windowSeconds, long submitted, long accepted, long assessed, long audited,
            double submittedPerSecond, double acceptedPerSecond, double assessedPerSecond, double auditedPerSecond,
            long inFlightLimitReached) {
    }

    record Lost(long total, List<String> notAssessed, List<String> submissionNotAudited,
            List<String> assessmentNotAudited, boolean drainTimedOut) {
    }

    /** The harness's own health: unreadable events, failed ledger polls, token renewals. */
    record Observers(long unreadableEvents, Map<String, Long> ledgerPollFailures, long tokenRenewals) {
    }

    /**
     * Platform against raw Kafka on the same broker.
     *
     * @param throughput          the platform's end-to-end rate over the raw producer's flat-out rate
     * @param p99                 the platform's p99 submit→assessed over the raw round trip's p99
     * @param rawP99BelowResolution the raw p99 was 0 ms, below the tool's 1 ms resolution: the ratio is a lower bound
     */
    record Ratio(double throughput, double p99, boolean rawP99BelowResolution) {
    }

    /** {@code count} per second over {@code [fromNanos, toNanos]}; 0 for an empty window. */
    static double perSecond(long count, long fromNanos, long toNanos) {
        long window = toNanos - fromNanos;
        return count <= 0 || window <= 0 ? 0 : count / (window / 1e9);
    }

    /**
     * The rates of the measured requests: submits over the sending window; accepted, assessed and audited from the
     * start of the window to the last one of each (so that a pipeline that falls behind shows its own pace).
     */
    static Throughput throughput(TrafficDriver.Sent sent, Counters measured) {
        long from = sent.measuredFromNanos();
        long to = sent.measuredToNanos();
        return new Throughput((to - from) / 1e9, measured.sent.sum(), measured.accepted.sum(), measured.assessed.sum(),
                measured.audited.sum(), perSecond(measured.sent.sum(), from, to),
                perSecond(measured.accepted.sum(), from, Math.max(to, measured.lastAccepted.get())),
                perSecond(measured.assessed.sum(), from, measured.lastAssessed.get()),
                perSecond(measured.audited.sum(), from, measured.lastAudited.get()), sent.waitedForInFlight());
    }

    /**
     * @param endToEndPerSecond the platform's submit→audited rate (submit→assessed when the ledger is not followed)
     * @param p99Ms             the platform's p99 submit→assessed
     */
    static Ratio ratio(double endToEndPerSecond, double p99Ms, RawKafka.Result raw) {
        if (raw == null) {
            return null;
        }
        double throughput = raw.produce().recordsPerSecond() > 0 ? endToEndPerSecond / raw.produce().recordsPerSecond() : 0;
        boolean belowResolution = raw.roundTrip().p99Ms() == 0;
        double p99 = p99Ms / Math.max(1, raw.roundTrip().p99Ms());
        return new Ratio(throughput, p99, belowResolution);
    }

    static List<String> firstIds(List<String> ids) {
        return ids.size() <= LISTED_IDS ? ids : ids.subList(0, LISTED_IDS);
    }

    String json() {
        return JsonMapper.builder().enable(SerializationFeature.INDENT_OUTPUT).build().writeValueAsString(this);
    }

    void print(PrintWriter out) {
        Setup s = setup;
        out.println();
        out.printf(Locale.ROOT, "Load run %s against %s%n", s.started(), s.transferUrl());
        out.printf(Locale.ROOT, "  %s, %s after a %s warm-up; organisations %s; %d processors, Java %s%n",
                s.rate().equals("max") ? "flat out with " + s.concurrency() + " in flight" : "open loop at " + s.rate(),
                s.count() > 0 ? s.count() + " requests" : s.duration(), s.warmup(), String.join(", ", s.organizations()),
                s.processors(), s.java());
        Throughput t = throughput;
        out.println();
        out.printf(Locale.ROOT, "  %-28s %10s %12s%n", "measured requests", "count", "per second");
        out.printf(Locale.ROOT, "  %-28s %10d %12.1f%n", "submitted", t.submitted(), t.submittedPerSecond());
        out.printf(Locale.ROOT, "  %-28s %10d %12.1f%n", "accepted (201)", t.accepted(), t.acceptedPerSecond());
        out.printf(Locale.ROOT, "  %-28s %10d %12.1f%n", "assessed", t.assessed(), t.assessedPerSecond());
        out.printf(Locale.ROOT, "  %-28s %10s %12s%n", "audited (end to end)", s.auditUrl() == null ? "-" : t.audited(),
                s.auditUrl() == null ? "not followed" : String.format(Locale.ROOT, "%.1f", t.auditedPerSecond()));
        out.printf(Locale.ROOT, "  measured window %.1f s%s%n", t.windowSeconds(), t.inFlightLimitReached() > 0
                ? "; the in-flight limit was reached " + t.inFlightLimitReached() + " times (the platform fell behind)" : "");
        out.println();
        out.printf(Locale.ROOT, "  %-28s %10s %10s %10s %10s %10s%n", "latency (ms)", "p50", "p95", "p99", "max", "count");
        latency.forEach((name, l) -> out.printf(Locale.ROOT, "  %-28s %10.2f %10.2f %10.2f %10.2f %10d%n", name, l.p50(),
                l.p95(), l.p99(), l.max(), l.count()));
        out.println();
        long errorCount = errors.values().stream().mapToLong(Long::longValue).sum();
        out.printf(Locale.ROOT, "  errors: %d%s%n", errorCount, warmupErrors > 0 ? " (and " + warmupErrors
                + " during the warm-up)" : "");
        errors.forEach((kind, count) -> out.printf(Locale.ROOT, "    %-60s %8d%n", kind, count));
        out.printf(Locale.ROOT, "  lost: %d%s%n", lost.total(), lost.drainTimedOut() ? " (the wait for stragglers timed out)"
                : "");
        printIds(out, "not assessed", lost.notAssessed());
        printIds(out, "submission not in the audit ledger", lost.submissionNotAudited());
        printIds(out, "assessment not in the audit ledger", lost.assessmentNotAudited());
        out.println();
        out.println("  outcomes by scenario (warm-up included)");
        outcomes.forEach((scenario, statuses) -> out.printf(Locale.ROOT, "    %-28s %s%n", scenario, statuses));
        if (observers.unreadableEvents() > 0 || !observers.ledgerPollFailures().isEmpty()) {
            out.printf(Locale.ROOT, "  observers: %d unreadable events, ledger poll failures %s%n",
                    observers.unreadableEvents(), observers.ledgerPollFailures());
        }
        out.printf(Locale.ROOT, "  token renewals: %d%n", observers.tokenRenewals());
        out.println();
        if (raw == null) {
            out.printf(Locale.ROOT, "  raw Kafka: %s%n", rawSkipped);
        } else {
            RawKafka.RoundTrip rt = raw.roundTrip();
            RawKafka.Produce p = raw.produce();
            out.printf(Locale.ROOT, "  raw Kafka %s on %s as %s (kafka-tools, scratch topics)%n", raw.kafkaVersion(),
                    raw.bootstrapServers(), s.kafkaPrincipal());
            out.printf(Locale.ROOT, "    produce→consume round trip (EndToEndLatency, %d × %d B, acks=all): "
                    + "mean %.3f ms, p50 %d ms, p99 %d ms, p99.9 %d ms%n", rt.records(), rt.recordSize(), rt.meanMs(),
                    rt.p50Ms(), rt.p99Ms(), rt.p999Ms());
            out.printf(Locale.ROOT, "    produce flat out (ProducerPerformance, %d × %d B, acks=all, idempotent): "
                    + "%.1f records/s (%.2f MB/s), ack p99 %d ms%n", p.records(), p.recordSize(), p.recordsPerSecond(),
                    p.megabytesPerSecond(), p.p99Ms());
            Latency.Summary assessed = latency.get(TO_ASSESSED);
            out.printf(Locale.ROOT, "  platform / raw: throughput %.4f (%.1f end to end vs %.1f records/s); "
                    + "p99 %s%.1f× (%.2f ms submit→assessed vs %d ms round trip%s)%n", ratio.throughput(),
                    s.auditUrl() == null ? t.assessedPerSecond() : t.auditedPerSecond(), p.recordsPerSecond(),
                    ratio.rawP99BelowResolution() ? "≥ " : "", ratio.p99(), assessed == null ? 0 : assessed.p99(),
                    rt.p99Ms(), ratio.rawP99BelowResolution() ? ", below the tool's 1 ms resolution" : "");
        }
        out.flush();
    }

    private static void printIds(PrintWriter out, String what, List<String> ids) {
        if (!ids.isEmpty()) {
            out.printf(Locale.ROOT, "    %s: %d, e.g. %s%n", what, ids.size(), String.join(", ",
                    ids.subList(0, Math.min(5, ids.size()))));
        }
    }

    static Map<String, Latency.Summary> latencies(Journeys journeys, boolean followAudit) {
        Map<String, Latency.Summary> latency = new LinkedHashMap<>();
        latency.put(TO_ACCEPTED, journeys.toAccepted.summary());
        latency.put(TO_ASSESSED, journeys.toAssessed.summary());
        if (followAudit) {
            latency.put(TO_SUBMISSION_AUDITED, journeys.toSubmissionAudited.summary());
            latency.put(TO_AUDITED, journeys.toAudited.summary());
        }
        return latency;
    }

    static String seconds(Duration duration) {
        return Durations.format(duration);
    }
}
