package io.ksim.controller.deployment;

import io.ksim.api.apps.Apps;
import io.ksim.api.apps.Deployment;
import io.ksim.api.apps.Deployment.DeploymentCondition;
import io.ksim.api.apps.Deployment.DeploymentStatus;
import io.ksim.api.apps.ReplicaSet;
import io.ksim.api.core.Pod;
import io.ksim.api.meta.LabelSelector;
import io.ksim.api.meta.OwnerReference;
import io.ksim.apiserver.ApiException;
import io.ksim.apiserver.DeleteOptions;
import io.ksim.apiserver.registry.BuiltinResources;
import io.ksim.client.EventRecorder;
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
import java.util.Map;
import java.util.Objects;
import java.util.TreeMap;

/**
 * The Deployment controller (upstream pkg/controller/deployment): rolls a Deployment's pod template out
 * through ReplicaSets named {@code <deployment>-<pod-template-hash>}. Per sync (upstream syncDeployment):
 * claim the ReplicaSets; a Deployment being deleted only gets its status; a paused one or one whose size
 * changed is scaled proportionally ({@link Rollout#scale}); otherwise the strategy runs: RollingUpdate
 * (scale the new ReplicaSet up within maxSurge, then old ones down within maxUnavailable) or Recreate
 * (all old to zero, wait for their pods to go, then the new one up). The status and the Progressing and
 * Available conditions follow every step; old ReplicaSets beyond revisionHistoryLimit are deleted once
 * the rollout is complete.
 */
public final class DeploymentController extends Controller {

    public static final String NAME = "deployment-controller";
    public static final String SCALING_REPLICA_SET = "ScalingReplicaSet";

    final Informer<Deployment> deployments;
    final Informer<ReplicaSet> replicaSets;
    final Informer<Pod> pods;
    final EventRecorder recorder;

    public DeploymentController(ControllerContext context) {
        super(context, NAME);
        deployments = informer(BuiltinResources.DEPLOYMENTS);
        replicaSets = informer(BuiltinResources.REPLICA_SETS);
        pods = informer(BuiltinResources.PODS);
        recorder = newRecorder();
        deployments.addEventHandler(new ResourceEventHandler<>() {
            @Override
            public void onAdd(Deployment d, boolean initial) {
                enqueue(d);
            }

            @Override
            public void onUpdate(Deployment old, Deployment d) {
                enqueue(d);
            }

            @Override
            public void onDelete(Deployment d) {
                enqueue(d);
            }
        });
        replicaSets.addEventHandler(new ResourceEventHandler<>() {
            @Override
            public void onAdd(ReplicaSet rs, boolean initial) {
                OwnerReference ref = rs.metadata().controllerRef();
                if (ref != null) {
                    enqueueOwner(rs.metadata().namespace(), ref);
                } else {
                    deploymentsFor(rs).forEach(DeploymentController.this::enqueue);
                }
            }

            @Override
            public void onUpdate(ReplicaSet old, ReplicaSet rs) {
                if (Objects.equals(old.metadata().resourceVersion(), rs.metadata().resourceVersion())) {
                    return;
                }
                OwnerReference cur = rs.metadata().controllerRef();
                OwnerReference prev = old.metadata().controllerRef();
                if (!Objects.equals(cur, prev) && prev != null) {
                    enqueueOwner(old.metadata().namespace(), prev);
                }
                if (cur != null) {
                    enqueueOwner(rs.metadata().namespace(), cur);
                } else if (!old.metadata().labels().equals(rs.metadata().labels()) || !Objects.equals(cur, prev)) {
                    deploymentsFor(rs).forEach(DeploymentController.this::enqueue);
                }
            }

            @Override
            public void onDelete(ReplicaSet rs) {
                OwnerReference ref = rs.metadata().controllerRef();
                if (ref != null) {
                    enqueueOwner(rs.metadata().namespace(), ref);
                }
            }
        });
        pods.addEventHandler(new ResourceEventHandler<>() {
            @Override
            public void onDelete(Pod pod) {
                // A Recreate rollout waits for the old pods to be gone.
                OwnerReference ref = pod.metadata().controllerRef();
                if (ref == null || !ReplicaSet.KIND.equals(ref.kind())) {
                    return;
                }
                ReplicaSet rs = replicaSets.indexer().get(pod.metadata().namespace(), ref.name());
                if (rs != null && rs.metadata().controllerRef() != null) {
                    Deployment d = resolve(rs.metadata().namespace(), rs.metadata().controllerRef());
                    if (d != null && Apps.RECREATE.equals(d.spec().strategy().type())) {
                        enqueue(d);
                    }
                }
            }
        });
    }

    /** Upstream deployment controller's maxRetries. */
    @Override
    protected int maxRetries() {
        return 15;
    }

    private void enqueueOwner(String namespace, OwnerReference ref) {
        Deployment d = resolve(namespace, ref);
        if (d != null) {
            enqueue(d);
        }
    }

    private Deployment resolve(String namespace, OwnerReference ref) {
        if (!Deployment.KIND.equals(ref.kind())) {
            return null;
        }
        Deployment d = deployments.indexer().get(namespace, ref.name());
        return d != null && ref.uid().equals(d.metadata().uid()) ? d : null;
    }

    /** Deployments whose selector matches an orphan ReplicaSet. */
    private List<Deployment> deploymentsFor(ReplicaSet rs) {
        List<Deployment> out = new ArrayList<>();
        for (Deployment d : deployments.indexer().byIndex(Indexer.NAMESPACE, rs.metadata().namespace())) {
            io.ksim.api.selector.LabelSelector s = ControllerUtils.selector(d.spec().selector());
            if (!s.isEmpty() && s.matches(rs.metadata().labels())) {
                out.add(d);
            }
        }
        return out;
    }

