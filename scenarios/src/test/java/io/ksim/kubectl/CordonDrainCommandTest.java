package io.ksim.kubectl;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.ksim.api.core.Pod;
import io.ksim.apiserver.registry.BuiltinResources;
import java.time.Duration;
import java.util.List;
import org.junit.jupiter.api.Test;

class CordonDrainCommandTest {

    static final String BUDGET = """
            apiVersion: policy/v1
            kind: PodDisruptionBudget
            metadata:
              name: web
            spec:
              minAvailable: 3
              selector:
                matchLabels: {app: web}
            """;

    private final MutateFixture f = new MutateFixture();

    @Test
    void cordonAndUncordon() {
        assertEquals("node/node-2 cordoned\n", f.ok("cordon node-2"));
        assertTrue(f.cluster.api().get(BuiltinResources.NODES, null, "node-2").spec().isUnschedulable());
        assertEquals("node/node-2 already cordoned\n", f.ok("cordon node-2"));
        assertEquals("node/node-2 uncordoned\n", f.ok("uncordon node-2"));
        assertEquals("node/node-2 already uncordoned\n", f.ok("uncordon node-2"));
        assertEquals("node/node-1 cordoned\nnode/node-3 cordoned\n", f.ok("cordon node-1 node-3"));
        assertEquals("node/node-1 uncordoned\nnode/node-2 already uncordoned\nnode/node-3 uncordoned\n",
                f.ok("uncordon -l kubernetes.io/os=linux"));
        assertEquals("error: USAGE: cordon NODE [flags]\nSee 'kubectl cordon -h' for help and examples\n", f.fails("cordon"));
        assertEquals("error: USAGE: uncordon NODE [flags]\nSee 'kubectl uncordon -h' for help and examples\n",
                f.fails("uncordon"));
        assertEquals("Error from server (NotFound): nodes \"node-9\" not found\n", f.fails("cordon node-9"));
    }

    @Test
    void drainRefusesDaemonSetPodsWithoutIgnoreDaemonSets() {
        f.cluster.advance(Duration.ofSeconds(10));
        String proxy = f.cluster.pods("kube-system").stream().filter(p -> "node-1".equals(p.spec().nodeName())
                && p.metadata().name().startsWith("kube-proxy-")).findFirst().orElseThrow().metadata().name();
        KubectlResult r = f.run("drain node-1");
        assertEquals(1, r.exitCode());
        assertEquals("node/node-1 cordoned\n", r.out());
        String refusal = "cannot delete DaemonSet-managed Pods (use --ignore-daemonsets to ignore): kube-system/" + proxy;
        assertEquals("error: unable to drain node \"node-1\" due to error: " + refusal + ", continuing command...\n"
                + "There are pending nodes to be drained:\n node-1\n" + refusal + "\n", r.err());
    }

    /**
     * Four replicas, a budget of three available: kubectl evicts the node's pods at once; each eviction beyond the
     * one disruption allowed is refused with 429 and retried every 5 s until a replacement is ready elsewhere.
     */
    @Test
    void drainWaitsForTheDisruptionBudget() {
        f.ok("cordon node-2 node-3");
        f.cluster.create(MutateFixture.WEB);
        f.cluster.create(BUDGET);
        assertTrue(f.cluster.runUntil(() -> ready().size() == 4, Duration.ofMinutes(1)));
        f.ok("uncordon node-2 node-3");
        f.cluster.advance(Duration.ofSeconds(5));
        List<String> webPods = ready().stream().map(p -> p.metadata().name()).sorted().toList();
        KubectlResult r = f.run("drain node-1 --ignore-daemonsets");
        assertEquals(0, r.exitCode(), r.err());
        List<String> out = r.out().lines().toList();
        assertEquals("node/node-1 cordoned", out.get(0));
        assertEquals("node/node-1 drained", out.get(out.size() - 1));
        for (String pod : webPods) {
            assertTrue(out.contains("evicting pod default/" + pod), r.out());
            assertTrue(out.contains("pod/" + pod + " evicted"), r.out());
        }
        List<String> err = r.err().lines().toList();
        assertTrue(err.get(0).startsWith("Warning: ignoring DaemonSet-managed Pods: kube-system/kube-proxy-"), r.err());
        assertTrue(err.stream().skip(1).allMatch(l -> l.startsWith("error when evicting pods/\"")
                && l.endsWith("\" -n \"default\" (will retry after 5s): Cannot evict pod as it would violate the pod's "
                + "disruption budget.")), r.err());
        assertTrue(err.size() > 1, "the budget refused evictions: " + r.err());
        assertTrue(f.cluster.pods("default", "app=web").stream().noneMatch(p -> "node-1".equals(p.spec().nodeName())));
    }

    @Test
    void drainWithATimeoutGivesUp() {
        f.ok("cordon node-2 node-3");
        f.cluster.create(MutateFixture.WEB);
        f.cluster.create(BUDGET.replace("minAvailable: 3", "minAvailable: 4"));
        assertTrue(f.cluster.runUntil(() -> ready().size() == 4, Duration.ofMinutes(1)));
        KubectlResult r = f.run("drain node-1 --ignore-daemonsets --timeout=12s");
        assertEquals(1, r.exitCode());
        assertTrue(r.err().contains("global timeout reached: 12s"), r.err());
        assertTrue(r.err().contains("There are pending pods in node \"node-1\" when an error occurred: "), r.err());
        assertTrue(r.err().contains("There are pending nodes to be drained:\n node-1\n"), r.err());
        assertEquals(4, ready().size(), "nothing was evicted");
    }

    @Test
    void disableEvictionDeletesPastTheBudget() {
        f.ok("cordon node-2 node-3");
        f.cluster.create(MutateFixture.WEB);
        f.cluster.create(BUDGET.replace("minAvailable: 3", "minAvailable: 4"));
        assertTrue(f.cluster.runUntil(() -> ready().size() == 4, Duration.ofMinutes(1)));
        KubectlResult r = f.run("drain node-1 --ignore-daemonsets --disable-eviction --grace-period=0");
        assertEquals(0, r.exitCode(), r.err());
        assertEquals(4, r.out().lines().filter(l -> l.startsWith("pod/web-") && l.endsWith(" deleted")).count(), r.out());
        assertTrue(r.out().endsWith("node/node-1 drained\n"), r.out());
    }

    @Test
    void podSelectorLimitsTheDrain() {
        f.cluster.create(MutateFixture.WEB);
        assertTrue(f.cluster.runUntil(() -> ready().size() == 4, Duration.ofMinutes(1)));
        KubectlResult r = f.run("drain node-1 --pod-selector=app=none");
        assertEquals(0, r.exitCode(), r.err());
        assertEquals("node/node-1 cordoned\nnode/node-1 drained\n", r.out());
    }

    private List<Pod> ready() {
        return f.cluster.pods("default", "app=web").stream().filter(p -> !p.metadata().isBeingDeleted()
                && f.cluster.isReady("default", p.metadata().name())).toList();
    }
}
