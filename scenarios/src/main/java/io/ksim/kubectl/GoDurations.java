package io.ksim.kubectl;

import java.time.Duration;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/** Go's duration syntax as kubectl's {@code --timeout} flags take it: {@code 30s}, {@code 5m}, {@code 1m30s}, {@code 0}. */
final class GoDurations {

    private static final Pattern PART = Pattern.compile("(\\d+(?:\\.\\d+)?)(ns|us|µs|ms|s|m|h)");

    private GoDurations() {
    }

    /** The duration {@code text} names; kubectl's flag error for {@code flag} when it is not one. */
    static Duration parse(String text, String flag) {
        if (text.equals("0")) {
            return Duration.ZERO;
        }
        Matcher m = PART.matcher(text);
        int at = 0;
        double nanos = 0;
        while (at < text.length() && m.find(at) && m.start() == at) {
            double v = Double.parseDouble(m.group(1));
            nanos += v * switch (m.group(2)) {
                case "ns" -> 1;
                case "us", "µs" -> 1e3;
                case "ms" -> 1e6;
                case "s" -> 1e9;
                case "m" -> 60e9;
                default -> 3600e9;
            };
            at = m.end();
        }
        if (at == 0 || at != text.length()) {
            throw new KubectlException("error: invalid argument \"" + text + "\" for \"--" + flag + "\" flag: "
                    + "time: invalid duration \"" + text + "\"\nSee 'kubectl --help' for usage.");
        }
        return Duration.ofNanos((long) nanos);
    }
}