    // ---- sync ------------------------------------------------------------------------------------

    @Override
    protected ReconcileResult reconcile(String key) {
        Deployment cached = deployments.indexer().get(key);
        if (cached == null) {
            return ReconcileResult.done();
        }
        DeploymentSync sync = new DeploymentSync(this, cached);
        LabelSelector selector = cached.spec().selector();
        if (selector != null && selector.matchLabels().isEmpty() && selector.matchExpressions().isEmpty()) {
            recorder.warning(cached, "SelectingAll", "This deployment is selecting all pods. A non-empty selector is required.");
            if (DeploymentConditions.orZero(cached.status().observedGeneration())
                    < DeploymentConditions.orZero(cached.metadata().generation())) {
                sync.writeStatus(new DeploymentStatus(cached.metadata().generation(), cached.status().replicas(),
                        cached.status().updatedReplicas(), cached.status().readyReplicas(),
                        cached.status().availableReplicas(), cached.status().unavailableReplicas(),
                        cached.status().conditions(), cached.status().collisionCount()));
            }
            return ReconcileResult.done();
        }
        return sync.run(claimReplicaSets(cached));
    }

    /** The Deployment's ReplicaSets after adoption and release (upstream getReplicaSetsForDeployment). */
    private List<ReplicaSet> claimReplicaSets(Deployment d) {
        List<ReplicaSet> candidates = replicaSets.indexer().byIndex(Indexer.NAMESPACE, d.metadata().namespace());
        return new ControllerRefManager<>(api, BuiltinResources.REPLICA_SETS, d,
                ControllerUtils.selector(d.spec().selector()), () -> {
                    try {
                        Deployment fresh = api.get(BuiltinResources.DEPLOYMENTS, d.metadata().namespace(),
                                d.metadata().name());
                        return fresh.metadata().uid().equals(d.metadata().uid()) && !fresh.metadata().isBeingDeleted();
                    } catch (ApiException e) {
                        return false;
                    }
                }).claim(candidates);
    }

    /** Pods of the Deployment's ReplicaSets, for Recreate's "old pods still running" check. */
    List<Pod> podsOf(List<ReplicaSet> rss, Deployment d) {
        io.ksim.api.selector.LabelSelector s = ControllerUtils.selector(d.spec().selector());
        List<Pod> out = new ArrayList<>();
        for (Pod p : pods.indexer().byIndex(Indexer.NAMESPACE, d.metadata().namespace())) {
            OwnerReference ref = p.metadata().controllerRef();
            if (ref != null && s.matches(p.metadata().labels())
                    && rss.stream().anyMatch(rs -> rs.metadata().uid().equals(ref.uid()))) {
                out.add(p);
            }
        }
        return out;
    }

    /** Writes a new size and the replicas annotations; records ScalingReplicaSet when the size changed. */
    ReplicaSet scaleReplicaSet(ReplicaSet rs, int newSize, Deployment d) {
        int oldSize = DeploymentUtil.replicas(rs);
        Map<String, String> annotations = new TreeMap<>(rs.metadata().annotations());
        boolean annotationsChanged = DeploymentUtil.setReplicasAnnotations(annotations, DeploymentUtil.replicas(d),
                DeploymentUtil.replicas(d) + DeploymentUtil.maxSurge(d));
        if (oldSize == newSize && !annotationsChanged) {
            return rs;
        }
        ReplicaSet changed = rs.withMetadata(rs.metadata().withAnnotations(annotations))
                .withSpec(rs.spec().withReplicas(newSize));
        ReplicaSet written = api.update(BuiltinResources.REPLICA_SETS, changed);
        if (oldSize != newSize) {
            recorder.normal(d, SCALING_REPLICA_SET, String.format("Scaled %s replica set %s from %d to %d",
                    newSize > oldSize ? "up" : "down", rs.metadata().name(), oldSize, newSize));
        }
        return written;
    }

    void deleteReplicaSet(ReplicaSet rs) {
        try {
            api.delete(BuiltinResources.REPLICA_SETS, rs.metadata().namespace(), rs.metadata().name(),
                    DeleteOptions.defaults());
        } catch (ApiException e) {
            if (e.code() != 404) {
                throw e;
            }
        }
    }

    /** A condition for the Progressing type, stamped now. */
    DeploymentCondition progressing(String status, String reason, String message) {
        return DeploymentConditions.newCondition(DeploymentCondition.PROGRESSING, status, reason, message,
                kernel.instant());
    }

    io.ksim.kernel.Kernel kernel() {
        return kernel;
    }

    io.ksim.apiserver.ApiServer api() {
        return api;
    }

    void requeueRateLimited(Deployment d) {
        enqueueRateLimited(d);
    }

    /**
     * When to look at a Deployment whose status did not change again, so a stalled rollout is marked
     * ProgressDeadlineExceeded on time (upstream requeueStuckDeployment): a second after the deadline;
     * ZERO when it is less than a second away (requeue rate-limited); null when nothing can time out.
     */
    Duration requeueDelay(Deployment d, DeploymentStatus newStatus) {
        DeploymentCondition c = DeploymentConditions.get(d.status(), DeploymentCondition.PROGRESSING);
        if (!DeploymentConditions.hasProgressDeadline(d) || c == null
                || DeploymentConditions.deploymentComplete(d, newStatus)
                || DeploymentCondition.REASON_TIMED_OUT.equals(c.reason())) {
            return null;
        }
        Duration after = Duration.between(kernel.instant(),
                c.lastUpdateTime().plusSeconds(d.spec().progressDeadlineSeconds()));
        return after.compareTo(Duration.ofSeconds(1)) < 0 ? Duration.ZERO : after.plusSeconds(1);
    }
}
