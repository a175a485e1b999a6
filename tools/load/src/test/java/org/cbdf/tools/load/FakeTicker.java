package org.cbdf.tools.load;

import java.util.concurrent.atomic.AtomicLong;

/** A clock that moves only when told to, or when someone parks until a later time (which then is now). */
final class FakeTicker implements Ticker {

    private final AtomicLong now = new AtomicLong(1_000_000_000L);

    @Override
    public long nanoTime() {
        return now.get();
    }

    @Override
    public void parkUntil(long deadline) {
        now.accumulateAndGet(deadline, Math::max);
    }

    void advanceMillis(long millis) {
        now.addAndGet(millis * 1_000_000L);
    }
}
