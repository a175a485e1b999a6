package org.cbdf.portal.web;

import java.time.Instant;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.time.format.DateTimeParseException;

import org.springframework.stereotype.Component;

import tools.jackson.databind.JsonNode;

/**
 * Instants as the pages show them, {@code 2026-11-28 10:00 UTC}: every service speaks UTC, and so does every
 * regulator's page, whatever its language (the {@code <time datetime>} element keeps the exact instant).
 * Templates call it as {@code @times}.
 */
@Component("times")
public class Times {

    private static final DateTimeFormatter SHOWN = DateTimeFormatter.ofPattern("yyyy-MM-dd HH:mm 'UTC'")
            .withZone(ZoneOffset.UTC);

    public String text(Instant instant) {
        return instant == null ? "" : SHOWN.format(instant);
    }

    /** An instant the API sent as ISO-8601 text; anything else as it came. */
    public String text(JsonNode value) {
        if (value == null || value.isNull() || value.isMissingNode()) {
            return "";
        }
        try {
            return SHOWN.format(Instant.parse(value.asString()));
        } catch (DateTimeParseException notAnInstant) {
            return value.asString();
        }
    }
}
