package org.cbdf.tools.load;

import java.time.Duration;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.Semaphore;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.atomic.LongAccumulator;

/**
 * Decides when each request is sent. At a fixed rate it follows an {@link OpenLoopSchedule} and hands each request
 * its due time, from which its latency is measured; at {@code max} it keeps a fixed number of requests in flight, each
 * sent as soon as the previous one of its lane was answered (closed loop: there the send time is the due time).
 * Requests due during the warm-up are sent and followed like the others but flagged, and left out of the figures.
 */
final class TrafficDriver {

    /** Sends one request due at {@code dueNanos} and records what became of it; returns when it was answered. */
    @FunctionalInterface
    interface Submission {
        void submit(long dueNanos, boolean warmup);
    }

    /** Runs a submission concurrently: a virtual thread each in the harness, inline in tests. */
    @FunctionalInterface
    interface Launcher {
        void launch(Runnable task);
    }

    static final Launcher VIRTUAL_THREADS = task -> Thread.ofVirtual().name("load-submit").start(task);

    /**
     * @param duration    how long to send after the warm-up; null when a count is given
     * @param count       how many requests to send after the warm-up; 0 when a duration is given
     * @param concurrency requests in flight at {@code max}
     * @param maxInFlight at a fixed rate, how many unanswered requests the harness holds before it waits (latency
     *                    still counts from the due time, so waiting shows as latency, never as a lower rate unseen)
     */
    record Plan(Rate rate, Duration warmup, Duration duration, long count, int concurrency, int maxInFlight) {

        Plan {
            if ((duration == null) == (count <= 0)) {
                throw new IllegalArgumentException("a run is either a duration or a count");
            }
            if (concurrency < 1 || maxInFlight < 1) {
                throw new IllegalArgumentException("concurrency and in-flight limit must be at least 1");
            }
        }
    }

    /**
     * What was sent, on the {@link Ticker}'s clock. The figures' window is {@code [measuredFrom, measuredTo)}.
     *
     * @param waitedForInFlight how many times the open loop found its in-flight limit reached (the platform fell behind)
     */
    record Sent(long startNanos, long measuredFromNanos, long measuredToNanos, long warmupRequests,
            long measuredRequests, long waitedForInFlight) {

        Duration measuredWindow() {
            return Duration.ofNanos(Math.max(0, measuredToNanos - measuredFromNanos));
        }
    }

    private final Ticker ticker;
    private final Launcher launcher;
    private volatile boolean stopped;

    TrafficDriver(Ticker ticker, Launcher launcher) {
        this.ticker = ticker;
        this.launcher = launcher;
    }

    /** Ends the run early (Ctrl-C): nothing more is sent; what is in flight is still followed. */
    void stop() {
        stopped = true;
    }

    Sent run(Plan plan, Submission submission) throws InterruptedException {
        return plan.rate().flatOut() ? flatOut(plan, submission) : openLoop(plan, submission);
    }

    private Sent openLoop(Plan plan, Submission submission) throws InterruptedException {
        long start = ticker.nanoTime();
        long warmupEnd = start + plan.warmup().toNanos();
        OpenLoopSchedule schedule = new OpenLoopSchedule(start, plan.rate().perSecond());
        long warmupRequests = schedule.dueBefore(plan.warmup().toNanos());
        long end = plan.duration() == null ? Long.MAX_VALUE : warmupEnd + plan.duration().toNanos();
        Semaphore inFlight = new Semaphore(plan.maxInFlight());
        long waited = 0;
        long lastLaunch = start;
        long index = 0;
        for (; !stopped; index++) {
            long due = schedule.dueAt(index);
            boolean warmup = index < warmupRequests;
            if (!warmup && (due >= end || (plan.count() > 0 && index - warmupRequests >= plan.count()))) {
                break;
            }
            ticker.parkUntil(due);
            if (!inFlight.tryAcquire()) {
                waited++;
                inFlight.acquire();
            }
            lastLaunch = ticker.nanoTime();
            launcher.launch(() -> {
                try {
                    submission.submit(due, warmup);
                } finally {
                    inFlight.release();
                }
            });
        }
        long measuredTo = Math.max(schedule.dueAt(index), lastLaunch);
        inFlight.acquire(plan.maxInFlight());
        long sent = index;
        return new Sent(start, warmupEnd, Math.max(warmupEnd, measuredTo), Math.min(sent, warmupRequests),
                Math.max(0, sent - warmupRequests), waited);
    }

    private Sent flatOut(Plan plan, Submission submission) throws InterruptedException {
        long start = ticker.nanoTime();
        long warmupEnd = start + plan.warmup().toNanos();
        long end = plan.duration() == null ? Long.MAX_VALUE : warmupEnd + plan.duration().toNanos();
        AtomicLong measuredTickets = new AtomicLong();
        AtomicLong warmupSent = new AtomicLong();
        LongAccumulator lastMeasuredSend = new LongAccumulator(Math::max, warmupEnd);
        CountDownLatch lanes = new CountDownLatch(plan.concurrency());
        for (int lane = 0; lane < plan.concurrency(); lane++) {
            launcher.launch(() -> {
                try {
                    while (!stopped) {
                        long now = ticker.nanoTime();
                        boolean warmup = now < warmupEnd;
                        if (!warmup) {
                            if (now >= end) {
                                return;
                            }
                            long ticket = measuredTickets.incrementAndGet();
                            if (plan.count() > 0 && ticket > plan.count()) {
                                return;
                            }
                            lastMeasuredSend.accumulate(now);
                        } else {
                            warmupSent.incrementAndGet();
                        }
                        submission.submit(now, warmup);
                    }
                } finally {
                    lanes.countDown();
                }
            });
        }
        lanes.await();
        long measured = plan.count() > 0 ? Math.min(measuredTickets.get(), plan.count()) : measuredTickets.get();
        long measuredTo = plan.duration() != null && !stopped ? end : lastMeasuredSend.get();
        return new Sent(start, warmupEnd, measuredTo, warmupSent.get(), measured, 0);
    }
}
