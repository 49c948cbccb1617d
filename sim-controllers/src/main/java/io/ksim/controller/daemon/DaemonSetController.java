package io.ksim.controller.daemon;

import io.ksim.api.apps.Apps;
import io.ksim.api.apps.ControllerRevision;
import io.ksim.api.apps.DaemonSet;
import io.ksim.api.apps.DaemonSet.DaemonSetStatus;
import io.ksim.api.core.Node;
import io.ksim.api.core.Pod;
import io.ksim.api.core.PodConditions;
import io.ksim.api.core.PodPhase;
import io.ksim.api.meta.OwnerReference;
import io.ksim.apiserver.ApiException;
import io.ksim.apiserver.registry.BuiltinResources;
import io.ksim.client.EventRecorder;
import io.ksim.client.Indexer;
import io.ksim.client.Informer;
import io.ksim.client.ResourceEventHandler;
import io.ksim.controller.Controller;
import io.ksim.controller.ControllerContext;
import io.ksim.controller.ControllerExpectations;
import io.ksim.controller.ControllerRefManager;
import io.ksim.controller.ControllerUtils;
import io.ksim.controller.PodControl;
import io.ksim.controller.ReconcileResult;
import io.ksim.controller.history.ControllerHistory;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Set;
import java.util.TreeMap;

/**
 * The DaemonSet controller (upstream pkg/controller/daemon): one pod per eligible node ({@link DaemonPlacement}),
 * following nodes as they join, change and leave. A sync maps the DaemonSet's pods to their nodes, creates
 * the missing ones ({@code <ds>-<5 chars>}, pinned by node affinity), deletes failed pods, duplicates and pods
 * on nodes that no longer fit, then, for a RollingUpdate, replaces outdated pods within
 * maxUnavailable/maxSurge ({@link DaemonSetRollingUpdate}), and writes the status.
 */
public final class DaemonSetController extends Controller {

    /** The controller's name, also the source of its events. */
    public static final String NAME = "daemonset-controller";
    /** Upstream's pod label with the revision hash. */
    public static final String REVISION_LABEL = "controller-revision-hash";
    /** Upstream extensions.DaemonSetTemplateGenerationKey, still set on daemon pods. */
    public static final String TEMPLATE_GENERATION_LABEL = "pod-template-generation";
    /** Upstream BurstReplicas of the DaemonSet controller. */
    static final int BURST_REPLICAS = 250;

    private final Informer<DaemonSet> dsInformer;
    private final Informer<Pod> podInformer;
    private final Informer<Node> nodeInformer;
    private final Informer<ControllerRevision> revisionInformer;
    private final ControllerExpectations expectations;
    private final PodControl podControl;
    private final EventRecorder recorder;
    private final DaemonSetRevisions revisions;

    public DaemonSetController(ControllerContext context) {
        super(context, NAME);
        dsInformer = informer(BuiltinResources.DAEMON_SETS);
        podInformer = informer(BuiltinResources.PODS);
        nodeInformer = informer(BuiltinResources.NODES);
        revisionInformer = informer(BuiltinResources.CONTROLLER_REVISIONS);
        expectations = new ControllerExpectations(kernel);
        recorder = newRecorder();
        podControl = new PodControl(api, recorder);
        revisions = new DaemonSetRevisions(api);
        dsInformer.addEventHandler(new ResourceEventHandler<>() {
            @Override
            public void onAdd(DaemonSet ds, boolean initial) {
                enqueue(ds);
            }

            @Override
            public void onUpdate(DaemonSet oldDs, DaemonSet ds) {
                enqueue(ds);
            }

            @Override
            public void onDelete(DaemonSet ds) {
                enqueue(ds);
            }
        });
        nodeInformer.addEventHandler(new ResourceEventHandler<>() {
            @Override
            public void onAdd(Node node, boolean initial) {
                dsInformer.indexer().list().forEach(DaemonSetController.this::enqueue);
            }

            @Override
            public void onUpdate(Node oldNode, Node node) {
                if (!oldNode.metadata().labels().equals(node.metadata().labels())
                        || !oldNode.spec().equals(node.spec())) {
                    dsInformer.indexer().list().forEach(DaemonSetController.this::enqueue);
                }
            }

            @Override
            public void onDelete(Node node) {
                dsInformer.indexer().list().forEach(DaemonSetController.this::enqueue);
            }
        });
        podInformer.addEventHandler(new ResourceEventHandler<>() {
            @Override
            public void onAdd(Pod pod, boolean initial) {
                DaemonSet ds = owner(pod);
                if (ds != null) {
                    expectations.creationObserved(Indexer.keyOf(ds));
                    enqueue(ds);
                }
            }

            @Override
            public void onUpdate(Pod oldPod, Pod pod) {
                if (Objects.equals(oldPod.metadata().resourceVersion(), pod.metadata().resourceVersion())) {
                    return;
                }
                DaemonSet ds = owner(pod);
                if (ds != null) {
                    enqueue(ds);
                    int minReady = minReadySeconds(ds);
                    if (minReady > 0 && !PodConditions.isPodReady(oldPod) && PodConditions.isPodReady(pod)) {
                        enqueueAfter(ds, Duration.ofSeconds(minReady).plusMillis(1));
                    }
                }
            }

            @Override
            public void onDelete(Pod pod) {
                DaemonSet ds = owner(pod);
                if (ds != null) {
                    expectations.deletionObserved(Indexer.keyOf(ds), Indexer.keyOf(pod));
                    enqueue(ds);
                }
            }
        });
    }

