package io.ksim.cluster;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.ksim.api.coordination.Lease;
import io.ksim.api.core.Node;
import io.ksim.api.core.Node.NodeCondition;
import io.ksim.api.core.Pod;
import io.ksim.api.core.Taint;
import io.ksim.apiserver.registry.BuiltinResources;
import io.ksim.kernel.TraceEvent;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * Node failure scenario 2: the container runtime on node-2 stops ({@code systemctl stop containerd}). The
 * kubelet stays up and renews its lease, so the node never goes Unknown; it reports Ready=False itself. Timings
 * are upstream v1.32 defaults: the kubelet checks its runtime every 5 s and calls it down 30 s after the last
 * good check (pkg/kubelet/runtime.go, kubelet.go), PLEG relists every second with a 3-minute threshold, the
 * node status is computed every 10 s; the node lifecycle controller looks every 5 s and taints on its 100 ms
 * tainting tick; the not-ready toleration DefaultTolerationSeconds adds is 300 s.
 */
class ContainerRuntimeDownTest {

    private static List<Pod> webPods(Cluster c) {
        return c.pods("default", "app=web");
    }

    private static Pod find(Cluster c, String name) {
        return webPods(c).stream().filter(p -> name.equals(p.metadata().name())).findFirst().orElse(null);
    }

    private static Node node(Cluster c, String name) {
        return c.api().get(BuiltinResources.NODES, null, name);
    }

    private static NodeCondition ready(Cluster c, String name) {
        return node(c, name).status().condition(NodeCondition.READY);
    }

    private static Taint taint(Cluster c, String node, String key, String effect) {
        return node(c, node).spec().taints().stream().filter(t -> key.equals(t.key()) && effect.equals(t.effect()))
                .findFirst().orElse(null);
    }

    private static boolean nodeEvent(Cluster c, String reason) {
        return c.api().list(BuiltinResources.EVENTS, "default").items().stream()
                .anyMatch(e -> reason.equals(e.reason()) && ("Node node-2 status is now: " + reason).equals(e.message()));
    }

    private static Instant traced(Cluster c, String kind, String object) {
        return c.trace().events().stream().filter(e -> kind.equals(e.kind()) && object.equals(e.object()))
                .reduce((a, b) -> b).map(TraceEvent::nanos).map(n -> c.kernel().epoch().plusNanos(n)).orElse(null);
    }

    private static boolean sixReadyOffNode2(Cluster c) {
        List<Pod> live = webPods(c).stream().filter(p -> !p.metadata().isBeingDeleted()).toList();
        return live.size() == 6 && live.stream().allMatch(p -> !"node-2".equals(p.spec().nodeName())
                && c.isReady("default", p.metadata().name()));
    }

