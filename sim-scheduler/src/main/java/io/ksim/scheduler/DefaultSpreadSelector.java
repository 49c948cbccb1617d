package io.ksim.scheduler;

import io.ksim.api.apps.ReplicaSet;
import io.ksim.api.apps.StatefulSet;
import io.ksim.api.core.Pod;
import io.ksim.api.core.ReplicationController;
import io.ksim.api.core.Service;
import io.ksim.api.meta.OwnerReference;
import io.ksim.api.selector.LabelSelector;
import io.ksim.api.selector.SelectorException;
import io.ksim.client.Indexer;
import java.util.Map;
import java.util.TreeMap;

/**
 * The selector of the workloads a pod belongs to (upstream helper.DefaultSelector), which the system
 * default topology spread constraints count: the selectors of the Services that select the pod merged,
 * then the selector of its controlling ReplicationController merged in as well (it is a label map like a
 * Service's), or the requirements of its controlling ReplicaSet or StatefulSet added. Empty when the pod
 * belongs to none.
 */
final class DefaultSpreadSelector {

    private final Indexer<Service> services;
    private final Indexer<ReplicationController> replicationControllers;
    private final Indexer<ReplicaSet> replicaSets;
    private final Indexer<StatefulSet> statefulSets;

    DefaultSpreadSelector(Indexer<Service> services, Indexer<ReplicationController> replicationControllers,
            Indexer<ReplicaSet> replicaSets, Indexer<StatefulSet> statefulSets) {
        this.services = services;
        this.replicationControllers = replicationControllers;
        this.replicaSets = replicaSets;
        this.statefulSets = statefulSets;
    }

    LabelSelector of(Pod pod) {
        String ns = pod.metadata().namespace();
        Map<String, String> merged = new TreeMap<>();
        for (Service s : services.byIndex(Indexer.NAMESPACE, ns)) {
            Map<String, String> sel = s.spec() == null ? null : s.spec().selector();
            if (sel != null && !sel.isEmpty() && LabelSelector.fromSet(sel).matches(pod.metadata().labels())) {
                merged.putAll(sel);
            }
        }
        LabelSelector selector = LabelSelector.fromSet(merged);
        OwnerReference owner = pod.metadata().controllerRef();
        if (owner == null) {
            return selector;
        }
        io.ksim.api.meta.LabelSelector ownerSelector = null;
        if ("ReplicationController".equals(owner.kind()) && "v1".equals(owner.apiVersion())) {
            ReplicationController rc = replicationControllers.get(ns, owner.name());
            if (rc != null) {
                merged.putAll(rc.spec().selector());
                selector = LabelSelector.fromSet(merged);
            }
        } else if ("ReplicaSet".equals(owner.kind()) && "apps/v1".equals(owner.apiVersion())) {
            ReplicaSet rs = replicaSets.get(ns, owner.name());
            ownerSelector = rs == null ? null : rs.spec().selector();
        } else if ("StatefulSet".equals(owner.kind()) && "apps/v1".equals(owner.apiVersion())) {
            StatefulSet ss = statefulSets.get(ns, owner.name());
            ownerSelector = ss == null ? null : ss.spec().selector();
        }
        if (ownerSelector != null) {
            try {
                LabelSelector other = LabelSelector.fromLabelSelector(ownerSelector.matchLabels(),
                        ownerSelector.matchExpressions());
                selector = selector.add(other.requirements().toArray(io.ksim.api.selector.Requirement[]::new));
            } catch (SelectorException ignored) {
                // upstream ignores an owner selector that does not parse
            }
        }
        return selector;
    }
}
