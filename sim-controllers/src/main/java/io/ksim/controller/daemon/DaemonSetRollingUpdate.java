package io.ksim.controller.daemon;

import io.ksim.api.apps.Apps;
import io.ksim.api.apps.DaemonSet;
import io.ksim.api.apps.DaemonSet.RollingUpdateDaemonSet;
import io.ksim.api.core.Node;
import io.ksim.api.core.Pod;
import io.ksim.api.core.PodConditions;
import io.ksim.api.resource.IntOrString;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/**
 * One step of a DaemonSet rolling update (upstream pkg/controller/daemon/update.go rollingUpdate). Both bounds
 * are resolved against the number of nodes that should run the pod, rounding up; both zero means
 * maxUnavailable 1.
 * <ul>
 * <li>maxSurge 0: nodes without exactly one of old/new pod and nodes whose new pod is not yet available count
 * as unavailable; an unavailable old pod is always replaced and counts as unavailable too; available old
 * pods are deleted while fewer than maxUnavailable nodes are unavailable (the manage loop then creates the
 * new pod);</li>
 * <li>maxSurge &gt; 0: a new pod is started beside the old one on up to maxSurge nodes at a time (always
 * where the old pod is unavailable); once the new pod is available the old one is deleted.</li>
 * </ul>
 * Nodes are visited in name order.
 */
final class DaemonSetRollingUpdate {

    /** What the step does: pods to delete and nodes to start a new pod on. */
    record Plan(List<Pod> podsToDelete, List<String> nodesToCreate) {
    }

    private final DaemonSet ds;
    private final String hash;
    private final Instant now;

    DaemonSetRollingUpdate(DaemonSet ds, String hash, Instant now) {
        this.ds = ds;
        this.hash = hash;
        this.now = now;
    }

    /** Upstream AllowsSurge: RollingUpdate with a maxSurge that is not zero. */
    static boolean surgeEnabled(DaemonSet ds, List<Node> nodes) {
        RollingUpdateDaemonSet r = ds.spec().updateStrategy().rollingUpdate();
        return Apps.ROLLING_UPDATE.equals(ds.spec().updateStrategy().type()) && r != null && r.maxSurge() != null
                && IntOrString.scaledValue(r.maxSurge(), 1, true) > 0;
    }

    /** Running pods on one node beyond the one (or, with surge, the oldest new and oldest old) to keep. */
    static List<Pod> surplus(List<Pod> running, boolean surge, String hash) {
        if (running.size() <= 1) {
            return List.of();
        }
        List<Pod> sorted = DaemonPods.oldestFirst(running);
        if (!surge) {
            return sorted.subList(1, sorted.size());
        }
        List<Pod> out = new ArrayList<>();
        boolean keptNew = false;
        boolean keptOld = false;
        for (Pod p : sorted) {
            boolean isNew = hash.equals(p.metadata().labels().get(DaemonSetController.REVISION_LABEL));
            if (isNew && !keptNew) {
                keptNew = true;
            } else if (!isNew && !keptOld) {
                keptOld = true;
            } else {
                out.add(p);
            }
        }
        return out;
    }

    Plan plan(List<Node> nodes, Map<String, List<Pod>> nodeToPods) {
        Map<String, List<Pod>> byNode = new java.util.TreeMap<>(nodeToPods);
        int desired = 0;
        for (Node n : nodes) {
            if (DaemonPlacement.shouldRun(ds.spec().template().spec(), n)) {
                desired++;
                byNode.putIfAbsent(n.metadata().name(), List.of());
            }
        }
        RollingUpdateDaemonSet r = ds.spec().updateStrategy().rollingUpdate();
        int maxUnavailable = r == null || r.maxUnavailable() == null ? 1
                : (int) IntOrString.scaledValue(r.maxUnavailable(), desired, true);
        int maxSurge = r == null || r.maxSurge() == null ? 0 : (int) IntOrString.scaledValue(r.maxSurge(), desired, true);
        if (desired > 0 && maxUnavailable == 0 && maxSurge == 0) {
            maxUnavailable = 1;
        }
        return maxSurge == 0 ? withoutSurge(byNode, maxUnavailable) : withSurge(byNode, maxSurge);
    }

    private boolean available(Pod p) {
        return PodConditions.isPodAvailable(p, DaemonSetController.minReadySeconds(ds), now);
    }

    private Plan withoutSurge(Map<String, List<Pod>> byNode, int maxUnavailable) {
        int unavailable = 0;
        List<Pod> replace = new ArrayList<>();
        List<Pod> candidates = new ArrayList<>();
        for (List<Pod> pods : byNode.values()) {
            Pod[] found = newAndOld(pods);
            if (found == null) {
                unavailable++;
                continue;
            }
            Pod newPod = found[0];
            Pod oldPod = found[1];
            if ((oldPod == null) == (newPod == null)) {
                unavailable++;
            } else if (newPod != null) {
                if (!available(newPod)) {
                    unavailable++;
                }
            } else if (!available(oldPod)) {
                // Replaced regardless, but it counts against the budget (upstream #123233, in 1.31).
                replace.add(oldPod);
                unavailable++;
            } else if (unavailable < maxUnavailable) {
                candidates.add(oldPod);
            }
        }
        int remaining = Math.max(0, Math.min(maxUnavailable - unavailable, candidates.size()));
        List<Pod> delete = new ArrayList<>(replace);
        delete.addAll(candidates.subList(0, remaining));
        return new Plan(delete, List.of());
    }

    private Plan withSurge(Map<String, List<Pod>> byNode, int maxSurge) {
        int surge = 0;
        List<String> allowed = new ArrayList<>();
        List<String> candidates = new ArrayList<>();
        List<Pod> delete = new ArrayList<>();
        for (Map.Entry<String, List<Pod>> e : byNode.entrySet()) {
            Pod[] found = newAndOld(e.getValue());
            if (found == null) {
                surge++;
                continue;
            }
            Pod newPod = found[0];
            Pod oldPod = found[1];
            if (oldPod == null) {
                continue;
            }
            if (newPod == null) {
                if (!available(oldPod)) {
                    allowed.add(e.getKey());
                } else if (surge < maxSurge) {
                    candidates.add(e.getKey());
                }
            } else if (!available(newPod)) {
                surge++;
            } else {
                delete.add(oldPod);
            }
        }
        int remaining = Math.max(0, Math.min(maxSurge - surge, candidates.size()));
        List<String> create = new ArrayList<>(allowed);
        create.addAll(candidates.subList(0, remaining));
        return new Plan(delete, create);
    }

    /** {new, old} pod of a node ignoring terminating ones, or null when either is duplicated (findUpdatedPodsOnNode). */
    private Pod[] newAndOld(List<Pod> pods) {
        Pod newPod = null;
        Pod oldPod = null;
        for (Pod p : pods) {
            if (p.metadata().isBeingDeleted()) {
                continue;
            }
            if (DaemonPods.isUpdated(ds, p, hash)) {
                if (newPod != null) {
                    return null;
                }
                newPod = p;
            } else {
                if (oldPod != null) {
                    return null;
                }
                oldPod = p;
            }
        }
        return new Pod[] {newPod, oldPod};
    }
}
