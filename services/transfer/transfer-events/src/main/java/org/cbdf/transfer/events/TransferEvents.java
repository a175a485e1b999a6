package org.cbdf.transfer.events;

/** Topic and logical event types of the transfer service. A breaking change is a new version, never an edit. */
public final class TransferEvents {

    public static final String TOPIC = "transfer.events";
    public static final String AGGREGATE_TYPE = "transfer";

    public static final String SUBMITTED_V1 = "transfer.submitted.v1";
    public static final String ASSESSED_V1 = "transfer.assessed.v1";

    private TransferEvents() {
    }
}
