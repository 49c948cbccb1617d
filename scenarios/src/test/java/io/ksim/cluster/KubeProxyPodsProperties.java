package io.ksim.cluster;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.ksim.api.core.Pod;
import io.ksim.controller.deployment.RolloutCommands;
import io.ksim.network.proxy.KubeProxy;
import java.time.Duration;
import java.util.List;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.constraints.IntRange;

/**
 * Invariant of {@link KubeProxyPods}: once the kube-proxy DaemonSet has settled, whatever the seed, the node
 * count and how many times it was restarted, every node runs exactly the kube-proxy of its one Running pod,
 * in the mode the ConfigMap had when that pod started.
 */
class KubeProxyPodsProperties {

    @Property(tries = 6)
    void everyNodeRunsTheProxyOfItsOneRunningPod(@ForAll @IntRange(min = 1, max = 4) int nodes,
            @ForAll @IntRange(min = 0, max = 2) int restarts, @ForAll @IntRange(min = 1, max = 1000) int seed) {
        Cluster c = Cluster.builder().seed(seed).nodes(nodes).build();
        assertTrue(c.runUntil(() -> settled(c, nodes), Duration.ofMinutes(1)));
        for (int i = 0; i < restarts; i++) {
            c.advance(Duration.ofSeconds(1));
            RolloutCommands.restartDaemonSet(c.api(), c.kernel(), "kube-system", "kube-proxy");
            c.advance(Duration.ofSeconds(1));
            assertTrue(c.runUntil(() -> settled(c, nodes), Duration.ofMinutes(2)), "restart " + i);
        }
        for (String node : c.nodeNames()) {
            List<Pod> running = proxyPods(c).stream().filter(p -> node.equals(p.spec().nodeName())).toList();
            assertEquals(1, running.size(), node);
            KubeProxy proxy = c.kubeProxy(node);
            assertEquals(KubeProxy.Mode.IPTABLES, proxy.mode());
            assertTrue(c.trace().events().stream().anyMatch(e -> "KubeProxyStarted".equals(e.kind())
                    && node.equals(e.object()) && e.message().startsWith("pod " + running.get(0).metadata().name())),
                    "the proxy of " + node + " belongs to " + running.get(0).metadata().name());
        }
        long starts = c.trace().events().stream().filter(e -> "KubeProxyStarted".equals(e.kind())).count();
        assertEquals((long) nodes * (restarts + 1), starts, "one process per pod");
    }

    private static List<Pod> proxyPods(Cluster c) {
        return c.pods("kube-system", "k8s-app=kube-proxy").stream()
                .filter(p -> !p.metadata().isBeingDeleted())
                .filter(p -> p.status() != null && "Running".equals(p.status().phase())).toList();
    }

    /** One Running, not deleting, up-to-date kube-proxy pod per node, and no others. */
    private static boolean settled(Cluster c, int nodes) {
        List<Pod> all = c.pods("kube-system", "k8s-app=kube-proxy");
        var ds = c.api().get(io.ksim.apiserver.registry.BuiltinResources.DAEMON_SETS, "kube-system", "kube-proxy");
        return all.size() == nodes && proxyPods(c).size() == nodes && ds.status() != null
                && ds.status().observedGeneration() != null
                && ds.status().observedGeneration().equals(ds.metadata().generation())
                && ds.status().updatedNumberScheduled() != null && ds.status().updatedNumberScheduled() == nodes
                && ds.status().numberReady() == nodes;
    }
}
