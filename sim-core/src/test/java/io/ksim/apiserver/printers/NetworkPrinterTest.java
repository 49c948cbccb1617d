package io.ksim.apiserver.printers;

import static io.ksim.apiserver.printers.Rows.cells;
import static io.ksim.apiserver.printers.Rows.columns;
import static io.ksim.apiserver.printers.Rows.wideColumns;
import static org.junit.jupiter.api.Assertions.assertEquals;

import io.ksim.api.core.Endpoints;
import io.ksim.api.core.Service;
import io.ksim.api.discovery.EndpointSlice;
import io.ksim.api.networking.Ingress;
import io.ksim.api.networking.NetworkPolicy;
import java.util.List;
import org.junit.jupiter.api.Test;

/** Services, Endpoints, EndpointSlices, Ingresses and NetworkPolicies. */
class NetworkPrinterTest {

    @Test
    void serviceColumns() {
        assertEquals(List.of("Name", "Type", "Cluster-IP", "External-IP", "Port(s)", "Age", "Selector"), columns(Service.class));
        assertEquals(List.of("Selector"), wideColumns(Service.class));
    }

    @Test
    void serviceTypes() {
        assertEquals(List.of("web", "ClusterIP", "10.96.12.34", "<none>", "80/TCP,443/TCP", "<unknown>", "app=web"),
                cells(Service.class, "metadata: {name: web}\nspec: {type: ClusterIP, clusterIP: 10.96.12.34, clusterIPs: [10.96.12.34],"
                        + " selector: {app: web}, ports: [{port: 80, protocol: TCP}, {port: 443, protocol: TCP}]}"));
        assertEquals(List.of("web", "NodePort", "10.96.0.20", "<none>", "80:32725/TCP", "<unknown>", "<none>"),
                cells(Service.class, "metadata: {name: web}\nspec: {type: NodePort, clusterIPs: [10.96.0.20],"
                        + " ports: [{port: 80, nodePort: 32725, protocol: TCP}]}"));
        assertEquals(List.of("lb", "LoadBalancer", "10.96.0.30", "<pending>", "80:30080/TCP", "<unknown>", "app=lb,tier=fe"),
                cells(Service.class, "metadata: {name: lb}\nspec: {type: LoadBalancer, clusterIPs: [10.96.0.30],"
                        + " selector: {tier: fe, app: lb}, ports: [{port: 80, nodePort: 30080, protocol: TCP}]}"));
        // Load balancer addresses are sorted and deduplicated, then the external IPs follow; never clipped.
        assertEquals("172.18.255.200,172.18.255.201,lb.example.com,1.2.3.4", cells(Service.class,
                "metadata: {name: lb}\nspec: {type: LoadBalancer, clusterIPs: [10.96.0.30], externalIPs: [1.2.3.4],"
                        + " ports: [{port: 80, protocol: TCP}]}\n"
                        + "status: {loadBalancer: {ingress: [{ip: 172.18.255.201}, {ip: 172.18.255.200}, {hostname: lb.example.com},"
                        + " {ip: 172.18.255.200}]}}").get(3));
        assertEquals(List.of("db", "ClusterIP", "None", "<none>", "5432/TCP", "<unknown>", "app=db"),
                cells(Service.class, "metadata: {name: db}\nspec: {type: ClusterIP, clusterIP: None, clusterIPs: [None],"
                        + " selector: {app: db}, ports: [{port: 5432, protocol: TCP}]}"));
        assertEquals(List.of("ext", "ExternalName", "<none>", "example.com", "<none>", "<unknown>", "<none>"),
                cells(Service.class, "metadata: {name: ext}\nspec: {type: ExternalName, externalName: example.com}"));
        assertEquals("1.1.1.1,2.2.2.2", cells(Service.class, "metadata: {name: s}\nspec: {type: NodePort,"
                + " externalIPs: [1.1.1.1, 2.2.2.2], ports: [{port: 80, nodePort: 30000, protocol: UDP}]}").get(3));
    }

