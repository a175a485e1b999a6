package org.cbdf.platform.messaging;

/**
 * Names of the CloudEvents extension attributes every event of the platform carries (docs/design.md §2).
 * CloudEvents restricts extension names to lower-case letters and digits.
 */
public final class CloudEventExtensions {

    /** Id of the aggregate the event belongs to; also the Kafka record key, so one aggregate's events stay in order. */
    public static final String AGGREGATE_ID = "aggregateid";
    /** Kind of aggregate (transfer, dispute, …). */
    public static final String AGGREGATE_TYPE = "aggregatetype";
    /** 1, 2, 3 … per aggregate, without gaps. */
    public static final String AGGREGATE_VERSION = "aggregateversion";
    /** W3C trace context of the request that caused the event. */
    public static final String TRACEPARENT = "traceparent";
    /** Content hash of the policy that decided, where a policy decided. */
    public static final String POLICY_VERSION = "policyversion";
    /** Exporting organisation the event concerns, where there is one. */
    public static final String ORGANIZATION = "organization";
    /** Comma-separated ISO 3166-1 codes of the jurisdictions the event concerns. */
    public static final String JURISDICTIONS = "jurisdictions";
    /**
     * Comma-separated ISO 3166-1 codes of the only jurisdictions whose regulators may read the event's aggregate now,
     * where its producer shows it to fewer than {@link #JURISDICTIONS} (a draft adequacy review, a recognition flag).
     * Every event of the aggregate restates it; the one with the highest {@code aggregateversion} holds, so an
     * aggregate its producer makes public later (a review adopted) is read whole from then on. Absent: no restriction.
     */
    public static final String READERS = "readers";

    private CloudEventExtensions() {
    }
}
