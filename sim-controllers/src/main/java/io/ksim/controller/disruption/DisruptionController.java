package io.ksim.controller.disruption;

import io.ksim.api.apps.Deployment;
import io.ksim.api.apps.ReplicaSet;
import io.ksim.api.apps.StatefulSet;
import io.ksim.api.core.Pod;
import io.ksim.api.core.PodConditions;
import io.ksim.api.meta.Condition;
import io.ksim.api.policy.PodDisruptionBudget;
import io.ksim.api.policy.PodDisruptionBudget.PodDisruptionBudgetStatus;
import io.ksim.api.resource.IntOrString;
import io.ksim.api.selector.LabelSelector;
import io.ksim.api.selector.SelectorException;
import io.ksim.apiserver.ApiException;
import io.ksim.apiserver.registry.BuiltinResources;
import io.ksim.client.EventRecorder;
import io.ksim.client.Indexer;
import io.ksim.client.Informer;
import io.ksim.client.ResourceEventHandler;
import io.ksim.controller.Controller;
import io.ksim.controller.ControllerContext;
import io.ksim.controller.ReconcileResult;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.SortedMap;
import java.util.TreeMap;

/**
 * The disruption controller (upstream pkg/controller/disruption/disruption.go): keeps each
 * PodDisruptionBudget's status. {@code expectedPods} and {@code desiredHealthy} come from minAvailable or
 * maxUnavailable, a percentage being taken of the controllers' scale and rounded up
 * (GetScaledValueFromIntOrPercent(..., true)); {@code currentHealthy} counts selected pods that are Ready, not
 * terminating and not in {@code disruptedPods}; {@code disruptionsAllowed} is their difference, never below
 * 0. Entries of {@code disruptedPods} the eviction API wrote are dropped when the pod is seen terminating or
 * after 2 minutes (DeletionTimeout).
 */
public final class DisruptionController extends Controller {

    /** The controller's upstream name. */
    public static final String NAME = "disruption-controller";
    /** How long an admitted eviction is awaited before the pod counts again (upstream DeletionTimeout). */
    public static final Duration DELETION_TIMEOUT = Duration.ofMinutes(2);

    private final Informer<PodDisruptionBudget> pdbs;
    private final Informer<Pod> pods;
    private final Informer<ReplicaSet> replicaSets;
    private final Informer<Deployment> deployments;
    private final Informer<StatefulSet> statefulSets;
    private final EventRecorder recorder;

    public DisruptionController(ControllerContext context) {
        super(context, NAME);
        recorder = newRecorder();
        pdbs = informer(BuiltinResources.POD_DISRUPTION_BUDGETS);
        pods = informer(BuiltinResources.PODS);
        replicaSets = informer(BuiltinResources.REPLICA_SETS);
        deployments = informer(BuiltinResources.DEPLOYMENTS);
        statefulSets = informer(BuiltinResources.STATEFUL_SETS);
        pdbs.addEventHandler(new ResourceEventHandler<>() {
            @Override
            public void onAdd(PodDisruptionBudget pdb, boolean initial) {
                enqueue(pdb);
            }

            @Override
            public void onUpdate(PodDisruptionBudget oldPdb, PodDisruptionBudget pdb) {
                enqueue(pdb);
            }
        });
        pods.addEventHandler(new ResourceEventHandler<>() {
            @Override
            public void onAdd(Pod pod, boolean initial) {
                enqueueBudgetsOf(pod);
            }

            @Override
            public void onUpdate(Pod oldPod, Pod pod) {
                enqueueBudgetsOf(pod);
            }

            @Override
            public void onDelete(Pod pod) {
                enqueueBudgetsOf(pod);
            }
        });
        // A scale change moves percentages: look at every budget of the namespace.
        ResourceEventHandler<io.ksim.api.meta.KubeObject> scaleChanged = new ResourceEventHandler<>() {
            @Override
            public void onUpdate(io.ksim.api.meta.KubeObject oldObj, io.ksim.api.meta.KubeObject obj) {
                enqueueNamespace(obj.metadata().namespace());
            }
        };
        replicaSets.addEventHandler(cast(scaleChanged));
        deployments.addEventHandler(cast(scaleChanged));
        statefulSets.addEventHandler(cast(scaleChanged));
    }

