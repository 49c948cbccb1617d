package io.ksim.network.endpoints;

import static io.ksim.network.NetworkTestCluster.port;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.ksim.api.core.Endpoints;
import io.ksim.api.discovery.EndpointSlice;
import io.ksim.api.resource.IntOrString;
import io.ksim.apiserver.registry.BuiltinResources;
import io.ksim.network.NetworkTestCluster;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/**
 * The classic arithmetic for EndpointSlices (KEP-752, and the Kubernetes blog "Scaling Kubernetes Networking
 * With EndpointSlices"): a Service with 5,000 endpoints on 2,000 nodes; one pod changes; the Endpoints
 * object goes whole to every kube-proxy while only one slice of 100 endpoints does.
 */
class KubeProxyFanoutTest {

    private static final int NODES = 2000;
    private static final int ENDPOINTS = 5000;

    @Test
    void onePodChangeOfAFiveThousandEndpointServiceOnTwoThousandNodes() {
        NetworkTestCluster c = new NetworkTestCluster(3);
        c.node("node-1", "zone-a");
        c.service("big", Map.of("app", "big"), port("http", 80, IntOrString.of(8080)));
        for (int i = 0; i < ENDPOINTS; i++) {
            c.pod("big-" + i, "big", "node-1");
            c.status("big-" + i, "10.244." + (i / 250) + "." + (i % 250 + 1), true);
        }
        // Untruncated, as the Endpoints kube-proxy read before EndpointSlices (and the 1000-address cap) existed.
        new EndpointsController(c.kernel, c.api, Integer.MAX_VALUE).start();
        new EndpointSliceController(c.kernel, c.api).start();
        c.settle();
        List<EndpointSlice> slices = c.api.list(BuiltinResources.ENDPOINT_SLICES, "default",
                s -> "big".equals(s.metadata().labels().get(EndpointSlice.LABEL_SERVICE_NAME))).items();
        assertEquals(50, slices.size());

        KubeProxyFanout fanout = KubeProxyFanout.watch(c.api, () -> NODES);
        c.status("big-42", "10.244.0.43", false); // one pod of a rolling update stops being ready
        c.settle();

        Endpoints ep = c.api.get(BuiltinResources.ENDPOINTS, "default", "big");
        assertEquals(ENDPOINTS, ep.subsets().stream().mapToInt(s -> s.addresses().size() + s.notReadyAddresses().size())
                .sum());
        assertEquals(1, fanout.endpointsEvents());
        assertEquals(1, fanout.endpointSliceEvents());
        long endpointsObject = KubeProxyFanout.encodedSize(ep);
        assertEquals(endpointsObject * NODES, fanout.endpointsBytes());
        assertTrue(endpointsObject > 500_000, "a 5,000-address Endpoints object is over half a megabyte: "
                + endpointsObject);
        // One slice holds a fiftieth of the endpoints (with per-endpoint conditions and zone it is a bit heavier).
        assertTrue(fanout.endpointSliceBytes() * 25 < fanout.endpointsBytes(),
                fanout.endpointSliceBytes() + " vs " + fanout.endpointsBytes());
        // A rolling update changes every pod at least once: Endpoints bytes grow with the square of the size.
        assertTrue(fanout.endpointsBytes() * ENDPOINTS > 1_000_000_000_000L * 5, "over 5 TB for the whole update");
    }
}
