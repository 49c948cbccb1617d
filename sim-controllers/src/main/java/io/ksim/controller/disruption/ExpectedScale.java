package io.ksim.controller.disruption;

import io.ksim.api.apps.Deployment;
import io.ksim.api.apps.ReplicaSet;
import io.ksim.api.apps.StatefulSet;
import io.ksim.api.core.Pod;
import io.ksim.api.meta.OwnerReference;
import io.ksim.client.Indexer;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

/**
 * How many pods a budget's controllers want (upstream disruption.go getExpectedScale and its finders): the
 * scale of each distinct controller of the selected pods, a ReplicaSet owned by a Deployment counting with
 * the Deployment's replicas. Pods without a controller are unmanaged and count for nothing.
 *
 * @param expected the sum of the controllers' scales
 * @param unmanaged names of selected pods without a controller
 * @param missingController a pod whose controller could not be found, or null
 */
record ExpectedScale(int expected, List<String> unmanaged, String missingController) {

    static ExpectedScale of(List<Pod> pods, Indexer<ReplicaSet> replicaSets, Indexer<Deployment> deployments,
            Indexer<StatefulSet> statefulSets) {
        Map<String, Integer> scaleByUid = new TreeMap<>();
        List<String> unmanaged = new java.util.ArrayList<>();
        for (Pod pod : pods) {
            OwnerReference ref = pod.metadata().controllerRef();
            if (ref == null) {
                unmanaged.add(pod.metadata().name());
                continue;
            }
            if (scaleByUid.containsKey(ref.uid())) {
                continue;
            }
            String ns = pod.metadata().namespace();
            Integer scale = switch (ref.kind()) {
                case "ReplicaSet" -> replicaSetScale(ns, ref, replicaSets, deployments);
                case "StatefulSet" -> {
                    StatefulSet ss = statefulSets.get(ns, ref.name());
                    yield ss == null || !ref.uid().equals(ss.metadata().uid()) ? null : replicas(ss.spec().replicas());
                }
                default -> null;
            };
            if (scale == null) {
                return new ExpectedScale(0, unmanaged, pod.metadata().name());
            }
            scaleByUid.put(ref.uid(), scale);
        }
        return new ExpectedScale(scaleByUid.values().stream().mapToInt(Integer::intValue).sum(), List.copyOf(unmanaged),
                null);
    }

    private static Integer replicaSetScale(String ns, OwnerReference ref, Indexer<ReplicaSet> replicaSets,
            Indexer<Deployment> deployments) {
        ReplicaSet rs = replicaSets.get(ns, ref.name());
        if (rs == null || !ref.uid().equals(rs.metadata().uid())) {
            return null;
        }
        OwnerReference owner = rs.metadata().controllerRef();
        if (owner != null && "Deployment".equals(owner.kind())) {
            Deployment d = deployments.get(ns, owner.name());
            return d == null || !owner.uid().equals(d.metadata().uid()) ? null : replicas(d.spec().replicas());
        }
        return replicas(rs.spec().replicas());
    }

    private static int replicas(Integer r) {
        return r == null ? 1 : r;
    }
}
