package io.ksim.kernel;

import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.function.Consumer;

/**
 * The simulation's record of every decision, in the order they were made.
 *
 * <p>Two runs of the same scenario with the same seed produce equal traces, event for event and, in
 * {@link #format()}, byte for byte. Listeners see each event as it is recorded (the CLI prints them
 * live); they must not record trace events themselves.
 */
public final class Trace {

    private final List<TraceEvent> events = new ArrayList<>();
    private final List<Consumer<TraceEvent>> listeners = new ArrayList<>();
    private final SimClock clock;

    Trace(SimClock clock) {
        this.clock = clock;
    }

    /** Records an event at the current virtual time. */
    public TraceEvent record(String component, String kind, String object, String message) {
        TraceEvent event = new TraceEvent(clock.nanos(), component, kind, object, message);
        events.add(event);
        for (Consumer<TraceEvent> listener : listeners) {
            listener.accept(event);
        }
        return event;
    }

    /** Calls {@code listener} for every event recorded from now on. */
    public void addListener(Consumer<TraceEvent> listener) {
        listeners.add(listener);
    }

    /** All events so far, oldest first (an unmodifiable live view). */
    public List<TraceEvent> events() {
        return Collections.unmodifiableList(events);
    }

    public int size() {
        return events.size();
    }

    /** The whole trace as text, one {@link TraceEvent#format()} line per event, each ending in '\n'. */
    public String format() {
        StringBuilder out = new StringBuilder(events.size() * 80);
        for (TraceEvent event : events) {
            out.append(event.format()).append('\n');
        }
        return out.toString();
    }
}
