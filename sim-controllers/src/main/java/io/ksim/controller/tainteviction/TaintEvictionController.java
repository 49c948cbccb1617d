package io.ksim.controller.tainteviction;

import io.ksim.api.core.ConditionStatus;
import io.ksim.api.core.Node;
import io.ksim.api.core.Pod;
import io.ksim.api.core.PodCondition;
import io.ksim.api.core.PodConditionType;
import io.ksim.api.core.PodConditions;
import io.ksim.api.core.Taint;
import io.ksim.api.core.TaintEffect;
import io.ksim.apiserver.ApiException;
import io.ksim.apiserver.DeleteOptions;
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
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

/**
 * The taint eviction controller (upstream pkg/controller/tainteviction/taint_eviction.go): a pod bound to a
 * node with NoExecute taints is deleted at once when it does not tolerate one of them, or after the smallest
 * {@code tolerationSeconds} of its matching tolerations, counted from when the controller first saw it there.
 * Before the delete the pod gets {@code DisruptionTarget=True} ({@code DeletionByTaintManager}) and an event
 * {@code TaintManagerEviction} "Marking for deletion Pod ns/name"; a scheduled deletion whose taint goes away is
 * cancelled with "Cancelling deletion of Pod ns/name". The delete is graceful: on a dead node the pod stays
 * Terminating until its kubelet comes back or the node is deleted.
 */
public final class TaintEvictionController extends Controller {

    /** The controller's upstream name. */
    public static final String NAME = "taint-eviction-controller";
    public static final String EVENT_REASON = "TaintManagerEviction";
    public static final String CONDITION_REASON = "DeletionByTaintManager";
    public static final String CONDITION_MESSAGE = "Taint manager: deleting due to NoExecute taint";
    private static final String POD_NODE_INDEX = "spec.nodeName";

    private final Informer<Node> nodes;
    private final Informer<Pod> pods;
    private final EventRecorder recorder;
    /** Pod key -> when its deletion was first scheduled (upstream TimedWorker.CreatedAt). */
    private final Map<String, Instant> scheduled = new TreeMap<>();
    /**
     * Pods whose eviction was carried out (upstream keeps a nil worker for them in its TimedWorkerQueue, so
     * that the same pod is not queued again until the work is cancelled or the pod is gone). Only looked up.
     */
    private final java.util.Set<String> evicted = new java.util.HashSet<>();

    public TaintEvictionController(ControllerContext context) {
        super(context, NAME);
        recorder = newRecorder();
        nodes = informer(BuiltinResources.NODES);
        pods = informer(BuiltinResources.PODS);
        pods.indexer().addIndex(POD_NODE_INDEX, p -> p.spec().nodeName() == null ? List.of()
                : List.of(p.spec().nodeName()));
        pods.addEventHandler(new ResourceEventHandler<>() {
            @Override
            public void onAdd(Pod pod, boolean initial) {
                enqueue(pod);
            }

            @Override
            public void onUpdate(Pod oldPod, Pod pod) {
                enqueue(pod);
            }

            @Override
            public void onDelete(Pod pod) {
                scheduled.remove(Indexer.keyOf(pod));
                evicted.remove(Indexer.keyOf(pod));
            }
        });
        nodes.addEventHandler(new ResourceEventHandler<>() {
            @Override
            public void onAdd(Node node, boolean initial) {
                podsOn(node);
            }

            @Override
            public void onUpdate(Node oldNode, Node node) {
                if (!noExecuteTaints(oldNode).equals(noExecuteTaints(node))) {
                    podsOn(node);
                }
            }

            @Override
            public void onDelete(Node node) {
                podsOn(node);
            }
        });
    }

    private void podsOn(Node node) {
        pods.indexer().byIndex(POD_NODE_INDEX, node.metadata().name()).forEach(this::enqueue);
    }

    static List<Taint> noExecuteTaints(Node node) {
        return node.spec().taints().stream().filter(t -> TaintEffect.NO_EXECUTE.equals(t.effect())).toList();
    }

    /** Pods whose deletion is scheduled and not yet done, by key. */
    public Map<String, Instant> scheduledEvictions() {
        return Map.copyOf(scheduled);
    }

    @Override
    protected ReconcileResult reconcile(String key) {
        Pod pod = pods.indexer().get(key);
        String nodeName = pod == null ? null : pod.spec().nodeName();
        Node node = nodeName == null || nodeName.isEmpty() ? null : nodes.indexer().get(nodeName);
        // Neither terminating nor finished pods are skipped: upstream looks at every pod bound to the node. One
        // already being deleted still gets its event, the DisruptionTarget condition and a (no-op) delete.
        if (pod == null || node == null) {
            scheduled.remove(key);
            evicted.remove(key);
            return ReconcileResult.done();
        }
        List<Taint> taints = noExecuteTaints(node);
        long seconds = taints.isEmpty() ? NoExecuteTolerations.FOREVER
                : NoExecuteTolerations.minTolerationSeconds(taints, pod.spec().tolerations());
        if (seconds == NoExecuteTolerations.FOREVER) {
            cancel(key, pod);
            evicted.remove(key);
            return ReconcileResult.done();
        }
        if (evicted.contains(key)) {
            return ReconcileResult.done();
        }
        Instant now = kernel.instant();
        Instant start = scheduled.getOrDefault(key, now);
        Instant fireAt = start.plusSeconds(seconds);
        if (now.isBefore(fireAt)) {
            scheduled.put(key, start);
            return ReconcileResult.requeueAfter(Duration.between(now, fireAt));
        }
        scheduled.remove(key);
        evicted.add(key);
        evict(pod);
        return ReconcileResult.done();
    }

    private void cancel(String key, Pod pod) {
        if (scheduled.remove(key) != null) {
            recorder.normal(pod, EVENT_REASON, "Cancelling deletion of Pod " + key);
        }
    }

    /** Marks the pod a disruption target and deletes it gracefully (upstream addConditionAndDeletePod). */
    private void evict(Pod pod) {
        String ns = pod.metadata().namespace();
        String name = pod.metadata().name();
        recorder.normal(pod, EVENT_REASON, "Marking for deletion Pod " + ns + "/" + name);
        kernel.trace().record(context.component(), "TaintManagerEviction", ns + "/" + name,
                NAME + ": deleting " + ns + "/" + name + " from " + pod.spec().nodeName() + " (NoExecute taint)");
        Instant now = kernel.instant();
        try {
            Pod latest = api.get(BuiltinResources.PODS, ns, name);
            PodCondition target = new PodCondition(PodConditionType.DISRUPTION_TARGET, ConditionStatus.TRUE, null, now,
                    CONDITION_REASON, CONDITION_MESSAGE);
            api.updateStatus(BuiltinResources.PODS,
                    latest.withStatus(PodConditions.updatePodCondition(latest.status(), target, now)));
            api.delete(BuiltinResources.PODS, ns, name, DeleteOptions.defaults());
        } catch (ApiException e) {
            if (e.code() != 404) {
                throw e;
            }
        }
    }
}
