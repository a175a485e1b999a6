package org.cbdf.platform.testing;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.time.Period;
import java.time.ZoneId;
import java.time.ZoneOffset;
import java.util.concurrent.atomic.AtomicReference;

/**
 * A clock the test moves: deadlines, expiries and review dates pass because the test says so, never because it
 * slept. The services take a {@link Clock} bean; their tests put this one in its place.
 */
public final class MutableClock extends Clock {

    private final AtomicReference<Instant> now;

    public MutableClock(Instant start) {
        this.now = new AtomicReference<>(start);
    }

    public static MutableClock startingNow() {
        return new MutableClock(Instant.now());
    }

    public void advance(Duration duration) {
        now.updateAndGet(instant -> instant.plus(duration));
    }

    public void advance(Period period) {
        now.updateAndGet(instant -> instant.atOffset(ZoneOffset.UTC).plus(period).toInstant());
    }

    public void set(Instant instant) {
        now.set(instant);
    }

    /** Moves the clock to the start of {@code day} (UTC), which must not be before now: the clock only goes forward. */
    public void moveTo(LocalDate day) {
        Instant target = day.atStartOfDay(ZoneOffset.UTC).toInstant();
        now.updateAndGet(instant -> {
            if (target.isBefore(instant)) {
                throw new IllegalArgumentException("the clock only moves forward: " + instant + " → " + target);
            }
            return target;
        });
    }

    public LocalDate today() {
        return LocalDate.ofInstant(instant(), ZoneOffset.UTC);
    }

    @Override
    public Instant instant() {
        return now.get();
    }

    @Override
    public ZoneId getZone() {
        return ZoneOffset.UTC;
    }

    @Override
    public Clock withZone(ZoneId zone) {
        throw new UnsupportedOperationException("the platform works in UTC");
    }
}
