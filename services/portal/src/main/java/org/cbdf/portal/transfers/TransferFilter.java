package org.cbdf.portal.transfers;

import java.time.LocalDate;
import java.time.format.DateTimeParseException;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;

import org.cbdf.portal.apis.TransferApi;
import org.springframework.web.util.UriComponentsBuilder;

/**
 * A list of transfers' filters as typed, for the transfer API's list: a status, or (the regulator's inbox) what
 * awaits the user's own decision; the destination; a period the transfer's period overlaps (the API's date filter);
 * a transfer id or part of one; and where a paged search starts (the API's {@code nextCursor} of the page before;
 * null: the newest). Whatever the transfer API filters it filters (the user's own token decides what is found at
 * all); a value it would refuse is left out and named in {@link #errors()} (field → message key).
 */
public record TransferFilter(String status, boolean awaiting, String destination, LocalDate from, LocalDate to,
        String q, String cursor, Map<String, String> errors) {

    static final String AWAITING = "awaiting";
    public static final List<String> STATUSES = List.of("SUBMITTED", "PERMITTED", "CONDITIONAL", "AWAITING_APPROVAL",
            "PROHIBITED", "APPROVED", "REJECTED", "APPEALED", "SUSPENDED", "EXPIRED", "WITHDRAWN");
    /** A search's page. */
    static final int PAGE_SIZE = 50;

    /**
     * The regulator inbox's filters: {@code show} is what awaits the regulator's decision ({@value #AWAITING}, also
     * for anything that is not a status) or every transfer concerning its jurisdiction in one status.
     */
    static TransferFilter inbox(String show, String destination, String from, String to, String q) {
        String status = show == null || !STATUSES.contains(show) ? null : show;
        return read(status, status == null, destination, from, to, q, null);
    }

    /** The transfers page's search: any status unless one is chosen, paged from {@code cursor}. */
    static TransferFilter search(String status, String destination, String from, String to, String q, String cursor) {
        String chosen = status == null || !STATUSES.contains(status) ? null : status;
        // a cursor that is not one the API hands out: the first page, as for no cursor
        String after = cursor == null || !TransferApi.CURSOR.matcher(cursor).matches() ? null : cursor;
        return read(chosen, false, destination, from, to, q, after);
    }

    private static TransferFilter read(String status, boolean awaiting, String destination, String from, String to,
            String q, String cursor) {
        Map<String, String> errors = new LinkedHashMap<>();
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
        return new TransferFilter(status, awaiting, country, fromDate, toDate,
                id == null ? null : id.toLowerCase(Locale.ROOT), cursor, Map.copyOf(errors));
    }

    /** The inbox's choice: {@value #AWAITING} or the status shown. */
    public String show() {
        return awaiting ? AWAITING : status;
    }

    /** A complete transfer id: looked up directly, whatever the other filters. */
    boolean wholeId() {
        return q != null && TransferApi.TRANSFER_ID.matcher(q).matches();
    }

    /** The newest results, where new transfers enter. */
    public boolean firstPage() {
        return cursor == null;
    }

    TransferApi.TransferQuery query(int size) {
        return new TransferApi.TransferQuery(status, destination, from, to, awaiting, size, cursor);
    }

    /** The inbox's filters as a query string, for the results' reloads (what the user typed that was refused left out). */
    public String queryString() {
        return queryString("show", show(), null);
    }

    /**
     * The search as a query string for another page of results (what was refused left out): the one after
     * {@code otherCursor}, or the first when it is null.
     */
    public String queryString(String otherCursor) {
        return queryString("status", status, otherCursor);
    }

    private String queryString(String choice, String chosen, String otherCursor) {
        var query = UriComponentsBuilder.newInstance();
        if (chosen != null) {
            query.queryParam(choice, chosen);
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
