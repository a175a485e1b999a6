package org.cbdf.platform.messaging;

import java.util.HexFormat;
import java.util.concurrent.ThreadLocalRandom;
import java.util.function.Supplier;

/**
 * The W3C {@code traceparent} of the work in progress on this thread, so that events caused by a consumed
 * event carry its trace on. Where nothing set one, a new trace is started.
 */
public final class TraceContext {

    private static final ThreadLocal<String> CURRENT = new ThreadLocal<>();

    private TraceContext() {
    }

    public static String currentOrNew() {
        String current = CURRENT.get();
        return current != null ? current : newTraceparent();
    }

    public static <T> T within(String traceparent, Supplier<T> work) {
        String previous = CURRENT.get();
        CURRENT.set(traceparent != null && isValid(traceparent) ? traceparent : newTraceparent());
        try {
            return work.get();
        } finally {
            if (previous == null) {
                CURRENT.remove();
            } else {
                CURRENT.set(previous);
            }
        }
    }

    static boolean isValid(String traceparent) {
        return traceparent.matches("00-[0-9a-f]{32}-[0-9a-f]{16}-[0-9a-f]{2}")
                && !traceparent.startsWith("00-00000000000000000000000000000000");
    }

    static String newTraceparent() {
        var random = ThreadLocalRandom.current();
        byte[] traceId = new byte[16];
        byte[] spanId = new byte[8];
        random.nextBytes(traceId);
        random.nextBytes(spanId);
        traceId[0] |= 1; // never the all-zero invalid id
        spanId[0] |= 1;
        HexFormat hex = HexFormat.of();
        return "00-" + hex.formatHex(traceId) + "-" + hex.formatHex(spanId) + "-01";
    }
}
