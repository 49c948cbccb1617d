package io.ksim.cluster;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.ksim.api.coordination.Lease;
import io.ksim.api.discovery.Endpoint;
import io.ksim.api.core.Node;
import io.ksim.api.core.Node.NodeCondition;
import io.ksim.api.core.Pod;
import io.ksim.api.core.Taint;
import io.ksim.apiserver.registry.BuiltinResources;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * Scenario 1 of node failover: a Deployment of 6 on 3 nodes, node-2 powers off. Timings are upstream v1.32
 * defaults: node-monitor-period 5 s, node-monitor-grace-period 50 s, the 300 s unreachable toleration the
 * DefaultTolerationSeconds admission plugin adds (pkg/controller/nodelifecycle/node_lifecycle_controller.go,
 * pkg/controller/tainteviction/taint_eviction.go, plugin/pkg/admission/defaulttolerationseconds/admission.go).
 */
class NodeFailoverTest {

    static final String WEB = """
            apiVersion: apps/v1
            kind: Deployment
            metadata:
              name: web
            spec:
              replicas: 6
              selector:
                matchLabels: {app: web}
              template:
                metadata:
                  labels: {app: web}
                spec:
                  containers:
                  - name: nginx
                    image: nginx:1.25
                    ports:
                    - containerPort: 80
            ---
            apiVersion: v1
            kind: Service
            metadata:
              name: web
            spec:
              selector: {app: web}
              ports:
              - port: 80
            """;

    private static List<Pod> webPods(Cluster c) {
        return c.pods("default", "app=web");
    }

    private static Pod find(Cluster c, String name) {
        return webPods(c).stream().filter(p -> name.equals(p.metadata().name())).findFirst().orElse(null);
    }

    private static Node node(Cluster c, String name) {
        return c.api().get(BuiltinResources.NODES, null, name);
    }

    private static String readyStatus(Cluster c, String name) {
        NodeCondition ready = node(c, name).status().condition(NodeCondition.READY);
        return ready == null ? null : ready.status();
    }

    private static Taint taint(Cluster c, String node, String key, String effect) {
        return node(c, node).spec().taints().stream().filter(t -> key.equals(t.key()) && effect.equals(t.effect()))
                .findFirst().orElse(null);
    }

    private static boolean sixReadyOffNode2(Cluster c) {
        List<Pod> live = webPods(c).stream().filter(p -> !p.metadata().isBeingDeleted()).toList();
        return live.size() == 6 && live.stream().allMatch(p -> !"node-2".equals(p.spec().nodeName())
                && c.isReady("default", p.metadata().name()));
    }

