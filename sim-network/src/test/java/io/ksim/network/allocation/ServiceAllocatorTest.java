package io.ksim.network.allocation;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.ksim.api.core.Endpoints;
import io.ksim.api.core.Service;
import io.ksim.api.core.Service.ServicePort;
import io.ksim.api.core.Service.ServiceSpec;
import io.ksim.api.discovery.EndpointSlice;
import io.ksim.api.meta.ObjectMeta;
import io.ksim.api.resource.IntOrString;
import io.ksim.apiserver.ApiException;
import io.ksim.apiserver.ApiServer;
import io.ksim.apiserver.DeleteOptions;
import io.ksim.apiserver.registry.BuiltinResources;
import io.ksim.apiserver.registry.KubeApiServer;
import io.ksim.kernel.Kernel;
import io.ksim.store.MvccStore;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/**
 * Service allocation through the API server, after pkg/registry/core/service/storage/storage_test.go
 * (TestCreateInitClusterIPsFromClusterIP, TestServiceRegistryNodePort*, TestDeleteWithNodePorts, ...) and
 * alloc.go's error texts.
 */
class ServiceAllocatorTest {

    private final Kernel kernel = Kernel.builder().seed(5).build();
    private final ApiServer api = KubeApiServer.start(kernel, MvccStore.builder(kernel).build());
    private final ServiceNetwork network = ServiceNetwork.install(api, ServiceNetworkConfig.defaults());

    private static Service svc(String name, ServiceSpec.Builder spec) {
        return new Service(null, null, ObjectMeta.of("default", name), spec.build(), null);
    }

    private static ServiceSpec.Builder spec(String type, ServicePort... ports) {
        return ServiceSpec.builder().type(type).selector(Map.of("app", "web")).ports(List.of(ports));
    }

    private static ServicePort port(String name, int port, Integer nodePort) {
        return new ServicePort(name, "TCP", null, port, IntOrString.of(8080), nodePort);
    }

    private Service create(Service s) {
        return api.create(BuiltinResources.SERVICES, "default", s);
    }

    @Test
    void kubernetesServiceAndItsEndpointsExistAtStart() {
        Service k = api.get(BuiltinResources.SERVICES, "default", "kubernetes");
        assertEquals("10.96.0.1", k.spec().clusterIP());
        assertEquals(List.of("10.96.0.1"), k.spec().clusterIPs());
        assertEquals(List.of("IPv4"), k.spec().ipFamilies());
        assertEquals("SingleStack", k.spec().ipFamilyPolicy());
        assertEquals(443, k.spec().ports().get(0).port());
        assertEquals(IntOrString.of(6443), k.spec().ports().get(0).targetPort());
        Endpoints ep = api.get(BuiltinResources.ENDPOINTS, "default", "kubernetes");
        assertEquals("172.18.0.2", ep.subsets().get(0).addresses().get(0).ip());
        assertEquals(6443, ep.subsets().get(0).ports().get(0).port());
        EndpointSlice slice = api.get(BuiltinResources.ENDPOINT_SLICES, "default", "kubernetes");
        assertEquals(Map.of("kubernetes.io/service-name", "kubernetes"), slice.metadata().labels());
        assertEquals(List.of("172.18.0.2"), slice.endpoints().get(0).addresses());
        assertTrue(slice.endpoints().get(0).conditions().ready());
    }

    @Test
    void clusterIPServiceGetsADynamicIPAndFamilies() {
        Service s = create(svc("web", spec("ClusterIP", port("http", 80, null))));
        String ip = s.spec().clusterIP();
        assertEquals(List.of(ip), s.spec().clusterIPs());
        assertTrue(network.allocator().clusterIPs().has(ip));
        assertFalse(network.allocator().clusterIPs().inStaticBand(ip), "dynamic picks avoid the static band: " + ip);
        assertEquals(List.of("IPv4"), s.spec().ipFamilies());
        assertEquals("SingleStack", s.spec().ipFamilyPolicy());
        assertNull(s.spec().ports().get(0).nodePort());
    }

