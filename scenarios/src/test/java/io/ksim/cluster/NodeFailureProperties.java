package io.ksim.cluster;

import io.ksim.api.core.Node;
import io.ksim.api.core.Node.NodeCondition;
import io.ksim.api.core.Pod;
import io.ksim.api.core.Taint;
import io.ksim.api.core.TaintEffect;
import io.ksim.api.core.Toleration;
import io.ksim.api.core.TolerationOperator;
import io.ksim.apiserver.ApiException;
import io.ksim.apiserver.registry.BuiltinResources;
import io.ksim.client.Informer;
import io.ksim.client.ResourceEventHandler;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.Combinators;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;

/**
 * For random schedules of node power-offs and power-ons over a Deployment of 6 on 3 nodes: no pod is ever
 * bound to a node carrying a NoSchedule or NoExecute taint it does not tolerate, and once every node is back
 * the Deployment returns to 6 ready pods on Ready, untainted nodes.
 */
class NodeFailureProperties {

    record Fault(int afterSeconds, int node, boolean powerOff) {
    }

    @Provide
    Arbitrary<List<Fault>> schedules() {
        Arbitrary<Fault> fault = Combinators.combine(Arbitraries.integers().between(0, 240),
                Arbitraries.integers().between(1, 3), Arbitraries.of(true, false)).as(Fault::new);
        return fault.list().ofMinSize(1).ofMaxSize(5);
    }

    // Each try simulates up to half an hour of a whole cluster, so the tries are few.
    @Property(tries = 6)
    boolean deploymentRecoversAndNothingIsBoundToAnUntoleratedTaint(@ForAll("schedules") List<Fault> faults,
            @ForAll("seeds") long seed) {
        Cluster c = Cluster.builder().seed(seed).nodes(3, n -> n.cpu("4").memory("8Gi"))
                .image("nginx:1.25 size=20Mi start=500ms ready=1s").build();
        List<String> violations = new ArrayList<>();
        Informer<Pod> binds = Informer.builder(c.kernel(), c.api(), BuiltinResources.PODS).component("property").build();
        binds.addEventHandler(new ResourceEventHandler<>() {
            @Override
            public void onUpdate(Pod oldPod, Pod pod) {
                if (oldPod.spec().nodeName() == null && pod.spec().nodeName() != null) {
                    checkBinding(c, pod, violations);
                }
            }
        });
        binds.start();
        c.create(NodeFailoverTest.WEB);
        c.runUntil(() -> readyOnHealthyNodes(c) == 6, Duration.ofMinutes(2));
        for (Fault f : faults) {
            c.advance(Duration.ofSeconds(f.afterSeconds()));
            String node = "node-" + f.node();
            if (f.powerOff() && c.kubelet(node).isPoweredOn()) {
                c.powerOff(node);
            } else if (!f.powerOff() && !c.kubelet(node).isPoweredOn()) {
                c.powerOn(node);
            }
        }
        for (String node : c.nodeNames()) {
            if (!c.kubelet(node).isPoweredOn()) {
                c.powerOn(node);
            }
        }
        boolean converged = c.runUntil(() -> readyOnHealthyNodes(c) == 6, Duration.ofMinutes(20));
        if (!violations.isEmpty()) {
            throw new AssertionError(String.join("\n", violations));
        }
        return converged;
    }

    @Provide
    Arbitrary<Long> seeds() {
        return Arbitraries.longs().between(1, 1_000_000);
    }

    private static void checkBinding(Cluster c, Pod pod, List<String> violations) {
        Node node;
        try {
            node = c.api().get(BuiltinResources.NODES, null, pod.spec().nodeName());
        } catch (ApiException gone) {
            return;
        }
        for (Taint t : node.spec().taints()) {
            boolean blocking = TaintEffect.NO_SCHEDULE.equals(t.effect()) || TaintEffect.NO_EXECUTE.equals(t.effect());
            if (blocking && pod.spec().tolerations().stream().noneMatch(tol -> tolerates(tol, t))) {
                violations.add(pod.metadata().name() + " bound to " + node.metadata().name() + " with taint " + t.key()
                        + ":" + t.effect() + " at " + c.now());
            }
        }
    }

    private static boolean tolerates(Toleration t, Taint taint) {
        if (t.effect() != null && !t.effect().isEmpty() && !t.effect().equals(taint.effect())) {
            return false;
        }
        if (t.key() != null && !t.key().isEmpty() && !t.key().equals(taint.key())) {
            return false;
        }
        return TolerationOperator.EXISTS.equals(t.operator())
                || Objects.equals(Objects.requireNonNullElse(t.value(), ""), Objects.requireNonNullElse(taint.value(), ""));
    }

    private static long readyOnHealthyNodes(Cluster c) {
        return c.pods("default", "app=web").stream().filter(p -> !p.metadata().isBeingDeleted() && p.spec().nodeName() != null
                && healthy(c, p.spec().nodeName()) && c.isReady("default", p.metadata().name())).count();
    }

    private static boolean healthy(Cluster c, String name) {
        Node n = c.api().get(BuiltinResources.NODES, null, name);
        NodeCondition ready = n.status().condition(NodeCondition.READY);
        return ready != null && ready.isTrue() && n.spec().taints().stream()
                .noneMatch(t -> !TaintEffect.PREFER_NO_SCHEDULE.equals(t.effect()));
    }
}
