package io.ksim.network.endpoints;

import static io.ksim.network.NetworkTestCluster.port;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.ksim.api.core.Service;
import io.ksim.api.discovery.Endpoint;
import io.ksim.api.discovery.EndpointPort;
import io.ksim.api.discovery.EndpointSlice;
import io.ksim.api.meta.OwnerReference;
import io.ksim.api.resource.IntOrString;
import io.ksim.apiserver.registry.BuiltinResources;
import io.ksim.network.NetworkTestCluster;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/**
 * The EndpointSlice controller against the API server, after pkg/controller/endpointslice
 * endpointslice_controller_test.go and k8s.io/endpointslice reconciler_test.go (TestReconcile1Pod,
 * TestReconcileManyPods, TestReconcileEndpointSlicesReplaceDeprecated..., placeholder cases).
 */
class EndpointSliceControllerTest {

    private final NetworkTestCluster c = new NetworkTestCluster(11);

    private List<EndpointSlice> slicesOf(String service) {
        return c.api.list(BuiltinResources.ENDPOINT_SLICES, "default",
                s -> service.equals(s.metadata().labels().get(EndpointSlice.LABEL_SERVICE_NAME))).items();
    }

    private EndpointSliceController start(int max) {
        EndpointSliceController ctl = new EndpointSliceController(c.kernel, c.api, max);
        ctl.start();
        return ctl;
    }

    @Test
    void oneSliceWithLabelsOwnerPortsAndConditions() {
        c.node("node-1", "zone-a");
        c.node("node-2", "zone-b");
        Service svc = c.service("web", Map.of("app", "web"), port("http", 80, IntOrString.of("http")));
        c.pod("web-1", "web", "node-1");
        c.pod("web-2", "web", "node-2");
        c.status("web-1", "10.244.1.5", true);
        c.status("web-2", "10.244.2.7", false);
        start(100);
        c.settle();
        List<EndpointSlice> slices = slicesOf("web");
        assertEquals(1, slices.size());
        EndpointSlice s = slices.get(0);
        assertTrue(s.metadata().name().matches("web-[a-z0-9]{5}"), s.metadata().name());
        assertEquals(Map.of("kubernetes.io/service-name", "web",
                "endpointslice.kubernetes.io/managed-by", "endpointslice-controller.k8s.io"), s.metadata().labels());
        assertEquals(List.of(OwnerReference.controllerOf("v1", "Service", "web", svc.metadata().uid())),
                s.metadata().ownerReferences());
        assertEquals("IPv4", s.addressType());
        assertEquals(List.of(new EndpointPort("http", "TCP", 8080, null)), s.ports(), "named targetPort resolved");
        Endpoint e1 = s.endpoints().stream().filter(e -> e.addresses().equals(List.of("10.244.1.5"))).findFirst()
                .orElseThrow();
        assertEquals(new Endpoint.EndpointConditions(true, true, false), e1.conditions());
        assertEquals("node-1", e1.nodeName());
        assertEquals("zone-a", e1.zone());
        assertEquals("web-1", e1.targetRef().name());
        assertEquals("Pod", e1.targetRef().kind());
        Endpoint e2 = s.endpoints().stream().filter(e -> e.addresses().equals(List.of("10.244.2.7"))).findFirst()
                .orElseThrow();
        assertEquals(new Endpoint.EndpointConditions(false, false, false), e2.conditions());
        assertEquals("zone-b", e2.zone());
    }

    @Test
    void readinessAndDeletionRewriteConditions() {
        c.node("node-1", "zone-a");
        c.service("web", Map.of("app", "web"), port("http", 80, IntOrString.of(8080)));
        c.pod("web-1", "web", "node-1");
        c.status("web-1", "10.244.1.5", false);
        start(100);
        c.settle();
        assertFalse(slicesOf("web").get(0).endpoints().get(0).conditions().ready());
        c.status("web-1", "10.244.1.5", true);
        c.settle();
        assertEquals(new Endpoint.EndpointConditions(true, true, false),
                slicesOf("web").get(0).endpoints().get(0).conditions());
        c.deletePod("web-1");
        c.settle();
        assertEquals(new Endpoint.EndpointConditions(false, true, true),
                slicesOf("web").get(0).endpoints().get(0).conditions(), "terminating: serving but not ready");
    }

