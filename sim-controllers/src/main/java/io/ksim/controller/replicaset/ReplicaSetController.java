package io.ksim.controller.replicaset;

import io.ksim.api.apps.ReplicaSet;
import io.ksim.api.apps.ReplicaSet.ReplicaSetStatus;
import io.ksim.api.core.Pod;
import io.ksim.api.core.PodConditions;
import io.ksim.api.meta.KubeObject;
import io.ksim.api.meta.OwnerReference;
import io.ksim.apiserver.ApiException;
import io.ksim.apiserver.ApiServer;
import io.ksim.apiserver.registry.BuiltinResources;
import io.ksim.client.Indexer;
import io.ksim.client.Informer;
import io.ksim.client.ResourceEventHandler;
import io.ksim.controller.ActivePodsWithRanks;
import io.ksim.controller.Controller;
import io.ksim.controller.ControllerContext;
import io.ksim.controller.ControllerExpectations;
import io.ksim.controller.ControllerRefManager;
import io.ksim.controller.ControllerUtils;
import io.ksim.controller.PodControl;
import io.ksim.controller.ReconcileResult;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Objects;
import java.util.Set;

/**
 * The ReplicaSet controller (upstream pkg/controller/replicaset): keeps {@code spec.replicas} active pods
 * matching each ReplicaSet's selector. Too few: creates the missing ones in slow-start batches (1, 2, 4,
 * ...; at most {@link #BURST_REPLICAS} per sync), named {@code <rs>-<5 chars>}. Too many: deletes the
 * surplus in {@link ActivePodsWithRanks} order. Expectations hold the next sync back until the informer
 * has seen the pods it created or deleted. Orphans matching the selector are adopted, pods that no
 * longer match are released. The status is written after every sync.
 */
public class ReplicaSetController extends Controller {

    /** The controller's name, also the source of its events. */
    public static final String NAME = "replicaset-controller";
    /** Upstream BurstReplicas: creates or deletes per sync. */
    public static final int BURST_REPLICAS = 500;

    private static final String CONTROLLER_UID = "controllerUID";

    private final Owners<?> owners;
    private final Informer<Pod> podInformer;
    private final ControllerExpectations expectations;
    private final PodControl podControl;

    public ReplicaSetController(ControllerContext context) {
        this(context, NAME, NAME, ReplicaSetAdapter.REPLICA_SETS);
    }

    /**
     * The controller for another kind that behaves as a ReplicaSet (upstream NewBaseController): {@code name}
     * is the controller's, {@code eventSource} the component its events name.
     */
    protected <T extends KubeObject> ReplicaSetController(ControllerContext context, String name, String eventSource,
            ReplicaSetAdapter<T> adapter) {
        super(context, name);
        this.owners = new Owners<>(informer(adapter.type()), adapter);
        this.podInformer = informer(BuiltinResources.PODS);
        this.expectations = new ControllerExpectations(kernel);
        this.podControl = new PodControl(api, context.recorder(eventSource));
        podInformer.indexer().addIndex(CONTROLLER_UID, p -> {
            OwnerReference ref = p.metadata().controllerRef();
            return ref == null ? List.of() : List.of(ref.uid());
        });
        owners.addEventHandler(new ResourceEventHandler<>() {
            @Override
            public void onAdd(ReplicaSet rs, boolean initial) {
                enqueue(rs);
            }

            @Override
            public void onUpdate(ReplicaSet oldRs, ReplicaSet rs) {
                enqueue(rs);
            }

            @Override
            public void onDelete(ReplicaSet rs) {
                enqueue(rs);
            }
        });
        podInformer.addEventHandler(new ResourceEventHandler<>() {
            @Override
            public void onAdd(Pod pod, boolean initial) {
                addPod(pod);
            }

            @Override
            public void onUpdate(Pod oldPod, Pod pod) {
                updatePod(oldPod, pod);
            }

            @Override
            public void onDelete(Pod pod) {
                deletePod(pod);
            }
        });
    }