    @Test
    void aStoppedContainerRuntimeMakesTheNodeNotReadyAndItsPodsAreReplacedAfterTheTolerationSeconds() {
        Cluster c = Cluster.builder().seed(11).nodes(3, n -> n.cpu("4").memory("8Gi"))
                .image("nginx:1.25 size=20Mi start=500ms ready=1s").build();
        c.create(NodeFailoverTest.WEB);
        assertTrue(c.runUntil(() -> webPods(c).size() == 6
                && webPods(c).stream().allMatch(p -> c.isReady("default", p.metadata().name())), Duration.ofMinutes(2)));
        List<String> onNode2 = webPods(c).stream().filter(p -> "node-2".equals(p.spec().nodeName()))
                .map(p -> p.metadata().name()).toList();
        assertFalse(onNode2.isEmpty(), "the scheduler put some web pods on node-2");

        c.stopContainerRuntime("node-2");
        Instant stopped = c.now();
        assertTrue(c.runUntil(() -> "False".equals(ready(c, "node-2").status()), Duration.ofMinutes(2)));
        Duration notReadyAfter = Duration.between(stopped, c.now());
        // 30 s after the last good runtime check (at most 5 s before the stop), seen at the next 10 s status tick.
        assertTrue(notReadyAfter.compareTo(Duration.ofSeconds(25)) > 0
                && notReadyAfter.compareTo(Duration.ofSeconds(40)) <= 0, "NotReady after " + notReadyAfter);
        NodeCondition notReady = ready(c, "node-2");
        assertEquals("KubeletNotReady", notReady.reason());
        assertEquals("container runtime is down", notReady.message());
        assertEquals(c.now(), notReady.lastTransitionTime());
        Lease lease = c.api().get(BuiltinResources.LEASES, "kube-node-lease", "node-2");
        assertTrue(lease.spec().renewTime().time().isAfter(stopped), "the kubelet still renews its lease");
        assertTrue(nodeEvent(c, "NodeNotReady"), "the kubelet reports the change");
        Instant notReadyAt = c.now();

        c.advance(Duration.ofSeconds(1));
        assertNotNull(taint(c, "node-2", "node.kubernetes.io/not-ready", "NoSchedule"), "NoSchedule follows at once");
        assertNull(taint(c, "node-2", "node.kubernetes.io/unreachable", "NoSchedule"));
        assertTrue(c.runUntil(() -> taint(c, "node-2", "node.kubernetes.io/not-ready", "NoExecute") != null,
                Duration.ofSeconds(10)));
        Instant tainted = traced(c, "NodeTainted", "node-2");
        // The next monitor pass (every 5 s) queues the node, the tainting tick 100 ms later taints it.
        Duration taintAfter = Duration.between(notReadyAt, tainted);
        assertTrue(taintAfter.compareTo(Duration.ofMillis(100)) >= 0
                && taintAfter.compareTo(Duration.ofMillis(5100)) <= 0, "tainted " + taintAfter + " after NotReady");
        assertEquals(100_000_000, Duration.between(traced(c, "NodeTaintQueued", "node-2"), tainted).toNanos());
        assertEquals("False", ready(c, "node-2").status(), "never Unknown: the lease is renewed");
        for (String name : onNode2) {
            // The controller marks pods NotReady only when it sets Ready=Unknown itself; the containers still run.
            assertTrue(c.isReady("default", name), name + " stays Ready");
        }

        // PLEG cannot relist either: 3 minutes after its last relist it is reported too.
        c.advance(Duration.between(c.now(), stopped.plus(Duration.ofMinutes(3)).plusSeconds(11)));
        String message = ready(c, "node-2").message();
        assertTrue(message.matches("\\[container runtime is down, PLEG is not healthy: pleg was last seen active "
                + "3m\\d+s ago; threshold is 3m0s]"), message);

        assertTrue(c.runUntil(() -> onNode2.stream().allMatch(n -> find(c, n).metadata().isBeingDeleted()),
                Duration.ofMinutes(6)));
        Instant taintAdded = taint(c, "node-2", "node.kubernetes.io/not-ready", "NoExecute").timeAdded();
        for (String name : onNode2) {
            Pod pod = find(c, name);
            Duration after = Duration.between(taintAdded,
                    pod.metadata().deletionTimestamp().minusSeconds(pod.metadata().deletionGracePeriodSeconds()));
            assertTrue(after.compareTo(Duration.ofSeconds(299)) > 0 && after.compareTo(Duration.ofSeconds(301)) < 0,
                    name + " deleted " + after + " after the taint");
            assertTrue(pod.status().conditions().stream().anyMatch(cd -> "DisruptionTarget".equals(cd.type())
                    && "DeletionByTaintManager".equals(cd.reason())));
        }
        assertTrue(c.runUntil(() -> sixReadyOffNode2(c), Duration.ofMinutes(2)), "replacements run elsewhere");
        c.advance(Duration.ofMinutes(1));
        for (String name : onNode2) {
            assertNotNull(find(c, name), name + " stays Terminating: the kubelet syncs no pods without its runtime");
        }

        c.startContainerRuntime("node-2");
        Instant started = c.now();
        assertTrue(c.runUntil(() -> "True".equals(ready(c, "node-2").status()), Duration.ofMinutes(1)));
        Duration readyAfter = Duration.between(started, c.now());
        // The next runtime check (within 5 s) succeeds; the next status tick (within 10 s) posts Ready.
        assertTrue(readyAfter.compareTo(Duration.ofSeconds(15)) <= 0, "Ready after " + readyAfter);
        assertEquals("KubeletReady", ready(c, "node-2").reason());
        assertEquals("kubelet is posting ready status", ready(c, "node-2").message());
        assertTrue(nodeEvent(c, "NodeReady"));
        Instant readyAt = c.now();
        assertTrue(c.runUntil(() -> node(c, "node-2").spec().taints().isEmpty(), Duration.ofSeconds(10)));
        assertTrue(Duration.between(readyAt, c.now()).compareTo(Duration.ofSeconds(5)) <= 0,
                "the next monitor pass removes the NoExecute taint");
        assertTrue(c.runUntil(() -> onNode2.stream().allMatch(n -> find(c, n) == null), Duration.ofMinutes(2)),
                "the kubelet finishes the evicted pods once its runtime is back");
        assertTrue(sixReadyOffNode2(c));
    }

    @Test
    void aPodBoundToTheNodeWaitsForTheRuntime() {
        Cluster c = Cluster.builder().seed(12).nodes(2, n -> n.cpu("4").memory("8Gi"))
                .image("nginx:1.25 size=20Mi start=500ms ready=1s").build();
        c.advance(Duration.ofSeconds(20));
        c.stopContainerRuntime("node-2");
        c.advance(Duration.ofSeconds(45));
        assertEquals("False", ready(c, "node-2").status());
        c.create("""
                apiVersion: v1
                kind: Pod
                metadata:
                  name: pinned
                spec:
                  nodeName: node-2
                  containers:
                  - name: nginx
                    image: nginx:1.25
                """);
        c.advance(Duration.ofMinutes(1));
        Pod pinned = c.api().get(BuiltinResources.PODS, "default", "pinned");
        assertEquals("Pending", pinned.status().phase());
        assertTrue(pinned.status().containerStatuses().isEmpty(), "the kubelet syncs no pod without its runtime");
        c.startContainerRuntime("node-2");
        assertTrue(c.runUntil(() -> c.isReady("default", "pinned"), Duration.ofSeconds(30)));
    }
}
