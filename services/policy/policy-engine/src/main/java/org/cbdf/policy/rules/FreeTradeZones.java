package org.cbdf.policy.rules;

import java.time.LocalDate;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.regex.Pattern;

import org.cbdf.transfer.events.DataCategory;
import org.cbdf.transfer.events.TransferRequest;

/**
 * China's pilot free trade zones and their negative lists as data (CAC Provisions on Promoting and Regulating
 * Cross-Border Data Flows 2024, Art. 6): a zone may draw up a list of the data that still needs a security
 * assessment, a standard contract or a certification to leave it; data processors in the zone exporting data
 * <em>not</em> on the list need none of the three.
 *
 * <p>A list names data by the request's categories ({@code PERSONAL}, {@code SENSITIVE_PERSONAL},
 * {@code IMPORTANT_DATA}, {@code NON_PERSONAL}, {@code CHILDREN}): the request carries no finer description of its
 * data, so whoever loads a zone's list puts on it every category that any item of the zone's list can contain
 * (listing more only takes away an exemption) and keeps the zone's own item references next to each category for
 * the trace. A zone without a loaded list, a list not yet in force, or a zone this policy does not know exempts
 * nothing.
 */
public record FreeTradeZones(List<Zone> zones) {

    private static final Pattern CODE = Pattern.compile(TransferRequest.Exporter.FREE_TRADE_ZONE_CODE);
    private static final Set<String> CATEGORIES = Set.of(names());

    /**
     * What an assessment exempted by zone {@code code}'s list names among what it relied on ({@code reliedOn}), so that
     * a change of the list reaches it: {@code free-trade-zone:CN-SH}.
     */
    public static String reliedOn(String code) {
        return "free-trade-zone:" + code;
    }

    /**
     * @param code         the zone's code: the ISO 3166-2 code of its province or city, then the area if a special
     *                     area has a list of its own ({@code CN-SH}, {@code CN-SH-LINGANG})
     * @param negativeList the zone's list, or null while none is loaded
     */
    public record Zone(String code, String name, String jurisdiction, NegativeList negativeList) {

        Zone withNegativeList(NegativeList list) {
            return new Zone(code, name, jurisdiction, list);
        }
    }

    /**
     * A zone's negative list as published.
     *
     * @param authority      who published it (the zone's or province's authorities that drew it up and had it approved)
     * @param legalReference its title and number, as a compliance officer would cite it
     * @param effective      the day it takes effect: transfers starting earlier get no exemption from it
     * @param entries        the data on the list, one entry per category
     */
    public record NegativeList(String authority, String legalReference, LocalDate effective, List<Entry> entries) {

        public NegativeList {
            entries = List.copyOf(entries);
        }

        /** The categories on the list, in the order listed. */
        public List<String> categories() {
            return entries.stream().map(Entry::category).toList();
        }

        Optional<Entry> entry(String category) {
            return entries.stream().filter(e -> e.category().equals(category)).findFirst();
        }
    }

    /**
     * @param category  one of the request's data categories
     * @param zoneItems the zone's own items (number and title) that put the category on the list; may be empty
     */
    public record Entry(String category, List<String> zoneItems) {

        public Entry {
            zoneItems = zoneItems == null ? List.of() : List.copyOf(zoneItems);
        }
    }

    /**
     * What a leg's zone means for it.
     *
     * @param zone        the exporter's zone code, "" if none
     * @param listLoaded  whether the zone is known and has a negative list loaded
     * @param listed      the request's categories that are on the zone's list
     * @param outsideList whether a list in force on the transfer's start lists none of the request's categories
     * @param exempt      whether Art. 6 exempts the transfer from the security assessment, standard contract and
     *                    certification: outside the list, and not exported by a CIIO (conservative, see {@link #find})
     */
    record Finding(String zone, boolean listLoaded, List<String> listed, boolean outsideList, boolean exempt,
            String explanation) {

        static final Finding NO_ZONE = new Finding("", false, List.of(), false, false,
                "the exporter names no pilot free trade zone, so no zone's negative list applies");
    }

    public FreeTradeZones {
        zones = List.copyOf(zones);
        Set<String> codes = new HashSet<>();
        for (Zone zone : zones) {
            String where = "free trade zone " + zone.code();
            if (zone.code() == null || !CODE.matcher(zone.code()).matches()) {
                throw new PolicyDataException(where + ": the code must look like CN-SH or CN-SH-LINGANG");
            }
            if (!codes.add(zone.code())) {
                throw new PolicyDataException(where + " is listed twice");
            }
            if (zone.name() == null || zone.name().isBlank()) {
                throw new PolicyDataException(where + ": 'name' is required");
            }
            Jurisdictions.requireIso(zone.jurisdiction(), where);
            if (!zone.code().startsWith(zone.jurisdiction() + "-")) {
                throw new PolicyDataException(where + ": the code must start with its jurisdiction " + zone.jurisdiction());
            }
            if (zone.negativeList() != null) {
                check(zone.negativeList(), where + " negative list");
            }
        }
    }

