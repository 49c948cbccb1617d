package io.ksim.report;

import java.util.List;
import java.util.Objects;

/**
 * What a run's report shows, independent of where the run came from (a bundled demo, a scenario file, a
 * test): one lane per node with its Ready history, one bar per pod that was bound to a node (the pods never
 * bound are listed apart), markers for
 * rollout steps and power events, and traffic measurements. Times are virtual nanoseconds since the start.
 *
 * @param title    the report's heading
 * @param endNanos the virtual time the run ended at; bars of pods still running reach it
 */
public record RunReport(String title, long endNanos, List<Lane> lanes, List<PodBar> pods, List<Unbound> unbound,
        List<Marker> markers, List<RunRecorder.TrafficSample> traffic) {

    public RunReport {
        Objects.requireNonNull(title, "title");
        lanes = List.copyOf(lanes);
        pods = List.copyOf(pods);
        unbound = List.copyOf(unbound);
        markers = List.copyOf(markers);
        traffic = List.copyOf(traffic);
    }

    /** A node's lane: its name and each change of its Ready condition. */
    public record Lane(String node, List<RunRecorder.ReadyChange> readiness) {

        public Lane {
            readiness = List.copyOf(readiness);
        }
    }

    /**
     * A pod on its node's lane, from {@code scheduledNanos} to {@code deletedNanos} (or the end of the run when
     * it is -1); -1 for a moment that did not come.
     *
     * @param group      what colours the bar: the owning ReplicaSet (so each revision has its colour) or owner
     * @param groupLabel the legend's words for the group
     */
    public record PodBar(String namespace, String name, String node, String group, String groupLabel, String image,
            long createdNanos, long scheduledNanos, long readyNanos, long terminatingNanos, long deletedNanos,
            String phase) {
    }

    /** A pod that was never bound to a node (Pending throughout, or deleted before it was placed). */
    public record Unbound(String namespace, String name, long createdNanos, long deletedNanos) {
    }

    public enum MarkerKind { ROLLOUT, NODE_DOWN, NODE_UP }

    /**
     * A moment worth a line across the timeline: a rollout step (the deployment controller's ScalingReplicaSet
     * event) or a node losing or regaining power ({@code node} names its lane).
     */
    public record Marker(long nanos, MarkerKind kind, String node, String object, String message) {
    }
}
