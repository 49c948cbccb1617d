package io.ksim.kernel;

import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.Map;

/**
 * Go's {@code time.Duration} text forms, the ones kubectl's flags, the kubelet's messages and cron's {@code @every}
 * use: {@link #parse} reads what {@code time.ParseDuration} reads ({@code 30s}, {@code 1m30s}, {@code 1.5h},
 * {@code -300ms}, {@code 0}) and fails with its error texts; {@link #format} writes what {@code Duration.String()}
 * writes ({@code 1m30s}, {@code 500ms}, {@code 1h0m0s}, {@code 0s}).
 */
public final class GoDuration {

    private static final long MICROSECOND = 1_000L;
    private static final long MILLISECOND = 1_000_000L;
    private static final long SECOND = 1_000_000_000L;
    private static final Map<String, Long> UNITS = Map.of(
            "ns", 1L,
            "us", MICROSECOND,
            "\u00b5s", MICROSECOND,
            "\u03bcs", MICROSECOND,
            "ms", MILLISECOND,
            "s", SECOND,
            "m", 60 * SECOND,
            "h", 3600 * SECOND);
    /** 1<<63 as an unsigned 64-bit value: the magnitude bound of Go's parser. */
    private static final long TWO_POW_63 = Long.MIN_VALUE;
    /** (1<<63)/10: an integer part above it overflows with its next digit. */
    private static final long INT_LIMIT = Long.divideUnsigned(Long.MIN_VALUE, 10);

    private GoDuration() {
    }

    /**
     * The duration {@code text} names, as Go's {@code time.ParseDuration} reads it: an optional sign, then one or more
     * decimal numbers (with an optional fraction) each followed by a unit ({@code ns us µs μs ms s m h}); {@code 0}
     * alone needs no unit.
     *
     * @throws IllegalArgumentException with Go's error text, e.g. {@code time: invalid duration "x"},
     *     {@code time: missing unit in duration "5"}, {@code time: unknown unit "q" in duration "5q"}
     */
    public static Duration parse(String text) {
        String s = text;
        boolean negative = false;
        if (!s.isEmpty() && (s.charAt(0) == '-' || s.charAt(0) == '+')) {
            negative = s.charAt(0) == '-';
            s = s.substring(1);
        }
        if (s.equals("0")) {
            return Duration.ZERO;
        }
        if (s.isEmpty()) {
            throw invalid(text);
        }
        long total = 0; // unsigned
        int i = 0;
        while (i < s.length()) {
            char c = s.charAt(i);
            if (!(c == '.' || isDigit(c))) {
                throw invalid(text);
            }
            // The integer part; more than 1<<63 is an overflow.
            long v = 0; // unsigned
            int start = i;
            for (; i < s.length() && isDigit(s.charAt(i)); i++) {
                if (Long.compareUnsigned(v, INT_LIMIT) > 0) {
                    throw invalid(text);
                }
                v = v * 10 + (s.charAt(i) - '0');
                if (Long.compareUnsigned(v, TWO_POW_63) > 0) {
                    throw invalid(text);
                }
            }
            boolean pre = i != start;
            // The fraction; digits past what fits only lose precision.
            long f = 0;
            double scale = 1;
            boolean post = false;
            if (i < s.length() && s.charAt(i) == '.') {
                i++;
                int fractionStart = i;
                boolean overflow = false;
                for (; i < s.length() && isDigit(s.charAt(i)); i++) {
                    if (overflow) {
                        continue;
                    }
                    if (Long.compareUnsigned(f, Long.MAX_VALUE / 10) > 0) {
                        overflow = true;
                        continue;
                    }
                    long y = f * 10 + (s.charAt(i) - '0');
                    if (Long.compareUnsigned(y, TWO_POW_63) > 0) {
                        overflow = true;
                        continue;
                    }
                    f = y;
                    scale *= 10;
                }
                post = i != fractionStart;
            }
            if (!pre && !post) {
                throw invalid(text);
            }
            int unitStart = i;
            while (i < s.length() && !(s.charAt(i) == '.' || isDigit(s.charAt(i)))) {
                i++;
            }
            if (i == unitStart) {
                throw new IllegalArgumentException("time: missing unit in duration " + quote(text));
            }
            String unitName = s.substring(unitStart, i);
            Long unit = UNITS.get(unitName);
            if (unit == null) {
                throw new IllegalArgumentException("time: unknown unit " + quote(unitName) + " in duration "
                        + quote(text));
            }
            if (Long.compareUnsigned(v, Long.divideUnsigned(TWO_POW_63, unit)) > 0) {
                throw invalid(text);
            }
            v *= unit;
            if (f != 0) {
                // As Go does it: in float64, truncated.
                v += (long) (unsignedToDouble(f) * ((double) unit / scale));
                if (Long.compareUnsigned(v, TWO_POW_63) > 0) {
                    throw invalid(text);
                }
            }
            total += v;
            if (Long.compareUnsigned(total, TWO_POW_63) > 0) {
                throw invalid(text);
            }
        }
        if (negative) {
            return Duration.ofNanos(-total);
        }
        if (total < 0) {
            throw invalid(text);
        }
        return Duration.ofNanos(total);
    }

