package org.cbdf.dispute.cases;

/** Where a dispute stands in its procedure (docs/design.md §4, modelled on GDPR Art. 60/65). */
public enum CaseStatus {
    OPEN, NEGOTIATION, RESOLVED_BY_AGREEMENT, ESCALATED, DECIDED
}
