package org.cbdf.transfer.events;

import java.time.LocalDate;
import java.util.Collections;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;

/**
 * A request to transfer data across a border (docs/design.md §3). The exporting organisation is not part of it: it
 * comes from the caller's token. Jurisdictions are ISO 3166-1 alpha-2 codes.
 */
public record TransferRequest(Exporter exporter, Importer importer, String purpose, Set<DataCategory> dataCategories,
        DataSubjects dataSubjects, Mechanism mechanism, Exemption exemption, Set<Safeguard> safeguards,
        List<OnwardTransfer> onwardTransfers, Period period) {

    /**
     * The rules this request breaks ({@link TransferRequestRules}), in the order of its fields; empty if it is valid.
     * Not a property: it is never written with the request.
     */
    public List<TransferRequestRules.Violation> violations() {
        return TransferRequestRules.violations(this);
    }

    /**
     * The jurisdictions the request's data passes through, each once: origin, destination, then the onward
     * recipients in their order. (The regulators who read the transfer add its required approvers:
     * {@link org.cbdf.transfer.visibility.TransferReaders}.)
     */
    public Set<String> involvedJurisdictions() {
        Set<String> jurisdictions = new LinkedHashSet<>();
        if (exporter != null) {
            jurisdictions.add(exporter.jurisdiction());
        }
        if (importer != null) {
            jurisdictions.add(importer.jurisdiction());
        }
        if (onwardTransfers != null) {
            onwardTransfers.stream().filter(onward -> onward != null)
                    .forEach(onward -> jurisdictions.add(onward.jurisdiction()));
        }
        return Collections.unmodifiableSet(jurisdictions);
    }

    /**
     * @param freeTradeZone the Chinese pilot free trade zone the data is exported from, by its code (see
     *                      {@link #FREE_TRADE_ZONE_CODE}), for the zone's negative list (CAC Provisions on Promoting
     *                      and Regulating Cross-Border Data Flows 2024, Art. 6); null if the exporter names none.
     *                      Optional and added later: events written without it read as null.
     */
    public record Exporter(String jurisdiction, Boolean ciio, String freeTradeZone) {

        /** {@code ciio} is optional on the wire (the schema requires no member for it): absent reads as false. */
        public Exporter {
            ciio = Boolean.TRUE.equals(ciio);
        }

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
            Boolean dpfCertified) {

        /** {@code dpfCertified} is optional on the wire: absent reads as false. */
        public Importer {
            dpfCertified = Boolean.TRUE.equals(dpfCertified);
        }
    }

    /**
     * @param count          the individuals whose personal data is transferred, 0 to {@link #MAX_COUNT}
     * @param sensitiveCount of them, those whose sensitive personal data is transferred, 0 to {@code count}
     */
    public record DataSubjects(long count, long sensitiveCount) {

        /**
         * The most individuals one request may name (and the schema's {@code maximum}): two billion, more than live
         * in any one country (China and India have some 1.4 billion each), so no genuine transfer is refused. It
         * keeps the policy service's yearly totals per exporter, signed 64-bit integers (Java {@code long},
         * PostgreSQL {@code bigint}: at most 9.22 × 10^18), from overflowing: at the API's default rate limit of 100
         * requests a second per client, a client submitting nothing but maximal requests for a whole year (3.15 ×
         * 10^9 of them) adds up 6.3 × 10^18. Ten billion, more people than exist, would overflow in 107 days of that.
         * Several clients, replicas or a raised rate limit can go further, so the totals' arithmetic refuses to
         * overflow all the same.
         */
        public static final long MAX_COUNT = 2_000_000_000L;
    }

    public record OnwardTransfer(String jurisdiction) {
    }

    public record Period(LocalDate start, LocalDate end) {
    }
}
