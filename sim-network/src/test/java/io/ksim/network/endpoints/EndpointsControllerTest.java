package io.ksim.network.endpoints;

import static io.ksim.network.NetworkTestCluster.port;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.ksim.api.core.Endpoints;
import io.ksim.api.core.Endpoints.EndpointAddress;
import io.ksim.api.core.Endpoints.EndpointSubset;
import io.ksim.api.resource.IntOrString;
import io.ksim.apiserver.ApiException;
import io.ksim.apiserver.DeleteOptions;
import io.ksim.apiserver.registry.BuiltinResources;
import io.ksim.network.NetworkTestCluster;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** The legacy Endpoints controller, after pkg/controller/endpoint/endpoints_controller_test.go. */
class EndpointsControllerTest {

    private final NetworkTestCluster c = new NetworkTestCluster(13);

    private Endpoints endpoints(String name) {
        return c.api.get(BuiltinResources.ENDPOINTS, "default", name);
    }

    @Test
    void readyAndNotReadyAddressesWithResolvedPorts() {
        c.node("node-1", "zone-a");
        c.service("web", Map.of("app", "web"), port("http", 80, IntOrString.of("http")));
        c.pod("web-1", "web", "node-1");
        c.pod("web-2", "web", "node-1");
        c.status("web-1", "10.244.1.5", true);
        c.status("web-2", "10.244.1.4", false);
        new EndpointsController(c.kernel, c.api).start();
        c.settle();
        Endpoints ep = endpoints("web");
        assertEquals(1, ep.subsets().size());
        EndpointSubset s = ep.subsets().get(0);
        assertEquals(List.of("10.244.1.5"), s.addresses().stream().map(EndpointAddress::ip).toList());
        assertEquals(List.of("10.244.1.4"), s.notReadyAddresses().stream().map(EndpointAddress::ip).toList());
        assertEquals("node-1", s.addresses().get(0).nodeName());
        assertEquals("web-1", s.addresses().get(0).targetRef().name());
        assertEquals(List.of(new Endpoints.EndpointPort("http", 8080, "TCP", null)), s.ports());
    }

    @Test
    void terminatingPodsLeaveAndDeletedServicesTakeTheirEndpoints() {
        c.node("node-1", "zone-a");
        c.service("web", Map.of("app", "web"), port("http", 80, IntOrString.of(8080)));
        c.pod("web-1", "web", "node-1");
        c.status("web-1", "10.244.1.5", true);
        new EndpointsController(c.kernel, c.api).start();
        c.settle();
        assertEquals(1, endpoints("web").subsets().size());
        c.deletePod("web-1");
        c.settle();
        assertTrue(endpoints("web").subsets().isEmpty());
        c.api.delete(BuiltinResources.SERVICES, "default", "web", DeleteOptions.defaults());
        c.settle();
        ApiException e = assertThrows(ApiException.class, () -> endpoints("web"));
        assertEquals(404, e.code());
    }

    @Test
    void overCapacityIsTruncatedAndAnnotated() {
        c.node("node-1", "zone-a");
        c.service("big", Map.of("app", "big"), port("http", 80, IntOrString.of(8080)));
        for (int i = 0; i < 1005; i++) {
            c.pod("big-" + i, "big", "node-1");
            c.status("big-" + i, "10.244." + (i / 250) + "." + (i % 250 + 1), i % 2 == 0);
        }
        new EndpointsController(c.kernel, c.api).start();
        c.settle();
        Endpoints ep = endpoints("big");
        assertEquals("truncated", ep.metadata().annotations().get("endpoints.kubernetes.io/over-capacity"));
        EndpointSubset s = ep.subsets().get(0);
        assertEquals(503, s.addresses().size(), "ready addresses are kept");
        assertEquals(497, s.notReadyAddresses().size(), "not-ready ones are cut to fit 1000");
    }

    @Test
    void truncationSharesCapacityByProportionRoundingUp() {
        // Two subsets of 600 and 400 ready addresses plus 200 not ready: ready ones fit, not-ready ones are cut.
        EndpointSubsets.Subset a = subset(600, 150);
        EndpointSubsets.Subset b = subset(400, 50);
        assertTrue(EndpointSubsets.truncate(List.of(a, b), 1000));
        assertEquals(600, a.addresses.size());
        assertEquals(0, a.notReady.size()); // ceil(150/200 * 0) = 0
        assertEquals(0, b.notReady.size());
        EndpointSubsets.Subset c1 = subset(700, 10);
        EndpointSubsets.Subset c2 = subset(500, 0);
        assertTrue(EndpointSubsets.truncate(List.of(c1, c2), 1000));
        assertEquals(584, c1.addresses.size()); // ceil(700/1200 * 1000)
        assertEquals(416, c2.addresses.size()); // the rest
        assertEquals(0, c1.notReady.size());
    }

    private static EndpointSubsets.Subset subset(int ready, int notReady) {
        EndpointSubsets.Subset s = new EndpointSubsets.Subset(List.of());
        s.addresses = new ArrayList<>();
        s.notReady = new ArrayList<>();
        for (int i = 0; i < ready; i++) {
            s.addresses.add(new EndpointAddress("10.0.0." + i, null, null, null));
        }
        for (int i = 0; i < notReady; i++) {
            s.notReady.add(new EndpointAddress("10.1.0." + i, null, null, null));
        }
        return s;
    }

    @Test
    void headlessLabelAndServiceLabelsAreCopied() {
        c.api.create(BuiltinResources.SERVICES, "default", new io.ksim.api.core.Service(null, null,
                io.ksim.api.meta.ObjectMeta.builder().name("db").namespace("default").labels(Map.of("tier", "data"))
                        .build(),
                io.ksim.api.core.Service.ServiceSpec.builder().clusterIP("None").selector(Map.of("app", "db"))
                        .ports(List.of(port("pg", 5432, IntOrString.of(5432)))).build(), null));
        new EndpointsController(c.kernel, c.api).start();
        c.settle();
        Endpoints ep = endpoints("db");
        assertEquals(Map.of("tier", "data", "service.kubernetes.io/headless", ""), ep.metadata().labels());
        assertNull(ep.metadata().annotations().get("endpoints.kubernetes.io/over-capacity"));
    }
}