    @SuppressWarnings({"unchecked", "rawtypes"})
    private static <T extends io.ksim.api.meta.KubeObject> ResourceEventHandler<T> cast(ResourceEventHandler h) {
        return h;
    }

    private void enqueueNamespace(String ns) {
        pdbs.indexer().byIndex(Indexer.NAMESPACE, ns).forEach(this::enqueue);
    }

    private void enqueueBudgetsOf(Pod pod) {
        for (PodDisruptionBudget pdb : pdbs.indexer().byIndex(Indexer.NAMESPACE, pod.metadata().namespace())) {
            if (selects(pdb, pod)) {
                enqueue(pdb);
            }
        }
    }

    /** policy/v1: a null selector selects nothing, an empty one every pod of the namespace. */
    static boolean selects(PodDisruptionBudget pdb, Pod pod) {
        io.ksim.api.meta.LabelSelector sel = pdb.spec().selector();
        if (sel == null) {
            return false;
        }
        try {
            return LabelSelector.fromLabelSelector(sel.matchLabels(), sel.matchExpressions())
                    .matches(pod.metadata().labels());
        } catch (SelectorException e) {
            return false;
        }
    }

    @Override
    protected ReconcileResult reconcile(String key) {
        PodDisruptionBudget pdb = pdbs.indexer().get(key);
        if (pdb == null) {
            return ReconcileResult.done();
        }
        Instant now = kernel.instant();
        List<Pod> selected = pods.indexer().byIndex(Indexer.NAMESPACE, pdb.metadata().namespace()).stream()
                .filter(p -> selects(pdb, p)).toList();
        if (selected.isEmpty()) {
            recorder.normal(pdb, "NoPods", "No matching pods found");
        }
        String[] failure = new String[1];
        int[] counts = expectedAndDesired(pdb, selected, failure);
        if (counts == null) {
            // Upstream's failSafe: nothing may be disrupted while the budget cannot be computed; the observed
            // generation stays where it was.
            writeStatus(pdb, new PodDisruptionBudgetStatus(pdb.status().observedGeneration(),
                    pdb.status().disruptedPods(), 0, pdb.status().currentHealthy(), pdb.status().desiredHealthy(),
                    pdb.status().expectedPods(), pdb.status().conditions()), now, failure[0]);
            return ReconcileResult.done();
        }
        int expected = counts[0];
        int desired = counts[1];
        SortedMap<String, Instant> disrupted = new TreeMap<>();
        Instant recheck = null;
        for (var e : pdb.status().disruptedPods().entrySet()) {
            Pod pod = selected.stream().filter(p -> p.metadata().name().equals(e.getKey())).findFirst().orElse(null);
            if (pod == null || pod.metadata().isBeingDeleted()) {
                continue;
            }
            Instant expiry = e.getValue().plus(DELETION_TIMEOUT);
            if (!expiry.isAfter(now)) {
                continue;
            }
            disrupted.put(e.getKey(), e.getValue());
            recheck = recheck == null || expiry.isBefore(recheck) ? expiry : recheck;
        }
        int healthy = (int) selected.stream().filter(p -> !p.metadata().isBeingDeleted()
                && !disrupted.containsKey(p.metadata().name()) && PodConditions.isPodReady(p)).count();
        int allowed = healthy - desired;
        if (expected <= 0 || allowed <= 0) {
            allowed = 0;
        }
        writeStatus(pdb, new PodDisruptionBudgetStatus(pdb.metadata().generation(), disrupted, allowed, healthy, desired,
                expected, pdb.status().conditions()), now, null);
        return recheck == null ? ReconcileResult.done() : ReconcileResult.requeueAfter(Duration.between(now, recheck));
    }

