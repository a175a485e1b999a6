package org.cbdf.dispute.events;

/** Topic and logical event types of the dispute service. A breaking change is a new version, never an edit. */
public final class DisputeEvents {

    public static final String TOPIC = "dispute.events";
    public static final String AGGREGATE_TYPE = "dispute";

    public static final String OPENED_V1 = "dispute.opened.v1";
    public static final String RESOLVED_V1 = "dispute.resolved.v1";
    public static final String STATEMENT_FILED_V1 = "dispute.statement-filed.v1";
    public static final String ESCALATED_V1 = "dispute.escalated.v1";
    public static final String VOTE_CAST_V1 = "dispute.vote-cast.v1";
    public static final String DEADLINE_MISSED_V1 = "dispute.deadline-missed.v1";

    private DisputeEvents() {
    }
}
