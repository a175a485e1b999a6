package org.cbdf.dispute.events;

/** Who reached the outcome: the parties' regulators by agreement, or a panel of uninvolved regulators. */
public enum DecidedBy {
    AGREEMENT, PANEL
}
