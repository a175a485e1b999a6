package org.cbdf.tools.load;

import java.util.concurrent.locks.LockSupport;

/** The harness's monotonic clock: every latency is a difference of two of its readings. Tests move a fake one. */
interface Ticker {

    long nanoTime();

    /** Returns at {@code deadline} or a little after it (never before); at once if it has passed. */
    void parkUntil(long deadline) throws InterruptedException;

    Ticker SYSTEM = new Ticker() {
        @Override
        public long nanoTime() {
            return System.nanoTime();
        }

        @Override
        public void parkUntil(long deadline) throws InterruptedException {
            long left;
            while ((left = deadline - System.nanoTime()) > 0) {
                LockSupport.parkNanos(left);
                if (Thread.interrupted()) {
                    throw new InterruptedException();
                }
            }
        }
    };
}
