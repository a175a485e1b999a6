package org.cbdf.tools.load;

import org.cbdf.policy.rules.AssessmentEngine;
import org.cbdf.policy.rules.YearToDate;
import org.cbdf.tools.load.TrafficMix.Expected;
import org.cbdf.transfer.events.TransferRequest;

/**
 * What the shipped rules decide for a request: asked of the policy engine itself (policy-engine, with the policy
 * files the policy service ships), so that the harness's expectations cannot drift from the rules. The answer is what
 * a fresh organisation gets, nothing counted this year; the policy service's volume ledger makes later Chinese
 * transfers of the same organisation stricter, and a policy changed through the admin API differs from the shipped
 * one, which is why the report shows the observed statuses beside.
 */
final class ExpectedOutcomes {

    /** Loaded once, when first asked: compiling every pack's conditions takes a moment a run without samples saves. */
    private static final class Shipped {
        static final ExpectedOutcomes OUTCOMES = new ExpectedOutcomes(AssessmentEngine.fromClasspath());
    }

    private final AssessmentEngine engine;

    private ExpectedOutcomes(AssessmentEngine engine) {
        this.engine = engine;
    }

    static ExpectedOutcomes shipped() {
        return Shipped.OUTCOMES;
    }

    /** The policy version the expectations are worked out under. */
    String policyVersion() {
        return engine.policyVersion();
    }

    /** The status the transfer service gives the request once assessed under the shipped policy. */
    Expected of(TransferRequest request) {
        return switch (engine.assess(request, YearToDate.NONE).outcome()) {
            case PERMITTED -> Expected.PERMITTED;
            case CONDITIONAL -> Expected.CONDITIONAL;
            case REVIEW_REQUIRED -> Expected.AWAITING_APPROVAL;
            case PROHIBITED -> Expected.PROHIBITED;
        };
    }
}
