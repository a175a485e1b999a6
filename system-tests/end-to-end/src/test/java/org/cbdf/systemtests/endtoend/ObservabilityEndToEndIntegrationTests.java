package org.cbdf.systemtests.endtoend;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.net.URI;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Collectors;

import org.cbdf.systemtests.endtoend.SpanCollector.ReceivedSpan;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

import tools.jackson.databind.JsonNode;

/**
 * What an operator sees of one transfer: every service's Prometheus endpoint counts it, and its spans,
 * exported by OTLP from all four services, share one trace id from the submit to the audit append; the
 * services' JSON logs carry that trace id.
 */
class ObservabilityEndToEndIntegrationTests {

    private static final Pattern SAMPLE = Pattern.compile("^([a-zA-Z_:][a-zA-Z0-9_:]*)(?:\\{(.*)})? (\\S+)$");
    private static final Pattern LABEL = Pattern.compile("([a-zA-Z_][a-zA-Z0-9_]*)=\"((?:[^\"\\\\]|\\\\.)*)\"");

    static RunningPlatform running;

    @BeforeAll
    static void startPlatform() {
        running = RunningPlatform.get();
    }

    @Test
    void aSubmittedTransferIsCountedByEveryServiceAndTracedAcrossAllFourUnderOneTraceId() throws Exception {
        Map<String, Double> before = counts();

        String enterprise = running.token("enterprise-cn");
        HttpResponse<String> created = running.post(running.service("transfer", "/api/v1/transfers"), enterprise, """
                {
                  "exporter":  { "jurisdiction": "CN", "ciio": false },
                  "importer":  { "name": "Acme GmbH", "jurisdiction": "DE", "certifications": [], "dpfCertified": false },
                  "purpose": "Customer support",
                  "dataCategories": ["PERSONAL"],
                  "dataSubjects": { "count": 5000, "sensitiveCount": 0 },
                  "mechanism": "STANDARD_CONTRACT",
                  "safeguards": ["ENCRYPTION_IN_TRANSIT"],
                  "onwardTransfers": [],
                  "period": { "start": "2026-12-01", "end": "2027-11-30" }
                }
                """);
        assertThat(created.statusCode()).as(created.body()).isEqualTo(201);
        String id = RunningPlatform.JSON.readTree(created.body()).get("id").asString();

        String auditor = running.token("auditor");
        URI auditEvents = running.service("audit", "/api/v1/audit/events?aggregateId=" + id);
        await().atMost(Duration.ofSeconds(60)).pollInterval(Duration.ofMillis(200))
                .until(() -> running.read(auditEvents, auditor).size() >= 3);

        // every service counted it
        await().atMost(Duration.ofSeconds(30)).pollInterval(Duration.ofMillis(500)).untilAsserted(() -> {
            Map<String, Double> after = counts();
            before.forEach((metric, value) -> assertThat(after.get(metric)).as(metric).isGreaterThanOrEqualTo(value + 1));
        });

        // one trace: the submit's server span in the transfer service is the root, and the consumers of the
        // policy, dispute and audit services (and the transfer service taking the assessment) continue it
        await().atMost(Duration.ofSeconds(30)).pollInterval(Duration.ofMillis(200)).untilAsserted(() -> {
            List<ReceivedSpan> ofTransfer = running.spans.spans().stream()
                    .filter(span -> id.equals(span.attributes().get("cbdf.aggregate_id"))).toList();
            assertThat(ofTransfer).extracting(ReceivedSpan::service)
                    .contains("transfer-service", "policy-service", "dispute-service", "audit-service");
            assertThat(ofTransfer).extracting(ReceivedSpan::traceId).containsOnly(ofTransfer.getFirst().traceId());
            List<ReceivedSpan> trace = running.spans.trace(ofTransfer.getFirst().traceId());
            assertThat(trace).filteredOn(span -> span.kind().equals("SPAN_KIND_SERVER"))
                    .extracting(ReceivedSpan::service, ReceivedSpan::name)
                    .contains(org.assertj.core.groups.Tuple.tuple("transfer-service", "http post /api/v1/transfers"));
        });
        String traceId = running.spans.spans().stream()
                .filter(span -> id.equals(span.attributes().get("cbdf.aggregate_id")))
                .findFirst().orElseThrow().traceId();

        // the JSON log lines written while handling it carry the trace id (the stack runs the services with
        // platform-messaging at DEBUG: ProcessedEvents logs each event applied; an environment variable can only
        // name a package, Spring Boot lower-cases it)
        Set<String> loggedWithTheTrace = running.platform.services().stream()
                .filter(service -> logMentions(running.platform.logDirectory(), service.name(), traceId))
                .map(service -> service.name()).collect(Collectors.toSet());
        assertThat(loggedWithTheTrace).as("services whose JSON log has a line with trace id " + traceId)
                .contains("transfer", "policy", "dispute");
    }

    /** The counters one submit must move, read from each service's /actuator/prometheus on its management port. */
    private static Map<String, Double> counts() {
        return Map.of(
                "transfer: submitted", sample("transfer", "cbdf_transfers_events_total",
                        Map.of("type", "transfer.submitted.v1")),
                "transfer: assessment applied", sample("transfer", "cbdf_events_handled_seconds_count",
                        Map.of("consumer", "transfer.policyEvents", "type", "policy.assessment-completed.v1",
                                "result", "applied")),
                "policy: submit handled", sample("policy", "cbdf_events_handled_seconds_count",
                        Map.of("consumer", "policy.transferEvents", "type", "transfer.submitted.v1", "result", "applied")),
                "policy: assessments", sample("policy", "cbdf_assessments_total", Map.of()),
                "dispute: parties recorded", sample("dispute", "cbdf_events_handled_seconds_count",
                        Map.of("consumer", "dispute.transferEvents", "type", "transfer.submitted.v1", "result", "applied")),
                "audit: appended", sample("audit", "cbdf_ledger_appended_total", Map.of()));
    }

    /** The sum of the samples of {@code metric} whose labels include {@code labels}; 0 when none exists yet. */
    private static double sample(String service, String metric, Map<String, String> labels) {
        HttpResponse<String> response = running.send(HttpRequest.newBuilder(running.management(service,
                "/actuator/prometheus")).header("Accept", "text/plain").build());
        assertThat(response.statusCode()).as(service + " /actuator/prometheus").isEqualTo(200);
        double sum = 0;
        for (String line : response.body().lines().toList()) {
            Matcher sample = SAMPLE.matcher(line);
            if (!sample.matches() || !sample.group(1).equals(metric)) {
                continue;
            }
            Map<String, String> present = new java.util.HashMap<>();
            Matcher label = LABEL.matcher(sample.group(2) == null ? "" : sample.group(2));
            while (label.find()) {
                present.put(label.group(1), label.group(2));
            }
            if (present.entrySet().containsAll(labels.entrySet())) {
                sum += Double.parseDouble(sample.group(3));
            }
        }
        return sum;
    }

    private static boolean logMentions(Path logDirectory, String service, String traceId) {
        Path log = logDirectory.resolve(service + ".log");
        try (var lines = Files.lines(log)) {
            return lines.filter(line -> line.startsWith("{") && line.contains(traceId))
                    .map(ObservabilityEndToEndIntegrationTests::readJson)
                    .anyMatch(json -> json.has("@timestamp") && json.has("message"));
        } catch (java.io.IOException e) {
            throw new java.io.UncheckedIOException(e);
        }
    }

    private static JsonNode readJson(String line) {
        return RunningPlatform.JSON.readTree(line);
    }
}
