package org.cbdf.dispute.parties;

import java.util.Set;

/** A jurisdiction whose regulator would be party to a dispute on a transfer, and in which capacities. */
public record RegulatorParty(String jurisdiction, Set<Involvement> involvement) {

    public RegulatorParty {
        involvement = Set.copyOf(involvement);
    }
}
