package io.ksim.cluster;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.ksim.api.core.Pod;
import io.ksim.api.policy.PodDisruptionBudget;
import io.ksim.apiserver.registry.BuiltinResources;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * Scenario 3 of node failover: {@code kubectl drain node-1} with a PodDisruptionBudget minAvailable=2 over a
 * 3-replica Deployment whose pods all run on node-1 (kubectl pkg/drain: 429 retried every 5 s; the eviction
 * subresource's message from pkg/registry/core/pod/storage/eviction.go).
 */
class DrainTest {

    static final String WEB = """
            apiVersion: apps/v1
            kind: Deployment
            metadata:
              name: web
            spec:
              replicas: 3
              selector:
                matchLabels: {app: web}
              template:
                metadata:
                  labels: {app: web}
                spec:
                  containers:
                  - name: nginx
                    image: nginx:1.25
            ---
            apiVersion: policy/v1
            kind: PodDisruptionBudget
            metadata:
              name: web
            spec:
              minAvailable: 2
              selector:
                matchLabels: {app: web}
            """;

    static final String BARE = """
            apiVersion: v1
            kind: Pod
            metadata:
              name: bare
            spec:
              nodeName: node-1
              containers:
              - name: c
                image: nginx:1.25
            """;

    private static Cluster cluster() {
        return Cluster.builder().seed(11).nodes(3, n -> n.cpu("4").memory("8Gi"))
                .image("nginx:1.25 size=20Mi start=500ms ready=1s").build();
    }

    private static List<Pod> ready(Cluster c) {
        return c.pods("default", "app=web").stream().filter(p -> !p.metadata().isBeingDeleted() && c.isReady("default", p.metadata().name())).toList();
    }

    @Test
    void evictionsProceedOneAtATimeAsReplacementsBecomeReady() {
        Cluster c = cluster();
        c.cordon("node-2");
        c.cordon("node-3");
        c.create(WEB);
        assertTrue(c.runUntil(() -> ready(c).size() == 3, Duration.ofMinutes(1)));
        assertTrue(ready(c).stream().allMatch(p -> "node-1".equals(p.spec().nodeName())));
        c.uncordon("node-2");
        c.uncordon("node-3");
        assertTrue(c.runUntil(() -> c.api().get(BuiltinResources.POD_DISRUPTION_BUDGETS, "default", "web")
                .status().disruptionsAllowed() == 1, Duration.ofSeconds(30)));

        // Every kind node runs a kube-proxy DaemonSet pod, so a drain needs --ignore-daemonsets there too.
        Drain drain = c.drain("node-1", new Drain.Options(true, false, false));
        List<Instant> evictions = new ArrayList<>();
        int seen = 0;
        int minReady = 3;
        Instant deadline = c.now().plus(Duration.ofMinutes(3));
        while (!drain.isDone() && c.now().isBefore(deadline)) {
            c.advance(Duration.ofMillis(100));
            minReady = Math.min(minReady, ready(c).size());
            List<String> out = drain.output();
            for (; seen < out.size(); seen++) {
                if (out.get(seen).contains("web-") && out.get(seen).endsWith(" evicted")) {
                    evictions.add(c.now());
                }
            }
        }
        assertTrue(drain.isDone(), String.join("\n", drain.output()));
        assertEquals("node/node-1 cordoned", drain.output().get(0));
        assertEquals("node/node-1 drained", drain.output().get(drain.output().size() - 1));
        assertTrue(drain.output().stream().anyMatch(l -> l.startsWith("error when evicting pods/\"web-")
                && l.endsWith("(will retry after 5s): Cannot evict pod as it would violate the pod's disruption budget.")),
                String.join("\n", drain.output()));
        assertEquals(3, evictions.size());
        assertTrue(minReady >= 2, "the budget held: at least 2 ready pods throughout, saw " + minReady);
        for (int i = 1; i < evictions.size(); i++) {
            assertTrue(Duration.between(evictions.get(i - 1), evictions.get(i)).compareTo(Duration.ofSeconds(4)) >= 0,
                    "one at a time, 5 s retries apart: " + evictions);
        }
        assertTrue(c.runUntil(() -> ready(c).size() == 3
                && ready(c).stream().noneMatch(p -> "node-1".equals(p.spec().nodeName())), Duration.ofMinutes(1)));
        PodDisruptionBudget pdb = c.api().get(BuiltinResources.POD_DISRUPTION_BUDGETS, "default", "web");
        assertEquals(3, pdb.status().expectedPods());
        assertEquals(2, pdb.status().desiredHealthy());
    }

    @Test
    void aBarePodRefusesTheDrainWithoutForce() {
        Cluster c = cluster();
        c.runUntil(() -> !c.api().list(BuiltinResources.SERVICE_ACCOUNTS, "default").items().isEmpty(),
                Duration.ofSeconds(10));
        c.create(BARE);
        c.advance(Duration.ofSeconds(5));
        Drain.DrainRefusedException e = assertThrows(Drain.DrainRefusedException.class,
                () -> c.drain("node-1", new Drain.Options(true, false, false)));
        // kubectl 1.32 puts "cannot delete " before every filter's message, this one included.
        assertEquals("cannot delete cannot delete Pods that declare no controller (use --force to override): default/bare",
                e.getMessage());
        assertTrue(c.api().get(BuiltinResources.NODES, null, "node-1").spec().isUnschedulable(), "left cordoned");
        Drain forced = c.drain("node-1", new Drain.Options(true, true, false));
        // kubectl joins its warnings with "; " (ksim orders them by the first pod each one names).
        assertTrue(forced.output().stream().anyMatch(l -> l.startsWith("Warning: deleting Pods that declare no "
                + "controller: default/bare; ignoring DaemonSet-managed Pods: kube-system/kube-proxy-")),
                String.join("\n", forced.output()));
        assertTrue(c.runUntil(forced::isDone, Duration.ofMinutes(1)));
    }
    static final String AGENT = """
            apiVersion: apps/v1
            kind: DaemonSet
            metadata:
              name: agent
            spec:
              selector:
                matchLabels: {app: agent}
              template:
                metadata:
                  labels: {app: agent}
                spec:
                  containers:
                  - name: c
                    image: nginx:1.25
            """;

    @Test
    void daemonSetPodsNeedIgnoreDaemonSetsAndAreThenLeftAlone() {
        Cluster c = cluster();
        c.create(AGENT);
        assertTrue(c.runUntil(() -> c.pods("default").stream().filter(p -> "node-1".equals(p.spec().nodeName())
                && c.isReady("default", p.metadata().name())).count() == 1, Duration.ofMinutes(1)));
        String agent = c.pods("default").stream().filter(p -> "node-1".equals(p.spec().nodeName())).findFirst()
                .orElseThrow().metadata().name();
        String proxy = c.pods("kube-system").stream().filter(p -> "node-1".equals(p.spec().nodeName())
                && p.metadata().name().startsWith("kube-proxy-")).findFirst().orElseThrow().metadata().name();
        Drain.DrainRefusedException e = assertThrows(Drain.DrainRefusedException.class,
                () -> c.drain("node-1", Drain.Options.defaults()));
        // kubectl lists the node's kube-proxy pod too, in namespace/name order.
        assertEquals("cannot delete DaemonSet-managed Pods (use --ignore-daemonsets to ignore): default/" + agent
                + ", kube-system/" + proxy, e.getMessage());
        Drain d = c.drain("node-1", new Drain.Options(true, false, false));
        assertEquals(List.of("node/node-1 already cordoned", "Warning: ignoring DaemonSet-managed Pods: default/" + agent
                + ", kube-system/" + proxy), d.output().subList(0, 2));
        assertEquals("node/node-1 drained", d.output().get(d.output().size() - 1));
        c.advance(Duration.ofSeconds(10));
        assertTrue(c.pods("default").stream().anyMatch(p -> p.metadata().name().equals(agent)
                && !p.metadata().isBeingDeleted()), "the daemon pod keeps running");
    }
}
