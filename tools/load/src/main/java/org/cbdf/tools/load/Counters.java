package org.cbdf.tools.load;

import java.util.Map;
import java.util.TreeMap;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.LongAccumulator;
import java.util.concurrent.atomic.LongAdder;

/** What happened to the requests of one kind (all of them for the progress line; the measured ones for the report). */
final class Counters {

    final LongAdder sent = new LongAdder();
    final LongAdder accepted = new LongAdder();
    final LongAdder assessed = new LongAdder();
    final LongAdder audited = new LongAdder();
    final LongAdder errors = new LongAdder();
    /** When the last request was accepted, assessed, audited ({@link Ticker} time; {@code Long.MIN_VALUE} if never). */
    final LongAccumulator lastAccepted = new LongAccumulator(Math::max, Long.MIN_VALUE);
    final LongAccumulator lastAssessed = new LongAccumulator(Math::max, Long.MIN_VALUE);
    final LongAccumulator lastAudited = new LongAccumulator(Math::max, Long.MIN_VALUE);
    private final ConcurrentHashMap<String, LongAdder> errorsByKind = new ConcurrentHashMap<>();

    void error(String kind) {
        errors.increment();
        errorsByKind.computeIfAbsent(kind, k -> new LongAdder()).increment();
    }

    Map<String, Long> errorsByKind() {
        Map<String, Long> sorted = new TreeMap<>();
        errorsByKind.forEach((kind, count) -> sorted.put(kind, count.sum()));
        return sorted;
    }
}
