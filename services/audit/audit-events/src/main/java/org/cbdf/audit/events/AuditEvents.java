package org.cbdf.audit.events;

/** Topic and logical event types of the audit service. A breaking change is a new version, never an edit. */
public final class AuditEvents {

    public static final String TOPIC = "audit.checkpoints";
    /** Checkpoints are keyed by the ledger they sign; there is one ledger. */
    public static final String AGGREGATE_TYPE = "ledger";

    public static final String CHECKPOINT_SIGNED_V1 = "audit.checkpoint-signed.v1";

    private AuditEvents() {
    }
}
