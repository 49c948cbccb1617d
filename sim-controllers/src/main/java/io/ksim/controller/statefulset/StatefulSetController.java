package io.ksim.controller.statefulset;

import io.ksim.api.apps.ControllerRevision;
import io.ksim.api.apps.StatefulSet;
import io.ksim.api.apps.StatefulSet.StatefulSetStatus;
import io.ksim.api.core.Pod;
import io.ksim.api.core.PodConditions;
import io.ksim.api.meta.OwnerReference;
import io.ksim.apiserver.ApiException;
import io.ksim.apiserver.registry.BuiltinResources;
import io.ksim.client.Indexer;
import io.ksim.client.Informer;
import io.ksim.client.ResourceEventHandler;
import io.ksim.controller.Controller;
import io.ksim.controller.ControllerContext;
import io.ksim.controller.ControllerRefManager;
import io.ksim.controller.ControllerUtils;
import io.ksim.controller.ReconcileResult;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;

/**
 * The StatefulSet controller (upstream pkg/controller/statefulset): stable pod names {@code <set>-<i>}, claims
 * from {@code volumeClaimTemplates}, ordered or parallel creation and deletion, and revisions kept as
 * ControllerRevisions {@code <set>-<hash>}. A sync claims the pods (selector and name must both fit),
 * resolves the current and update revisions, runs {@link StatefulSetSync}, keeps the claims' owner
 * references in line with {@code persistentVolumeClaimRetentionPolicy}, writes the status and trims the
 * revision history.
 */
public final class StatefulSetController extends Controller {

    /** The controller's name, also the source of its events. */
    public static final String NAME = "statefulset-controller";

    private final Informer<StatefulSet> setInformer;
    private final Informer<Pod> podInformer;
    private final Informer<ControllerRevision> revisionInformer;
    private final StatefulPodControl podControl;
    private final StatefulSetRevisions revisions;
    private final ClaimRetention retention;

    public StatefulSetController(ControllerContext context) {
        super(context, NAME);
        this.setInformer = informer(BuiltinResources.STATEFUL_SETS);
        this.podInformer = informer(BuiltinResources.PODS);
        this.revisionInformer = informer(BuiltinResources.CONTROLLER_REVISIONS);
        this.podControl = new StatefulPodControl(api, newRecorder());
        this.revisions = new StatefulSetRevisions(api);
        this.retention = new ClaimRetention(api);
        setInformer.addEventHandler(new ResourceEventHandler<>() {
            @Override
            public void onAdd(StatefulSet set, boolean initial) {
                enqueue(set);
            }

            @Override
            public void onUpdate(StatefulSet oldSet, StatefulSet set) {
                enqueue(set);
            }

            @Override
            public void onDelete(StatefulSet set) {
                enqueue(set);
            }
        });
        podInformer.addEventHandler(new ResourceEventHandler<>() {
            @Override
            public void onAdd(Pod pod, boolean initial) {
                podChanged(null, pod);
            }

            @Override
            public void onUpdate(Pod oldPod, Pod pod) {
                if (!Objects.equals(oldPod.metadata().resourceVersion(), pod.metadata().resourceVersion())) {
                    podChanged(oldPod, pod);
                }
            }

            @Override
            public void onDelete(Pod pod) {
                podChanged(null, pod);
            }
        });
    }

    /** Queues the pod's set, or for an orphan every set whose selector matches it. */
    private void podChanged(Pod oldPod, Pod pod) {
        if (oldPod != null) {
            OwnerReference oldRef = oldPod.metadata().controllerRef();
            if (oldRef != null && !oldRef.equals(pod.metadata().controllerRef())) {
                StatefulSet old = resolve(oldPod.metadata().namespace(), oldRef);
                if (old != null) {
                    enqueue(old);
                }
            }
        }
        OwnerReference ref = pod.metadata().controllerRef();
        if (ref != null) {
            StatefulSet set = resolve(pod.metadata().namespace(), ref);
            if (set != null) {
                enqueue(set);
                int minReady = StatefulSetUtils.minReadySeconds(set);
                if (oldPod != null && minReady > 0 && !PodConditions.isPodReady(oldPod)
                        && PodConditions.isPodReady(pod)) {
                    enqueueAfter(set, Duration.ofSeconds(minReady).plusMillis(1));
                }
            }
            return;
        }
        for (StatefulSet set : setInformer.indexer().byIndex(Indexer.NAMESPACE, pod.metadata().namespace())) {
            io.ksim.api.selector.LabelSelector s = ControllerUtils.selector(set.spec().selector());
            if (!s.isEmpty() && s.matches(pod.metadata().labels())) {
                enqueue(set);
            }
        }
    }

