package io.ksim.controller;

import io.ksim.api.core.ContainerStatus;
import io.ksim.api.core.Pod;
import io.ksim.api.core.PodCondition;
import io.ksim.api.core.PodConditions;
import io.ksim.api.core.PodPhase;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;

/**
 * The order in which a ReplicaSet deletes its pods on scale-down (upstream ActivePodsWithRanks.Less, with
 * the PodDeletionCost and LogarithmicScaleDown gates on as in v1.32); pods that sort first go first. The
 * first rule that tells two pods apart decides:
 * <ol>
 *   <li>unassigned (no {@code spec.nodeName}) before assigned;</li>
 *   <li>phase Pending before Unknown before Running;</li>
 *   <li>not ready before ready;</li>
 *   <li>lower {@code controller.kubernetes.io/pod-deletion-cost} before higher;</li>
 *   <li>more related pods on the same node before fewer ("doubled up" first);</li>
 *   <li>both ready: ready more recently before longer, compared in log2 buckets of time-ready with
 *       the uid as tie-break (a zero ready time counts as newest);</li>
 *   <li>more container restarts before fewer (then more sidecar restarts before fewer);</li>
 *   <li>newer before older, again in log2 buckets of age with the uid as tie-break.</li>
 * </ol>
 * Upstream's sort is unstable where all rules tie; ksim breaks that tie by name so runs repeat.
 */
public final class ActivePodsWithRanks {

    /** The annotation that makes a pod cheaper or dearer to delete. */
    public static final String POD_DELETION_COST = "controller.kubernetes.io/pod-deletion-cost";

    private ActivePodsWithRanks() {
    }

    /**
     * The first {@code n} of {@code pods} to delete (upstream getPodsToDelete): ranked only when not all
     * go. {@code related} are the active pods of every ReplicaSet of the same owner, which decide the
     * "doubled up" rank.
     */
    public static List<Pod> podsToDelete(List<Pod> pods, List<Pod> related, int n, Instant now) {
        if (n >= pods.size()) {
            return List.copyOf(pods);
        }
        Map<String, Integer> podsOnNode = new HashMap<>();
        for (Pod p : related) {
            if (ControllerUtils.isPodActive(p)) {
                podsOnNode.merge(nodeName(p), 1, Integer::sum);
            }
        }
        List<Pod> sorted = new ArrayList<>(pods);
        sorted.sort(comparator(p -> podsOnNode.getOrDefault(nodeName(p), 0), now));
        return List.copyOf(sorted.subList(0, n));
    }

    /** The ranking as a comparator; {@code rank} gives a pod's count of related pods on its node. */
    public static Comparator<Pod> comparator(java.util.function.ToIntFunction<Pod> rank, Instant now) {
        return (a, b) -> {
            int c = compare(a, b, rank.applyAsInt(a), rank.applyAsInt(b), now);
            return c != 0 ? c : a.metadata().name().compareTo(b.metadata().name());
        };
    }

    /** Negative if {@code a} goes before {@code b}; 0 if upstream's rules cannot tell them apart. */
    static int compare(Pod a, Pod b, int rankA, int rankB, Instant now) {
        boolean assignedA = !nodeName(a).isEmpty();
        boolean assignedB = !nodeName(b).isEmpty();
        if (!nodeName(a).equals(nodeName(b)) && (!assignedA || !assignedB)) {
            return assignedA ? 1 : -1;
        }
        int phase = Integer.compare(phaseOrdinal(a), phaseOrdinal(b));
        if (phase != 0) {
            return phase;
        }
        boolean readyA = PodConditions.isPodReady(a);
        boolean readyB = PodConditions.isPodReady(b);
        if (readyA != readyB) {
            return readyA ? 1 : -1;
        }
        int cost = Integer.compare(deletionCost(a), deletionCost(b));
        if (cost != 0) {
            return cost;
        }
        if (rankA != rankB) {
            return rankA > rankB ? -1 : 1;
        }
        if (readyA) {
            Instant ta = readyTime(a);
            Instant tb = readyTime(b);
            if (!Objects.equals(ta, tb)) {
                int c = newerFirst(ta, tb, a, b, now);
                if (c != 0) {
                    return c;
                }
            }
        }
        int restarts = Integer.compare(maxRestarts(b), maxRestarts(a));
        if (restarts != 0) {
            return restarts;
        }
        int sidecarRestarts = Integer.compare(maxSidecarRestarts(b), maxSidecarRestarts(a));
        if (sidecarRestarts != 0) {
            return sidecarRestarts;
        }
        Instant ca = a.metadata().creationTimestamp();
        Instant cb = b.metadata().creationTimestamp();
        if (!Objects.equals(ca, cb)) {
            return newerFirst(ca, cb, a, b, now);
        }
        return 0;
    }

