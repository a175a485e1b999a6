package org.cbdf.transfer.events;

import java.util.ArrayList;
import java.util.Collection;
import java.util.List;
import java.util.Locale;
import java.util.Set;
import java.util.regex.Pattern;

/**
 * The rules a transfer request obeys (docs/design.md §3), with their limits and their messages: the one rule set of the
 * producer's language. The transfer service refuses a request that breaks one; a consumer dead-letters a submission
 * that does. Each violation names the field by its JSON path ({@code importer.jurisdiction},
 * {@code onwardTransfers[2].jurisdiction}).
 */
public final class TransferRequestRules {

    /** ISO 3166-1 alpha-2: the codes a jurisdiction may have. */
    public static final Set<String> COUNTRIES = Set.of(Locale.getISOCountries());

    /** The longest text a request takes in one field (a purpose, an importer's name). */
    public static final int MAX_TEXT = 500;

    /** The most entries one list of a request takes (onward transfers, safeguards, …). */
    public static final int MAX_ITEMS = 50;

    /** The fields whose absence a reader sees only in the text: the record reads an absent number as 0. */
    public static final String DATA_SUBJECTS_COUNT = "dataSubjects.count";
    public static final String DATA_SUBJECTS_SENSITIVE_COUNT = "dataSubjects.sensitiveCount";

    private static final Pattern FREE_TRADE_ZONE = Pattern.compile(TransferRequest.Exporter.FREE_TRADE_ZONE_CODE);

    /** One broken rule: the field by its JSON path, and why, in words the caller can act on. */
    public record Violation(String field, String reason) {

        /** The same violation of a request nested in a larger payload ({@code request.} + field). */
        public Violation under(String prefix) {
            return new Violation(prefix + field, reason);
        }
    }

    private TransferRequestRules() {
    }

    /** Every rule {@code request} breaks, in the order of its fields; empty if it is valid. */
    public static List<Violation> violations(TransferRequest request) {
        return violations(request, Set.of());
    }

    /**
     * Every rule {@code request} breaks, where {@code absent} names the numbers ({@link #DATA_SUBJECTS_COUNT},
     * {@link #DATA_SUBJECTS_SENSITIVE_COUNT}) that were missing from the text it was read from: each is
     * "is required", and no other rule is checked on it.
     */
    public static List<Violation> violations(TransferRequest request, Set<String> absent) {
        var violations = new Violations();
        if (request == null) {
            violations.add("$", "is required");
            return violations.list;
        }
        if (request.exporter() == null) {
            violations.add("exporter", "is required");
        } else {
            violations.jurisdiction("exporter.jurisdiction", request.exporter().jurisdiction());
            violations.freeTradeZone(request.exporter());
        }
        if (request.importer() == null) {
            violations.add("importer", "is required");
        } else {
            violations.text("importer.name", request.importer().name());
            violations.jurisdiction("importer.jurisdiction", request.importer().jurisdiction());
            violations.noNulls("importer.certifications", request.importer().certifications());
        }
        violations.text("purpose", request.purpose());
        if (request.dataCategories() == null || request.dataCategories().isEmpty()) {
            violations.add("dataCategories", "is required and must name at least one category");
        } else {
            violations.noNulls("dataCategories", request.dataCategories());
        }
        dataSubjects(violations, request.dataSubjects(), absent);
        if (request.mechanism() == null) {
            violations.add("mechanism", "is required");
        }
        violations.noNulls("safeguards", request.safeguards());
        List<TransferRequest.OnwardTransfer> onward = request.onwardTransfers();
        if (onward != null) {
            if (onward.size() > MAX_ITEMS) {
                violations.add("onwardTransfers", "at most " + MAX_ITEMS + " entries");
            }
            for (int i = 0; i < onward.size() && i < MAX_ITEMS; i++) {
                if (onward.get(i) == null) {
                    violations.add("onwardTransfers[" + i + "]", "must not be null");
                } else {
                    violations.jurisdiction("onwardTransfers[" + i + "].jurisdiction", onward.get(i).jurisdiction());
                }
            }
        }
        TransferRequest.Period period = request.period();
        if (period == null) {
            violations.add("period", "is required");
        } else {
            if (period.start() == null) {
                violations.add("period.start", "is required");
            }
            if (period.end() == null) {
                violations.add("period.end", "is required");
            }
            if (period.start() != null && period.end() != null && period.end().isBefore(period.start())) {
                violations.add("period.end", "must not be before period.start (" + period.start() + ")");
            }
        }
        return violations.list;
    }

