package io.ksim.api.validation;

import io.ksim.kernel.GoDuration;
import java.time.DateTimeException;
import java.time.ZoneId;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * Whether a CronJob schedule parses, with the error texts of the parser kube-apiserver uses
 * (github.com/robfig/cron/v3 ParseStandard): five fields (minute, hour, day of month, month, day of week) or a
 * descriptor ({@code @hourly}, {@code @every 90m}, ...). For example {@code "* * * *"} gives
 * {@code expected exactly 5 fields, found 4: [* * * *]} and {@code "0 24 * * *"} gives
 * {@code end of range (24) above maximum (23): 24}. Only the syntax is checked; computing the schedule's times
 * belongs to the CronJob controller.
 */
public final class CronScheduleFormat {

    private CronScheduleFormat() {
    }

    private record Bounds(int min, int max, Map<String, Integer> names) {
    }

    private static final Bounds MINUTES = new Bounds(0, 59, Map.of());
    private static final Bounds HOURS = new Bounds(0, 23, Map.of());
    private static final Bounds DOM = new Bounds(1, 31, Map.of());
    private static final Bounds MONTHS = new Bounds(1, 12, Map.ofEntries(Map.entry("jan", 1), Map.entry("feb", 2),
            Map.entry("mar", 3), Map.entry("apr", 4), Map.entry("may", 5), Map.entry("jun", 6), Map.entry("jul", 7),
            Map.entry("aug", 8), Map.entry("sep", 9), Map.entry("oct", 10), Map.entry("nov", 11), Map.entry("dec", 12)));
    private static final Bounds DOW = new Bounds(0, 6, Map.of("sun", 0, "mon", 1, "tue", 2, "wed", 3, "thu", 4,
            "fri", 5, "sat", 6));
    private static final List<Bounds> FIELDS = List.of(MINUTES, HOURS, DOM, MONTHS, DOW);
    private static final List<String> DESCRIPTORS = List.of("@yearly", "@annually", "@monthly", "@weekly", "@daily",
            "@midnight", "@hourly");

    /** The parse error of {@code schedule}, or empty when it is a valid standard schedule. */
    public static Optional<String> parseError(String schedule) {
        if (schedule.isEmpty()) {
            return Optional.of("empty spec string");
        }
        String spec = schedule;
        if (spec.startsWith("TZ=") || spec.startsWith("CRON_TZ=")) {
            int space = spec.indexOf(' ');
            String zone = spec.substring(spec.indexOf('=') + 1, space < 0 ? spec.length() : space);
            if (loadLocation(zone).isPresent()) {
                return Optional.of("provided bad location " + zone + ": unknown time zone " + zone);
            }
            spec = space < 0 ? "" : spec.substring(space).strip();
        }
        if (spec.startsWith("@")) {
            return descriptor(spec);
        }
        String[] fields = spec.isBlank() ? new String[0] : spec.strip().split("\\s+");
        if (fields.length != FIELDS.size()) {
            return Optional.of("expected exactly 5 fields, found " + fields.length + ": [" + String.join(" ", fields) + "]");
        }
        for (int i = 0; i < fields.length; i++) {
            for (String expr : fields[i].split(",")) {
                if (expr.isEmpty()) {
                    continue;
                }
                Optional<String> err = range(expr, FIELDS.get(i));
                if (err.isPresent()) {
                    return err;
                }
            }
        }
        return Optional.empty();
    }

    /**
     * The error Go's time.LoadLocation would give for {@code zone}, or empty for a known zone. "UTC" and the empty
     * name are UTC; otherwise the IANA database decides.
     */
    public static Optional<String> loadLocation(String zone) {
        if (zone.isEmpty() || zone.equals("UTC") || zone.equals("Local")) {
            return Optional.empty();
        }
        try {
            if (ZoneId.getAvailableZoneIds().contains(zone)) {
                ZoneId.of(zone);
                return Optional.empty();
            }
        } catch (DateTimeException e) {
            // Reported below as Go reports it.
        }
        return Optional.of("unknown time zone " + zone);
    }

    private static Optional<String> descriptor(String spec) {
        if (DESCRIPTORS.contains(spec)) {
            return Optional.empty();
        }
        if (spec.startsWith("@every ")) {
            try {
                GoDuration.parse(spec.substring("@every ".length()));
                return Optional.empty();
            } catch (IllegalArgumentException e) {
                return Optional.of("failed to parse duration " + spec + ": " + e.getMessage());
            }
        }
        return Optional.of("unrecognized descriptor: " + spec);
    }

    /** {@code number | number "-" number ["/" number]}, or {@code *} / {@code ?} with an optional step. */
    private static Optional<String> range(String expr, Bounds r) {
        String[] rangeAndStep = expr.split("/", -1);
        String[] lowAndHigh = rangeAndStep[0].split("-", -1);
        long start;
        long end;
        if (lowAndHigh[0].equals("*") || lowAndHigh[0].equals("?")) {
            start = r.min();
            end = r.max();
        } else {
            Object s = intOrName(lowAndHigh[0], r);
            if (s instanceof String err) {
                return Optional.of(err);
            }
            start = (Long) s;
            if (lowAndHigh.length == 1) {
                end = start;
            } else if (lowAndHigh.length == 2) {
                Object e = intOrName(lowAndHigh[1], r);
                if (e instanceof String err) {
                    return Optional.of(err);
                }
                end = (Long) e;
            } else {
                return Optional.of("too many hyphens: " + expr);
            }
        }
        long step = 1;
        if (rangeAndStep.length == 2) {
            Object st = parseInt(rangeAndStep[1]);
            if (st instanceof String err) {
                return Optional.of(err);
            }
            step = (Long) st;
            // "N/step" means "N-max/step".
            if (lowAndHigh.length == 1) {
                end = r.max();
            }
        } else if (rangeAndStep.length > 2) {
            return Optional.of("too many slashes: " + expr);
        }
        if (start < r.min()) {
            return Optional.of("beginning of range (" + start + ") below minimum (" + r.min() + "): " + expr);
        }
        if (end > r.max()) {
            return Optional.of("end of range (" + end + ") above maximum (" + r.max() + "): " + expr);
        }
        if (start > end) {
            return Optional.of("beginning of range (" + start + ") beyond end of range (" + end + "): " + expr);
        }
        if (step == 0) {
            return Optional.of("step of range should be a positive number: " + expr);
        }
        return Optional.empty();
    }

    /** A Long, or the error text as a String. */
    private static Object intOrName(String expr, Bounds r) {
        Integer named = r.names().get(expr.toLowerCase(java.util.Locale.ROOT));
        return named != null ? (Object) named.longValue() : parseInt(expr);
    }

    /** Go's strconv.Atoi with robfig's wrapping; a Long, or the error text. */
    private static Object parseInt(String expr) {
        String digits = expr.startsWith("+") || expr.startsWith("-") ? expr.substring(1) : expr;
        if (digits.isEmpty() || !digits.chars().allMatch(c -> c >= '0' && c <= '9')) {
            return "failed to parse int from " + expr + ": strconv.Atoi: parsing " + GoFormat.quote(expr) + ": invalid syntax";
        }
        long n;
        try {
            n = Long.parseLong(expr);
        } catch (NumberFormatException e) {
            return "failed to parse int from " + expr + ": strconv.Atoi: parsing " + GoFormat.quote(expr) + ": value out of range";
        }
        if (n < 0) {
            return "negative number (" + n + ") not allowed: " + expr;
        }
        return n;
    }
}
