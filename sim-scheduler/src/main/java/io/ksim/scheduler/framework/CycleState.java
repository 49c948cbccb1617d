package io.ksim.scheduler.framework;

import java.util.HashMap;
import java.util.Map;

/**
 * Data plugins pass to themselves between extension points of one scheduling cycle (upstream
 * framework.CycleState), keyed by a name the plugin owns, e.g. "PreFilterNodeResourcesFit". A new cycle
 * starts with an empty state. Lookups only: the map's order never reaches output.
 */
public final class CycleState {

    private final Map<String, Object> data = new HashMap<>();

    public void write(String key, Object value) {
        data.put(key, value);
    }

    /** The value written under {@code key}, or null. */
    @SuppressWarnings("unchecked")
    public <T> T read(String key) {
        return (T) data.get(key);
    }

    /** A copy for a preemption dry run, which must not disturb the real cycle's data. */
    public CycleState copy() {
        CycleState c = new CycleState();
        c.data.putAll(data);
        return c;
    }
}