    /** The expectations, for tests. */
    public ControllerExpectations expectations() {
        return expectations;
    }

    // ---- event handlers (upstream addPod / updatePod / deletePod) ----------------------------------

    private void addPod(Pod pod) {
        if (pod.metadata().isBeingDeleted()) {
            deletePod(pod);
            return;
        }
        OwnerReference ref = pod.metadata().controllerRef();
        if (ref != null) {
            ReplicaSet rs = resolveControllerRef(pod.metadata().namespace(), ref);
            if (rs != null) {
                expectations.creationObserved(Indexer.keyOf(rs));
                enqueue(rs);
            }
            return;
        }
        podReplicaSets(pod).forEach(this::enqueue);
    }

    private void updatePod(Pod oldPod, Pod pod) {
        if (Objects.equals(oldPod.metadata().resourceVersion(), pod.metadata().resourceVersion())) {
            return;
        }
        boolean labelChanged = !oldPod.metadata().labels().equals(pod.metadata().labels());
        if (pod.metadata().isBeingDeleted()) {
            deletePod(pod);
            if (labelChanged) {
                deletePod(oldPod);
            }
            return;
        }
        OwnerReference curRef = pod.metadata().controllerRef();
        OwnerReference oldRef = oldPod.metadata().controllerRef();
        boolean refChanged = !Objects.equals(curRef, oldRef);
        if (refChanged && oldRef != null) {
            ReplicaSet old = resolveControllerRef(oldPod.metadata().namespace(), oldRef);
            if (old != null) {
                enqueue(old);
            }
        }
        if (curRef != null) {
            ReplicaSet rs = resolveControllerRef(pod.metadata().namespace(), curRef);
            if (rs == null) {
                return;
            }
            enqueue(rs);
            int minReady = minReadySeconds(rs);
            if (!PodConditions.isPodReady(oldPod) && PodConditions.isPodReady(pod) && minReady > 0) {
                // Available only after minReadySeconds: look again then (plus a second, as upstream).
                enqueueAfter(rs, Duration.ofSeconds(minReady + 1L));
            }
            return;
        }
        if (labelChanged || refChanged) {
            podReplicaSets(pod).forEach(this::enqueue);
        }
    }

    private void deletePod(Pod pod) {
        OwnerReference ref = pod.metadata().controllerRef();
        if (ref == null) {
            return;
        }
        ReplicaSet rs = resolveControllerRef(pod.metadata().namespace(), ref);
        if (rs == null) {
            return;
        }
        expectations.deletionObserved(Indexer.keyOf(rs), Indexer.keyOf(pod));
        enqueue(rs);
    }

    private ReplicaSet resolveControllerRef(String namespace, OwnerReference ref) {
        if (!owners.adapter.kind().equals(ref.kind())) {
            return null;
        }
        ReplicaSet rs = owners.get(namespace, ref.name());
        return rs != null && ref.uid().equals(rs.metadata().uid()) ? rs : null;
    }

    /** ReplicaSets in the pod's namespace whose (non-empty) selector matches it, for orphans. */
    private List<ReplicaSet> podReplicaSets(Pod pod) {
        List<ReplicaSet> out = new ArrayList<>();
        for (ReplicaSet rs : owners.inNamespace(pod.metadata().namespace())) {
            io.ksim.api.selector.LabelSelector s = ControllerUtils.selector(rs.spec().selector());
            if (!s.isEmpty() && s.matches(pod.metadata().labels())) {
                out.add(rs);
            }
        }
        return out;
    }

    // ---- sync (upstream syncReplicaSet) ----------------------------------------------------------------