    @Test
    void publishNotReadyAddressesMarksEveryEndpointReady() {
        c.node("node-1", "zone-a");
        c.service("db", Service.ServiceSpec.builder().selector(Map.of("app", "db")).clusterIP("None")
                .publishNotReadyAddresses(true).ports(List.of(port("pg", 5432, IntOrString.of(5432)))));
        c.pod("db-0", "db", "node-1");
        c.status("db-0", "10.244.1.9", false);
        start(100);
        c.settle();
        EndpointSlice s = slicesOf("db").get(0);
        assertEquals(new Endpoint.EndpointConditions(true, false, false), s.endpoints().get(0).conditions());
        assertEquals("", s.metadata().labels().get("service.kubernetes.io/headless"));
    }

    @Test
    void noEndpointsKeepsOnePlaceholderThatTheFirstEndpointReuses() {
        c.node("node-1", "zone-a");
        c.service("web", Map.of("app", "web"), port("http", 80, IntOrString.of(8080)));
        start(100);
        c.settle();
        List<EndpointSlice> slices = slicesOf("web");
        assertEquals(1, slices.size());
        assertTrue(slices.get(0).endpoints().isEmpty());
        assertTrue(slices.get(0).ports().isEmpty());
        String placeholder = slices.get(0).metadata().name();
        c.pod("web-1", "web", "node-1");
        c.status("web-1", "10.244.1.5", true);
        c.settle();
        slices = slicesOf("web");
        assertEquals(1, slices.size());
        assertEquals(placeholder, slices.get(0).metadata().name(), "the placeholder is updated, not replaced");
        assertEquals(1, slices.get(0).endpoints().size());
    }

    @Test
    void slicesSplitAtTheMaximumAndRefillOnChanges() {
        c.node("node-1", "zone-a");
        c.service("web", Map.of("app", "web"), port("http", 80, IntOrString.of(8080)));
        for (int i = 0; i < 250; i++) {
            c.pod("web-" + i, "web", "node-1");
            c.status("web-" + i, "10.244." + (i / 200) + "." + (i % 200 + 1), true);
        }
        start(100);
        c.settle();
        List<Integer> sizes = slicesOf("web").stream().map(s -> s.endpoints().size())
                .sorted(Comparator.reverseOrder()).toList();
        assertEquals(List.of(100, 100, 50), sizes);
        c.pod("web-250", "web", "node-1");
        c.status("web-250", "10.244.9.9", true);
        c.settle();
        sizes = slicesOf("web").stream().map(s -> s.endpoints().size()).sorted(Comparator.reverseOrder()).toList();
        assertEquals(List.of(100, 100, 51), sizes, "a new endpoint fills the slice it fits in most closely");
    }

    @Test
    void configurableMaximum() {
        c.node("node-1", "zone-a");
        c.service("web", Map.of("app", "web"), port("http", 80, IntOrString.of(8080)));
        for (int i = 0; i < 7; i++) {
            c.pod("web-" + i, "web", "node-1");
            c.status("web-" + i, "10.244.1." + (i + 1), true);
        }
        start(3);
        c.settle();
        assertEquals(List.of(1, 3, 3), slicesOf("web").stream().map(s -> s.endpoints().size()).sorted().toList());
    }

    @Test
    void podsWithoutTheNamedPortGoToTheirOwnSlice() {
        c.node("node-1", "zone-a");
        c.service("web", Map.of("app", "web"), port("http", 80, IntOrString.of("metrics")));
        c.pod("web-1", "web", "node-1");
        c.status("web-1", "10.244.1.5", true);
        start(100);
        c.settle();
        EndpointSlice s = slicesOf("web").get(0);
        assertTrue(s.ports().isEmpty(), "the port is skipped for a pod without it");
        assertEquals(1, s.endpoints().size());
        assertNull(s.endpoints().get(0).hostname());
    }
}