    /**
     * {@code d} as Go's {@code Duration.String()} writes it: {@code 0s}; below a second in the largest of
     * {@code ns}, {@code µs}, {@code ms} with a fraction ({@code 1.5ms}); else hours, minutes and seconds with the
     * leading zero parts left out ({@code 1h0m0s}, {@code 1m30s}, {@code 2.5s}).
     *
     * @throws ArithmeticException when {@code d} is outside Go's range (about 292 years either way)
     */
    public static String format(Duration d) {
        long nanos = d.toNanos();
        if (nanos == 0) {
            return "0s";
        }
        String sign = nanos < 0 ? "-" : "";
        long u = nanos < 0 ? -nanos : nanos; // unsigned: Long.MIN_VALUE stays 1<<63
        if (Long.compareUnsigned(u, SECOND) < 0) {
            if (u < MICROSECOND) {
                return sign + u + "ns";
            }
            if (u < MILLISECOND) {
                return sign + fraction(u, MICROSECOND) + "\u00b5s";
            }
            return sign + fraction(u, MILLISECOND) + "ms";
        }
        String seconds = fraction(Long.remainderUnsigned(u, 60 * SECOND), SECOND) + "s";
        long minutes = Long.divideUnsigned(u, 60 * SECOND);
        if (minutes == 0) {
            return sign + seconds;
        }
        long hours = minutes / 60;
        if (hours == 0) {
            return sign + minutes + "m" + seconds;
        }
        return sign + hours + "h" + minutes % 60 + "m" + seconds;
    }

    /** {@code value / unit} with the fraction's trailing zeros (and a bare point) left out. */
    private static String fraction(long value, long unit) {
        String whole = Long.toString(value / unit);
        long rest = value % unit;
        if (rest == 0) {
            return whole;
        }
        String digits = Long.toString(unit + rest).substring(1);
        int end = digits.length();
        while (digits.charAt(end - 1) == '0') {
            end--;
        }
        return whole + "." + digits.substring(0, end);
    }

    private static double unsignedToDouble(long u) {
        return u >= 0 ? (double) u : 0x1p63 + (double) (u & Long.MAX_VALUE);
    }

    private static boolean isDigit(char c) {
        return c >= '0' && c <= '9';
    }

    private static IllegalArgumentException invalid(String text) {
        return new IllegalArgumentException("time: invalid duration " + quote(text));
    }

    /**
     * Go's {@code time} package quoting: double quotes, a backslash before {@code "} and {@code \}, and each UTF-8
     * byte of a control or non-ASCII character as {@code \xhh}.
     */
    private static String quote(String s) {
        StringBuilder out = new StringBuilder(s.length() + 2).append('"');
        for (int i = 0; i < s.length(); ) {
            int cp = s.codePointAt(i);
            i += Character.charCount(cp);
            if (cp >= 0x80 || cp < ' ') {
                for (byte b : new String(Character.toChars(cp)).getBytes(StandardCharsets.UTF_8)) {
                    out.append(String.format("\\x%02x", b & 0xff));
                }
            } else {
                if (cp == '"' || cp == '\\') {
                    out.append('\\');
                }
                out.append((char) cp);
            }
        }
        return out.append('"').toString();
    }
}
