package org.cbdf.portal;

import java.time.LocalDate;
import java.time.format.DateTimeParseException;
import java.util.LinkedHashMap;
import java.util.Locale;
import java.util.Map;

import org.springframework.web.util.UriComponentsBuilder;

/**
 * The transfers page's search as typed: a status, the destination, a period the transfer's period overlaps,
 * a transfer id or part of one, and where the page starts (the transfer API's {@code nextCursor} of the page before;
 * null: the newest). Whatever the transfer API filters it filters (the user's own token decides what is found at
 * all); a value it would refuse is left out and named in {@link #errors()} (field → message key), as the inbox does.
 */
public record TransferSearch(String status, String destination, LocalDate from, LocalDate to, String q, String cursor,
        Map<String, String> errors) {

    static final int PAGE_SIZE = 50;

    static TransferSearch read(String status, String destination, String from, String to, String q, String cursor) {
        Map<String, String> errors = new LinkedHashMap<>();
        String chosen = status == null || !InboxFilter.STATUSES.contains(status) ? null : status;
        String country = blankToNull(destination);
        if (country != null) {
            country = country.toUpperCase(Locale.ROOT);
            if (!country.matches("[A-Z]{2}")) {
                errors.put("destination", "inbox.error.destination");
                country = null;
            }
        }
        LocalDate fromDate = date(from, "from", errors);
        LocalDate toDate = date(to, "to", errors);
        if (fromDate != null && toDate != null && toDate.isBefore(fromDate)) {
            errors.put("to", "inbox.error.toBeforeFrom");
            toDate = null;
        }
        String id = blankToNull(q);
        if (id != null && !id.matches("[0-9a-fA-F-]{1,36}")) {
            errors.put("q", "inbox.error.id");
            id = null;
        }
        // a cursor that is not one the API hands out: the first page, as for no cursor
        String after = cursor == null || !ServiceApis.CURSOR.matcher(cursor).matches() ? null : cursor;
        return new TransferSearch(chosen, country, fromDate, toDate, id == null ? null : id.toLowerCase(Locale.ROOT),
                after, Map.copyOf(errors));
    }

    /** A complete transfer id: looked up directly, whatever the other filters. */
    boolean wholeId() {
        return q != null && ServiceApis.TRANSFER_ID.matcher(q).matches();
    }

    ServiceApis.TransferQuery query() {
        return new ServiceApis.TransferQuery(status, destination, from, to, false, PAGE_SIZE, cursor);
    }

    /** The newest results, where new transfers enter. */
    public boolean firstPage() {
        return cursor == null;
    }

    /**
     * The search as a query string for another page of results (what was refused left out): the one after
     * {@code otherCursor}, or the first when it is null.
     */
    public String queryString(String otherCursor) {
        var query = UriComponentsBuilder.newInstance();
        if (status != null) {
            query.queryParam("status", status);
        }
        if (destination != null) {
            query.queryParam("destination", destination);
        }
        if (from != null) {
            query.queryParam("from", from);
        }
        if (to != null) {
            query.queryParam("to", to);
        }
        if (q != null) {
            query.queryParam("q", q);
        }
        if (otherCursor != null) {
            query.queryParam("cursor", otherCursor);
        }
        String text = query.encode().build().getQuery();
        return text == null ? "" : text;
    }

    public String error(String field) {
        return errors.get(field);
    }

    private static LocalDate date(String value, String field, Map<String, String> errors) {
        String text = blankToNull(value);
        if (text == null) {
            return null;
        }
        try {
            return LocalDate.parse(text);
        } catch (DateTimeParseException e) {
            errors.put(field, "inbox.error.date");
            return null;
        }
    }

    private static String blankToNull(String value) {
        return value == null || value.isBlank() ? null : value.strip();
    }
}
