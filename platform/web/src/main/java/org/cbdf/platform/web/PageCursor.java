package org.cbdf.platform.web;

import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.time.format.DateTimeParseException;
import java.util.Base64;
import java.util.List;
import java.util.Optional;
import java.util.UUID;

import org.springframework.http.HttpStatus;
import org.springframework.web.ErrorResponseException;

/**
 * Where the next page of a list sorted newest first by {@code (time, id)} starts: after the last row of the page
 * before. A page is then read by key ({@code where (time, id) < (:at, :id) order by time desc, id desc}), never by
 * {@code OFFSET}: the database does not count its way past every earlier row, and a row inserted between two calls
 * neither repeats a row on the next page nor pushes one past it. To clients the cursor is opaque (base64url), so
 * its form may change without an API change.
 */
public record PageCursor(Instant at, UUID id) {

    /** The query parameter that carries a cursor. */
    public static final String PARAMETER = "cursor";

    private static final Base64.Encoder ENCODER = Base64.getUrlEncoder().withoutPadding();
    /** What a database timestamp (and java.sql.Timestamp) holds; a cursor beyond it was made up. */
    private static final Instant EARLIEST = Instant.parse("0001-01-01T00:00:00Z");
    private static final Instant LATEST = Instant.parse("9999-12-31T23:59:59.999999Z");

    public PageCursor {
        java.util.Objects.requireNonNull(at, "at");
        java.util.Objects.requireNonNull(id, "id");
    }

    public String encode() {
        return ENCODER.encodeToString((at + "," + id).getBytes(StandardCharsets.US_ASCII));
    }

    /**
     * The cursor a client sent back; none (the first page) when it sent none. One the service did not hand out is
     * refused as a 400 problem naming the parameter, rather than read as some other position.
     */
    public static Optional<PageCursor> read(String cursor) {
        if (cursor == null) {
            return Optional.empty();
        }
        try {
            String decoded = new String(Base64.getUrlDecoder().decode(cursor), StandardCharsets.US_ASCII);
            int comma = decoded.indexOf(',');
            if (comma < 0) {
                throw malformed();
            }
            Instant at = Instant.parse(decoded.substring(0, comma));
            if (at.isBefore(EARLIEST) || at.isAfter(LATEST)) {
                throw malformed();
            }
            return Optional.of(new PageCursor(at, UUID.fromString(decoded.substring(comma + 1))));
        } catch (IllegalArgumentException | DateTimeParseException e) {
            throw malformed();
        }
    }

    /**
     * The lists once paged by number. {@code page=0} is the first page, which old clients ask for and which needs no
     * cursor; any other page number is refused, pointing to the cursor, rather than answered with the first page.
     */
    public static void refuseLaterPageNumbers(Integer page) {
        if (page != null && page != 0) {
            throw invalid("page", "lists are paged by cursor: follow nextCursor of the previous page in the '"
                    + PARAMETER + "' parameter (page=0 alone still means the first page)");
        }
    }

    private static ErrorResponseException malformed() {
        return invalid(PARAMETER, "is not a cursor this list handed out; pass nextCursor of the previous page as is");
    }

    private static ErrorResponseException invalid(String parameter, String reason) {
        return new ErrorResponseException(HttpStatus.BAD_REQUEST,
                ApiProblems.invalid(List.of(new FieldError(parameter, reason))), null);
    }
}