    /** [expectedPods, desiredHealthy] (upstream getExpectedPodCount), or null when a controller is missing. */
    private int[] expectedAndDesired(PodDisruptionBudget pdb, List<Pod> selected, String[] failure) {
        IntOrString maxUnavailable = pdb.spec().maxUnavailable();
        IntOrString minAvailable = pdb.spec().minAvailable();
        if (maxUnavailable != null || (minAvailable != null && !minAvailable.isInt())) {
            ExpectedScale scale = ExpectedScale.of(selected, replicaSets.indexer(), deployments.indexer(),
                    statefulSets.indexer());
            if (scale.missingController() != null) {
                failure[0] = "found no controllers for pod \"" + scale.missingController() + "\"";
                recorder.warning(pdb, "CalculateExpectedPodCountFailed",
                        "Failed to calculate the number of expected pods: " + failure[0]);
                return null;
            }
            if (!scale.unmanaged().isEmpty()) {
                recorder.warning(pdb, "UnmanagedPods", "Pods selected by this PodDisruptionBudget (selector: "
                        + pdb.spec().selector() + ") were found to be unmanaged. As a result, the status of the PDB "
                        + "cannot be calculated correctly, which may result in undefined behavior. To account for "
                        + "these pods please set \".spec.minAvailable\" field of the PDB to an integer value.");
            }
            int expected = scale.expected();
            if (maxUnavailable != null) {
                int max = (int) IntOrString.scaledValue(maxUnavailable, expected, true);
                return new int[] {expected, Math.max(0, expected - max)};
            }
            return new int[] {expected, (int) IntOrString.scaledValue(minAvailable, expected, true)};
        }
        int desired = minAvailable == null ? 0 : minAvailable.intVal();
        return new int[] {selected.size(), desired};
    }

    /** Writes the status with its DisruptionAllowed condition; {@code failure} is the SyncFailed message, or null. */
    private void writeStatus(PodDisruptionBudget pdb, PodDisruptionBudgetStatus status, Instant now, String failure) {
        boolean failed = failure != null;
        Condition old = pdb.status().conditions().stream()
                .filter(c -> PodDisruptionBudget.DISRUPTION_ALLOWED_CONDITION.equals(c.type())).findFirst().orElse(null);
        boolean allowed = status.disruptionsAllowed() > 0;
        String value = allowed ? "True" : "False";
        String reason = failed ? PodDisruptionBudget.SYNC_FAILED_REASON
                : allowed ? PodDisruptionBudget.SUFFICIENT_PODS_REASON : PodDisruptionBudget.INSUFFICIENT_PODS_REASON;
        Instant transition = old != null && value.equals(old.status()) ? old.lastTransitionTime() : now;
        Condition updated = new Condition(PodDisruptionBudget.DISRUPTION_ALLOWED_CONDITION, value,
                status.observedGeneration(), transition, reason, failed ? failure : "");
        // Replaced in place, as meta.SetStatusCondition does, so other conditions keep their order.
        List<Condition> conditions = new ArrayList<>(pdb.status().conditions());
        if (old == null) {
            conditions.add(updated);
        } else {
            conditions.set(conditions.indexOf(old), updated);
        }
        PodDisruptionBudgetStatus next = new PodDisruptionBudgetStatus(status.observedGeneration(), status.disruptedPods(),
                status.disruptionsAllowed(), status.currentHealthy(), status.desiredHealthy(), status.expectedPods(),
                conditions);
        if (next.equals(pdb.status())) {
            return;
        }
        try {
            api.updateStatus(BuiltinResources.POD_DISRUPTION_BUDGETS, pdb.withStatus(next));
        } catch (ApiException e) {
            if (e.code() != 404) {
                throw e;
            }
        }
    }
}
