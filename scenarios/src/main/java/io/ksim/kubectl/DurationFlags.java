package io.ksim.kubectl;

import io.ksim.kernel.GoDuration;
import java.time.Duration;

/** kubectl's two kinds of duration flags: {@code --timeout} (a Go duration) and {@code --request-timeout}. */
final class DurationFlags {

    private DurationFlags() {
    }

    /**
     * A duration flag as pflag reads it ({@code 30s}, {@code 5m}, {@code 1h30m}, {@code 0}), with pflag's error for
     * {@code flag} (e.g. {@code --timeout}) of {@code command} (e.g. {@code kubectl delete}) when it is not one. ksim
     * refuses a signed value, which the commands that wait have no meaning for.
     */
    static Duration parse(String text, String flag, String command) {
        Duration d;
        try {
            d = GoDuration.parse(text);
        } catch (IllegalArgumentException e) {
            throw invalidArgument(text, flag, command, e.getMessage());
        }
        if (text.startsWith("-") || text.startsWith("+")) {
            throw invalidArgument(text, flag, command, "time: invalid duration \"" + text + "\"");
        }
        return d;
    }

    private static KubectlException invalidArgument(String text, String flag, String command, String reason) {
        return new KubectlException("error: invalid argument \"" + text + "\" for \"" + flag + "\" flag: " + reason
                + "\nSee '" + command + " --help' for usage.");
    }

    /**
     * {@code --request-timeout} as client-go's clientcmd reads it: a whole number of seconds ({@code 30}), else a Go
     * duration ({@code 30s}, {@code 1m}); 0 means no timeout.
     */
    static Duration requestTimeout(String text) {
        if (text.matches("[-+]?\\d+")) {
            try {
                long seconds = Long.parseLong(text);
                if (seconds >= 0) {
                    return Duration.ofSeconds(seconds);
                }
            } catch (NumberFormatException e) {
                // Out of range: not seconds; Go's duration syntax decides.
            }
        }
        try {
            return GoDuration.parse(text);
        } catch (IllegalArgumentException e) {
            throw new KubectlException("error: Invalid timeout value. Timeout must be a single integer in seconds, "
                    + "or an integer followed by a corresponding time unit (e.g. 1s | 2m | 3h)");
        }
    }
}
