package io.ksim.kubectl;

import java.time.Duration;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/** Go's duration syntax as kubectl's flags take it ({@code 30s}, {@code 1m30s}, {@code 500ms}; a bare number is seconds). */
final class GoDurationText {

    private static final Pattern PART = Pattern.compile("(\\d+(?:\\.\\d+)?)(ns|us|µs|ms|s|m|h)");

    private GoDurationText() {
    }

    static Duration parse(String text) {
        if (text.matches("\\d+")) {
            return Duration.ofSeconds(Long.parseLong(text));
        }
        Matcher m = PART.matcher(text);
        long nanos = 0;
        int end = 0;
        while (m.find() && m.start() == end) {
            double v = Double.parseDouble(m.group(1));
            long unit = switch (m.group(2)) {
                case "ns" -> 1L;
                case "us", "µs" -> 1_000L;
                case "ms" -> 1_000_000L;
                case "s" -> 1_000_000_000L;
                case "m" -> 60_000_000_000L;
                default -> 3_600_000_000_000L;
            };
            nanos += (long) (v * unit);
            end = m.end();
        }
        if (end != text.length() || text.isEmpty()) {
            throw new KubectlException("error: invalid argument \"" + text + "\" for \"--request-timeout\" flag: "
                    + "time: invalid duration \"" + text + "\"");
        }
        return Duration.ofNanos(nanos);
    }
}