    @Test
    void requestedIPIsKeptAndATakenOneIsRefusedWithUpstreamsText() {
        Service dns = create(svc("kube-dns", spec("ClusterIP", port("dns", 53, null)).clusterIP("10.96.0.10")));
        assertEquals("10.96.0.10", dns.spec().clusterIP());
        ApiException e = assertThrows(ApiException.class,
                () -> create(svc("other", spec("ClusterIP", port("dns", 53, null)).clusterIP("10.96.0.10"))));
        assertEquals(422, e.code());
        assertEquals("Service \"other\" is invalid: spec.clusterIPs: Invalid value: []string{\"10.96.0.10\"}: "
                + "failed to allocate IP 10.96.0.10: provided IP is already allocated", e.getMessage());
        ApiException out = assertThrows(ApiException.class,
                () -> create(svc("out", spec("ClusterIP", port("x", 80, null)).clusterIP("1.1.1.1"))));
        assertEquals("Service \"out\" is invalid: spec.clusterIPs: Invalid value: []string{\"1.1.1.1\"}: "
                + "failed to allocate IP 1.1.1.1: the provided IP (1.1.1.1) is not in the valid range. "
                + "The range of valid IPs is 10.96.0.0/12", out.getMessage());
    }

    @Test
    void headlessAndExternalNameGetNoIP() {
        Service headless = create(svc("db", spec("ClusterIP", port("pg", 5432, null)).clusterIP("None")));
        assertEquals("None", headless.spec().clusterIP());
        assertEquals(List.of("None"), headless.spec().clusterIPs());
        assertEquals(List.of("IPv4"), headless.spec().ipFamilies());
        Service selectorless = create(new Service(null, null, ObjectMeta.of("default", "ext-db"),
                ServiceSpec.builder().clusterIP("None").ports(List.of(port("pg", 5432, null))).build(), null));
        assertEquals("RequireDualStack", selectorless.spec().ipFamilyPolicy());
        assertEquals(List.of("IPv4", "IPv6"), selectorless.spec().ipFamilies());
        Service ext = create(svc("mail", ServiceSpec.builder().type("ExternalName").externalName("mail.example.com")));
        assertNull(ext.spec().clusterIP());
        assertTrue(ext.spec().clusterIPs().isEmpty());
        assertTrue(ext.spec().ipFamilies().isEmpty());
        assertNull(ext.spec().ipFamilyPolicy());
    }

    @Test
    void dualStackIsRefusedOnASingleStackCluster() {
        ApiException e = assertThrows(ApiException.class, () -> create(svc("ds",
                spec("ClusterIP", port("x", 80, null)).ipFamilyPolicy("RequireDualStack"))));
        assertEquals("Service \"ds\" is invalid: spec.ipFamilyPolicy: Invalid value: \"RequireDualStack\": "
                + "this cluster is not configured for dual-stack services", e.getMessage());
        ApiException v6 = assertThrows(ApiException.class, () -> create(svc("v6",
                spec("ClusterIP", port("x", 80, null)).ipFamilies(List.of("IPv6")))));
        assertEquals("Service \"v6\" is invalid: spec.ipFamilies[0]: Invalid value: \"IPv6\": "
                + "not configured on this cluster", v6.getMessage());
    }

    @Test
    void nodePortServiceGetsDynamicAndRequestedPorts() {
        Service s = create(svc("web", spec("NodePort", port("http", 80, null), port("https", 443, 30443))));
        int dynamic = s.spec().ports().get(0).nodePort();
        assertTrue(dynamic >= 30086 && dynamic <= 32767, "dynamic node port " + dynamic);
        assertEquals(30443, s.spec().ports().get(1).nodePort());
        ApiException e = assertThrows(ApiException.class,
                () -> create(svc("other", spec("NodePort", port("https", 443, 30443)))));
        assertEquals("Service \"other\" is invalid: spec.ports[0].nodePort: Invalid value: 30443: "
                + "provided port is already allocated", e.getMessage());
        ApiException range = assertThrows(ApiException.class,
                () -> create(svc("low", spec("NodePort", port("http", 80, 8080)))));
        assertEquals("Service \"low\" is invalid: spec.ports[0].nodePort: Invalid value: 8080: provided port is not "
                + "in the valid range. The range of valid ports is 30000-32767", range.getMessage());
    }

    @Test
    void aRefusedCreateGivesBackWhatItReserved() {
        int free = network.allocator().clusterIPs().free();
        // The cluster IP is reserved first; the taken node port then refuses the create.
        create(svc("web", spec("NodePort", port("http", 80, 30080))));
        free -= 1;
        assertThrows(ApiException.class, () -> create(svc("other", spec("NodePort", port("http", 80, 30080)))));
        assertEquals(free, network.allocator().clusterIPs().free());
        // A create refused by storage (the name exists) gives back its reservations too.
        assertThrows(ApiException.class, () -> create(svc("web", spec("NodePort", port("http", 81, 30081)))));
        assertFalse(network.allocator().nodePorts().has(30081));
        assertEquals(free, network.allocator().clusterIPs().free());
    }

