package org.cbdf.transfer.events;

/** Technical and organisational measures the exporter applies. */
public enum Safeguard {
    ENCRYPTION_IN_TRANSIT, ENCRYPTION_AT_REST, PSEUDONYMISATION, ANONYMISATION, ACCESS_CONTROL,
    DATA_MINIMISATION, SPLIT_PROCESSING, AUDIT_LOGGING
}
