package io.ksim.controller.statefulset;

import io.ksim.api.apps.ControllerRevision;
import io.ksim.api.apps.StatefulSet;
import io.ksim.api.apps.StatefulSet.StatefulSetStatus;
import io.ksim.api.core.Pod;
import io.ksim.api.core.PodSpec;
import io.ksim.api.core.Volume;
import io.ksim.api.meta.ObjectMeta;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

/**
 * One sync of one StatefulSet (upstream updateStatefulSet in stateful_set_control.go). Replicas are the
 * ordinals {@code [start, start+replicas)}; pods with a larger ordinal are condemned. In this order:
 * <ol>
 * <li>each replica in ascending ordinal order: a failed or succeeded pod is deleted (and made again on a
 * later sync, once it is gone); a missing pod is created with its claims; with OrderedReady the sync stops
 * after a create, at a terminating pod, and at a pod that is not Running and Ready (available for
 * minReadySeconds), so pod i+1 never starts before pod i is ready; identity or storage drift is fixed;</li>
 * <li>condemned pods from the highest ordinal down: OrderedReady deletes one and stops, and refuses to delete
 * an unhealthy pod unless it is the first unhealthy one; Parallel deletes them all;</li>
 * <li>OnDelete stops here; RollingUpdate deletes the highest-ordinal pod at or above the partition whose
 * revision is not the update revision, one per sync, after every higher pod is healthy again.</li>
 * </ol>
 * The status counts what the sync saw plus what it did.
 */
final class StatefulSetSync {

    private final StatefulPodControl podControl;
    private final Instant now;

    private final StatefulSet set;
    private final StatefulSet currentSet;
    private final StatefulSet updateSet;
    private final String currentRevision;
    private final String updateRevision;
    private final boolean monotonic;
    private final int minReadySeconds;

    // The status as it grows; upstream mutates one status struct the same way.
    private int replicas;
    private int ready;
    private int available;
    private int current;
    private int updated;

    StatefulSetSync(StatefulPodControl podControl, Instant now, StatefulSet set, ControllerRevision current,
            ControllerRevision update) {
        this.podControl = podControl;
        this.now = now;
        this.set = set;
        this.currentSet = StatefulSetUtils.applyRevision(set, current);
        this.updateSet = StatefulSetUtils.applyRevision(set, update);
        this.currentRevision = current.metadata().name();
        this.updateRevision = update.metadata().name();
        this.monotonic = !StatefulSetUtils.isParallel(set);
        this.minReadySeconds = StatefulSetUtils.minReadySeconds(set);
    }

    /** Runs the sync over the set's pods and returns the status (without revisions and generation). */
    StatefulSetStatus run(List<Pod> pods) {
        for (Pod p : pods) {
            count(p);
        }
        int start = set.spec().startOrdinal();
        int count = StatefulSetUtils.replicas(set);
        Pod[] slots = new Pod[count];
        List<Pod> condemned = new ArrayList<>();
        for (Pod p : pods) {
            int ord = StatefulSetUtils.ordinal(p);
            if (ord >= start && ord < start + count) {
                slots[ord - start] = p;
            } else if (ord >= 0) {
                condemned.add(p);
            }
        }
        condemned.sort(Comparator.comparingInt(StatefulSetUtils::ordinal));
        Pod firstUnhealthy = firstUnhealthy(slots, condemned);
        if (set.metadata().isBeingDeleted()) {
            return status();
        }
        for (int i = 0; i < count; i++) {
            if (processReplica(slots, i, start)) {
                return status();
            }
        }
        if (scaleDown(condemned, firstUnhealthy)) {
            return status();
        }
        if (!StatefulSetUtils.isOnDelete(set)) {
            rollingUpdate(slots, start);
        }
        return status();
    }

    private void count(Pod p) {
        if (!StatefulSetUtils.isCreated(p)) {
            return;
        }
        replicas++;
        if (StatefulSetUtils.isRunningAndReady(p)) {
            ready++;
            if (StatefulSetUtils.isRunningAndAvailable(p, minReadySeconds, now)) {
                available++;
            }
        }
        if (!StatefulSetUtils.isTerminating(p)) {
            String r = StatefulSetUtils.revisionOf(p);
            if (currentRevision.equals(r)) {
                current++;
            }
            if (updateRevision.equals(r)) {
                updated++;
            }
        }
    }

    private static Pod firstUnhealthy(Pod[] slots, List<Pod> condemned) {
        for (Pod p : slots) {
            if (p != null && !StatefulSetUtils.isHealthy(p)) {
                return p;
            }
        }
        for (Pod p : condemned) {
            if (!StatefulSetUtils.isHealthy(p)) {
                return p;
            }
        }
        return null;
    }

