package org.cbdf.transfer.events;

/** What the exporter proposes to rely on. */
public enum Mechanism {
    ADEQUACY, SCC, BCR, CERTIFICATION, STANDARD_CONTRACT, SECURITY_ASSESSMENT, DEROGATION, NONE
}
