package io.ksim.network.proxy.iptables;

import static org.junit.jupiter.api.Assertions.assertEquals;

import io.ksim.api.core.Service;
import io.ksim.api.core.Service.ClientIPConfig;
import io.ksim.api.core.Service.LoadBalancerIngress;
import io.ksim.api.core.Service.LoadBalancerStatus;
import io.ksim.api.core.Service.ServicePort;
import io.ksim.api.core.Service.ServiceSpec;
import io.ksim.api.core.Service.ServiceStatus;
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
import java.util.function.UnaryOperator;
import java.util.stream.Collectors;
import org.junit.jupiter.api.Test;

/**
 * The services and endpoints of upstream's TestOverallIPTablesRules (pkg/proxy/iptables/proxier_test.go),
 * rebuilt here, must give that test's expected payload byte for byte (golden/iptables-overall.txt).
 */
class IptablesProxierGoldenTest {

    static final String NODE = "testNodeName";

    static Service service(String ns, String name, UnaryOperator<ServiceSpec.Builder> spec, List<String> lbIPs) {
        ServiceSpec.Builder b = ServiceSpec.builder().type("ClusterIP").sessionAffinity("None");
        List<LoadBalancerIngress> ingress = lbIPs.stream().map(ip -> new LoadBalancerIngress(ip, null, null, null))
                .toList();
        return new Service(null, null, ObjectMeta.of(ns, name), spec.apply(b).build(),
                new ServiceStatus(new LoadBalancerStatus(ingress), null));
    }

    static ServicePort p80(Integer nodePort) {
        return new ServicePort("p80", "TCP", null, 80, IntOrString.of(80), nodePort);
    }

    static EndpointSlice slice(String ns, String svc, List<Endpoint> endpoints) {
        ObjectMeta meta = ObjectMeta.builder().namespace(ns).name(svc + "-1")
                .labels(Map.of(EndpointSlice.LABEL_SERVICE_NAME, svc)).build();
        return new EndpointSlice(meta, "IPv4", endpoints, List.of(EndpointPort.of("p80", "TCP", 80)));
    }

    static Endpoint ep(String ip, String nodeName) {
        return new Endpoint(List.of(ip), null, null, null, null, nodeName, null, null);
    }

    static List<Service> services() {
        return List.of(
                service("ns1", "svc1", s -> s.clusterIP("172.30.0.41").ports(List.of(p80(null))), List.of()),
                service("ns2", "svc2", s -> s.type("LoadBalancer").externalTrafficPolicy("Local")
                        .clusterIP("172.30.0.42").ports(List.of(p80(3001))).externalIPs(List.of("192.168.99.22"))
                        .healthCheckNodePort(30000), List.of("1.2.3.4")),
                service("ns3", "svc3", s -> s.type("NodePort").clusterIP("172.30.0.43").ports(List.of(p80(3003))),
                        List.of()),
                service("ns4", "svc4", s -> s.type("NodePort").clusterIP("172.30.0.44")
                        .externalIPs(List.of("192.168.99.33")).ports(List.of(p80(null))), List.of()),
                service("ns5", "svc5", s -> s.type("LoadBalancer").externalTrafficPolicy("Cluster")
                        .clusterIP("172.30.0.45").ports(List.of(p80(3002))).healthCheckNodePort(30000)
                        .loadBalancerSourceRanges(List.of(" 203.0.113.0/25")).sessionAffinity("ClientIP")
                        .sessionAffinityConfig(new SessionAffinityConfig(new ClientIPConfig(10800))), List.of("5.6.7.8")),
                service("ns6", "svc6", s -> s.clusterIP("172.30.0.46").ports(List.of(p80(null))), List.of()));
    }

    static List<EndpointSlice> slices() {
        return List.of(
                slice("ns1", "svc1", List.of(ep("10.180.0.1", null))),
                // No nodeName: not local, so svc2's Local policy has no local endpoint.
                slice("ns2", "svc2", List.of(ep("10.180.0.2", null))),
                slice("ns3", "svc3", List.of(ep("10.180.0.3", null))),
                slice("ns4", "svc4", List.of(ep("10.180.0.4", null), ep("10.180.0.5", NODE))),
                slice("ns5", "svc5", List.of(ep("10.180.0.3", null))));
    }

    static String golden(String name) throws IOException {
        try (InputStream in = IptablesProxierGoldenTest.class.getResourceAsStream("/golden/" + name)) {
            // The header is the leading run of "## " lines; later "#" lines are content (iptables-save writes some).
            return new String(in.readAllBytes(), StandardCharsets.UTF_8).lines().dropWhile(l -> l.startsWith("## "))
                    .collect(Collectors.joining("\n", "", "\n"));
        }
    }

    @Test
    void overallRulesMatchUpstreamsExpectedPayload() throws IOException {
        IptablesProxier proxier = new IptablesProxier(new IptablesConfig(NODE, "192.168.0.2", "10.0.0.0/8", false,
                true));
        IptablesRules rules = proxier.sync(ServiceEndpointsMap.build(NODE, services(), slices()));
        assertEquals(golden("iptables-overall.txt"), rules.restorePayload());
    }
}