    private DaemonSet owner(Pod pod) {
        OwnerReference ref = pod.metadata().controllerRef();
        if (ref == null || !DaemonSet.KIND.equals(ref.kind())) {
            return null;
        }
        DaemonSet ds = dsInformer.indexer().get(pod.metadata().namespace(), ref.name());
        return ds != null && ds.metadata().uid().equals(ref.uid()) ? ds : null;
    }

    static int minReadySeconds(DaemonSet ds) {
        return ds.spec().minReadySeconds() == null ? 0 : ds.spec().minReadySeconds();
    }

    @Override
    protected ReconcileResult reconcile(String key) {
        DaemonSet ds = dsInformer.indexer().get(key);
        if (ds == null) {
            expectations.delete(key);
            return ReconcileResult.done();
        }
        if (ds.metadata().isBeingDeleted()) {
            return ReconcileResult.done();
        }
        List<Node> nodes = nodeInformer.indexer().list();
        List<Pod> pods = claimPods(ds);
        List<ControllerRevision> owned = revisionInformer.indexer()
                .byIndex(Indexer.NAMESPACE, ds.metadata().namespace()).stream()
                .filter(r -> ControllerUtils.isControlledBy(r, ds.metadata().uid())).toList();
        ControllerRevision current = revisions.current(ds, owned);
        String hash = current.metadata().labels().get(ControllerHistory.HASH_LABEL);
        Map<String, List<Pod>> nodeToPods = nodeToPods(pods);
        if (expectations.satisfied(key)) {
            manage(key, ds, nodes, nodeToPods, hash);
            if (expectations.satisfied(key) && Apps.ROLLING_UPDATE.equals(ds.spec().updateStrategy().type())) {
                DaemonSetRollingUpdate.Plan plan = new DaemonSetRollingUpdate(ds, hash, kernel.instant())
                        .plan(nodes, nodeToPods);
                syncNodes(key, ds, plan.podsToDelete(), plan.nodesToCreate(), hash);
            }
        }
        revisions.cleanup(ds, pods, owned, current);
        DaemonSetStatus status = DaemonSetStatuses.calculate(ds, nodes, nodeToPods, hash, kernel.instant());
        if (!status.equals(ds.status())) {
            api.updateStatus(BuiltinResources.DAEMON_SETS, ds.withStatus(status));
        }
        int minReady = minReadySeconds(ds);
        if (minReady > 0 && status.numberReady() != (status.numberAvailable() == null ? 0 : status.numberAvailable())) {
            return ReconcileResult.requeueAfter(Duration.ofSeconds(minReady).plusMillis(1));
        }
        return ReconcileResult.done();
    }

    private List<Pod> claimPods(DaemonSet ds) {
        List<Pod> candidates = podInformer.indexer().byIndex(Indexer.NAMESPACE, ds.metadata().namespace());
        return new ControllerRefManager<>(api, BuiltinResources.PODS, ds, ControllerUtils.selector(ds.spec().selector()),
                () -> canAdopt(ds)).claim(candidates);
    }

