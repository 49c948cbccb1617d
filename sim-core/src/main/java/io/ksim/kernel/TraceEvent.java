package io.ksim.kernel;

import java.util.Objects;

/**
 * One line of the trace: who did what to which object, when, and why.
 *
 * @param nanos     virtual time of the event
 * @param component the acting component ("store", "scheduler", "kubelet/node-1")
 * @param kind      what happened, one word in upstream's style ("Put", "Scheduled", "Fault")
 * @param object    the object acted on ("/registry/pods/default/web-1", "default/web-1"), or "" if none
 * @param message   the reason or detail, in the words a student should read
 */
public record TraceEvent(long nanos, String component, String kind, String object, String message) {

    public TraceEvent {
        Objects.requireNonNull(component, "component");
        Objects.requireNonNull(kind, "kind");
        Objects.requireNonNull(object, "object");
        Objects.requireNonNull(message, "message");
    }

    /**
     * The readable form, one line: virtual time to the millisecond, then component, kind, object and
     * message in columns. Example: {@code "    12.500s store          Put          /registry/a  rev 7"}.
     */
    public String format() {
        StringBuilder line = new StringBuilder(96);
        line.append(String.format("%12s ", formatTime(nanos)));
        line.append(String.format("%-16s %-14s", component, kind));
        if (!object.isEmpty()) {
            line.append(' ').append(object);
        }
        if (!message.isEmpty()) {
            // two spaces set the message apart from an object name; the kind column already ends in one
            line.append(object.isEmpty() ? " " : "  ").append(message);
        }
        return line.toString();
    }

    /** Seconds with millisecond precision, truncated: 12500000000 ns prints as "12.500s". */
    public static String formatTime(long nanos) {
        long millis = Math.floorDiv(nanos, 1_000_000L);
        return String.format("%d.%03ds", Math.floorDiv(millis, 1000L), Math.floorMod(millis, 1000L));
    }

    @Override
    public String toString() {
        return format();
    }
}
