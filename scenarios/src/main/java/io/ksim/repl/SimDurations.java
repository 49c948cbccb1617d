package io.ksim.repl;

import java.math.BigDecimal;
import java.time.Duration;

/**
 * Durations as Go's {@code time.ParseDuration} reads them and {@code Duration.String()} prints them
 * ({@code 30s}, {@code 1m30s}, {@code 500ms}, {@code 1.5h}), the syntax kubectl's flags use.
 */
public final class SimDurations {

    private SimDurations() {
    }

    /** Parses {@code text}; Go's error texts ({@code time: invalid duration "x"}) on failure. */
    public static Duration parse(String text) {
        String s = text;
        boolean negative = false;
        if (s.startsWith("-") || s.startsWith("+")) {
            negative = s.charAt(0) == '-';
            s = s.substring(1);
        }
        if (s.equals("0")) {
            return Duration.ZERO;
        }
        if (s.isEmpty()) {
            throw new IllegalArgumentException("time: invalid duration \"" + text + "\"");
        }
        BigDecimal nanos = BigDecimal.ZERO;
        int i = 0;
        while (i < s.length()) {
            int start = i;
            while (i < s.length() && (Character.isDigit(s.charAt(i)) || s.charAt(i) == '.')) {
                i++;
            }
            String number = s.substring(start, i);
            if (number.isEmpty() || number.equals(".") || number.indexOf('.') != number.lastIndexOf('.')) {
                throw new IllegalArgumentException("time: invalid duration \"" + text + "\"");
            }
            int unitStart = i;
            while (i < s.length() && !Character.isDigit(s.charAt(i)) && s.charAt(i) != '.') {
                i++;
            }
            String unit = s.substring(unitStart, i);
            if (unit.isEmpty()) {
                throw new IllegalArgumentException("time: missing unit in duration \"" + text + "\"");
            }
            long perUnit = switch (unit) {
                case "ns" -> 1L;
                case "us", "µs" -> 1_000L;
                case "ms" -> 1_000_000L;
                case "s" -> 1_000_000_000L;
                case "m" -> 60_000_000_000L;
                case "h" -> 3_600_000_000_000L;
                default -> throw new IllegalArgumentException(
                        "time: unknown unit \"" + unit + "\" in duration \"" + text + "\"");
            };
            nanos = nanos.add(new BigDecimal(number).multiply(BigDecimal.valueOf(perUnit)));
        }
        long n = nanos.longValue();
        return Duration.ofNanos(negative ? -n : n);
    }

    /** Go's {@code Duration.String()}: {@code 1m30s}, {@code 500ms}, {@code 2h0m0s}, {@code 0s}. */
    public static String format(Duration d) {
        long nanos = d.toNanos();
        if (nanos == 0) {
            return "0s";
        }
        String sign = nanos < 0 ? "-" : "";
        long n = Math.abs(nanos);
        if (n < 1_000L) {
            return sign + n + "ns";
        }
        if (n < 1_000_000L) {
            return sign + fraction(n, 1_000L) + "µs";
        }
        if (n < 1_000_000_000L) {
            return sign + fraction(n, 1_000_000L) + "ms";
        }
        long hours = n / 3_600_000_000_000L;
        long minutes = n / 60_000_000_000L % 60;
        String seconds = fraction(n % 60_000_000_000L, 1_000_000_000L) + "s";
        if (hours > 0) {
            return sign + hours + "h" + minutes + "m" + seconds;
        }
        if (minutes > 0) {
            return sign + minutes + "m" + seconds;
        }
        return sign + seconds;
    }

    private static String fraction(long value, long unit) {
        String whole = Long.toString(value / unit);
        long rest = value % unit;
        if (rest == 0) {
            return whole;
        }
        String digits = Long.toString(unit + rest).substring(1).replaceAll("0+$", "");
        return whole + "." + digits;
    }

    /** Virtual time as the prompt shows it: {@code 00:01:30} (hours grow past two digits if need be). */
    public static String clock(long nanos) {
        long seconds = Math.floorDiv(nanos, 1_000_000_000L);
        return String.format("%02d:%02d:%02d", seconds / 3600, seconds / 60 % 60, seconds % 60);
    }
}