    @Test
    void portsSharingAServicePortNumberShareANodePort() {
        Service s = create(svc("dns", spec("NodePort", new ServicePort("dns", "UDP", null, 53, IntOrString.of(53), null),
                new ServicePort("dns-tcp", "TCP", null, 53, IntOrString.of(53), null))));
        assertEquals(s.spec().ports().get(0).nodePort(), s.spec().ports().get(1).nodePort());
    }

    @Test
    void loadBalancerNodePortsAndHealthCheck() {
        Service lb = create(svc("lb", spec("LoadBalancer", port("http", 80, null)).externalTrafficPolicy("Local")));
        assertTrue(lb.spec().ports().get(0).nodePort() >= 30000);
        int hc = lb.spec().healthCheckNodePort();
        assertTrue(network.allocator().nodePorts().has(hc));
        Service noPorts = create(svc("lb2", spec("LoadBalancer", port("http", 80, null))
                .allocateLoadBalancerNodePorts(false)));
        assertNull(noPorts.spec().ports().get(0).nodePort());
        assertNull(noPorts.spec().healthCheckNodePort());
        ApiException e = assertThrows(ApiException.class, () -> create(svc("lb3",
                spec("LoadBalancer", port("http", 80, null)).externalTrafficPolicy("Local").healthCheckNodePort(hc))));
        assertEquals(500, e.code());
        assertEquals("Internal error occurred: failed to allocate requested HealthCheck NodePort " + hc
                + ": provided port is already allocated", e.getMessage());
    }

    @Test
    void deleteReleasesEverything() {
        Service s = create(svc("web", spec("LoadBalancer", port("http", 80, 30080)).externalTrafficPolicy("Local")));
        String ip = s.spec().clusterIP();
        int hc = s.spec().healthCheckNodePort();
        api.delete(BuiltinResources.SERVICES, "default", "web", DeleteOptions.defaults());
        assertFalse(network.allocator().clusterIPs().has(ip));
        assertFalse(network.allocator().nodePorts().has(30080));
        assertFalse(network.allocator().nodePorts().has(hc));
        Service again = create(svc("web2", spec("NodePort", port("http", 80, 30080)).clusterIP(ip)));
        assertEquals(ip, again.spec().clusterIP());
    }

    @Test
    void updateKeepsAllocatedValuesAndTypeChangesAllocateAndRelease() {
        Service s = create(svc("web", spec("ClusterIP", port("http", 80, null))));
        String ip = s.spec().clusterIP();
        // An update that leaves clusterIP out keeps it (as kubectl apply of the original manifest does).
        Service np = api.update(BuiltinResources.SERVICES, s.withSpec(s.spec().toBuilder().clusterIP(null)
                .clusterIPs(null).type("NodePort").build()));
        assertEquals(ip, np.spec().clusterIP());
        int nodePort = np.spec().ports().get(0).nodePort();
        assertTrue(network.allocator().nodePorts().has(nodePort));
        Service again = api.update(BuiltinResources.SERVICES, np.withSpec(np.spec().toBuilder()
                .ports(List.of(port("http", 80, null))).build()));
        assertEquals(nodePort, again.spec().ports().get(0).nodePort(), "an omitted node port is kept");
        Service back = api.update(BuiltinResources.SERVICES, again.withSpec(again.spec().toBuilder().type("ClusterIP")
                .externalTrafficPolicy(null).ports(List.of(port("http", 80, null))).build()));
        assertNull(back.spec().ports().get(0).nodePort());
        assertFalse(network.allocator().nodePorts().has(nodePort));
        assertTrue(network.allocator().clusterIPs().has(ip));
    }

    @Test
    void fullRangeSaysSo() {
        Kernel k = Kernel.builder().seed(1).build();
        ApiServer small = KubeApiServer.start(k, MvccStore.builder(k).build());
        ServiceNetwork.install(small, ServiceNetworkConfig.defaults().withServiceClusterIPRange("10.96.0.0/29"));
        for (int i = 0; i < 5; i++) { // 6 usable, one is kubernetes'
            small.create(BuiltinResources.SERVICES, "default", svc("s" + i, spec("ClusterIP", port("x", 80, null))));
        }
        ApiException e = assertThrows(ApiException.class, () -> small.create(BuiltinResources.SERVICES, "default",
                svc("s6", spec("ClusterIP", port("x", 80, null)))));
        assertEquals("Internal error occurred: failed to allocate a serviceIP: range is full", e.getMessage());
    }
}
