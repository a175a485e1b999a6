package org.cbdf.tools.load;

import java.time.Duration;
import java.time.Instant;

/**
 * Ties the harness's monotonic clock to wall-clock time once, at the start, so that a time another process stamped
 * (the audit ledger's {@code appendedAt}) can be compared with a due time. Meaningful as far as the two clocks agree:
 * on one machine they are the same clock; across machines, their skew adds to the figure.
 */
record ClockAnchor(Instant wall, long nanos) {

    static ClockAnchor now(Ticker ticker) {
        return new ClockAnchor(Instant.now(), ticker.nanoTime());
    }

    long toNanos(Instant instant) {
        return nanos + Duration.between(wall, instant).toNanos();
    }

    Instant toInstant(long tickerNanos) {
        return wall.plusNanos(tickerNanos - nanos);
    }
}
