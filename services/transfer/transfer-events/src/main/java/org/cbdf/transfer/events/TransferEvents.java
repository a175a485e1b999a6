package org.cbdf.transfer.events;

/** Topic and logical event types of the transfer service. A breaking change is a new version, never an edit. */
public final class TransferEvents {

    public static final String TOPIC = "transfer.events";
    public static final String AGGREGATE_TYPE = "transfer";

    public static final String SUBMITTED_V1 = "transfer.submitted.v1";
    public static final String ASSESSED_V1 = "transfer.assessed.v1";
    public static final String DECISION_RECORDED_V1 = "transfer.decision-recorded.v1";
    public static final String APPEALED_V1 = "transfer.appealed.v1";
    public static final String APPEAL_DECIDED_V1 = "transfer.appeal-decided.v1";
    public static final String OBLIGATION_FULFILLED_V1 = "transfer.obligation-fulfilled.v1";
    public static final String WITHDRAWN_V1 = "transfer.withdrawn.v1";
    public static final String SUSPENDED_V1 = "transfer.suspended.v1";
    public static final String REINSTATED_V1 = "transfer.reinstated.v1";
    public static final String EXPIRED_V1 = "transfer.expired.v1";

    private TransferEvents() {
    }
}
