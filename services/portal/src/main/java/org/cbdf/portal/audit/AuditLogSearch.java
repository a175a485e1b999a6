package org.cbdf.portal.audit;

import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.Locale;
import java.util.Map;

import org.cbdf.portal.apis.AuditApi;
import org.springframework.web.util.UriComponentsBuilder;

/**
 * The audit log search as typed: the audit events API's filters (aggregate id, organisation, jurisdiction,
 * event type, a time window on the events' own time) and where the page starts ({@code after}, a leaf
 * index). A value the API would refuse is left out and named in {@link #errors()} (field → message key).
 */
public record AuditLogSearch(String aggregateId, String organization, String jurisdiction, String type,
        Instant from, Instant to, Long after, Map<String, String> errors) {

    private static final int MAX_TEXT = 200;

    static AuditLogSearch read(String aggregateId, String organization, String jurisdiction, String type,
            String from, String to, String after) {
        Map<String, String> errors = new LinkedHashMap<>();
        String aggregate = text(aggregateId, "aggregateId", errors);
        String organisation = text(organization, "organization", errors);
        String country = blankToNull(jurisdiction);
        if (country != null) {
            country = country.toUpperCase(Locale.ROOT);
            if (!country.matches("[A-Z]{2}")) {
                errors.put("jurisdiction", "inbox.error.destination");
                country = null;
            }
        }
        String eventType = blankToNull(type);
        if (eventType != null && !eventType.matches("[A-Za-z0-9._-]{1," + MAX_TEXT + "}")) {
            errors.put("type", "auditLog.error.type");
            eventType = null;
        }
        Instant fromInstant = instant(from, "from", errors);
        Instant toInstant = instant(to, "to", errors);
        if (fromInstant != null && toInstant != null && !toInstant.isAfter(fromInstant)) {
            errors.put("to", "auditLog.error.toBeforeFrom");
            toInstant = null;
        }
        Long afterIndex = null;
        String start = blankToNull(after);
        if (start != null) {
            if (start.matches("\\d{1,18}")) {
                afterIndex = Long.valueOf(start);
            } else {
                errors.put("after", "auditLog.error.after");
            }
        }
        return new AuditLogSearch(aggregate, organisation, country, eventType, fromInstant, toInstant, afterIndex,
                Map.copyOf(errors));
    }

    AuditApi.EventQuery query(int limit) {
        return new AuditApi.EventQuery(aggregateId, type, organization, jurisdiction, from, to, after, limit);
    }

    /** The search as a query string, starting after {@code leafIndex} (null: from the start). */
    public String queryString(Long leafIndex) {
        var query = UriComponentsBuilder.newInstance();
        add(query, "aggregateId", aggregateId);
        add(query, "organization", organization);
        add(query, "jurisdiction", jurisdiction);
        add(query, "type", type);
        add(query, "from", from == null ? null : from.toString());
        add(query, "to", to == null ? null : to.toString());
        add(query, "after", leafIndex == null ? null : leafIndex.toString());
        String built = query.encode().build().getQuery();
        return built == null ? "" : built;
    }

    public String fromField() {
        return AuditInstant.field(from);
    }

    public String toField() {
        return AuditInstant.field(to);
    }

    public String error(String field) {
        return errors.get(field);
    }

    private static void add(UriComponentsBuilder query, String name, String value) {
        if (value != null) {
            query.queryParam(name, value);
        }
    }

    private static String text(String value, String field, Map<String, String> errors) {
        String text = blankToNull(value);
        if (text != null && text.length() > MAX_TEXT) {
            errors.put(field, "auditLog.error.tooLong");
            return null;
        }
        return text;
    }

    private static Instant instant(String value, String field, Map<String, String> errors) {
        if (blankToNull(value) == null) {
            return null;
        }
        Instant instant = AuditInstant.parse(value);
        if (instant == null) {
            errors.put(field, "auditLog.error.instant");
        }
        return instant;
    }

    private static String blankToNull(String value) {
        return value == null || value.isBlank() ? null : value.strip();
    }
}
