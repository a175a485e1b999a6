package org.cbdf.transfer.events;

import java.time.LocalDate;
import java.util.List;
import java.util.Set;

/**
 * A request to transfer data across a border (DESIGN §3). The exporting organisation is not part of it: it
 * comes from the caller's token. Jurisdictions are ISO 3166-1 alpha-2 codes.
 */
public record TransferRequest(Exporter exporter, Importer importer, String purpose, Set<DataCategory> dataCategories,
        DataSubjects dataSubjects, Mechanism mechanism, Exemption exemption, Set<Safeguard> safeguards,
        List<OnwardTransfer> onwardTransfers, Period period) {

    public record Exporter(String jurisdiction, boolean ciio) {
    }

    public record Importer(String name, String jurisdiction, Set<Certification> certifications,
            boolean dpfCertified) {
    }

    public record DataSubjects(long count, long sensitiveCount) {
    }

    public record OnwardTransfer(String jurisdiction) {
    }

    public record Period(LocalDate start, LocalDate end) {
    }
}
