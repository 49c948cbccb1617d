package io.ksim.api.core;

import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.Objects;

/**
 * A node's taint (core/v1 Taint): pods that do not tolerate it are not scheduled there ({@code NoSchedule}),
 * avoided ({@code PreferNoSchedule}) or evicted ({@code NoExecute}). {@code timeAdded} is set for NoExecute
 * taints only, with whole-second precision: it is a metav1.Time, which keeps no fraction of a second on the
 * wire, so the node lifecycle controller's taint added at 65.1s reads back as added at 65s. Effects are in
 * {@link TaintEffect}.
 */
public record Taint(String key, String value, String effect, Instant timeAdded) {

    public Taint {
        timeAdded = timeAdded == null ? null : timeAdded.truncatedTo(ChronoUnit.SECONDS);
    }

    public static Taint of(String key, String value, String effect) {
        return new Taint(key, value, effect, null);
    }

    /** Key and effect identify a taint on a node; the value does not. */
    public boolean matches(Taint other) {
        return Objects.equals(key, other.key) && Objects.equals(effect, other.effect);
    }
}
