package io.ksim.scheduler.queue;

import io.ksim.scheduler.framework.ClusterEvent;
import io.ksim.scheduler.framework.PodInfo;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeSet;
import java.util.function.BiPredicate;

/**
 * The scheduler's priority queue (upstream internal/queue PriorityQueue) with its three parts:
 * <ul>
 *   <li>activeQ: pods to try now, highest priority first, then longest waiting (PrioritySort);</li>
 *   <li>backoffQ: pods that failed recently, each waiting out a backoff of 1 s doubling per attempt up to
 *       10 s; {@link #flushBackoffCompleted} moves the expired ones to activeQ (upstream runs it every
 *       second);</li>
 *   <li>unschedulable: pods no node fits; a cluster event that one of their rejecting plugins cares about
 *       moves them to backoffQ (still backing off) or activeQ ({@link #moveAllToActiveOrBackoff}); pods
 *       left there longer than 5 minutes are moved anyway ({@link #flushUnschedulableLeftover}, upstream
 *       every 30 s).</li>
 * </ul>
 * A pod whose attempt failed after a move request arrived during that attempt goes to backoffQ rather
 * than unschedulable, so the event that might have made it fit is not lost (upstream moveRequestCycle).
 *
 * <p>Invariant: a pod key is in at most one of the three parts, and not in any while its attempt runs.
 * Ties are broken by key, so the order never depends on hashing.
 */
public final class SchedulingQueue {

    public static final Duration INITIAL_BACKOFF = Duration.ofSeconds(1);
    public static final Duration MAX_BACKOFF = Duration.ofSeconds(10);
    /** upstream DefaultPodMaxInUnschedulablePodsDuration. */
    public static final Duration MAX_IN_UNSCHEDULABLE = Duration.ofMinutes(5);

    private static final Comparator<QueuedPodInfo> ACTIVE_ORDER = Comparator
            .comparingInt((QueuedPodInfo q) -> -q.podInfo.priority())
            .thenComparingLong(q -> q.timestampNanos)
            .thenComparing(QueuedPodInfo::key);

    private final TreeSet<QueuedPodInfo> activeQ = new TreeSet<>(ACTIVE_ORDER);
    private final TreeSet<QueuedPodInfo> backoffQ = new TreeSet<>(Comparator
            .comparingLong(this::backoffExpiry).thenComparing(QueuedPodInfo::key));
    private final Map<String, QueuedPodInfo> unschedulable = new LinkedHashMap<>();
    /** key -> entry, for every pod in one of the three parts. */
    private final Map<String, QueuedPodInfo> byKey = new HashMap<>();
    /** key -> entry, for pods popped and not yet returned or done. */
    private final Map<String, QueuedPodInfo> inFlight = new HashMap<>();

    private long schedulingCycle;
    private long moveRequestCycle = -1;

    /** A new pending pod: straight to activeQ. */
    public void add(PodInfo pod, long nowNanos) {
        if (byKey.containsKey(pod.key()) || inFlight.containsKey(pod.key())) {
            update(pod, nowNanos);
            return;
        }
        QueuedPodInfo q = new QueuedPodInfo(pod, nowNanos);
        activeQ.add(q);
        byKey.put(q.key(), q);
    }

    /**
     * A pending pod changed. In activeQ or backoffQ it is replaced in place; an unschedulable pod is given
     * another chance (to backoffQ or activeQ) since the change may make it fit. A pod in flight keeps its
     * attempt; the newer pod is used when it comes back.
     */
    public void update(PodInfo pod, long nowNanos) {
        QueuedPodInfo flying = inFlight.get(pod.key());
        if (flying != null) {
            flying.podInfo = pod;
            return;
        }
        QueuedPodInfo q = byKey.get(pod.key());
        if (q == null) {
            add(pod, nowNanos);
            return;
        }
        if (activeQ.remove(q)) {
            q.podInfo = pod;
            activeQ.add(q);
        } else if (backoffQ.remove(q)) {
            q.podInfo = pod;
            backoffQ.add(q);
        } else if (unschedulable.remove(q.key()) != null) {
            q.podInfo = pod;
            requeue(q, nowNanos);
        }
    }

    /** A pending pod is gone (deleted, or bound by someone else). */
    public void delete(String key) {
        QueuedPodInfo q = byKey.remove(key);
        if (q != null) {
            activeQ.remove(q);
            backoffQ.remove(q);
            unschedulable.remove(key);
        }
        inFlight.remove(key);
    }

    /** Takes the next pod to schedule, or null; its attempt count goes up and a new cycle begins. */
    public QueuedPodInfo pop() {
        QueuedPodInfo q = activeQ.pollFirst();
        if (q == null) {
            return null;
        }
        byKey.remove(q.key());
        q.attempts++;
        schedulingCycle++;
        inFlight.put(q.key(), q);
        return q;
    }

