package org.cbdf.tools.load;

/**
 * When each request of an open-loop run is due: request {@code i} at {@code start + i / rate}, whatever happened to
 * the requests before it. A slow answer does not push the next request back, so a stall of the platform shows in the
 * latency of every request that was due during it (measured from its due time) instead of silently lowering the
 * rate: no coordinated omission.
 */
record OpenLoopSchedule(long startNanos, double perSecond) {

    OpenLoopSchedule {
        if (!(perSecond > 0)) {
            throw new IllegalArgumentException("an open-loop schedule needs a rate above 0");
        }
    }

    long dueAt(long index) {
        return startNanos + Math.round(index * (1e9 / perSecond));
    }

    /** How many requests are due before {@code startNanos + offsetNanos}. */
    long dueBefore(long offsetNanos) {
        if (offsetNanos <= 0) {
            return 0;
        }
        long estimate = (long) Math.ceil(offsetNanos * perSecond / 1e9);
        // rounding in dueAt: settle on the exact count
        while (estimate > 0 && dueAt(estimate - 1) >= startNanos + offsetNanos) {
            estimate--;
        }
        while (dueAt(estimate) < startNanos + offsetNanos) {
            estimate++;
        }
        return estimate;
    }
}
