package org.cbdf.tools.load;

import java.util.Locale;

import picocli.CommandLine;

/**
 * How fast to submit: a fixed number per second, scheduled open loop, or {@code max}, as fast as a fixed number of
 * concurrent requests allows (closed loop).
 *
 * @param perSecond requests per second; {@code 0} for {@code max}
 */
record Rate(double perSecond) {

    static final Rate MAX = new Rate(0);

    Rate {
        if (perSecond < 0 || Double.isNaN(perSecond) || Double.isInfinite(perSecond)) {
            throw new IllegalArgumentException("a rate is a positive number of requests per second, or max");
        }
    }

    boolean flatOut() {
        return perSecond == 0;
    }

    static Rate parse(String text) {
        String value = text.strip().toLowerCase(Locale.ROOT);
        if (value.equals("max")) {
            return MAX;
        }
        if (value.endsWith("/s")) {
            value = value.substring(0, value.length() - 2);
        }
        double perSecond;
        try {
            perSecond = Double.parseDouble(value);
        } catch (NumberFormatException e) {
            throw new IllegalArgumentException("'" + text + "' is not a rate: give requests per second (200) or max");
        }
        if (!(perSecond > 0) || Double.isInfinite(perSecond)) {
            throw new IllegalArgumentException("'" + text + "' is not a rate: it must be above 0 (or max)");
        }
        return new Rate(perSecond);
    }

    @Override
    public String toString() {
        return flatOut() ? "max" : (perSecond == Math.rint(perSecond) ? String.valueOf((long) perSecond)
                : String.valueOf(perSecond)) + "/s";
    }

    static final class Converter implements CommandLine.ITypeConverter<Rate> {
        @Override
        public Rate convert(String value) {
            try {
                return parse(value);
            } catch (IllegalArgumentException e) {
                throw new CommandLine.TypeConversionException(e.getMessage());
            }
        }
    }
}
