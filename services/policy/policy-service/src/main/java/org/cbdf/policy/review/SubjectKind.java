package org.cbdf.policy.review;

/** What a review examines. */
public enum SubjectKind {
    /** A jurisdiction, or a sector or organisation scheme within it: adopting produces an adequacy decision. */
    JURISDICTION,
    /** A certification scheme: adopting produces a recognition agreement accepting its certifications. */
    CERTIFICATION,
    /** A set of model clauses: adopting produces a recognition agreement recording their equivalence. */
    MODEL_CLAUSES;

    boolean standard() {
        return this != JURISDICTION;
    }
}
