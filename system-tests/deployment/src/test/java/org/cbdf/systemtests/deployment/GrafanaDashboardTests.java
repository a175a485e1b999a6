package org.cbdf.systemtests.deployment;

import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import org.junit.jupiter.api.Test;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

import static org.assertj.core.api.Assertions.assertThat;

/** deploy/grafana/dashboards/platform.json: provisioned by compose, shipped by the chart. */
class GrafanaDashboardTests {

    private static final JsonNode DASHBOARD = JsonMapper.builder().build()
        .readTree(Repository.read("deploy/grafana/dashboards/platform.json"));

    /**
     * Metrics the services export: Spring MVC, the Kafka binder and Kafka clients, the JVM, Hikari, and the
     * platform's own ({@code cbdf_*}, registered in platform-messaging and the services' *Metrics classes).
     */
    private static final Pattern EXPORTED = Pattern.compile("http_server_requests_seconds_(count|sum|max|bucket)"
            + "|spring_cloud_stream_binder_kafka_offset|kafka_(consumer|producer)_[a-z_]+|jvm_[a-z_]+|process_cpu_usage"
            + "|hikaricp_[a-z_]+|audit_aggregate_version_gaps_total|cbdf_[a-z_]+");

    /** The domain metrics of issue 8 the dashboard must show, by their Prometheus names. */
    private static final Set<String> DOMAIN = Set.of("cbdf_transfers", "cbdf_assessment_duration_seconds_bucket",
            "cbdf_assessments_total", "cbdf_approvals_pending", "cbdf_approvals_pending_oldest_age_seconds",
            "cbdf_disputes_deadlines_due", "cbdf_ledger_size", "cbdf_ledger_append_duration_seconds_bucket",
            "cbdf_outbox_backlog", "cbdf_events_dead_lettered_total", "spring_cloud_stream_binder_kafka_offset");

    /**
     * Where each {@code cbdf_*} metric is registered: the panel's metric must appear (under its Micrometer name,
     * dots for underscores, without the Prometheus suffix) in one of these sources, so a renamed meter fails here.
     */
    private static final List<String> METRIC_SOURCES = List.of(
            "platform/messaging/src/main/java/org/cbdf/platform/messaging/MessagingAutoConfiguration.java",
            "platform/messaging/src/main/java/org/cbdf/platform/messaging/ConsumerErrorHandling.java",
            "platform/messaging/src/main/java/org/cbdf/platform/messaging/OutboxRelay.java",
            "platform/messaging/src/main/java/org/cbdf/platform/messaging/ProcessedEvents.java",
            "services/transfer/transfer-service/src/main/java/org/cbdf/transfer/requests/TransferMetrics.java",
            "services/dispute/dispute-service/src/main/java/org/cbdf/dispute/cases/DisputeMetrics.java",
            "services/policy/policy-service/src/main/java/org/cbdf/policy/assessment/AssessmentMetrics.java",
            "services/audit/audit-service/src/main/java/org/cbdf/audit/ledger/LedgerMetrics.java");

    private static final Pattern METRIC = Pattern.compile("\\b([a-z_][a-z0-9_]*)\\s*(\\{|\\[|\\))");

    private static final Pattern GROUPING = Pattern.compile("\\b(by|without)\\s*\\([^)]*\\)");

    private static final Set<String> PROMQL = Set.of("sum", "rate", "increase", "max", "topk", "histogram_quantile", "by");

    @Test
    void everyPanelQueriesThroughTheDatasourceVariable() {
        List<JsonNode> panels = panels();

        assertThat(DASHBOARD.path("uid").asString()).isEqualTo("cbdf-platform");
        assertThat(panels).extracting((panel) -> panel.path("id").asInt()).doesNotHaveDuplicates();
        assertThat(panels).filteredOn((panel) -> !"row".equals(panel.path("type").asString())).isNotEmpty().allSatisfy((panel) -> {
            assertThat(panel.path("datasource").path("uid").asString()).isEqualTo("${datasource}");
            assertThat(panel.path("targets").isEmpty()).as(panel.path("title").asString()).isFalse();
        });
    }

    @Test
    void showsTheFlowAtAGlance() {
        Set<String> metrics = new HashSet<>();
        panels().forEach((panel) -> metrics.addAll(metrics(panel)));

        assertThat(metrics).contains("http_server_requests_seconds_count", "http_server_requests_seconds_bucket",
                "spring_cloud_stream_binder_kafka_offset", "kafka_producer_topic_record_send_total", "jvm_memory_used_bytes");
        assertThat(metrics).containsAll(DOMAIN);
    }

    @Test
    void everyMetricIsOneTheServicesExport() {
        String sources = METRIC_SOURCES.stream().map(Repository::read).reduce("", String::concat);
        List<String> unknown = new ArrayList<>();
        for (JsonNode panel : panels()) {
            String title = panel.path("title").asString();
            assertThat(title).as("no placeholder panels are left").doesNotContain("not exported yet");
            for (String metric : metrics(panel)) {
                assertThat(EXPORTED.matcher(metric).matches()).as("panel %s queries %s, which no service exports", title,
                        metric).isTrue();
                if (metric.startsWith("cbdf_")) {
                    String meter = metric.replaceFirst("_(total|bucket|count|sum|max)$", "")
                            .replaceFirst("_seconds$", "").replace('_', '.');
                    if (!sources.contains("\"" + meter) ) {
                        unknown.add(title + ": " + metric + " (meter " + meter + ")");
                    }
                }
            }
        }
        assertThat(unknown).as("cbdf_* metrics no source registers").isEmpty();
    }

    private static List<JsonNode> panels() {
        List<JsonNode> panels = new ArrayList<>();
        DASHBOARD.path("panels").forEach(panels::add);
        return panels;
    }

    private static Set<String> metrics(JsonNode panel) {
        Set<String> metrics = new HashSet<>();
        panel.path("targets").forEach((target) -> {
            // grouping labels are no metrics: drop "by (service, le)" before looking
            String expression = GROUPING.matcher(target.path("expr").asString()).replaceAll(" ");
            Matcher matcher = METRIC.matcher(expression);
            while (matcher.find()) {
                if (!PROMQL.contains(matcher.group(1))) {
                    metrics.add(matcher.group(1));
                }
            }
        });
        return metrics;
    }
}