    @Override
    protected ReconcileResult reconcile(String key) {
        ReplicaSet rs = owners.get(key);
        if (rs == null) {
            expectations.delete(key);
            return ReconcileResult.done();
        }
        boolean needsSync = expectations.satisfied(key);
        io.ksim.api.selector.LabelSelector selector = ControllerUtils.selector(rs.spec().selector());
        List<Pod> active = ControllerUtils.filterActivePods(
                podInformer.indexer().byIndex(Indexer.NAMESPACE, rs.metadata().namespace()));
        List<Pod> claimed = new ControllerRefManager<>(api, BuiltinResources.PODS, rs, selector,
                () -> canAdopt(rs)).claim(active);
        ApiException manageError = null;
        if (needsSync && !rs.metadata().isBeingDeleted()) {
            try {
                manageReplicas(key, claimed, rs);
            } catch (ApiException e) {
                manageError = e;
            }
        }
        ReplicaSetStatus status = ReplicaSetStatuses.calculate(rs, claimed, manageError, kernel.instant());
        ReplicaSet updated = updateStatus(rs, status);
        if (manageError != null) {
            throw manageError;
        }
        int minReady = minReadySeconds(rs);
        if (minReady > 0 && ReplicaSetStatuses.readyReplicas(updated) == ReplicaSetStatuses.replicas(updated)
                && ReplicaSetStatuses.availableReplicas(updated) != ReplicaSetStatuses.replicas(updated)) {
            // Upstream requeues after exactly minReadySeconds, by which time a real clock has moved past the
            // boundary; on virtual time the boundary instant itself is not yet "available" (strictly after),
            // so the look comes one millisecond later.
            return ReconcileResult.requeueAfter(Duration.ofSeconds(minReady).plusMillis(1));
        }
        return ReconcileResult.done();
    }

    /** Upstream's recheck before adopting: the ReplicaSet still exists, is the same one, and is not going. */
    private boolean canAdopt(ReplicaSet cached) {
        try {
            ReplicaSet fresh = owners.fetch(api, cached.metadata().namespace(), cached.metadata().name());
            return fresh.metadata().uid().equals(cached.metadata().uid()) && !fresh.metadata().isBeingDeleted();
        } catch (ApiException e) {
            return false;
        }
    }

    private void manageReplicas(String key, List<Pod> pods, ReplicaSet rs) {
        int diff = pods.size() - ReplicaSetStatuses.replicas(rs);
        if (diff < 0) {
            int n = Math.min(-diff, BURST_REPLICAS);
            expectations.expectCreations(key, n);
            ApiException[] firstError = new ApiException[1];
            ControllerUtils.BatchResult result = ControllerUtils.slowStartBatch(n,
                    ControllerUtils.SLOW_START_INITIAL_BATCH_SIZE, i -> {
                        try {
                            podControl.createPod(rs.spec().template(), rs);
                            return true;
                        } catch (ApiException e) {
                            if (firstError[0] == null) {
                                firstError[0] = e;
                            }
                            return false;
                        }
                    });
            // Creations that failed or were never attempted will never be observed.
            for (int i = result.successes(); i < n; i++) {
                expectations.creationObserved(key);
            }
            if (firstError[0] != null) {
                throw firstError[0];
            }
        } else if (diff > 0) {
            int n = Math.min(diff, BURST_REPLICAS);
            List<Pod> victims = ActivePodsWithRanks.podsToDelete(pods, relatedPods(rs), n, kernel.instant());
            Set<String> victimKeys = new LinkedHashSet<>();
            victims.forEach(p -> victimKeys.add(Indexer.keyOf(p)));
            expectations.expectDeletions(key, victimKeys);
            ApiException firstError = null;
            for (Pod victim : victims) {
                try {
                    podControl.deletePod(victim.metadata().namespace(), victim.metadata().name(), rs);
                } catch (ApiException e) {
                    expectations.deletionObserved(key, Indexer.keyOf(victim));
                    if (e.code() != 404 && firstError == null) {
                        firstError = e;
                    }
                }
            }
            if (firstError != null) {
                throw firstError;
            }
        }
    }

