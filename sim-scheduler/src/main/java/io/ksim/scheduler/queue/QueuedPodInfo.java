package io.ksim.scheduler.queue;

import io.ksim.scheduler.framework.PodInfo;
import java.util.Set;
import java.util.TreeSet;

/**
 * A pod waiting in the scheduling queue (upstream framework.QueuedPodInfo): when it was (re)queued, how
 * many attempts it has had, and which plugins rejected it last time. Mutable: the queue updates it as the
 * pod moves between its sub-queues; nobody else keeps a reference across cycles.
 */
public final class QueuedPodInfo {

    PodInfo podInfo;
    /** Virtual time it was last added to a sub-queue; orders activeQ ties and anchors backoff. */
    long timestampNanos;
    /** Virtual time of its first arrival in the queue. */
    final long initialTimestampNanos;
    int attempts;
    /** Plugins that rejected it in its last attempt; empty after an error. */
    final Set<String> unschedulablePlugins = new TreeSet<>();

    QueuedPodInfo(PodInfo podInfo, long nowNanos) {
        this.podInfo = podInfo;
        this.timestampNanos = nowNanos;
        this.initialTimestampNanos = nowNanos;
    }

    public PodInfo podInfo() {
        return podInfo;
    }

    public String key() {
        return podInfo.key();
    }

    public int attempts() {
        return attempts;
    }

    public long timestampNanos() {
        return timestampNanos;
    }

    public long initialTimestampNanos() {
        return initialTimestampNanos;
    }

    public Set<String> unschedulablePlugins() {
        return unschedulablePlugins;
    }

    /** Records the plugins that rejected the pod in the attempt that just failed. */
    public void setUnschedulablePlugins(Set<String> plugins) {
        unschedulablePlugins.clear();
        unschedulablePlugins.addAll(plugins);
    }
}