    private boolean canAdopt(DaemonSet cached) {
        try {
            DaemonSet fresh = api.get(BuiltinResources.DAEMON_SETS, cached.metadata().namespace(),
                    cached.metadata().name());
            return fresh.metadata().uid().equals(cached.metadata().uid()) && !fresh.metadata().isBeingDeleted();
        } catch (ApiException e) {
            return false;
        }
    }

    /** Pods by the node they are bound or pinned to, node names sorted. */
    static Map<String, List<Pod>> nodeToPods(List<Pod> pods) {
        Map<String, List<Pod>> out = new TreeMap<>();
        for (Pod p : pods) {
            String node = DaemonPlacement.targetNode(p.spec());
            if (node != null) {
                out.computeIfAbsent(node, n -> new ArrayList<>()).add(p);
            }
        }
        return out;
    }

    /** Upstream manage and podsShouldBeOnNode. */
    private void manage(String key, DaemonSet ds, List<Node> nodes, Map<String, List<Pod>> nodeToPods, String hash) {
        List<String> create = new ArrayList<>();
        List<Pod> delete = new ArrayList<>();
        boolean surge = DaemonSetRollingUpdate.surgeEnabled(ds, nodes);
        for (Node node : nodes) {
            String name = node.metadata().name();
            List<Pod> pods = nodeToPods.getOrDefault(name, List.of());
            boolean shouldRun = DaemonPlacement.shouldRun(ds.spec().template().spec(), node);
            boolean shouldContinue = DaemonPlacement.shouldContinueRunning(ds.spec().template().spec(), node);
            if (shouldRun && pods.isEmpty()) {
                create.add(name);
            } else if (shouldContinue) {
                List<Pod> running = new ArrayList<>();
                for (Pod p : pods) {
                    if (p.metadata().isBeingDeleted()) {
                        continue;
                    }
                    if (PodPhase.FAILED.equals(p.status().phase())) {
                        recorder.warning(ds, "FailedDaemonPod", "Found failed daemon pod " + p.metadata().namespace()
                                + "/" + p.metadata().name() + " on node " + name + ", will try to kill it");
                        delete.add(p);
                        continue;
                    }
                    running.add(p);
                }
                delete.addAll(DaemonSetRollingUpdate.surplus(running, surge, hash));
            } else {
                pods.stream().filter(p -> !p.metadata().isBeingDeleted()).forEach(delete::add);
            }
        }
        syncNodes(key, ds, delete, create, hash);
    }

    /** Upstream syncNodes: creates pinned pods in slow-start batches and deletes, both within the burst. */
    private void syncNodes(String key, DaemonSet ds, List<Pod> delete, List<String> create, String hash) {
        if (delete.isEmpty() && create.isEmpty()) {
            return;
        }
        List<String> creates = create.subList(0, Math.min(create.size(), BURST_REPLICAS));
        List<Pod> deletes = delete.subList(0, Math.min(delete.size(), BURST_REPLICAS));
        Set<String> deleteKeys = new LinkedHashSet<>();
        deletes.forEach(p -> deleteKeys.add(Indexer.keyOf(p)));
        expectations.expectCreationsAndDeletions(key, creates.size(), deleteKeys);
        ApiException[] firstError = new ApiException[1];
        ControllerUtils.BatchResult result = ControllerUtils.slowStartBatch(creates.size(),
                ControllerUtils.SLOW_START_INITIAL_BATCH_SIZE, i -> {
                    try {
                        podControl.createPod(DaemonPods.newPod(ds, creates.get(i), hash), ds);
                        return true;
                    } catch (ApiException e) {
                        firstError[0] = firstError[0] == null ? e : firstError[0];
                        return false;
                    }
                });
        for (int i = result.successes(); i < creates.size(); i++) {
            expectations.creationObserved(key);
        }
        for (Pod p : deletes) {
            try {
                podControl.deletePod(p.metadata().namespace(), p.metadata().name(), ds);
            } catch (ApiException e) {
                expectations.deletionObserved(key, Indexer.keyOf(p));
                if (e.code() != 404) {
                    firstError[0] = firstError[0] == null ? e : firstError[0];
                }
            }
        }
        if (firstError[0] != null) {
            throw firstError[0];
        }
    }
}