    /**
     * The rules of the route alone: exporter, importer and onward jurisdictions. For a consumer that reads nothing
     * else of the request, so that a value added to another field later does not make it refuse the request.
     */
    public static List<Violation> routeViolations(TransferRequest request) {
        var violations = new Violations();
        if (request == null) {
            violations.add("$", "is required");
            return violations.list;
        }
        if (request.exporter() == null) {
            violations.add("exporter", "is required");
        } else {
            violations.jurisdiction("exporter.jurisdiction", request.exporter().jurisdiction());
        }
        if (request.importer() == null) {
            violations.add("importer", "is required");
        } else {
            violations.jurisdiction("importer.jurisdiction", request.importer().jurisdiction());
        }
        List<TransferRequest.OnwardTransfer> onward = request.onwardTransfers() == null ? List.of()
                : request.onwardTransfers();
        if (onward.size() > MAX_ITEMS) {
            violations.add("onwardTransfers", "at most " + MAX_ITEMS + " entries");
        }
        for (int i = 0; i < onward.size() && i < MAX_ITEMS; i++) {
            if (onward.get(i) == null) {
                violations.add("onwardTransfers[" + i + "]", "must not be null");
            } else {
                violations.jurisdiction("onwardTransfers[" + i + "].jurisdiction", onward.get(i).jurisdiction());
            }
        }
        return violations.list;
    }

    private static void dataSubjects(Violations violations, TransferRequest.DataSubjects subjects, Set<String> absent) {
        if (subjects == null) {
            violations.add("dataSubjects", "is required");
            return;
        }
        boolean countKnown = !absent.contains(DATA_SUBJECTS_COUNT);
        if (!countKnown) {
            violations.add(DATA_SUBJECTS_COUNT, "is required");
        } else {
            violations.count(DATA_SUBJECTS_COUNT, subjects.count());
        }
        if (absent.contains(DATA_SUBJECTS_SENSITIVE_COUNT)) {
            violations.add(DATA_SUBJECTS_SENSITIVE_COUNT, "is required");
        } else if (violations.count(DATA_SUBJECTS_SENSITIVE_COUNT, subjects.sensitiveCount()) && countKnown
                && subjects.sensitiveCount() > subjects.count()) {
            violations.add(DATA_SUBJECTS_SENSITIVE_COUNT,
                    "must not exceed " + DATA_SUBJECTS_COUNT + " (" + subjects.count() + ")");
        }
    }

    private static final class Violations {

        private final List<Violation> list = new ArrayList<>();

        void add(String field, String reason) {
            list.add(new Violation(field, reason));
        }

        void text(String field, String value) {
            if (value == null || value.isBlank()) {
                add(field, "is required");
            } else if (value.length() > MAX_TEXT) {
                add(field, "at most " + MAX_TEXT + " characters");
            }
        }

        void jurisdiction(String field, String code) {
            if (code == null || code.isBlank()) {
                add(field, "is required");
            } else if (!COUNTRIES.contains(code)) {
                add(field, "'" + abbreviate(code) + "' is not an ISO 3166-1 alpha-2 country code");
            }
        }

        /** Whether the count is within 0 to {@link TransferRequest.DataSubjects#MAX_COUNT}. */
        boolean count(String field, long count) {
            if (count < 0) {
                add(field, "must not be negative");
                return false;
            }
            if (count > TransferRequest.DataSubjects.MAX_COUNT) {
                add(field, "must be at most " + TransferRequest.DataSubjects.MAX_COUNT + ", was " + count);
                return false;
            }
            return true;
        }

        /**
         * A well-formed code of a zone of the exporter's jurisdiction. Whether the zone is one the policy knows is the
         * policy's to say: it depends on the policy version, and the request stays assessable under any.
         */
        void freeTradeZone(TransferRequest.Exporter exporter) {
            String zone = exporter.freeTradeZone();
            if (zone == null) {
                return;
            }
            if (!FREE_TRADE_ZONE.matcher(zone).matches()) {
                add("exporter.freeTradeZone", "'" + abbreviate(zone)
                        + "' is not a free trade zone code like CN-SH or CN-SH-LINGANG");
            } else if (exporter.jurisdiction() != null && !zone.startsWith(exporter.jurisdiction() + "-")) {
                add("exporter.freeTradeZone", "'" + zone + "' is not a zone of the exporter's jurisdiction "
                        + abbreviate(exporter.jurisdiction()));
            }
        }

        void noNulls(String field, Collection<?> values) {
            if (values == null) {
                return;
            }
            if (values.size() > MAX_ITEMS) {
                add(field, "at most " + MAX_ITEMS + " entries");
            } else if (values.stream().anyMatch(value -> value == null)) {
                add(field, "must not contain null");
            }
        }

        /** Never echo a long value back whole: it would carry whatever it holds into clients' logs and pages. */
        private static String abbreviate(String value) {
            return value.length() > 20 ? value.substring(0, 20) + "…" : value;
        }
    }
}
