package org.cbdf.portal.audit;

import java.time.Instant;
import java.time.LocalDateTime;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.time.format.DateTimeParseException;

/**
 * An instant as an auditor types it: a browser's {@code datetime-local} value ({@code 2026-11-28T10:00},
 * seconds optional) read as UTC, as every page shows times, or a full ISO-8601 instant with its offset
 * ({@code 2026-11-28T10:00:00Z}, as the timelines carry them). Null when it cannot be read.
 */
final class AuditInstant {

    private static final DateTimeFormatter FIELD = DateTimeFormatter.ofPattern("yyyy-MM-dd'T'HH:mm:ss");

    private AuditInstant() {
    }

    static Instant parse(String text) {
        if (text == null || text.isBlank()) {
            return null;
        }
        String value = text.strip();
        try {
            return OffsetDateTime.parse(value).toInstant();
        } catch (DateTimeParseException notWithOffset) {
            try {
                return LocalDateTime.parse(value).toInstant(ZoneOffset.UTC);
            } catch (DateTimeParseException unreadable) {
                return null;
            }
        }
    }

    /** For a {@code datetime-local} field: the instant in UTC, to the second. */
    static String field(Instant instant) {
        return instant == null ? "" : FIELD.format(instant.atOffset(ZoneOffset.UTC));
    }
}
