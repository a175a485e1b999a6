package org.cbdf.portal.disputes;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.format.DateTimeParseException;

import tools.jackson.databind.JsonNode;

/**
 * How long until a deadline, as a person reads it: days and hours while more than a day is left, hours and
 * minutes on the last day, minutes in the last hour; or that it passed (the service then advances the case by
 * itself within its polling interval).
 */
public record Countdown(Instant deadline, long days, long hours, long minutes, boolean passed) {

    static Countdown until(JsonNode deadline, Clock clock) {
        if (deadline == null || !deadline.isString()) {
            return null;
        }
        try {
            return until(Instant.parse(deadline.asString()), clock);
        } catch (DateTimeParseException unreadable) {
            return null;
        }
    }

    static Countdown until(Instant deadline, Clock clock) {
        Duration left = Duration.between(clock.instant(), deadline);
        if (left.isNegative() || left.isZero()) {
            return new Countdown(deadline, 0, 0, 0, true);
        }
        return new Countdown(deadline, left.toDays(), left.toHoursPart(), left.toMinutesPart(), false);
    }

    /** Within a day: the deadline is near. */
    public boolean near() {
        return passed || days == 0;
    }
}
