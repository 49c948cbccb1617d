package io.ksim.network.walk;

import static io.ksim.network.NetworkTestCluster.port;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.ksim.api.core.Service;
import io.ksim.api.core.Service.ServiceSpec;
import io.ksim.api.resource.IntOrString;
import io.ksim.network.NetworkTestCluster;
import io.ksim.network.endpoints.EndpointSliceController;
import io.ksim.network.proxy.KubeProxy;
import io.ksim.network.proxy.iptables.IptablesConfig;
import io.ksim.network.walk.WalkResult.Outcome;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import org.junit.jupiter.api.Test;

/**
 * Packet walks through the rules each node's kube-proxy writes, on a cluster built through the API server
 * (allocation, EndpointSlice controller, one kube-proxy per node), after upstream's packet-flow tests in
 * pkg/proxy/iptables/proxier_test.go (TestNoEndpointsReject, TestOnlyLocalNodePorts, TestExternalTrafficPolicy*).
 */
class IptablesWalkerTest {

    private final NetworkTestCluster c = new NetworkTestCluster(21);
    private final KubeProxy proxy1;
    private final KubeProxy proxy2;

    IptablesWalkerTest() {
        c.node("node-1", "zone-a");
        c.node("node-2", "zone-b");
        new EndpointSliceController(c.kernel, c.api).start();
        proxy1 = KubeProxy.forNode(c.kernel, c.api, KubeProxy.Mode.IPTABLES, "node-1", "172.18.0.2");
        proxy2 = KubeProxy.forNode(c.kernel, c.api, KubeProxy.Mode.IPTABLES, "node-2", "172.18.0.3");
        proxy1.start();
        proxy2.start();
    }

    private IptablesWalker walker(KubeProxy proxy) {
        return new IptablesWalker(proxy.iptablesRules(), IptablesConfig.forNode(proxy.nodeName(),
                proxy.nodeName().equals("node-1") ? "172.18.0.2" : "172.18.0.3"),
                c.kernel.random("kube-proxy/" + proxy.nodeName() + "/packets"), c.kernel);
    }

    private void backends(String app, int n, String node, String ipPrefix) {
        for (int i = 0; i < n; i++) {
            c.pod(app + "-" + node + "-" + i, app, node);
            c.status(app + "-" + node + "-" + i, ipPrefix + (i + 10), true);
        }
    }

    @Test
    void clusterIPSpreadsOverTheReadyEndpointsAndKeepsThePodSource() {
        Service web = c.service("web", Map.of("app", "web"), port("http", 80, IntOrString.of(8080)));
        backends("web", 2, "node-1", "10.244.1.");
        backends("web", 1, "node-2", "10.244.2.");
        c.settle();
        IptablesWalker w = walker(proxy1);
        Map<String, Integer> hits = new TreeMap<>();
        for (int i = 0; i < 300; i++) {
            WalkResult r = w.walk(Packet.tcp("10.244.1.99", web.spec().clusterIP(), 80));
            assertEquals(Outcome.DELIVERED, r.outcome());
            assertEquals("10.244.1.99", r.sourceSeenByBackend(), "pod traffic is not masqueraded");
            hits.merge(r.backend(), 1, Integer::sum);
        }
        assertEquals(List.of("10.244.1.10:8080", "10.244.1.11:8080", "10.244.2.10:8080"), List.copyOf(hits.keySet()));
        hits.values().forEach(h -> assertTrue(h > 70 && h < 130, "about a third each: " + hits));
    }

    @Test
    void noEndpointsIsConnectionRefused() {
        Service web = c.service("web", Map.of("app", "web"), port("http", 80, IntOrString.of(8080)));
        c.settle();
        WalkResult r = walker(proxy1).walk(Packet.tcp("10.244.1.99", web.spec().clusterIP(), 80));
        assertEquals(Outcome.REFUSED, r.outcome());
        assertEquals("connection refused", r.message());
    }

    @Test
    void nodePortClusterPolicyMasqueradesAndLocalPolicyKeepsTheClientOrTimesOut() {
        Service cluster = c.service("web", ServiceSpec.builder().type("NodePort").selector(Map.of("app", "web"))
                .ports(List.of(port("http", 80, IntOrString.of(8080)))));
        Service local = c.service("local", ServiceSpec.builder().type("NodePort").externalTrafficPolicy("Local")
                .selector(Map.of("app", "web")).ports(List.of(port("http", 80, IntOrString.of(8080)))));
        backends("web", 1, "node-2", "10.244.2.");
        c.settle();
        int np = cluster.spec().ports().get(0).nodePort();
        WalkResult viaNode1 = walker(proxy1).walk(Packet.tcp("203.0.113.7", "172.18.0.2", np));
        assertEquals(Outcome.DELIVERED, viaNode1.outcome());
        assertEquals("10.244.2.10:8080", viaNode1.backend());
        assertEquals("172.18.0.2", viaNode1.sourceSeenByBackend(), "SNAT to the node");
        int lp = local.spec().ports().get(0).nodePort();
        WalkResult noLocal = walker(proxy1).walk(Packet.tcp("203.0.113.7", "172.18.0.2", lp));
        assertEquals(Outcome.DROPPED, noLocal.outcome());
        assertEquals("connection timed out", noLocal.message());
        WalkResult withLocal = walker(proxy2).walk(Packet.tcp("203.0.113.7", "172.18.0.3", lp));
        assertEquals(Outcome.DELIVERED, withLocal.outcome());
        assertEquals("203.0.113.7", withLocal.sourceSeenByBackend(), "Local policy preserves the client IP");
    }

    @Test
    void clientIPAffinitySticks() {
        Service web = c.service("web", ServiceSpec.builder().selector(Map.of("app", "web")).sessionAffinity("ClientIP")
                .ports(List.of(port("http", 80, IntOrString.of(8080)))));
        backends("web", 3, "node-1", "10.244.1.");
        c.settle();
        IptablesWalker w = walker(proxy1);
        String first = w.walk(Packet.tcp("10.244.1.99", web.spec().clusterIP(), 80)).backend();
        for (int i = 0; i < 30; i++) {
            assertEquals(first, w.walk(Packet.tcp("10.244.1.99", web.spec().clusterIP(), 80)).backend());
        }
    }

    @Test
    void rulesEvaluatedGrowWithTheNumberOfServices() {
        for (int i = 0; i < 50; i++) {
            c.service("svc-" + i, Map.of("app", "web"), port("http", 80, IntOrString.of(8080)));
        }
        backends("web", 1, "node-1", "10.244.1.");
        c.settle();
        Service last = c.api.get(io.ksim.apiserver.registry.BuiltinResources.SERVICES, "default", "svc-9");
        Service first = c.api.get(io.ksim.apiserver.registry.BuiltinResources.SERVICES, "default", "svc-0");
        IptablesWalker w = walker(proxy1);
        int toFirst = w.walk(Packet.tcp("10.244.1.99", first.spec().clusterIP(), 80)).rulesEvaluated();
        int toLast = w.walk(Packet.tcp("10.244.1.99", last.spec().clusterIP(), 80)).rulesEvaluated();
        // KUBE-SERVICES is ordered by service name: svc-0 < svc-1 < svc-10 < ... < svc-9.
        assertTrue(toLast > toFirst + 40, toFirst + " vs " + toLast);
    }
}
