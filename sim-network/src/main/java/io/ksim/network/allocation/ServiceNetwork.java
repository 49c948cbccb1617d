package io.ksim.network.allocation;

import io.ksim.api.core.Endpoints;
import io.ksim.api.core.Service;
import io.ksim.api.core.Service.ServicePort;
import io.ksim.api.core.Service.ServiceSpec;
import io.ksim.api.discovery.Endpoint;
import io.ksim.api.discovery.Endpoint.EndpointConditions;
import io.ksim.api.discovery.EndpointPort;
import io.ksim.api.discovery.EndpointSlice;
import io.ksim.api.meta.ObjectMeta;
import io.ksim.api.resource.IntOrString;
import io.ksim.apiserver.ApiServer;
import io.ksim.apiserver.registry.BuiltinResources;
import java.util.List;
import java.util.Map;

/**
 * Installs Service allocation into an API server and creates what kube-apiserver creates at start: the
 * {@code default/kubernetes} Service at the first address of the range (10.96.0.1), port {@code https} 443
 * to the secure port, and its Endpoints and EndpointSlice (both named {@code kubernetes}, written by the
 * API server's endpoint reconciler, so the slice carries only the service-name label) pointing at the
 * advertised address.
 */
public final class ServiceNetwork {

    public static final String KUBERNETES_SERVICE = "kubernetes";

    private final ServiceNetworkConfig config;
    private final ServiceAllocator allocator;

    private ServiceNetwork(ServiceNetworkConfig config, ServiceAllocator allocator) {
        this.config = config;
        this.allocator = allocator;
    }

    /** Adds the allocator to {@code api}'s admission chain (last) and creates the kubernetes Service. */
    public static ServiceNetwork install(ApiServer api, ServiceNetworkConfig config) {
        ClusterIPAllocator ips = new ClusterIPAllocator(config.serviceClusterIPRange(),
                api.kernel().random("service-cluster-ip-allocator"));
        NodePortAllocator ports = new NodePortAllocator(config.serviceNodePortRange(),
                api.kernel().random("service-node-port-allocator"));
        ServiceAllocator allocator = new ServiceAllocator(ips, ports);
        api.addAdmissionPlugin(allocator);
        ServiceNetwork network = new ServiceNetwork(config, allocator);
        network.createKubernetesService(api);
        return network;
    }

    /**
     * Starts kube-apiserver's cluster IP and node port repair loops (every 3 minutes, and once now): leaked
     * allocations are released, duplicates and out-of-range values reported as events on the Service. Periodic, so
     * a kernel running them never goes idle.
     */
    public void startRepairLoops(ApiServer api) {
        AllocationRepair.clusterIPs(api, allocator.clusterIPs()).start(AllocationRepair.DEFAULT_INTERVAL);
        AllocationRepair.nodePorts(api, allocator.nodePorts()).start(AllocationRepair.DEFAULT_INTERVAL);
    }

    public ServiceNetworkConfig config() {
        return config;
    }

    public ServiceAllocator allocator() {
        return allocator;
    }

    /** The kubernetes Service's IP: the first address of the range. */
    public String kubernetesServiceIP() {
        return allocator.clusterIPs().address(1);
    }

    private void createKubernetesService(ApiServer api) {
        ObjectMeta meta = ObjectMeta.builder().name(KUBERNETES_SERVICE).namespace("default")
                .labels(Map.of("component", "apiserver", "provider", "kubernetes")).build();
        ServiceSpec spec = ServiceSpec.builder().type(ServiceSpec.TYPE_CLUSTER_IP).clusterIP(kubernetesServiceIP())
                .ports(List.of(new ServicePort("https", "TCP", null, 443, IntOrString.of(config.securePort()), null)))
                .build();
        api.create(BuiltinResources.SERVICES, "default", new Service(null, null, meta, spec, null));
        ObjectMeta epMeta = ObjectMeta.builder().name(KUBERNETES_SERVICE).namespace("default")
                .labels(Map.of("endpointslice.kubernetes.io/skip-mirror", "true")).build();
        api.create(BuiltinResources.ENDPOINTS, "default", new Endpoints(null, null, epMeta, List.of(
                new Endpoints.EndpointSubset(List.of(new Endpoints.EndpointAddress(config.advertiseAddress(), null,
                        null, null)), null, List.of(new Endpoints.EndpointPort("https", config.securePort(), "TCP",
                                null))))));
        ObjectMeta sliceMeta = ObjectMeta.builder().name(KUBERNETES_SERVICE).namespace("default")
                .labels(Map.of(EndpointSlice.LABEL_SERVICE_NAME, KUBERNETES_SERVICE)).build();
        api.create(BuiltinResources.ENDPOINT_SLICES, "default", new EndpointSlice(sliceMeta,
                EndpointSlice.ADDRESS_TYPE_IPV4, List.of(new Endpoint(List.of(config.advertiseAddress()),
                        new EndpointConditions(true, null, null), null, null, null, null, null, null)),
                List.of(EndpointPort.of("https", "TCP", config.securePort()))));
    }
}