    @Test
    void aPoweredOffNodeGoesUnknownIsTaintedAndItsPodsAreReplacedAfterTheTolerationSeconds() {
        Cluster c = Cluster.builder().seed(7).nodes(3, n -> n.cpu("4").memory("8Gi"))
                .image("nginx:1.25 size=20Mi start=500ms ready=1s").build();
        c.create(WEB);
        assertTrue(c.runUntil(() -> webPods(c).size() == 6
                && webPods(c).stream().allMatch(p -> c.isReady("default", p.metadata().name())), Duration.ofMinutes(2)));
        List<String> onNode2 = webPods(c).stream().filter(p -> "node-2".equals(p.spec().nodeName()))
                .map(p -> p.metadata().name()).toList();
        assertFalse(onNode2.isEmpty(), "the scheduler put some web pods on node-2");

        c.powerOff("node-2");
        Lease lease = c.api().get(BuiltinResources.LEASES, "kube-node-lease", "node-2");
        Instant lastRenew = lease.spec().renewTime().time();

        assertTrue(c.runUntil(() -> "Unknown".equals(readyStatus(c, "node-2")), Duration.ofMinutes(2)));
        Duration silentFor = Duration.between(lastRenew, c.now());
        // Unknown once more than the grace period passed since the last renewal the controller saw; it looks
        // every 5 s, so at most one monitor period (plus the one the renewal waited to be seen) later.
        assertTrue(silentFor.compareTo(Duration.ofSeconds(50)) > 0, "Unknown after " + silentFor);
        assertTrue(silentFor.compareTo(Duration.ofSeconds(60)) <= 0, "Unknown after " + silentFor);
        NodeCondition ready = node(c, "node-2").status().condition(NodeCondition.READY);
        assertEquals("NodeStatusUnknown", ready.reason());
        assertEquals("Kubelet stopped posting node status.", ready.message());

        Instant unknownAt = c.now();
        c.advance(Duration.ofSeconds(1));
        assertNotNull(taint(c, "node-2", "node.kubernetes.io/unreachable", "NoSchedule"), "NoSchedule follows at once");
        assertNull(taint(c, "node-2", "node.kubernetes.io/unreachable", "NoExecute"));
        assertTrue(c.api().list(BuiltinResources.EVENTS, "default").items().stream()
                .anyMatch(e -> "NodeNotReady".equals(e.reason())
                        && "Node node-2 status is now: NodeNotReady".equals(e.message())));
        c.advance(Duration.ofSeconds(5));
        Taint noExecute = taint(c, "node-2", "node.kubernetes.io/unreachable", "NoExecute");
        // The next monitor pass sees the Unknown it wrote and queues the node; one node in a healthy zone
        // passes the 0.1 nodes/s limiter (burst 1) at the next tick of the 100 ms tainting loop.
        assertNotNull(noExecute);
        Instant tainted = noExecute.timeAdded();
        // timeAdded is a metav1.Time: whole seconds.
        assertEquals(unknownAt.plusMillis(5100).truncatedTo(java.time.temporal.ChronoUnit.SECONDS), tainted);
        for (String name : onNode2) {
            assertFalse(c.isReady("default", name), name + " is marked Ready=False (MarkPodsNotReady)");
        }

        assertTrue(c.runUntil(() -> onNode2.stream().allMatch(n -> find(c, n).metadata().isBeingDeleted()),
                Duration.ofMinutes(6)));
        for (String name : onNode2) {
            Pod pod = find(c, name);
            Instant deletedAt = pod.metadata().deletionTimestamp();
            // deletionTimestamp has whole-second precision, as metav1.Time.
            Duration after = Duration.between(tainted, deletedAt.minusSeconds(pod.metadata().deletionGracePeriodSeconds()));
            assertTrue(after.compareTo(Duration.ofSeconds(299)) > 0 && after.compareTo(Duration.ofSeconds(301)) < 0,
                    name + " deleted " + after + " after the taint " + tainted + " " + deletedAt + " " + pod.metadata().deletionGracePeriodSeconds());
            assertTrue(pod.status().conditions().stream().anyMatch(cd -> "DisruptionTarget".equals(cd.type())
                    && "DeletionByTaintManager".equals(cd.reason())));
        }
        assertTrue(c.runUntil(() -> sixReadyOffNode2(c), Duration.ofMinutes(2)), "replacements run elsewhere");
        c.advance(Duration.ofSeconds(2));
        List<Endpoint> endpoints = c.api().list(BuiltinResources.ENDPOINT_SLICES, "default",
                s -> "web".equals(s.metadata().labels().get("kubernetes.io/service-name"))).items().stream()
                .flatMap(s -> s.endpoints().stream()).toList();
        List<Endpoint> readyEndpoints = endpoints.stream().filter(e -> Boolean.TRUE.equals(e.conditions().ready())).toList();
        assertEquals(6, readyEndpoints.size(), endpoints.toString());
        assertTrue(readyEndpoints.stream().noneMatch(e -> "node-2".equals(e.nodeName())), "the Service no longer sends to node-2");
        c.advance(Duration.ofMinutes(2));
        for (String name : onNode2) {
            assertNotNull(find(c, name), name + " stays Terminating while its kubelet is gone");
        }

        c.powerOn("node-2");
        assertTrue(c.runUntil(() -> "True".equals(readyStatus(c, "node-2"))
                && taint(c, "node-2", "node.kubernetes.io/unreachable", "NoExecute") == null
                && taint(c, "node-2", "node.kubernetes.io/unreachable", "NoSchedule") == null, Duration.ofMinutes(2)));
        assertTrue(c.runUntil(() -> onNode2.stream().allMatch(n -> find(c, n) == null), Duration.ofMinutes(2)),
                "the returning kubelet finishes the stale pods");
        assertTrue(sixReadyOffNode2(c) || webPods(c).size() == 6);
    }
    @Test
    void aRestartedNodeLifecycleControllerGivesEveryNodeAFreshGracePeriod() {
        Cluster c = Cluster.builder().seed(8).nodes(3, n -> n.cpu("4").memory("8Gi"))
                .image("nginx:1.25 size=20Mi start=500ms ready=1s").build();
        c.advance(Duration.ofSeconds(30));
        c.powerOff("node-3");
        c.advance(Duration.ofSeconds(30));
        // Upstream: no saved health for a node -> "Assuming now as a timestamp".
        c.controllerManager().manager().restart(io.ksim.controller.nodelifecycle.NodeLifecycleController.NAME);
        Instant restarted = c.now();
        assertTrue(c.runUntil(() -> "Unknown".equals(readyStatus(c, "node-3")), Duration.ofMinutes(2)));
        Duration after = Duration.between(restarted, c.now());
        assertTrue(after.compareTo(Duration.ofSeconds(50)) > 0 && after.compareTo(Duration.ofSeconds(56)) <= 0,
                "Unknown " + after + " after the restart");
        assertEquals("True", readyStatus(c, "node-1"));
    }
}
