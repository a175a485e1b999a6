package org.cbdf.policy.events;

/**
 * A policy instrument the engine uses: an adequacy decision ({@code type} {@value
 * PolicyEvents#ADEQUACY_DECISION_AGGREGATE_TYPE}) or a recognition agreement ({@value
 * PolicyEvents#RECOGNITION_AGREEMENT_AGGREGATE_TYPE}), by id.
 */
public record PolicyInstrument(String type, String id) {

    public static PolicyInstrument adequacyDecision(String id) {
        return new PolicyInstrument(PolicyEvents.ADEQUACY_DECISION_AGGREGATE_TYPE, id);
    }

    public static PolicyInstrument recognitionAgreement(String id) {
        return new PolicyInstrument(PolicyEvents.RECOGNITION_AGREEMENT_AGGREGATE_TYPE, id);
    }

    @Override
    public String toString() {
        return type + " " + id;
    }
}