    private static void check(NegativeList list, String where) {
        if (list.authority() == null || list.authority().isBlank()) {
            throw new PolicyDataException(where + ": 'authority' is required");
        }
        if (list.legalReference() == null || list.legalReference().isBlank()) {
            throw new PolicyDataException(where + ": 'legalReference' is required");
        }
        if (list.effective() == null) {
            throw new PolicyDataException(where + ": 'effective' is required");
        }
        if (list.entries().isEmpty()) {
            throw new PolicyDataException(where + ": 'entries' must list at least one data category (a list that lists"
                    + " nothing would exempt every export from the zone)");
        }
        Set<String> seen = new HashSet<>();
        for (Entry entry : list.entries()) {
            if (!CATEGORIES.contains(entry.category())) {
                throw new PolicyDataException(where + ": '" + entry.category() + "' is not a data category (one of "
                        + String.join(", ", names()) + ")");
            }
            if (!seen.add(entry.category())) {
                throw new PolicyDataException(where + ": " + entry.category() + " is listed twice");
            }
        }
    }

    public Optional<Zone> byCode(String code) {
        return zones.stream().filter(z -> z.code().equals(code)).findFirst();
    }

    FreeTradeZones withNegativeList(String code, NegativeList list) {
        if (byCode(code).isEmpty()) {
            throw new PolicyDataException("no free trade zone " + code);
        }
        return new FreeTradeZones(zones.stream().map(z -> z.code().equals(code) ? z.withNegativeList(list) : z).toList());
    }

    /**
     * Whether a leg exported from {@code zoneCode} is exempt under Art. 6, and why, in words for the trace.
     *
     * <p>Conservative where the Provisions leave room: a request with any category on the list follows the general
     * rules as a whole (the platform does not split a request); a CIIO gets no exemption (Art. 6 is not read as
     * lifting the security assessment PIPL Art. 40 requires of a CIIO's exports); and the exemption reaches personal
     * information only: important data keeps its security assessment (the pack's rule for it is not exempted), since
     * the request's IMPORTANT_DATA cannot be matched against the zone's items and zones draw up their lists within
     * the national classification of data.
     *
     * @param zoneCode   the exporter's zone, or null
     * @param origin     the exporting jurisdiction of the leg
     * @param categories the request's data categories, sorted
     * @param on         the transfer's start, or null if unknown
     */
    Finding find(String zoneCode, String origin, List<String> categories, boolean exporterCiio, LocalDate on) {
        if (zoneCode == null) {
            return Finding.NO_ZONE;
        }
        Optional<Zone> known = byCode(zoneCode);
        if (known.isEmpty()) {
            return new Finding(zoneCode, false, List.of(), false, false, zoneCode
                    + " is not a pilot free trade zone known to this policy version, so no negative list applies; the"
                    + " general rules apply");
        }
        Zone zone = known.get();
        String named = zone.code() + " (" + zone.name() + ")";
        if (!zone.jurisdiction().equals(origin)) {
            return new Finding(zoneCode, false, List.of(), false, false, named + " is a zone of " + zone.jurisdiction()
                    + ", not of " + origin + ", so its negative list does not apply; the general rules apply");
        }
        NegativeList list = zone.negativeList();
        if (list == null) {
            return new Finding(zoneCode, false, List.of(), false, false, "no negative list loaded for zone " + named
                    + "; the general rules apply");
        }
        String theList = "the negative list of " + named + " (" + list.authority() + ", " + list.legalReference()
                + ", effective " + list.effective() + ")";
        if (on != null && on.isBefore(list.effective())) {
            return new Finding(zoneCode, true, List.of(), false, false, theList + " takes effect after the transfer"
                    + " starts (" + on + "); the general rules apply");
        }
        List<String> listed = new ArrayList<>();
        StringBuilder items = new StringBuilder();
        for (String category : categories) {
            list.entry(category).ifPresent(entry -> {
                listed.add(category);
                if (!entry.zoneItems().isEmpty()) {
                    items.append(items.isEmpty() ? " (zone items: " : "; ").append(String.join("; ", entry.zoneItems()));
                }
            });
        }
        if (!items.isEmpty()) {
            items.append(')');
        }
        String data = String.join(", ", categories);
        if (!listed.isEmpty()) {
            return new Finding(zoneCode, true, List.copyOf(listed), false, false, String.join(", ", listed)
                    + (listed.size() == 1 ? " is" : " are") + " on " + theList + items
                    + ": data on the list follows the general rules");
        }
        if (exporterCiio) {
            return new Finding(zoneCode, true, List.of(), true, false, "none of " + data + " is on " + theList
                    + ", but the exporter is a critical information infrastructure operator: this platform does not"
                    + " read Art. 6 as lifting the CAC security assessment PIPL Art. 40 requires of a CIIO (conservative);"
                    + " the general rules apply");
        }
        return new Finding(zoneCode, true, List.of(), true, true, "none of " + data + " is on " + theList
                + ": data outside the zone's list is exempt from the CAC security assessment, the standard contract"
                + " and certification"
                + (categories.contains("IMPORTANT_DATA") ? "; important data still needs a CAC security assessment"
                        + " on this platform (conservative: the request's IMPORTANT_DATA cannot be matched against the"
                        + " zone's items)" : ""));
    }

    private static String[] names() {
        DataCategory[] values = DataCategory.values();
        String[] names = new String[values.length];
        for (int i = 0; i < values.length; i++) {
            names[i] = values[i].name();
        }
        return names;
    }
}
