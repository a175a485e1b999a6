package org.cbdf.portal.transfers;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.time.temporal.ChronoUnit;

import tools.jackson.databind.JsonNode;

/**
 * A transfer in the regulator's inbox: how long it has waited since it was submitted and, if it has one,
 * the day it expires (the end of its period or of its assessment's validity, from the transfer API).
 */
public record InboxRow(JsonNode transfer, String id, long version, Instant submittedAt, long waitingDays,
        long waitingHours, LocalDate expiresOn, Long daysLeft) {

    /** Expiring within this many days is "due soon". */
    static final int DUE_SOON_DAYS = 7;

    static InboxRow of(JsonNode transfer, Clock clock) {
        Instant now = clock.instant();
        Instant submitted = instant(transfer.path("submittedAt"));
        Duration waiting = submitted == null || submitted.isAfter(now) ? Duration.ZERO : Duration.between(submitted, now);
        Instant expires = instant(transfer.path("expiresAt"));
        LocalDate expiresOn = expires == null ? null : LocalDate.ofInstant(expires, ZoneOffset.UTC);
        Long daysLeft = expiresOn == null ? null
                : ChronoUnit.DAYS.between(LocalDate.ofInstant(now, ZoneOffset.UTC), expiresOn);
        return new InboxRow(transfer, transfer.path("id").asString(), transfer.path("version").asLong(), submitted,
                waiting.toDays(), waiting.toHours(), expiresOn, daysLeft);
    }

    public boolean dueSoon() {
        return daysLeft != null && daysLeft <= DUE_SOON_DAYS;
    }

    private static Instant instant(JsonNode value) {
        if (value == null || value.isNull() || value.isMissingNode() || value.asString().isBlank()) {
            return null;
        }
        try {
            return Instant.parse(value.asString());
        } catch (java.time.format.DateTimeParseException e) {
            return null;
        }
    }
}
