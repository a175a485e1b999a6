package org.cbdf.tools.load;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import java.io.PrintWriter;
import java.io.StringWriter;
import java.time.Instant;
import java.util.List;
import java.util.Map;

import org.junit.jupiter.api.Test;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

class ReportTests {

    static final long S = 1_000_000_000L;

    static RawKafka.Result raw(long p99Ms, double recordsPerSecond) {
        return new RawKafka.Result("4.1.2", "127.0.0.1:9092", new RawKafka.RoundTrip(10_000, 1_024, 0.84, 0, p99Ms, 3),
                new RawKafka.Produce(500_000, 1_024, recordsPerSecond, recordsPerSecond / 1_024, 12, 200, 3, 20, 40, 90));
    }

    @Test
    void percentilesAreReadFromTheHistogramInMilliseconds() {
        Latency latency = new Latency();
        for (int ms = 1; ms <= 100; ms++) {
            latency.recordNanos(ms * 1_000_000L);
        }

        Latency.Summary summary = latency.summary();

        assertThat(summary.count()).isEqualTo(100);
        assertThat(summary.p50()).isCloseTo(50.0, within(0.05));
        assertThat(summary.p95()).isCloseTo(95.0, within(0.1));
        assertThat(summary.p99()).isCloseTo(99.0, within(0.1));
        assertThat(summary.max()).isCloseTo(100.0, within(0.1));
        assertThat(summary.mean()).isCloseTo(50.5, within(0.1));
    }

    @Test
    void aNegativeOrHugeLatencyIsClampedNotLost() {
        Latency latency = new Latency();
        latency.recordNanos(-5);
        latency.recordNanos(Long.MAX_VALUE / 2);

        assertThat(latency.summary().count()).isEqualTo(2);
        assertThat(latency.summary().max()).isCloseTo(3_600_000.0, within(3_600.0));
    }

    @Test
    void ratesAreCountsOverTheirWindows() {
        assertThat(Report.perSecond(1_000, 0, 5 * S)).isEqualTo(200.0);
        assertThat(Report.perSecond(0, 0, 5 * S)).isZero();
        assertThat(Report.perSecond(10, 5 * S, 5 * S)).isZero();
    }

    @Test
    void aPipelineThatFallsBehindShowsItsOwnPace() {
        // 600 submitted in 3 s; the last one audited 6 s after the window opened
        TrafficDriver.Sent sent = new TrafficDriver.Sent(0, 10 * S, 13 * S, 100, 600, 0);
        Counters measured = new Counters();
        measured.sent.add(600);
        measured.accepted.add(600);
        measured.lastAccepted.accumulate(13 * S);
        measured.assessed.add(600);
        measured.lastAssessed.accumulate(14 * S);
        measured.audited.add(600);
        measured.lastAudited.accumulate(16 * S);

        Report.Throughput throughput = Report.throughput(sent, measured);

        assertThat(throughput.submittedPerSecond()).isEqualTo(200.0);
        assertThat(throughput.acceptedPerSecond()).isEqualTo(200.0);
        assertThat(throughput.assessedPerSecond()).isEqualTo(150.0);
        assertThat(throughput.auditedPerSecond()).isEqualTo(100.0);
        assertThat(throughput.windowSeconds()).isEqualTo(3.0);
    }

    @Test
    void theRatioComparesEndToEndWithTheRawProducerAndP99WithTheRawRoundTrip() {
        Report.Ratio ratio = Report.ratio(1_000, 80, raw(2, 100_000));

        assertThat(ratio.throughput()).isEqualTo(0.01);
        assertThat(ratio.p99()).isEqualTo(40.0);
        assertThat(ratio.rawP99BelowResolution()).isFalse();
    }

    @Test
    void aRawP99BelowTheToolsResolutionGivesALowerBound() {
        Report.Ratio ratio = Report.ratio(1_000, 80, raw(0, 100_000));

        assertThat(ratio.p99()).isEqualTo(80.0);
        assertThat(ratio.rawP99BelowResolution()).isTrue();
        assertThat(Report.ratio(1_000, 80, null)).isNull();
    }

    Report report(RawKafka.Result raw) {
        Latency latency = new Latency();
        latency.recordNanos(42_000_000L);
        return new Report(new Report.Setup(Instant.parse("2026-11-29T10:00:00Z"), "http://127.0.0.1:8081",
                "http://127.0.0.1:8084", "http://127.0.0.1:8180/realms/governance", "127.0.0.1:9092",
                "load-harness", List.of("acme-cn", "acme-de"), "200/s", 32, "10s", "60s", 0, "server", 2, "25"),
                new Report.Throughput(60, 12_000, 11_998, 11_998, 11_990, 200, 199.97, 199.9, 199.8, 0),
                Map.of(Report.TO_ASSESSED, latency.summary()), Map.of("HTTP 503 Service Unavailable", 2L), 1,
                new Report.Lost(8, List.of(), List.of(), List.of("t-1", "t-2"), true),
                Map.of("de-us-scc", Map.of("CONDITIONAL", 1_000L)), new Report.Observers(0, Map.of(), 2), raw,
                raw == null ? "skipped (--skip-raw)" : null, Report.ratio(199.8, 42, raw));
    }

    @Test
    void theTextReportNamesEveryFigure() {
        StringWriter text = new StringWriter();
        report(raw(2, 100_000)).print(new PrintWriter(text));

        assertThat(text.toString())
                .contains("open loop at 200/s, 60s after a 10s warm-up; organisations acme-cn, acme-de")
                .containsPattern("submitted\\s+12000\\s+200\\.0")
                .containsPattern("audited \\(end to end\\)\\s+11990\\s+199\\.8")
                .containsPattern("submit→assessed\\s+42\\.0")
                .contains("HTTP 503 Service Unavailable").contains("(and 1 during the warm-up)")
                .contains("lost: 8 (the wait for stragglers timed out)")
                .contains("assessment not in the audit ledger: 2, e.g. t-1, t-2")
                .contains("raw Kafka 4.1.2 on 127.0.0.1:9092 as load-harness")
                .contains("p50 0 ms, p99 2 ms, p99.9 3 ms")
                .contains("100000.0 records/s")
                .contains("platform / raw: throughput 0.0020").contains("p99 21.0×");
    }

    @Test
    void theJsonReportCarriesTheSameFigures() {
        JsonNode json = JsonMapper.builder().build().readTree(report(null).json());

        assertThat(json.path("throughput").path("auditedPerSecond").asDouble()).isEqualTo(199.8);
        assertThat(json.path("latency").path(Report.TO_ASSESSED).path("p99").asDouble()).isCloseTo(42.0, within(0.05));
        assertThat(json.path("errors").path("HTTP 503 Service Unavailable").asLong()).isEqualTo(2);
        assertThat(json.path("lost").path("total").asLong()).isEqualTo(8);
        assertThat(json.path("rawSkipped").asString()).isEqualTo("skipped (--skip-raw)");
        assertThat(json.path("setup").path("started").asString()).isEqualTo("2026-11-29T10:00:00Z");
        assertThat(json.path("setup").path("kafkaPrincipal").asString()).isEqualTo("load-harness");
    }
}