    /** Newer (or zero) time first; with both times set, by log2 bucket of their age, then by uid. */
    private static int newerFirst(Instant ta, Instant tb, Pod a, Pod b, Instant now) {
        if (now == null || ta == null || tb == null) {
            return afterOrZero(ta, tb) ? -1 : 1;
        }
        int diff = logBucket(ta, now) - logBucket(tb, now);
        if (diff == 0) {
            return Objects.toString(a.metadata().uid(), "").compareTo(Objects.toString(b.metadata().uid(), ""));
        }
        return diff < 0 ? -1 : 1;
    }

    /** Upstream afterOrZero: a zero time counts as the latest. */
    private static boolean afterOrZero(Instant t1, Instant t2) {
        if (t1 == null || t2 == null) {
            return t1 == null;
        }
        return t1.isAfter(t2);
    }

    /** floor(log2(nanoseconds since t)), or -1 if t is not in the past (upstream logarithmicRankDiff). */
    static int logBucket(Instant t, Instant now) {
        long d = Duration.between(t, now).toNanos();
        return d <= 0 ? -1 : 63 - Long.numberOfLeadingZeros(d);
    }

    private static int phaseOrdinal(Pod p) {
        String phase = p.status().phase();
        if (PodPhase.PENDING.equals(phase)) {
            return 0;
        }
        if (PodPhase.UNKNOWN.equals(phase)) {
            return 1;
        }
        if (PodPhase.RUNNING.equals(phase)) {
            return 2;
        }
        // Go's map lookup of any other phase (including "") gives 0, as Pending.
        return 0;
    }

    private static int deletionCost(Pod p) {
        String v = p.metadata().annotations().get(POD_DELETION_COST);
        if (v == null) {
            return 0;
        }
        try {
            return Integer.parseInt(v);
        } catch (NumberFormatException e) {
            return 0;
        }
    }

    private static Instant readyTime(Pod p) {
        PodCondition c = PodConditions.getPodReadyCondition(p.status());
        return c == null ? null : c.lastTransitionTime();
    }

    private static int maxRestarts(Pod p) {
        int max = 0;
        for (ContainerStatus s : p.status().containerStatuses()) {
            max = Math.max(max, s.restartCount());
        }
        return max;
    }

    /** Restarts of sidecars (init containers with restartPolicy Always) break a tie of regular restarts. */
    private static int maxSidecarRestarts(Pod p) {
        java.util.Set<String> sidecars = new java.util.HashSet<>();
        p.spec().initContainers().forEach(c -> {
            if (PodConditions.isRestartableInitContainer(c)) {
                sidecars.add(c.name());
            }
        });
        int max = 0;
        for (ContainerStatus s : p.status().initContainerStatuses()) {
            if (sidecars.contains(s.name())) {
                max = Math.max(max, s.restartCount());
            }
        }
        return max;
    }

    private static String nodeName(Pod p) {
        return p.spec().nodeName() == null ? "" : p.spec().nodeName();
    }
}
