package org.cbdf.tools.load;

import java.util.concurrent.TimeUnit;

import org.HdrHistogram.ConcurrentHistogram;
import org.HdrHistogram.Histogram;

/**
 * One latency distribution in microseconds (HdrHistogram, 3 significant digits, up to an hour), recorded from many
 * threads at once without locks.
 */
final class Latency {

    static final long HIGHEST_MICROS = TimeUnit.HOURS.toMicros(1);

    private final ConcurrentHistogram histogram = new ConcurrentHistogram(1, HIGHEST_MICROS, 3);

    void recordNanos(long nanos) {
        histogram.recordValue(Math.clamp(TimeUnit.NANOSECONDS.toMicros(nanos), 1, HIGHEST_MICROS));
    }

    Summary summary() {
        return Summary.of(histogram.copy());
    }

    /** Percentiles in milliseconds; all zero when nothing was recorded. */
    record Summary(long count, double p50, double p95, double p99, double p999, double max, double mean) {

        static final Summary NONE = new Summary(0, 0, 0, 0, 0, 0, 0);

        static Summary of(Histogram histogram) {
            if (histogram.getTotalCount() == 0) {
                return NONE;
            }
            return new Summary(histogram.getTotalCount(), millis(histogram.getValueAtPercentile(50)),
                    millis(histogram.getValueAtPercentile(95)), millis(histogram.getValueAtPercentile(99)),
                    millis(histogram.getValueAtPercentile(99.9)), millis(histogram.getMaxValue()),
                    Math.round(histogram.getMean()) / 1_000.0);
        }

        private static double millis(long micros) {
            return micros / 1_000.0;
        }
    }
}
