package io.ksim.controller.podgc;

import io.ksim.api.core.ConditionStatus;
import io.ksim.api.core.Node;
import io.ksim.api.core.Node.NodeCondition;
import io.ksim.api.core.Pod;
import io.ksim.api.core.PodCondition;
import io.ksim.api.core.PodConditionType;
import io.ksim.api.core.PodConditions;
import io.ksim.api.core.TaintEffect;
import io.ksim.apiserver.ApiException;
import io.ksim.apiserver.DeleteOptions;
import io.ksim.apiserver.registry.BuiltinResources;
import io.ksim.client.Informer;
import io.ksim.controller.Controller;
import io.ksim.controller.ControllerContext;
import io.ksim.controller.ReconcileResult;
import java.time.Duration;
import java.time.Instant;
import java.util.Map;
import java.util.TreeMap;

/**
 * The pod garbage collector (upstream pkg/controller/podgc/gc_controller.go), the parts node failure needs:
 * every 20 s it force-deletes (grace period 0) pods bound to a node that has been missing for the 40 s
 * quarantine and is confirmed gone by the API server, terminating pods that were never scheduled, and
 * terminating pods on a not-ready node tainted {@code node.kubernetes.io/out-of-service}. An orphaned pod is
 * first marked Failed with {@code DisruptionTarget=True} ({@code DeletionByPodGC}, "PodGC: node no longer
 * exists"). This is what lets a StatefulSet replace the pod of a dead node once the Node object is deleted.
 */
public final class PodGCController extends Controller {

    /** The controller's upstream name. */
    public static final String NAME = "pod-garbage-collector-controller";
    /** How often the collector looks (upstream gcCheckPeriod). */
    public static final Duration GC_CHECK_PERIOD = Duration.ofSeconds(20);
    /** How long a node must be missing before its pods are orphans (upstream quarantineTime). */
    public static final Duration QUARANTINE_TIME = Duration.ofSeconds(40);
    public static final String OUT_OF_SERVICE_TAINT = "node.kubernetes.io/out-of-service";
    static final String REASON = "DeletionByPodGC";
    static final String MESSAGE = "PodGC: node no longer exists";
    private static final String GC_KEY = " gc";

    private final Informer<Pod> pods;
    private final Informer<Node> nodes;
    /** Node name -> when its absence was first noticed. */
    private final Map<String, Instant> missingSince = new TreeMap<>();

    public PodGCController(ControllerContext context) {
        super(context, NAME);
        pods = informer(BuiltinResources.PODS);
        nodes = informer(BuiltinResources.NODES);
        enqueue(GC_KEY);
    }

    @Override
    protected ReconcileResult reconcile(String key) {
        Instant now = kernel.instant();
        Map<String, Instant> stillMissing = new TreeMap<>();
        for (Pod pod : pods.indexer().list()) {
            String nodeName = pod.spec().nodeName();
            if (nodeName == null || nodeName.isEmpty()) {
                if (pod.metadata().isBeingDeleted()) {
                    forceDelete(pod, false);
                }
                continue;
            }
            Node node = nodes.indexer().get(nodeName);
            if (node == null) {
                Instant since = missingSince.getOrDefault(nodeName, now);
                stillMissing.put(nodeName, since);
                if (!now.isBefore(since.plus(QUARANTINE_TIME)) && confirmedGone(nodeName)) {
                    forceDelete(pod, true);
                }
            } else if (pod.metadata().isBeingDeleted() && outOfService(node)) {
                forceDelete(pod, false);
            }
        }
        missingSince.clear();
        missingSince.putAll(stillMissing);
        return ReconcileResult.requeueAfter(GC_CHECK_PERIOD);
    }

    private boolean confirmedGone(String nodeName) {
        try {
            api.get(BuiltinResources.NODES, null, nodeName);
            return false;
        } catch (ApiException e) {
            if (e.code() == 404) {
                return true;
            }
            throw e;
        }
    }

    private static boolean outOfService(Node node) {
        NodeCondition ready = node.status().condition(NodeCondition.READY);
        boolean notReady = ready == null || !ready.isTrue();
        return notReady && node.spec().taints().stream()
                .anyMatch(t -> OUT_OF_SERVICE_TAINT.equals(t.key()) && TaintEffect.NO_EXECUTE.equals(t.effect()));
    }

    private void forceDelete(Pod pod, boolean orphaned) {
        String ns = pod.metadata().namespace();
        String name = pod.metadata().name();
        try {
            if (orphaned && !PodConditions.isPodTerminal(pod)) {
                Instant now = kernel.instant();
                Pod latest = api.get(BuiltinResources.PODS, ns, name);
                PodCondition target = new PodCondition(PodConditionType.DISRUPTION_TARGET, ConditionStatus.TRUE, null,
                        now, REASON, MESSAGE);
                var status = PodConditions.updatePodCondition(latest.status(), target, now).toBuilder()
                        .phase("Failed").build();
                api.updateStatus(BuiltinResources.PODS, latest.withStatus(status));
            }
            api.delete(BuiltinResources.PODS, ns, name, DeleteOptions.now());
            kernel.trace().record(context.component(), "PodGC", ns + "/" + name, NAME + ": force-deleted " + ns + "/"
                    + name + (orphaned ? " (node " + pod.spec().nodeName() + " no longer exists)" : ""));
        } catch (ApiException e) {
            if (e.code() != 404) {
                throw e;
            }
        }
    }
}
