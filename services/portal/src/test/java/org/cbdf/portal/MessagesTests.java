package org.cbdf.portal;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Properties;
import java.util.Set;
import java.util.TreeSet;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;

import org.cbdf.portal.apis.Downstream;
import org.cbdf.portal.apis.ServiceUnavailable;
import org.cbdf.portal.disputes.DisputeStep;
import org.cbdf.portal.policy.PolicyInstrument;
import org.cbdf.portal.transfers.TransferFilter;
import org.junit.jupiter.api.Test;

/** Every text of the portal in English and Simplified Chinese. */
class MessagesTests {

    @Test
    void englishAndChineseHaveTheSameKeys() throws IOException {
        Properties english = messages("messages.properties");
        Properties chinese = messages("messages_zh_CN.properties");

        assertThat(chinese.stringPropertyNames()).containsExactlyInAnyOrderElementsOf(english.stringPropertyNames());
        chinese.forEach((key, text) -> assertThat((String) text).as(key.toString()).isNotBlank());
    }

    @Test
    void everyKeyATemplateNamesIsTranslated() throws IOException {
        Properties english = messages("messages.properties");
        Properties chinese = messages("messages_zh_CN.properties");
        Set<String> used = new TreeSet<>();
        // #{key} and #{key(arguments)}; keys built at run time ('status.' + …) are checked by their own tests
        Pattern literalKey = Pattern.compile("#\\{([A-Za-z][A-Za-z0-9_.]*)[}(]");
        try (Stream<Path> templates = Files.list(Path.of("src/main/resources/templates"))) {
            for (Path template : templates.toList()) {
                Matcher keys = literalKey.matcher(Files.readString(template));
                while (keys.find()) {
                    used.add(keys.group(1));
                }
            }
        }

        assertThat(used).hasSizeGreaterThan(100);
        assertThat(english.stringPropertyNames()).containsAll(used);
        assertThat(chinese.stringPropertyNames()).containsAll(used);
    }

    @Test
    void everyKeyBuiltAtRunTimeIsTranslated() throws IOException {
        Properties english = messages("messages.properties");
        Properties chinese = messages("messages_zh_CN.properties");
        Set<String> built = new TreeSet<>();
        // the values the APIs send and the portal's own states, each shown through a key built from it
        for (String status : List.of("OPEN", "NEGOTIATION", "RESOLVED_BY_AGREEMENT", "ESCALATED", "DECIDED")) {
            built.add("dispute.status." + status);
        }
        for (var trigger : org.cbdf.dispute.events.Trigger.values()) {
            built.add("dispute.trigger." + trigger.name());
        }
        for (var resolution : org.cbdf.dispute.events.Resolution.values()) {
            built.add("dispute.resolution." + resolution.name());
        }
        for (var decidedBy : org.cbdf.dispute.events.DecidedBy.values()) {
            built.add("dispute.decidedBy." + decidedBy.name());
        }
        for (String kind : List.of("NEGOTIATION", "PANEL_QUALIFIED_MAJORITY", "PANEL_SIMPLE_MAJORITY")) {
            built.add("dispute.deadlineKind." + kind);
        }
        for (String part : List.of("chair", "panel", "party", "enterprise", "auditor")) {
            built.add("dispute.part." + part);
        }
        for (DisputeStep step : DisputeStep.values()) {
            built.add("dispute.recorded." + step.path());
            if (step.confirmed()) {
                built.add("dispute.confirm." + step.path());
                built.add("dispute.confirm." + step.path() + ".submit");
            }
        }
        for (String step : List.of("OPENED", "NEGOTIATION_STARTED", "STATEMENT_FILED", "AGREEMENT_PROPOSED",
                "AGREEMENT_ACCEPTED", "ESCALATION_REQUESTED", "ESCALATED", "VOTE_CAST", "PANEL_DEADLINE_EXTENDED",
                "DEADLINE_MISSED", "DECIDED", "RESOLVED_BY_AGREEMENT")) {
            built.add("dispute.step." + step);
        }
        for (String status : PolicyInstrument.STATUSES) {
            built.add("policy.status." + status);
        }
        for (PolicyInstrument instrument : PolicyInstrument.values()) {
            for (String key : List.of("title", "intro", "one", "back", "this")) {
                built.add("policy." + instrument.messages() + "." + key);
            }
        }
        for (String validity : List.of("fromTo", "from", "until", "none")) {
            built.add("policy.validity." + validity);
        }
        for (String consequence : List.of("reassesses", "staysInForce", "restores", "staysOutOfForce")) {
            built.add("policy.preview." + consequence);
        }
        for (String suspension : List.of("SUSPENDS", "SUSPENDS_IF_ACTIVE", "DOES_NOT_SUSPEND")) {
            built.add("policy.preview.suspension." + suspension);
        }
        for (String outcome : List.of("PERMITTED", "CONDITIONAL", "REVIEW_REQUIRED", "PROHIBITED")) {
            built.add("outcome." + outcome);
        }
        for (Downstream service : Downstream.values()) {
            built.add(service.messageKey());
        }
        for (ServiceUnavailable.Reason reason : ServiceUnavailable.Reason.values()) {
            built.add("unavailable." + reason.name());
        }
        for (String state : List.of("NONE", "NOT_VERIFIED", "UNAVAILABLE")) {
            built.add("ledger.checkpoint." + state);
            built.add("audit.timeline.checkpoint." + state);
        }
        for (String proof : List.of("VERIFIED", "PENDING", "FAILED")) {
            built.add("audit.proof." + proof);
        }
        for (String kind : List.of("transfers", "disputes")) {
            built.add("auditState.title." + kind);
            built.add("auditState.current." + kind);
        }
        for (String field : List.of("aggregateId", "organization", "jurisdiction", "type")) {
            built.add("auditLog." + field);
            built.add("auditLog." + field + ".placeholder");
        }
        for (String status : TransferFilter.STATUSES) {
            built.add("status." + status);
        }

        assertThat(english.stringPropertyNames()).containsAll(built);
        assertThat(chinese.stringPropertyNames()).containsAll(built);
    }

    private static Properties messages(String name) throws IOException {
        Properties properties = new Properties();
        try (InputStream in = MessagesTests.class.getResourceAsStream("/" + name)) {
            properties.load(new InputStreamReader(in, StandardCharsets.UTF_8));
        }
        return properties;
    }
}
