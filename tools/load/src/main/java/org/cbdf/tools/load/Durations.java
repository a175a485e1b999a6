package org.cbdf.tools.load;

import java.time.Duration;
import java.time.format.DateTimeParseException;
import java.util.Locale;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import picocli.CommandLine;

/** Durations as people type them on a command line: {@code 500ms}, {@code 10s}, {@code 2m}, {@code 1h}, or ISO-8601. */
final class Durations {

    private static final Pattern SHORT = Pattern.compile("(\\d+(?:\\.\\d+)?)(ms|s|m|h)");

    private Durations() {
    }

    static Duration parse(String text) {
        String value = text.strip().toLowerCase(Locale.ROOT);
        Matcher matcher = SHORT.matcher(value);
        if (matcher.matches()) {
            double amount = Double.parseDouble(matcher.group(1));
            double millis = switch (matcher.group(2)) {
                case "ms" -> amount;
                case "s" -> amount * 1_000;
                case "m" -> amount * 60_000;
                default -> amount * 3_600_000;
            };
            return Duration.ofNanos(Math.round(millis * 1_000_000));
        }
        if (value.equals("0")) {
            return Duration.ZERO;
        }
        try {
            return Duration.parse(text.strip());
        } catch (DateTimeParseException e) {
            throw new IllegalArgumentException("'" + text + "' is not a duration: write e.g. 500ms, 10s, 2m, 1h or PT1M");
        }
    }

    /** {@code 1m30s}, {@code 10s}, {@code 250ms}: for the report. */
    static String format(Duration duration) {
        if (duration.isZero()) {
            return "0s";
        }
        if (duration.toMillis() < 1_000) {
            return duration.toMillis() + "ms";
        }
        long seconds = duration.toSeconds();
        long minutes = seconds / 60;
        long rest = seconds % 60;
        if (minutes == 0) {
            return duration.toMillis() % 1_000 == 0 ? seconds + "s" : String.format(Locale.ROOT, "%.1fs",
                    duration.toMillis() / 1_000.0);
        }
        return rest == 0 ? minutes + "m" : minutes + "m" + rest + "s";
    }

    static final class Converter implements CommandLine.ITypeConverter<Duration> {
        @Override
        public Duration convert(String value) {
            try {
                Duration duration = parse(value);
                if (duration.isNegative()) {
                    throw new CommandLine.TypeConversionException("'" + value + "' is negative");
                }
                return duration;
            } catch (IllegalArgumentException e) {
                throw new CommandLine.TypeConversionException(e.getMessage());
            }
        }
    }
}
