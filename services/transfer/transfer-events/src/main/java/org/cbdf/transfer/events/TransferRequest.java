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

    /**
     * @param freeTradeZone the Chinese pilot free trade zone the data is exported from, by its code (see
     *                      {@link #FREE_TRADE_ZONE_CODE}), for the zone's negative list (CAC Provisions on Promoting
     *                      and Regulating Cross-Border Data Flows 2024, Art. 6); null if the exporter names none.
     *                      Optional and added later: events written without it read as null.
     */
    public record Exporter(String jurisdiction, boolean ciio, String freeTradeZone) {

        /**
         * A zone code: the ISO 3166-2 code of the province or city hosting the zone, then, for a special area with
         * its own list, the area ({@code CN-SH}, {@code CN-SH-LINGANG}). It starts with the exporter's jurisdiction.
         */
        public static final String FREE_TRADE_ZONE_CODE = "^[A-Z]{2}(-[A-Z0-9]{1,12}){1,3}$";

        /** An exporter that names no free trade zone. */
        public Exporter(String jurisdiction, boolean ciio) {
            this(jurisdiction, ciio, null);
        }
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