    private StatefulSet resolve(String namespace, OwnerReference ref) {
        if (!StatefulSet.KIND.equals(ref.kind())) {
            return null;
        }
        StatefulSet set = setInformer.indexer().get(namespace, ref.name());
        return set != null && set.metadata().uid().equals(ref.uid()) ? set : null;
    }

    @Override
    protected ReconcileResult reconcile(String key) {
        StatefulSet set = setInformer.indexer().get(key);
        if (set == null) {
            return ReconcileResult.done();
        }
        io.ksim.api.selector.LabelSelector selector = ControllerUtils.selector(set.spec().selector());
        List<Pod> candidates = podInformer.indexer().byIndex(Indexer.NAMESPACE, set.metadata().namespace())
                .stream().filter(p -> StatefulSetUtils.isMemberOf(set, p) || isControlledBy(p, set)).toList();
        List<Pod> pods = new ControllerRefManager<>(api, BuiltinResources.PODS, set, selector,
                () -> canAdopt(set)).claim(candidates);
        List<ControllerRevision> owned = new ArrayList<>();
        for (ControllerRevision r : revisionInformer.indexer().byIndex(Indexer.NAMESPACE,
                set.metadata().namespace())) {
            if (ControllerUtils.isControlledBy(r, set.metadata().uid())) {
                owned.add(r);
            }
        }
        StatefulSetRevisions.Revisions rev = revisions.resolve(set, owned);
        StatefulSetStatus synced = new StatefulSetSync(podControl, kernel.instant(), set, rev.current(),
                rev.update()).run(pods);
        if (!set.metadata().isBeingDeleted()) {
            retention.reconcile(set, pods);
        }
        StatefulSetStatus status = complete(set, new StatefulSetStatus(set.metadata().generation(),
                synced.replicas(), synced.readyReplicas(), synced.currentReplicas(), synced.updatedReplicas(),
                synced.currentRevision(), synced.updateRevision(), rev.collisionCount(), synced.conditions(),
                synced.availableReplicas()));
        StatefulSet written = writeStatus(set, status);
        revisions.truncate(set, pods, owned, rev.current(), rev.update());
        int minReady = StatefulSetUtils.minReadySeconds(written);
        if (minReady > 0 && status.availableReplicas() != status.readyReplicas()) {
            return ReconcileResult.requeueAfter(Duration.ofSeconds(minReady).plusMillis(1));
        }
        return ReconcileResult.done();
    }

    private static boolean isControlledBy(Pod pod, StatefulSet set) {
        return ControllerUtils.isControlledBy(pod, set.metadata().uid());
    }

    /**
     * Upstream completeRollingUpdate: once every replica runs the update revision and is ready, the update
     * revision becomes the current one.
     */
    static StatefulSetStatus complete(StatefulSet set, StatefulSetStatus s) {
        int replicas = StatefulSetUtils.replicas(set);
        if (!StatefulSetUtils.isOnDelete(set) && s.updatedReplicas() == s.replicas()
                && s.readyReplicas() == s.replicas() && s.replicas() == replicas) {
            return new StatefulSetStatus(s.observedGeneration(), s.replicas(), s.readyReplicas(),
                    s.updatedReplicas(), s.updatedReplicas(), s.updateRevision(), s.updateRevision(),
                    s.collisionCount(), s.conditions(), s.availableReplicas());
        }
        return s;
    }

    private boolean canAdopt(StatefulSet cached) {
        try {
            StatefulSet fresh = api.get(BuiltinResources.STATEFUL_SETS, cached.metadata().namespace(),
                    cached.metadata().name());
            return fresh.metadata().uid().equals(cached.metadata().uid()) && !fresh.metadata().isBeingDeleted();
        } catch (ApiException e) {
            return false;
        }
    }

    private StatefulSet writeStatus(StatefulSet set, StatefulSetStatus status) {
        if (status.equals(set.status())) {
            return set;
        }
        try {
            return api.updateStatus(BuiltinResources.STATEFUL_SETS, set.withStatus(status));
        } catch (ApiException e) {
            if (e.code() != 409) {
                throw e;
            }
            StatefulSet fresh = api.get(BuiltinResources.STATEFUL_SETS, set.metadata().namespace(),
                    set.metadata().name());
            return api.updateStatus(BuiltinResources.STATEFUL_SETS, fresh.withStatus(status));
        }
    }
}
