package org.cbdf.dispute;

import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.List;
import java.util.UUID;

import org.cbdf.policy.events.PolicyConflictDetected;
import org.cbdf.transfer.events.DecisionRecorded;
import org.cbdf.transfer.events.Decision;
import org.cbdf.transfer.events.TransferAppealed;

/** Object Mother of the events that open disputes and of regulators' decisions, shaped as their producers send them. */
public final class Triggers {

    private Triggers() {
    }

    /** acme's appeal against CN's rejection of its CN → DE transfer. */
    public static TransferAppealed appealed(String transferId, String organization) {
        return new TransferAppealed(transferId, organization, "alice",
                "The rejection ignored the security assessment we passed in 2026.", List.of("CN"), List.of("CN", "DE"),
                Instant.now().truncatedTo(ChronoUnit.MILLIS));
    }

    public static PolicyConflictDetected conflict(String transferId, String organization) {
        return new PolicyConflictDetected("conflict-" + UUID.randomUUID(), transferId, organization, List.of("CN", "DE"),
                List.of("cn.data-localisation", "eu.gdpr.art-48"),
                "CN requires local storage of the data that DE's rules require to be handed to a DE court.",
                "sha256:" + "cd".repeat(32), Instant.now().truncatedTo(ChronoUnit.MILLIS));
    }

    public static DecisionRecorded rejected(String transferId, String organization, String jurisdiction,
            Instant decidedAt) {
        return new DecisionRecorded(transferId, organization, jurisdiction, Decision.REJECT,
                "The importer's safeguards do not meet the destination's standard.", List.of(),
                "regulator-" + jurisdiction.toLowerCase(), decidedAt.truncatedTo(ChronoUnit.MILLIS), "REJECTED");
    }
}
