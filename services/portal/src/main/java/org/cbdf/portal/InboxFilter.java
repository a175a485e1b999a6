package org.cbdf.portal;

import java.time.LocalDate;
import java.time.format.DateTimeParseException;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;

import org.springframework.web.util.UriComponentsBuilder;

/**
 * The regulator inbox's filters as typed: what to show (what awaits the regulator's decision, or every
 * transfer concerning its jurisdiction in one status), the destination, a period the transfer's period
 * overlaps (the transfer API's date filter), and a transfer id or part of one. A value the API would refuse
 * is left out and named in {@link #errors()} (field → message key).
 */
public record InboxFilter(String show, String destination, LocalDate from, LocalDate to, String q,
        Map<String, String> errors) {

    static final String AWAITING = "awaiting";
    static final List<String> STATUSES = List.of("SUBMITTED", "PERMITTED", "CONDITIONAL", "AWAITING_APPROVAL",
            "PROHIBITED", "APPROVED", "REJECTED", "APPEALED", "SUSPENDED", "EXPIRED", "WITHDRAWN");

    static InboxFilter read(String show, String destination, String from, String to, String q) {
        Map<String, String> errors = new LinkedHashMap<>();
        String shown = show == null || show.isBlank() || !STATUSES.contains(show) ? AWAITING : show;
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
        return new InboxFilter(shown, country, fromDate, toDate, id == null ? null : id.toLowerCase(Locale.ROOT),
                Map.copyOf(errors));
    }

    public boolean awaiting() {
        return AWAITING.equals(show);
    }

    /** A complete transfer id: looked up directly, whatever the other filters. */
    boolean wholeId() {
        return q != null && ServiceApis.TRANSFER_ID.matcher(q).matches();
    }

    ServiceApis.TransferQuery query(int size) {
        return new ServiceApis.TransferQuery(awaiting() ? null : show, destination, from, to, awaiting(), size);
    }

    /** The filters as a query string, for the results' reloads (what the user typed that was refused left out). */
    public String queryString() {
        var query = UriComponentsBuilder.newInstance().queryParam("show", show);
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
        return query.encode().build().getQuery();
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
