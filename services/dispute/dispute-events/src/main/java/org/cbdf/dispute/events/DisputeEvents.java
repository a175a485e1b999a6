package org.cbdf.dispute.events;

/** Topic and logical event types of the dispute service. A breaking change is a new version, never an edit. */
public final class DisputeEvents {

    public static final String TOPIC = "dispute.events";
    public static final String AGGREGATE_TYPE = "dispute";

    public static final String OPENED_V1 = "dispute.opened.v1";
    public static final String RESOLVED_V1 = "dispute.resolved.v1";

    private DisputeEvents() {
    }
}
