package org.cbdf.transfer.events;

/** What a regulator decided on a transfer that needed its approval. */
public enum Decision {
    APPROVE, APPROVE_WITH_CONDITIONS, REJECT
}
