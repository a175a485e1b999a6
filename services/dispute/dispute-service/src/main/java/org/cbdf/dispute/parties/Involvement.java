package org.cbdf.dispute.parties;

/** Why a jurisdiction's regulator would be party to a dispute on a transfer. */
public enum Involvement {
    /** The exporter's jurisdiction: its export rules apply. */
    ORIGIN,
    /** The importer's jurisdiction: its import rules apply. */
    DESTINATION,
    /** A jurisdiction the data goes on to from the importer. */
    ONWARD,
    /** The assessment requires this regulator's approval. */
    APPROVAL
}
