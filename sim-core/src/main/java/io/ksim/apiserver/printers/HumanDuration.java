package io.ksim.apiserver.printers;

import java.time.Duration;
import java.time.Instant;

/**
 * Ages and durations as kubectl and the API server's printers show them (apimachinery's
 * {@code util/duration}): {@link #human} gives two or three significant figures ({@code 5s}, {@code 119s},
 * {@code 2m3s}, {@code 179m}, {@code 7h59m}, {@code 47h}, {@code 2d1h}, {@code 729d}, {@code 3y45d},
 * {@code 8y}); {@link #shortHuman} gives one unit ({@code 59s}, {@code 1m}, {@code 23h}, {@code 364d},
 * {@code 1y}). Every unit is truncated, never rounded; years are 365 days.
 */
public final class HumanDuration {

    private static final Duration INVALID_BELOW = Duration.ofSeconds(-2);

    private HumanDuration() {
    }

    /** The age of something created at {@code then}, seen at {@code now}; {@code <unknown>} when there is no time. */
    public static String since(Instant then, Instant now) {
        return then == null ? "<unknown>" : human(Duration.between(then, now));
    }

    /** The time left until {@code then}, seen at {@code now}; {@code <unknown>} when there is no time. */
    public static String until(Instant then, Instant now) {
        return then == null ? "<unknown>" : human(Duration.between(now, then));
    }

    /** {@code d} with about two significant figures. */
    public static String human(Duration d) {
        String early = nearZero(d);
        if (early != null) {
            return early;
        }
        long seconds = d.getSeconds();
        if (seconds < 60 * 2) {
            return seconds + "s";
        }
        long minutes = seconds / 60;
        if (minutes < 10) {
            long s = seconds % 60;
            return s == 0 ? minutes + "m" : minutes + "m" + s + "s";
        }
        if (minutes < 60 * 3) {
            return minutes + "m";
        }
        long hours = seconds / 3600;
        if (hours < 8) {
            long m = minutes % 60;
            return m == 0 ? hours + "h" : hours + "h" + m + "m";
        }
        if (hours < 48) {
            return hours + "h";
        }
        if (hours < 24 * 8) {
            long h = hours % 24;
            return h == 0 ? hours / 24 + "d" : hours / 24 + "d" + h + "h";
        }
        if (hours < 24 * 365 * 2) {
            return hours / 24 + "d";
        }
        if (hours < 24 * 365 * 8) {
            long days = (hours / 24) % 365;
            return days == 0 ? hours / 24 / 365 + "y" : hours / 24 / 365 + "y" + days + "d";
        }
        return hours / 24 / 365 + "y";
    }

    /** {@code d} in its largest whole unit. */
    public static String shortHuman(Duration d) {
        String early = nearZero(d);
        if (early != null) {
            return early;
        }
        long seconds = d.getSeconds();
        if (seconds < 60) {
            return seconds + "s";
        }
        if (seconds / 60 < 60) {
            return seconds / 60 + "m";
        }
        long hours = seconds / 3600;
        if (hours < 24) {
            return hours + "h";
        }
        if (hours < 24 * 365) {
            return hours / 24 + "d";
        }
        return hours / 24 / 365 + "y";
    }

    // Upstream tolerates clocks up to two seconds apart: a time less than 2s in the future is "now"
    // (whole seconds truncated toward zero, so -1.999s still counts), anything further is <invalid>.
    private static String nearZero(Duration d) {
        if (d.compareTo(INVALID_BELOW) <= 0) {
            return "<invalid>";
        }
        return d.isNegative() ? "0s" : null;
    }
}