    /** The cycle number of the attempt that the last {@link #pop} started. */
    public long schedulingCycle() {
        return schedulingCycle;
    }

    /** The attempt of a popped pod ended with a successful binding. */
    public void done(String key) {
        inFlight.remove(key);
    }

    /**
     * Returns a pod whose attempt failed (upstream AddUnschedulableIfNotPresent): to backoffQ if a move
     * request came during its attempt or it failed with an error (no rejecting plugin), else to the
     * unschedulable pods. A pod deleted meanwhile is dropped.
     */
    public void addUnschedulable(QueuedPodInfo q, long podSchedulingCycle, long nowNanos) {
        if (inFlight.remove(q.key()) == null) {
            return;
        }
        q.timestampNanos = nowNanos;
        if (moveRequestCycle >= podSchedulingCycle || q.unschedulablePlugins.isEmpty()) {
            backoffQ.add(q);
        } else {
            unschedulable.put(q.key(), q);
        }
        byKey.put(q.key(), q);
    }

    /**
     * A cluster event: every unschedulable pod whose rejecting plugins include one that {@code interested}
     * says may now pass goes to backoffQ or activeQ. Returns how many moved.
     */
    public int moveAllToActiveOrBackoff(ClusterEvent event, BiPredicate<String, ClusterEvent> interested, long nowNanos) {
        List<QueuedPodInfo> moving = new ArrayList<>();
        for (QueuedPodInfo q : unschedulable.values()) {
            if (q.unschedulablePlugins.isEmpty()
                    || q.unschedulablePlugins.stream().anyMatch(p -> interested.test(p, event))) {
                moving.add(q);
            }
        }
        for (QueuedPodInfo q : moving) {
            unschedulable.remove(q.key());
            requeue(q, nowNanos);
        }
        moveRequestCycle = schedulingCycle;
        return moving.size();
    }

    private void requeue(QueuedPodInfo q, long nowNanos) {
        if (backoffExpiry(q) > nowNanos) {
            backoffQ.add(q);
        } else {
            activeQ.add(q);
        }
    }

    /** Moves pods whose backoff has expired by {@code nowNanos} to activeQ; returns how many. */
    public int flushBackoffCompleted(long nowNanos) {
        int moved = 0;
        while (!backoffQ.isEmpty() && backoffExpiry(backoffQ.first()) <= nowNanos) {
            activeQ.add(backoffQ.pollFirst());
            moved++;
        }
        return moved;
    }

    /** Moves pods unschedulable for longer than 5 minutes back (upstream flushUnschedulablePodsLeftover). */
    public int flushUnschedulableLeftover(long nowNanos) {
        List<QueuedPodInfo> moving = new ArrayList<>();
        for (QueuedPodInfo q : unschedulable.values()) {
            if (nowNanos - q.timestampNanos > MAX_IN_UNSCHEDULABLE.toNanos()) {
                moving.add(q);
            }
        }
        for (QueuedPodInfo q : moving) {
            unschedulable.remove(q.key());
            requeue(q, nowNanos);
        }
        return moving.size();
    }

    /**
     * The pod's backoff: 1 s for its first failed attempt, doubling with each further one, at most 10 s
     * (upstream calculateBackoffDuration), counted from when it was last requeued.
     */
    public static long backoffNanos(int attempts) {
        long d = INITIAL_BACKOFF.toNanos();
        long max = MAX_BACKOFF.toNanos();
        for (int i = 1; i < attempts; i++) {
            if (d > max - d) {
                return max;
            }
            d += d;
        }
        return d;
    }

    long backoffExpiry(QueuedPodInfo q) {
        return q.timestampNanos + backoffNanos(q.attempts);
    }

    /** The earliest backoff expiry in backoffQ, or -1. */
    public long nextBackoffExpiry() {
        return backoffQ.isEmpty() ? -1 : backoffExpiry(backoffQ.first());
    }

    /** The earliest time an unschedulable pod becomes due for the leftover flush, or -1. */
    public long nextUnschedulableTimeout() {
        long min = -1;
        for (QueuedPodInfo q : unschedulable.values()) {
            long due = q.timestampNanos + MAX_IN_UNSCHEDULABLE.toNanos();
            if (min < 0 || due < min) {
                min = due;
            }
        }
        return min;
    }

    public int activeCount() {
        return activeQ.size();
    }

    public int backoffCount() {
        return backoffQ.size();
    }

    public int unschedulableCount() {
        return unschedulable.size();
    }

    /** Whether the pod is queued anywhere or in flight. */
    public boolean contains(String key) {
        return byKey.containsKey(key) || inFlight.containsKey(key);
    }

    /** The pending pods of all three parts, by key (for invariant checks and the CLI). */
    public List<String> pendingKeys() {
        List<String> out = new ArrayList<>(byKey.keySet());
        out.sort(null);
        return out;
    }
}
