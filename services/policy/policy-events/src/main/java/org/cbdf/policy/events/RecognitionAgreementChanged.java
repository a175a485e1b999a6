package org.cbdf.policy.events;

import java.time.Instant;
import java.util.List;

/** A mutual-recognition agreement changed status ({@value PolicyEvents#RECOGNITION_AGREEMENT_CHANGED_V1}). */
public record RecognitionAgreementChanged(String agreementId, String name, List<String> parties, String accepting,
        List<String> certifications, String citation, String previousStatus, String status, String reason,
        String changedBy, Instant changedAt, String previousPolicyVersion, String policyVersion) {
}
