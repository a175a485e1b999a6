package org.cbdf.audit.verifier;

import java.math.BigDecimal;
import java.math.MathContext;
import java.math.RoundingMode;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

import tools.jackson.databind.JsonNode;

/**
 * RFC 8785 JSON Canonicalization Scheme (JCS): object members sorted by their names' UTF-16 code units,
 * no whitespace, strings escaped as ECMAScript's {@code JSON.stringify} does, numbers as IEEE 754 doubles
 * printed by ECMAScript's {@code Number.prototype.toString}, UTF-8 output. The same event therefore has the
 * same bytes, and so the same leaf hash, whoever serialises it, in whichever language.
 *
 * <p>Written here rather than taken from a library: the only Java one on Maven Central
 * (erdtman's java-json-canonicalization) parses JSON itself and has had no release since 2020, while the
 * ledger already holds the parsed tree.
 */
public final class CanonicalJson {

    private CanonicalJson() {
    }

    /** The canonical UTF-8 bytes of {@code value}; a value outside I-JSON is a {@link NotCanonicalizableException}. */
    public static byte[] canonicalize(JsonNode value) {
        return canonicalString(value).getBytes(StandardCharsets.UTF_8);
    }

    public static String canonicalString(JsonNode value) {
        StringBuilder out = new StringBuilder();
        write(value, out);
        return out.toString();
    }

    private static void write(JsonNode value, StringBuilder out) {
        if (value == null || value.isNull() || value.isMissingNode()) {
            out.append("null");
        } else if (value.isBoolean()) {
            out.append(value.booleanValue() ? "true" : "false");
        } else if (value.isNumber()) {
            out.append(number(value.doubleValue()));
        } else if (value.isString()) {
            string(value.stringValue(), out);
        } else if (value.isArray()) {
            out.append('[');
            boolean first = true;
            for (JsonNode element : value.values()) {
                if (!first) {
                    out.append(',');
                }
                first = false;
                write(element, out);
            }
            out.append(']');
        } else if (value.isObject()) {
            List<Map.Entry<String, JsonNode>> members = new ArrayList<>(value.properties());
            // String.compareTo compares UTF-16 code units, which is exactly the order RFC 8785 §3.2.3 asks for
            members.sort(Map.Entry.comparingByKey());
            out.append('{');
            boolean first = true;
            for (Map.Entry<String, JsonNode> member : members) {
                if (!first) {
                    out.append(',');
                }
                first = false;
                string(member.getKey(), out);
                out.append(':');
                write(member.getValue(), out);
            }
            out.append('}');
        } else {
            throw new NotCanonicalizableException("a " + value.getNodeType() + " node is not JSON data");
        }
    }

    /** RFC 8785 §3.2.2.2: only '"', '\' and the C0 controls are escaped, the short forms where they exist. */
    static void string(String value, StringBuilder out) {
        out.append('"');
        for (int i = 0; i < value.length(); i++) {
            char c = value.charAt(i);
            switch (c) {
                case '"' -> out.append("\\\"");
                case '\\' -> out.append("\\\\");
                case '\b' -> out.append("\\b");
                case '\f' -> out.append("\\f");
                case '\n' -> out.append("\\n");
                case '\r' -> out.append("\\r");
                case '\t' -> out.append("\\t");
                default -> {
                    if (c < 0x20) {
                        out.append("\\u00").append(Character.forDigit(c >> 4, 16)).append(Character.forDigit(c & 0xf, 16));
                    } else if (Character.isHighSurrogate(c)) {
                        if (i + 1 >= value.length() || !Character.isLowSurrogate(value.charAt(i + 1))) {
                            throw new NotCanonicalizableException("lone surrogate U+" + Integer.toHexString(c)
                                    + " at position " + i + " is not Unicode text");
                        }
                        out.append(c).append(value.charAt(++i));
                    } else if (Character.isLowSurrogate(c)) {
                        throw new NotCanonicalizableException("lone surrogate U+" + Integer.toHexString(c)
                                + " at position " + i + " is not Unicode text");
                    } else {
                        out.append(c);
                    }
                }
            }
        }
        out.append('"');
    }

    /** RFC 8785 §3.2.2.3: ECMAScript Number::toString (ECMA-262 §6.1.6.1.20) of the double. */
    static String number(double value) {
        if (Double.isNaN(value) || Double.isInfinite(value)) {
            throw new NotCanonicalizableException(value + " is not a JSON number");
        }
        if (value == 0) {
            return "0"; // and -0 too
        }
        BigDecimal decimal = shortestDecimal(Math.abs(value));
        String digits = decimal.unscaledValue().toString(); // s, without trailing zeros
        int k = digits.length();
        int n = k - decimal.scale(); // value = s × 10^(n−k)
        StringBuilder out = new StringBuilder(value < 0 ? "-" : "");
        if (k <= n && n <= 21) {
            out.append(digits).repeat('0', n - k);
        } else if (0 < n && n <= 21) {
            out.append(digits, 0, n).append('.').append(digits, n, k);
        } else if (-6 < n && n <= 0) {
            out.append("0.").repeat('0', -n).append(digits);
        } else {
            out.append(digits.charAt(0));
            if (k > 1) {
                out.append('.').append(digits, 1, k);
            }
            int exponent = n - 1;
            out.append('e').append(exponent < 0 ? '-' : '+').append(Math.abs(exponent));
        }
        return out.toString();
    }

    /**
     * The shortest decimal that reads back as {@code value} (positive, finite), the closest one if several.
     * Java's {@link Double#toString} gives exactly that (JDK 19+), except that it never prints fewer than two
     * digits: where a single digit would do (5e-324 prints as 4.9E-324), the nearest one-digit decimal that
     * still reads back is what ECMAScript prints.
     */
    private static BigDecimal shortestDecimal(double value) {
        BigDecimal java = new BigDecimal(Double.toString(value)).stripTrailingZeros();
        if (java.precision() != 2) {
            return java;
        }
        BigDecimal exact = new BigDecimal(value);
        BigDecimal below = exact.round(new MathContext(1, RoundingMode.FLOOR));
        BigDecimal above = exact.round(new MathContext(1, RoundingMode.CEILING));
        boolean belowReadsBack = below.signum() > 0 && below.doubleValue() == value;
        boolean aboveReadsBack = above.doubleValue() == value;
        if (belowReadsBack && aboveReadsBack) {
            int closer = exact.subtract(below).compareTo(above.subtract(exact));
            if (closer != 0) {
                return (closer < 0 ? below : above).stripTrailingZeros();
            }
            boolean belowEven = below.unscaledValue().testBit(0) == false;
            return (belowEven ? below : above).stripTrailingZeros();
        }
        if (belowReadsBack) {
            return below.stripTrailingZeros();
        }
        if (aboveReadsBack) {
            return above.stripTrailingZeros();
        }
        return java;
    }

    /** The value is not in the I-JSON domain RFC 8785 canonicalises (NaN, infinities, lone surrogates). */
    public static class NotCanonicalizableException extends IllegalArgumentException {
        NotCanonicalizableException(String reason) {
            super(reason);
        }
    }
}