    @Test
    void endpoints() {
        assertEquals(List.of("Name", "Endpoints", "Age"), columns(Endpoints.class));
        assertEquals("<none>", cells(Endpoints.class, "metadata: {name: e}").get(1));
        assertEquals("10.244.1.5:80,10.244.2.7:80", cells(Endpoints.class, "metadata: {name: e}\n"
                + "subsets: [{addresses: [{ip: 10.244.1.5}, {ip: 10.244.2.7}], notReadyAddresses: [{ip: 10.244.3.9}],"
                + " ports: [{port: 80, protocol: TCP}]}]").get(1));
        // Three shown, the rest counted; every port counts each address again.
        assertEquals("10.0.0.1:80,10.0.0.2:80,10.0.0.1:443 + 1 more...", cells(Endpoints.class, "metadata: {name: e}\n"
                + "subsets: [{addresses: [{ip: 10.0.0.1}, {ip: 10.0.0.2}], ports: [{name: http, port: 80}, {name: https, port: 443}]}]")
                .get(1));
        assertEquals("10.0.0.1,10.0.0.2", cells(Endpoints.class, "metadata: {name: e}\n"
                + "subsets: [{addresses: [{ip: 10.0.0.1}, {ip: 10.0.0.2}]}]").get(1));
        assertEquals("[fd00::1]:8080", cells(Endpoints.class, "metadata: {name: e}\n"
                + "subsets: [{addresses: [{ip: 'fd00::1'}], ports: [{port: 8080}]}]").get(1));
        // Only not-ready addresses: a subset exists but nothing is listed.
        assertEquals("", cells(Endpoints.class, "metadata: {name: e}\n"
                + "subsets: [{notReadyAddresses: [{ip: 10.0.0.1}], ports: [{port: 80}]}]").get(1));
    }

    @Test
    void endpointSlices() {
        assertEquals(List.of("Name", "AddressType", "Ports", "Endpoints", "Age"), columns(EndpointSlice.class));
        assertEquals(List.of("web-abc12", "IPv4", "80", "10.244.1.5,10.244.2.7", "<unknown>"), cells(EndpointSlice.class,
                "metadata: {name: web-abc12}\naddressType: IPv4\nports: [{name: '', port: 80, protocol: TCP}]\n"
                        + "endpoints: [{addresses: [10.244.1.5]}, {addresses: [10.244.2.7]}]"));
        assertEquals(List.of("s", "IPv4", "<unset>", "<unset>", "<unknown>"), cells(EndpointSlice.class,
                "metadata: {name: s}\naddressType: IPv4"));
        assertEquals(List.of("s", "IPv4", "80,http,* + 1 more...", "1.1.1.1,1.1.1.2,1.1.1.3 + 2 more...", "<unknown>"),
                cells(EndpointSlice.class, "metadata: {name: s}\naddressType: IPv4\n"
                        + "ports: [{port: 80}, {name: http}, {}, {port: 9000}]\n"
                        + "endpoints: [{addresses: [1.1.1.1, 1.1.1.2]}, {addresses: [1.1.1.3, 1.1.1.4]}, {addresses: [1.1.1.5]}]"));
    }

    @Test
    void ingresses() {
        assertEquals(List.of("Name", "Class", "Hosts", "Address", "Ports", "Age"), columns(Ingress.class));
        assertEquals(List.of("web", "nginx", "foo.example.com", "172.18.0.5", "80, 443", "<unknown>"), cells(Ingress.class,
                "metadata: {name: web}\nspec: {ingressClassName: nginx, rules: [{host: foo.example.com}],"
                        + " tls: [{hosts: [foo.example.com], secretName: tls}]}\n"
                        + "status: {loadBalancer: {ingress: [{ip: 172.18.0.5}]}}"));
        assertEquals(List.of("any", "<none>", "*", "", "80", "<unknown>"), cells(Ingress.class,
                "metadata: {name: any}\nspec: {defaultBackend: {service: {name: web, port: {number: 80}}}}"));
        assertEquals("a.com,b.com,c.com + 2 more...", cells(Ingress.class, "metadata: {name: m}\n"
                + "spec: {rules: [{host: a.com}, {host: b.com}, {host: c.com}, {host: d.com}, {}]}").get(2));
    }

    @Test
    void networkPolicies() {
        assertEquals(List.of("Name", "Pod-Selector", "Age"), columns(NetworkPolicy.class));
        assertEquals(List.of("deny-all", "<none>", "<unknown>"), cells(NetworkPolicy.class,
                "metadata: {name: deny-all}\nspec: {podSelector: {}}"));
        assertEquals("app=db,tier in (backend,cache)", cells(NetworkPolicy.class, "metadata: {name: db}\n"
                + "spec: {podSelector: {matchLabels: {app: db}, matchExpressions: [{key: tier, operator: In,"
                + " values: [backend, cache]}]}}").get(1));
    }
}