    /** The pod for ordinal {@code ord} (upstream newVersionedStatefulSetPod): partitioned ordinals stay current. */
    private Pod newVersionedPod(int ord) {
        int start = set.spec().startOrdinal();
        var rolling = set.spec().updateStrategy().rollingUpdate();
        boolean keepCurrent;
        if (StatefulSetUtils.isOnDelete(set)) {
            keepCurrent = false;
        } else if (rolling == null) {
            keepCurrent = ord < start + (set.status().currentReplicas() == null ? 0 : set.status().currentReplicas());
        } else {
            keepCurrent = ord < start + StatefulSetUtils.partition(set);
        }
        return keepCurrent ? StatefulSetUtils.newPod(currentSet, ord, currentRevision)
                : StatefulSetUtils.newPod(updateSet, ord, updateRevision);
    }

    /** Returns true when the sync must stop here. */
    private boolean processReplica(Pod[] slots, int i, int start) {
        int ord = start + i;
        Pod pod = slots[i];
        if (pod != null && (StatefulSetUtils.isFailed(pod) || StatefulSetUtils.isSucceeded(pod))) {
            if (!StatefulSetUtils.isTerminating(pod)) {
                podControl.deletePod(set, pod);
            }
            // The replacement is made on a later sync, once the old pod is gone from the store.
            return true;
        }
        if (pod == null) {
            Pod fresh = newVersionedPod(ord);
            podControl.createPod(set, fresh, ord);
            slots[i] = fresh;
            replicas++;
            String r = StatefulSetUtils.revisionOf(fresh);
            if (currentRevision.equals(r)) {
                current++;
            }
            if (updateRevision.equals(r)) {
                updated++;
            }
            return monotonic;
        }
        if (StatefulSetUtils.isTerminating(pod) && monotonic) {
            return true;
        }
        if (monotonic && !StatefulSetUtils.isRunningAndAvailable(pod, minReadySeconds, now)) {
            return true;
        }
        if (!StatefulSetUtils.identityMatches(set, pod) || !StatefulSetUtils.storageMatches(set, pod)) {
            podControl.createMissingClaims(set, pod, ord);
            podControl.updatePod(set, fixIdentity(pod, ord));
        }
        return false;
    }

    /** Upstream updateIdentity plus updateStorage: the pod-name label, hostname, subdomain and claim volumes. */
    private Pod fixIdentity(Pod pod, int ord) {
        String name = StatefulSetUtils.podName(set, ord);
        Map<String, String> labels = new TreeMap<>(pod.metadata().labels());
        labels.put(StatefulSetUtils.POD_NAME_LABEL, name);
        labels.put(StatefulSetUtils.POD_INDEX_LABEL, Integer.toString(ord));
        ObjectMeta meta = pod.metadata().withLabels(labels);
        List<Volume> volumes = new ArrayList<>();
        Map<String, io.ksim.api.core.PersistentVolumeClaim> claims = StatefulSetUtils.claims(set, ord);
        claims.forEach((template, claim) -> volumes.add(Volume.persistentVolumeClaim(template,
                claim.metadata().name())));
        pod.spec().volumes().stream().filter(v -> !claims.containsKey(v.name())).forEach(volumes::add);
        PodSpec spec = pod.spec().toBuilder().volumes(volumes).build();
        return pod.withMetadata(meta).withSpec(spec);
    }

    /** Deletes condemned pods from the highest ordinal down; returns true when the sync must stop. */
    private boolean scaleDown(List<Pod> condemned, Pod firstUnhealthy) {
        for (int target = condemned.size() - 1; target >= 0; target--) {
            Pod pod = condemned.get(target);
            if (StatefulSetUtils.isTerminating(pod)) {
                if (monotonic) {
                    return true;
                }
                continue;
            }
            if (monotonic && !StatefulSetUtils.isRunningAndAvailable(pod, minReadySeconds, now)
                    && pod != firstUnhealthy) {
                return true;
            }
            podControl.deletePod(set, pod);
            String r = StatefulSetUtils.revisionOf(pod);
            if (currentRevision.equals(r)) {
                current--;
            }
            if (updateRevision.equals(r)) {
                updated--;
            }
            if (monotonic) {
                return true;
            }
        }
        return false;
    }

    /** One outdated pod at or above the partition, highest ordinal first, once the ones above are healthy. */
    private void rollingUpdate(Pod[] slots, int start) {
        int updateMin = StatefulSetUtils.partition(set);
        for (int target = slots.length - 1; target >= updateMin; target--) {
            Pod pod = slots[target];
            if (!updateRevision.equals(StatefulSetUtils.revisionOf(pod)) && !StatefulSetUtils.isTerminating(pod)
                    && StatefulSetUtils.isCreated(pod)) {
                podControl.deletePod(set, pod);
                if (currentRevision.equals(StatefulSetUtils.revisionOf(pod))) {
                    current--;
                }
                return;
            }
            if (!StatefulSetUtils.isHealthy(pod)) {
                return;
            }
        }
    }

    private StatefulSetStatus status() {
        return new StatefulSetStatus(null, replicas, ready, current, updated, currentRevision, updateRevision, null,
                set.status().conditions(), available);
    }
}