    /**
     * Active pods of every ReplicaSet with the same controller as {@code rs} (upstream
     * getIndirectlyRelatedPods): for a Deployment's ReplicaSet, the pods of all its ReplicaSets.
     */
    private List<Pod> relatedPods(ReplicaSet rs) {
        List<ReplicaSet> siblings = new ArrayList<>();
        OwnerReference owner = rs.metadata().controllerRef();
        if (owner == null) {
            siblings.add(rs);
        } else {
            for (ReplicaSet other : owners.inNamespace(rs.metadata().namespace())) {
                if (ControllerUtils.isControlledBy(other, owner.uid())) {
                    siblings.add(other);
                }
            }
        }
        List<Pod> related = new ArrayList<>();
        for (ReplicaSet s : siblings) {
            for (Pod p : podInformer.indexer().byIndex(CONTROLLER_UID, s.metadata().uid())) {
                if (ControllerUtils.isPodActive(p)) {
                    related.add(p);
                }
            }
        }
        return related;
    }

    /** Writes the status when it changed; on a conflict reads the ReplicaSet again and retries once. */
    private ReplicaSet updateStatus(ReplicaSet rs, ReplicaSetStatus status) {
        if (!ReplicaSetStatuses.differs(rs, status)) {
            return rs;
        }
        try {
            return owners.updateStatus(api, rs.withStatus(status));
        } catch (ApiException e) {
            if (e.code() != 409) {
                throw e;
            }
            ReplicaSet fresh = owners.fetch(api, rs.metadata().namespace(), rs.metadata().name());
            ReplicaSetStatus again = new ReplicaSetStatus(status.replicas(), status.fullyLabeledReplicas(),
                    status.readyReplicas(), status.availableReplicas(), fresh.metadata().generation(),
                    status.conditions());
            return owners.updateStatus(api, fresh.withStatus(again));
        }
    }

    private static int minReadySeconds(ReplicaSet rs) {
        return rs.spec().minReadySeconds() == null ? 0 : rs.spec().minReadySeconds();
    }

    /** The managed objects' informer seen through the adapter: every object handed out is a ReplicaSet. */
    private static final class Owners<T extends KubeObject> {

        final ReplicaSetAdapter<T> adapter;
        private final Informer<T> informer;

        Owners(Informer<T> informer, ReplicaSetAdapter<T> adapter) {
            this.informer = informer;
            this.adapter = adapter;
        }

        ReplicaSet get(String key) {
            return view(informer.indexer().get(key));
        }

        ReplicaSet get(String namespace, String name) {
            return view(informer.indexer().get(namespace, name));
        }

        List<ReplicaSet> inNamespace(String namespace) {
            List<ReplicaSet> out = new ArrayList<>();
            for (T obj : informer.indexer().byIndex(Indexer.NAMESPACE, namespace)) {
                out.add(adapter.toReplicaSet(obj));
            }
            return out;
        }

        /** A live read through the API server, not the cache. */
        ReplicaSet fetch(ApiServer api, String namespace, String name) {
            return adapter.toReplicaSet(api.get(adapter.type(), namespace, name));
        }

        ReplicaSet updateStatus(ApiServer api, ReplicaSet rs) {
            return adapter.toReplicaSet(api.updateStatus(adapter.type(), adapter.fromReplicaSet(rs)));
        }

        void addEventHandler(ResourceEventHandler<ReplicaSet> handler) {
            informer.addEventHandler(new ResourceEventHandler<>() {
                @Override
                public void onAdd(T obj, boolean initial) {
                    handler.onAdd(adapter.toReplicaSet(obj), initial);
                }

                @Override
                public void onUpdate(T oldObj, T obj) {
                    handler.onUpdate(adapter.toReplicaSet(oldObj), adapter.toReplicaSet(obj));
                }

                @Override
                public void onDelete(T obj) {
                    handler.onDelete(adapter.toReplicaSet(obj));
                }
            });
        }

        private ReplicaSet view(T obj) {
            return obj == null ? null : adapter.toReplicaSet(obj);
        }
    }
}
