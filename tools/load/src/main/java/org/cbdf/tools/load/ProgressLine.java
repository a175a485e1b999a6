package org.cbdf.tools.load;

import java.io.PrintStream;
import java.util.Locale;

/**
 * The live line, once a second on standard error: what has been sent, accepted, assessed, audited and refused so far
 * (warm-up included), the send rate over the last second, and what is still on its way.
 */
final class ProgressLine {

    private final Journeys journeys;
    private final Ticker ticker;
    private final long start;
    private final long warmupEnd;
    private final boolean followAudit;
    private long lastSent;
    private long lastTick;
    private volatile boolean draining;

    ProgressLine(Journeys journeys, Ticker ticker, long start, long warmupEnd, boolean followAudit) {
        this.journeys = journeys;
        this.ticker = ticker;
        this.start = start;
        this.warmupEnd = warmupEnd;
        this.lastTick = start;
        this.followAudit = followAudit;
    }

    /** Sending is over: from now on the line shows the wait for what is still on its way. */
    void draining() {
        this.draining = true;
    }

    /** The line for now; the rate is over the time since the previous line. */
    synchronized String line() {
        long now = ticker.nanoTime();
        Counters all = journeys.all;
        long sent = all.sent.sum();
        double rate = now > lastTick ? (sent - lastSent) / ((now - lastTick) / 1e9) : 0;
        lastSent = sent;
        lastTick = now;
        String phase = draining ? "drain" : now < warmupEnd ? "warm-up" : "measure";
        return String.format(Locale.ROOT, "%6.0fs %-8s sent %d  accepted %d  assessed %d  audited %s  errors %d  "
                + "rate %.0f/s  outstanding %d", (now - start) / 1e9, phase, sent, all.accepted.sum(),
                all.assessed.sum(), followAudit ? String.valueOf(all.audited.sum()) : "-", all.errors.sum(), rate,
                journeys.outstanding());
    }

    void print(PrintStream err) {
        err.println(line());
    }
}
