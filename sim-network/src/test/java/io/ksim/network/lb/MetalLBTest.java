package io.ksim.network.lb;

import static io.ksim.network.NetworkTestCluster.port;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertNull;

import io.ksim.api.core.Event;
import io.ksim.api.core.Node;
import io.ksim.api.core.Service;
import io.ksim.api.core.Service.ServiceSpec;
import io.ksim.api.resource.IntOrString;
import io.ksim.apiserver.registry.BuiltinResources;
import io.ksim.network.NetworkTestCluster;
import io.ksim.network.endpoints.EndpointSliceController;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** A MetalLB-style pool in layer 2: addresses in pool order, one announcing node, failover. */
class MetalLBTest {

    private final NetworkTestCluster c = new NetworkTestCluster(41);
    private final MetalLB lb = new MetalLB(c.kernel, c.api, new AddressPool("default",
            List.of("172.18.255.200-172.18.255.250")));

    MetalLBTest() {
        for (int i = 1; i <= 3; i++) {
            c.node("node-" + i, "zone-a");
        }
        new EndpointSliceController(c.kernel, c.api).start();
        lb.start();
        c.pod("web-1", "web", "node-2");
        c.status("web-1", "10.244.2.10", true);
    }

    private Service lbService(String name, String policy) {
        c.service(name, ServiceSpec.builder().type("LoadBalancer").externalTrafficPolicy(policy)
                .selector(Map.of("app", "web")).ports(List.of(port("http", 80, IntOrString.of(8080)))));
        c.settle();
        return c.api.get(BuiltinResources.SERVICES, "default", name);
    }

    private void setReady(String node, boolean ready) {
        Node n = c.api.get(BuiltinResources.NODES, null, node);
        c.api.updateStatus(BuiltinResources.NODES, n.withStatus(n.status().withConditions(List.of(
                new Node.NodeCondition("Ready", ready ? "True" : "Unknown", null, null, "NodeStatusUnknown",
                        "Kubelet stopped posting node status.")))));
    }

    @Test
    void addressesComeFromThePoolInOrder() {
        Service a = lbService("web", "Cluster");
        Service b = lbService("web2", "Cluster");
        assertEquals("172.18.255.200", a.status().loadBalancer().ingress().get(0).ip());
        assertEquals("VIP", a.status().loadBalancer().ingress().get(0).ipMode());
        assertEquals("172.18.255.201", b.status().loadBalancer().ingress().get(0).ip());
        List<Event> events = c.api.list(BuiltinResources.EVENTS, "default",
                e -> "IPAllocated".equals(e.reason()) && "web".equals(e.involvedObject().name())).items();
        assertEquals("Assigned IP [\"172.18.255.200\"]", events.get(0).message());
    }

    @Test
    void oneNodeAnnouncesAndAnotherTakesOverWhenItFails() {
        lbService("web", "Cluster");
        String first = lb.announcer("default", "web");
        assertNotNull(first);
        setReady(first, false);
        c.settle();
        String second = lb.announcer("default", "web");
        assertNotNull(second);
        assertNotEquals(first, second);
        setReady(first, true);
        c.settle();
        assertEquals(first, lb.announcer("default", "web"), "the election is a pure function of nodes and IP");
    }

    @Test
    void localPolicyAnnouncesFromANodeWithAReadyEndpoint() {
        lbService("web", "Local");
        assertEquals("node-2", lb.announcer("default", "web"));
        setReady("node-2", false);
        c.settle();
        assertNull(lb.announcer("default", "web"), "no candidate left: nobody answers ARP");
    }
}
