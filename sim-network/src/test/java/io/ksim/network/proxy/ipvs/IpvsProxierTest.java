package io.ksim.network.proxy.ipvs;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.ksim.api.core.Service;
import io.ksim.api.core.Service.ClientIPConfig;
import io.ksim.api.core.Service.ServicePort;
import io.ksim.api.core.Service.ServiceSpec;
import io.ksim.api.core.Service.SessionAffinityConfig;
import io.ksim.api.discovery.Endpoint;
import io.ksim.api.discovery.EndpointPort;
import io.ksim.api.discovery.EndpointSlice;
import io.ksim.api.meta.ObjectMeta;
import io.ksim.api.resource.IntOrString;
import io.ksim.network.proxy.ServiceEndpointsMap;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.function.UnaryOperator;
import java.util.stream.Collectors;
import org.junit.jupiter.api.Test;

/**
 * ipvs mode on a small kubeadm-like cluster: the kubernetes Service, kube-dns (UDP and TCP), a NodePort
 * Service with Local policy, and one with ClientIP affinity. The golden text follows ipvsadm.c's print
 * formats (service line {@code "%s  %s %s"}, real server {@code "  -> %-28s %-7s %-6d %-10u %-10u"}).
 */
public class IpvsProxierTest {

    private static final String NODE = "node-1";

    static Service svc(String ns, String name, UnaryOperator<ServiceSpec.Builder> spec) {
        return new Service(null, null, ObjectMeta.of(ns, name),
                spec.apply(ServiceSpec.builder().type("ClusterIP").sessionAffinity("None")).build(), null);
    }

    static ServicePort port(String name, String protocol, int port, Integer nodePort) {
        return new ServicePort(name, protocol, null, port, IntOrString.of(port), nodePort);
    }

    static EndpointSlice slice(String ns, String svc, List<EndpointPort> ports, Endpoint... eps) {
        return new EndpointSlice(ObjectMeta.builder().namespace(ns).name(svc + "-x")
                .labels(Map.of(EndpointSlice.LABEL_SERVICE_NAME, svc)).build(), "IPv4", List.of(eps), ports);
    }

    static Endpoint ep(String ip, String node) {
        return new Endpoint(List.of(ip), null, null, null, null, node, null, null);
    }

    public static ServiceEndpointsMap cluster() {
        List<Service> services = List.of(
                svc("default", "kubernetes", s -> s.clusterIP("10.96.0.1").ports(List.of(
                        new ServicePort("https", "TCP", null, 443, IntOrString.of(6443), null)))),
                svc("kube-system", "kube-dns", s -> s.clusterIP("10.96.0.10").ports(List.of(
                        port("dns", "UDP", 53, null), port("dns-tcp", "TCP", 53, null)))),
                svc("default", "web", s -> s.type("NodePort").externalTrafficPolicy("Local").clusterIP("10.100.7.20")
                        .ports(List.of(port("http", "TCP", 80, 30080)))),
                svc("default", "sticky", s -> s.clusterIP("10.104.0.189").sessionAffinity("ClientIP")
                        .sessionAffinityConfig(new SessionAffinityConfig(new ClientIPConfig(10800)))
                        .ports(List.of(port("http", "TCP", 80, null)))));
        List<EndpointSlice> slices = List.of(
                slice("default", "kubernetes", List.of(EndpointPort.of("https", "TCP", 6443)), ep("172.18.0.2", null)),
                slice("kube-system", "kube-dns", List.of(EndpointPort.of("dns", "UDP", 53),
                        EndpointPort.of("dns-tcp", "TCP", 53)), ep("10.244.0.2", "control-plane"),
                        ep("10.244.0.3", "control-plane")),
                slice("default", "web", List.of(EndpointPort.of("http", "TCP", 80)), ep("10.244.1.5", NODE),
                        ep("10.244.2.6", "node-2")),
                slice("default", "sticky", List.of(EndpointPort.of("http", "TCP", 80)), ep("10.244.2.3", "node-2")));
        return ServiceEndpointsMap.build(NODE, services, slices);
    }

    static String golden(String name) throws IOException {
        try (InputStream in = IpvsProxierTest.class.getResourceAsStream("/golden/" + name)) {
            return new String(in.readAllBytes(), StandardCharsets.UTF_8).lines().filter(l -> !l.startsWith("#"))
                    .collect(Collectors.joining("\n", "", "\n"));
        }
    }

    @Test
    void ipvsadmListsVirtualAndRealServers() throws IOException {
        IpvsState state = new IpvsProxier(IpvsConfig.forNode(NODE, "172.18.0.3")).sync(cluster());
        assertEquals(golden("ipvsadm-small-cluster.txt"), state.ipvsadm());
    }

    @Test
    void serviceIPsAreBoundToKubeIpvs0AndListedInIpsets() {
        IpvsState state = new IpvsProxier(IpvsConfig.forNode(NODE, "172.18.0.3")).sync(cluster());
        assertEquals(List.of("10.96.0.1", "10.96.0.10", "10.100.7.20", "10.104.0.189"), state.kubeIpvs0Addresses());
        assertEquals(Set.of("10.96.0.1,tcp:443", "10.96.0.10,udp:53", "10.96.0.10,tcp:53", "10.100.7.20,tcp:80",
                "10.104.0.189,tcp:80"), state.ipsets().get(IpvsProxier.KUBE_CLUSTER_IP));
        assertEquals(Set.of("30080"), state.ipsets().get("KUBE-NODE-PORT-LOCAL-TCP"));
        assertEquals(Set.of("10.244.1.5,tcp:80,10.244.1.5"), state.ipsets().get(IpvsProxier.KUBE_LOOP_BACK));
        assertTrue(state.kubeIpvs0().contains("    inet 10.96.0.10/32 scope global kube-ipvs0\n"));
    }

    @Test
    void schedulerIsConfigurable() {
        IpvsState state = new IpvsProxier(new IpvsConfig(NODE, List.of("172.18.0.3"), "wrr")).sync(cluster());
        assertTrue(state.ipvsadm().contains("TCP  10.96.0.1:443 wrr\n"));
    }
}
