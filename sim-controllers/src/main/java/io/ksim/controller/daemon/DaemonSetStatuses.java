package io.ksim.controller.daemon;

import io.ksim.api.apps.DaemonSet;
import io.ksim.api.apps.DaemonSet.DaemonSetStatus;
import io.ksim.api.core.Node;
import io.ksim.api.core.Pod;
import io.ksim.api.core.PodConditions;
import java.time.Instant;
import java.util.List;
import java.util.Map;

/**
 * The DaemonSet status (upstream updateDaemonSetStatus): per node that should run the pod, desired; with a
 * pod, currently scheduled, and the oldest pod decides ready, available (minReadySeconds) and updated; a pod
 * on a node that should not run it is misscheduled. numberUnavailable = desired - available.
 */
final class DaemonSetStatuses {

    private DaemonSetStatuses() {
    }

    static DaemonSetStatus calculate(DaemonSet ds, List<Node> nodes, Map<String, List<Pod>> nodeToPods, String hash,
            Instant now) {
        int desired = 0;
        int current = 0;
        int misscheduled = 0;
        int ready = 0;
        int available = 0;
        int updated = 0;
        for (Node node : nodes) {
            boolean shouldRun = DaemonPlacement.shouldRun(ds.spec().template().spec(), node);
            List<Pod> pods = nodeToPods.getOrDefault(node.metadata().name(), List.of());
            if (shouldRun) {
                desired++;
                if (pods.isEmpty()) {
                    continue;
                }
                current++;
                Pod pod = DaemonPods.oldestFirst(pods).get(0);
                if (PodConditions.isPodReady(pod)) {
                    ready++;
                    if (PodConditions.isPodAvailable(pod, DaemonSetController.minReadySeconds(ds), now)) {
                        available++;
                    }
                }
                if (DaemonPods.isUpdated(ds, pod, hash)) {
                    updated++;
                }
            } else if (!pods.isEmpty()) {
                misscheduled++;
            }
        }
        return new DaemonSetStatus(current, misscheduled, desired, ready, ds.metadata().generation(), updated,
                available, desired - available, ds.status().collisionCount(), ds.status().conditions());
    }
}
