package io.ksim.controller.deployment;

import io.ksim.api.apps.Deployment;
import io.ksim.api.apps.ReplicaSet;
import io.ksim.apiserver.ApiException;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * The scaling decisions of a rollout (upstream rolling.go, recreate.go and sync.go's scale), over
 * ReplicaSet values and a {@link ReplicaSetScaler} that writes each decision. One sync moves in one
 * direction: a rolling sync that scaled the new ReplicaSet up stops there; the next sync, after the
 * pods became available, may scale old ReplicaSets down.
 *
 * <p>Worked example (rolling.go): 10 replicas, maxSurge 3, maxUnavailable 2; the new ReplicaSet has 5
 * crash-looping pods and the old one 8: all 13, minAvailable 8, new unavailable 5, so at most
 * 13 - 8 - 5 = 0 old pods may go, and none do.
 */
public final class Rollout {

    private final ReplicaSetScaler scaler;

    public Rollout(ReplicaSetScaler scaler) {
        this.scaler = scaler;
    }

    /** Scales to {@code size} only if the size differs (upstream scaleReplicaSetAndRecordEvent). */
    ReplicaSet scaleIfNeeded(ReplicaSet rs, int size, Deployment d) {
        return DeploymentUtil.replicas(rs) == size ? rs : scaler.scale(rs, size, d);
    }

    /** Upstream reconcileNewReplicaSet: true if the new ReplicaSet was scaled. */
    public boolean reconcileNewReplicaSet(List<ReplicaSet> allRss, ReplicaSet newRs, Deployment d) {
        int want = DeploymentUtil.replicas(d);
        int have = DeploymentUtil.replicas(newRs);
        if (have == want) {
            return false;
        }
        if (have > want) {
            scaleIfNeeded(newRs, want, d);
            return true;
        }
        int size = DeploymentUtil.newRSNewReplicas(d, allRss, newRs);
        return DeploymentUtil.replicas(scaleIfNeeded(newRs, size, d)) != have;
    }

    /**
     * Upstream reconcileOldReplicaSets over the active old ReplicaSets: at most allPods - minAvailable -
     * newUnavailable old pods go; unhealthy ones first (cleanupUnhealthyReplicas), then healthy ones down
     * to minAvailable. True if any old ReplicaSet was scaled down. Errors end the step without failing the
     * sync, as upstream swallows them.
     */
    public boolean reconcileOldReplicaSets(List<ReplicaSet> allRss, List<ReplicaSet> oldRss, ReplicaSet newRs,
            Deployment d) {
        if (DeploymentUtil.specReplicas(oldRss) == 0) {
            return false;
        }
        int allPods = DeploymentUtil.specReplicas(allRss);
        int minAvailable = DeploymentUtil.replicas(d) - DeploymentUtil.maxUnavailable(d);
        int newUnavailable = DeploymentUtil.replicas(newRs) - DeploymentUtil.orZero(newRs.status().availableReplicas());
        int maxScaledDown = allPods - minAvailable - newUnavailable;
        if (maxScaledDown <= 0) {
            return false;
        }
        List<ReplicaSet> cleaned = new ArrayList<>(oldRss);
        int cleanup;
        int scaledDown;
        try {
            cleanup = cleanupUnhealthyReplicas(cleaned, d, maxScaledDown);
            List<ReplicaSet> all = new ArrayList<>(cleaned);
            all.add(newRs);
            scaledDown = scaleDownOldReplicaSetsForRollingUpdate(all, cleaned, d);
        } catch (ApiException e) {
            return false;
        }
        return cleanup + scaledDown > 0;
    }

    /**
     * Scales down old ReplicaSets' unavailable replicas, oldest ReplicaSet first, at most
     * {@code maxCleanup} in all; replaces the scaled entries of {@code oldRss}. Returns the count.
     */
    public int cleanupUnhealthyReplicas(List<ReplicaSet> oldRss, Deployment d, int maxCleanup) {
        List<ReplicaSet> sorted = new ArrayList<>(oldRss);
        sorted.sort(DeploymentUtil.BY_CREATION);
        int total = 0;
        for (ReplicaSet rs : sorted) {
            if (total >= maxCleanup) {
                break;
            }
            int spec = DeploymentUtil.replicas(rs);
            int available = DeploymentUtil.orZero(rs.status().availableReplicas());
            if (spec == 0 || spec == available) {
                continue;
            }
            int count = Math.min(maxCleanup - total, spec - available);
            ReplicaSet scaled = scaleIfNeeded(rs, spec - count, d);
            oldRss.set(oldRss.indexOf(rs), scaled);
            total += count;
        }
        return total;
    }

    /** Scales old ReplicaSets down, oldest first, while more than minAvailable pods are available. */
    public int scaleDownOldReplicaSetsForRollingUpdate(List<ReplicaSet> allRss, List<ReplicaSet> oldRss, Deployment d) {
        int minAvailable = DeploymentUtil.replicas(d) - DeploymentUtil.maxUnavailable(d);
        int available = DeploymentUtil.availableReplicas(allRss);
        if (available <= minAvailable) {
            return 0;
        }
        int totalScaleDown = available - minAvailable;
        List<ReplicaSet> sorted = new ArrayList<>(oldRss);
        sorted.sort(DeploymentUtil.BY_CREATION);
        int total = 0;
        for (ReplicaSet rs : sorted) {
            if (total >= totalScaleDown) {
                break;
            }
            int spec = DeploymentUtil.replicas(rs);
            if (spec == 0) {
                continue;
            }
            int count = Math.min(spec, totalScaleDown - total);
            scaleIfNeeded(rs, spec - count, d);
            total += count;
        }
        return total;
    }

    /** Recreate's first step: every active old ReplicaSet to 0. True if any was scaled. */
    public boolean scaleDownOldReplicaSetsForRecreate(List<ReplicaSet> oldRss, Deployment d) {
        boolean scaled = false;
        for (ReplicaSet rs : DeploymentUtil.active(oldRss)) {
            scaleIfNeeded(rs, 0, d);
            scaled = true;
        }
        return scaled;
    }

    /**
     * Upstream scale: a resize of the Deployment (or a paused one) without a rollout. One active ReplicaSet
     * (or none: the newest) takes the new size; a saturated new ReplicaSet leaves the old ones at 0;
     * otherwise, for RollingUpdate, the replicas to add or remove are spread in proportion to the
     * ReplicaSets' sizes, largest first, the rounding leftover going to the first.
     */
    public void scale(Deployment d, ReplicaSet newRs, List<ReplicaSet> oldRss) {
        ReplicaSet activeOrLatest = findActiveOrLatest(newRs, oldRss);
        if (activeOrLatest != null) {
            scaleIfNeeded(activeOrLatest, DeploymentUtil.replicas(d), d);
            return;
        }
        if (DeploymentUtil.isSaturated(d, newRs)) {
            for (ReplicaSet old : DeploymentUtil.active(oldRss)) {
                scaleIfNeeded(old, 0, d);
            }
            return;
        }
        if (!DeploymentUtil.isRollingUpdate(d)) {
            return;
        }
        List<ReplicaSet> withNew = new ArrayList<>(oldRss);
        withNew.add(newRs);
        List<ReplicaSet> all = new ArrayList<>(DeploymentUtil.active(withNew));
        int allowed = DeploymentUtil.replicas(d) > 0 ? DeploymentUtil.replicas(d) + DeploymentUtil.maxSurge(d) : 0;
        int toAdd = allowed - DeploymentUtil.specReplicas(all);
        if (toAdd > 0) {
            all.sort(bySize(true));
        } else if (toAdd < 0) {
            all.sort(bySize(false));
        }
        Map<String, Integer> sizes = new HashMap<>();
        int added = 0;
        for (ReplicaSet rs : all) {
            int p = toAdd != 0 ? DeploymentUtil.proportion(rs, d, toAdd, added) : 0;
            sizes.put(rs.metadata().name(), DeploymentUtil.replicas(rs) + p);
            added += p;
        }
        for (int i = 0; i < all.size(); i++) {
            ReplicaSet rs = all.get(i);
            if (i == 0 && toAdd != 0) {
                sizes.put(rs.metadata().name(), Math.max(0, sizes.get(rs.metadata().name()) + toAdd - added));
            }
            scaler.scale(rs, sizes.get(rs.metadata().name()), d);
        }
    }

    /** Larger first; ties newer first ({@code newer}) or older first (upstream ReplicaSetsBySizeNewer/Older). */
    static Comparator<ReplicaSet> bySize(boolean newer) {
        Comparator<ReplicaSet> byAge = newer ? DeploymentUtil.BY_CREATION.reversed() : DeploymentUtil.BY_CREATION;
        return Comparator.comparingInt((ReplicaSet rs) -> -DeploymentUtil.replicas(rs)).thenComparing(byAge);
    }

    /** Upstream FindActiveOrLatest: the only active ReplicaSet, or with none active the new or newest one. */
    static ReplicaSet findActiveOrLatest(ReplicaSet newRs, List<ReplicaSet> oldRss) {
        if (newRs == null && oldRss.isEmpty()) {
            return null;
        }
        List<ReplicaSet> newestFirst = new ArrayList<>(oldRss);
        newestFirst.sort(DeploymentUtil.BY_CREATION.reversed());
        List<ReplicaSet> all = new ArrayList<>(newestFirst);
        if (newRs != null) {
            all.add(newRs);
        }
        List<ReplicaSet> active = DeploymentUtil.active(all);
        if (active.isEmpty()) {
            return newRs != null ? newRs : newestFirst.get(0);
        }
        return active.size() == 1 ? active.get(0) : null;
    }

    /**
     * Upstream cleanupDeployment: the old ReplicaSets beyond revisionHistoryLimit that may go (scaled to
     * 0, no pods, status caught up, not already being deleted), lowest revision first.
     */
    public static List<ReplicaSet> replicaSetsToCleanUp(List<ReplicaSet> oldRss, Deployment d) {
        Integer limit = d.spec().revisionHistoryLimit();
        if (limit == null || limit == Integer.MAX_VALUE) {
            return List.of();
        }
        List<ReplicaSet> cleanable = new ArrayList<>(oldRss.stream()
                .filter(rs -> rs != null && !rs.metadata().isBeingDeleted()).toList());
        int diff = cleanable.size() - limit;
        if (diff <= 0) {
            return List.of();
        }
        cleanable.sort(Comparator.comparingLong(DeploymentUtil::revision).thenComparing(DeploymentUtil.BY_CREATION));
        List<ReplicaSet> out = new ArrayList<>();
        for (int i = 0; i < diff; i++) {
            ReplicaSet rs = cleanable.get(i);
            long generation = rs.metadata().generation() == null ? 0 : rs.metadata().generation();
            long observed = rs.status().observedGeneration() == null ? 0 : rs.status().observedGeneration();
            if (rs.status().replicas() != 0 || DeploymentUtil.replicas(rs) != 0 || generation > observed
                    || rs.metadata().isBeingDeleted()) {
                continue;
            }
            out.add(rs);
        }
        return out;
    }
}
