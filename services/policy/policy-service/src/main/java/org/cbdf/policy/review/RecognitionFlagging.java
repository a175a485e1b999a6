package org.cbdf.policy.review;

import org.cbdf.policy.events.AdequacyDecisionChanged;
import org.cbdf.policy.events.PolicyInstrument;
import org.cbdf.policy.events.RecognitionAgreementChanged;
import org.springframework.context.event.EventListener;
import org.springframework.stereotype.Component;

/**
 * Hears every change of a decision or agreement the policy administration makes — through the admin API or a review's
 * outcome alike — in the transaction of the change, and flags the jurisdictions that recognised it by reference.
 */
@Component
class RecognitionFlagging {

    private final ReviewProcedure procedure;

    RecognitionFlagging(ReviewProcedure procedure) {
        this.procedure = procedure;
    }

    @EventListener
    void adequacyDecisionChanged(AdequacyDecisionChanged changed) {
        procedure.flagRecognitions(PolicyInstrument.adequacyDecision(changed.decisionId()), changed.previousStatus(),
                changed.status(), changed.reason(), changed.policyVersion());
    }

    @EventListener
    void recognitionAgreementChanged(RecognitionAgreementChanged changed) {
        procedure.flagRecognitions(PolicyInstrument.recognitionAgreement(changed.agreementId()),
                changed.previousStatus(), changed.status(), changed.reason(), changed.policyVersion());
    }
}
