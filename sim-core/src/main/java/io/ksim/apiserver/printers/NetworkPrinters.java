package io.ksim.apiserver.printers;

import static io.ksim.apiserver.printers.Cells.list;
import static io.ksim.apiserver.printers.Printer.age;
import static io.ksim.apiserver.printers.Printer.col;
import static io.ksim.apiserver.printers.Printer.doc;
import static io.ksim.apiserver.printers.Printer.name;
import static io.ksim.apiserver.printers.Printer.wideDoc;

import io.ksim.api.core.Endpoints;
import io.ksim.api.core.Service;
import io.ksim.api.core.Service.LoadBalancerIngress;
import io.ksim.api.core.Service.ServicePort;
import io.ksim.api.core.Service.ServiceSpec;
import io.ksim.api.discovery.Endpoint;
import io.ksim.api.discovery.EndpointPort;
import io.ksim.api.discovery.EndpointSlice;
import io.ksim.api.networking.Ingress;
import io.ksim.api.networking.NetworkPolicy;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.TreeSet;
import java.util.stream.Collectors;

/** Services and what routes to them: Endpoints, EndpointSlices, Ingresses, NetworkPolicies. */
final class NetworkPrinters {

    private static final int MAX_LISTED = 3;

    private NetworkPrinters() {
    }

    static void register(ServerPrinters p) {
        Printer.register(p, Service.class, List.of(name(),
                doc("Type", "string", "ServiceSpec.type"),
                doc("Cluster-IP", "string", "ServiceSpec.clusterIP"),
                doc("External-IP", "string", "ServiceSpec.externalIPs"),
                doc("Port(s)", "string", "ServiceSpec.ports"),
                age(), wideDoc("Selector", "string", "ServiceSpec.selector")),
                NetworkPrinters::service);
        Printer.register(p, Endpoints.class, List.of(name(), doc("Endpoints", "string", "Endpoints.subsets"), age()),
                (ep, now) -> List.of(ep.metadata().name(), endpoints(ep),
                        HumanDuration.since(ep.metadata().creationTimestamp(), now)));
        Printer.register(p, EndpointSlice.class, List.of(name(),
                doc("AddressType", "string", "EndpointSlice.addressType"),
                doc("Ports", "string", "EndpointSlice.ports"),
                doc("Endpoints", "string", "EndpointSlice.endpoints"), age()),
                (es, now) -> List.of(es.metadata().name(), Cells.str(es.addressType()), slicePorts(es.ports()),
                        sliceEndpoints(es.endpoints()), HumanDuration.since(es.metadata().creationTimestamp(), now)));
        Printer.register(p, Ingress.class, List.of(name(),
                col("Class", "string", "The name of the IngressClass resource that should be used for additional configuration"),
                col("Hosts", "string", "Hosts that incoming requests are matched against before the ingress rule"),
                col("Address", "string", "Address is a list containing ingress points for the load-balancer"),
                col("Ports", "string", "Ports of TLS configurations that open"), age()),
                NetworkPrinters::ingress);
        Printer.register(p, NetworkPolicy.class, List.of(name(),
                doc("Pod-Selector", "string", "NetworkPolicySpec.podSelector"), age()),
                (np, now) -> List.of(np.metadata().name(),
                        Cells.labelSelector(np.spec() == null || np.spec().podSelector() == null
                                ? new io.ksim.api.meta.LabelSelector(null, null) : np.spec().podSelector()),
                        HumanDuration.since(np.metadata().creationTimestamp(), now)));
    }

    private static List<String> service(Service svc, Instant now) {
        ServiceSpec spec = svc.spec();
        String clusterIP = list(spec.clusterIPs()).isEmpty() ? Cells.NONE : spec.clusterIPs().get(0);
        String ports = list(spec.ports()).stream().map(NetworkPrinters::port).collect(Collectors.joining(","));
        return List.of(svc.metadata().name(), Cells.str(spec.type()), clusterIP, externalIP(svc),
                ports.isEmpty() ? Cells.NONE : ports, HumanDuration.since(svc.metadata().creationTimestamp(), now),
                Cells.labels(spec.selector()));
    }

    /** {@code 80/TCP}, or {@code 80:30080/TCP} when the port has a node port. */
    private static String port(ServicePort port) {
        String proto = Cells.str(port.protocol());
        return port.nodePort() != null && port.nodePort() > 0 ? port.port() + ":" + port.nodePort() + "/" + proto
                : port.port() + "/" + proto;
    }

    /**
     * The External-IP cell: the external IPs of a ClusterIP or NodePort service ({@code <none>} without),
     * the load balancer's addresses then the external IPs of a LoadBalancer ({@code <pending>} before the
     * load balancer reports any), the external name of an ExternalName service.
     */
    static String externalIP(Service svc) {
        ServiceSpec spec = svc.spec();
        List<String> externalIPs = list(spec.externalIPs());
        String type = Cells.str(spec.type());
        switch (type) {
            case ServiceSpec.TYPE_CLUSTER_IP, ServiceSpec.TYPE_NODE_PORT -> {
                return externalIPs.isEmpty() ? Cells.NONE : String.join(",", externalIPs);
            }
            case ServiceSpec.TYPE_LOAD_BALANCER -> {
                List<LoadBalancerIngress> ingress = svc.status() == null || svc.status().loadBalancer() == null
                        ? List.of() : list(svc.status().loadBalancer().ingress());
                // The server prints wide, so the addresses are never clipped to 16 characters here.
                String lb = loadBalancerAddresses(ingress);
                if (!externalIPs.isEmpty()) {
                    List<String> all = new ArrayList<>();
                    if (!lb.isEmpty()) {
                        all.addAll(List.of(lb.split(",")));
                    }
                    all.addAll(externalIPs);
                    return String.join(",", all);
                }
                return lb.isEmpty() ? "<pending>" : lb;
            }
            case ServiceSpec.TYPE_EXTERNAL_NAME -> {
                return Cells.str(spec.externalName());
            }
            default -> {
                return "<unknown>";
            }
        }
    }

    /** The distinct IPs (or hostnames where there is no IP), sorted, joined by commas. */
    static String loadBalancerAddresses(List<LoadBalancerIngress> ingress) {
        TreeSet<String> addresses = new TreeSet<>();
        for (LoadBalancerIngress i : ingress) {
            if (i.ip() != null && !i.ip().isEmpty()) {
                addresses.add(i.ip());
            } else if (i.hostname() != null && !i.hostname().isEmpty()) {
                addresses.add(i.hostname());
            }
        }
        return String.join(",", addresses);
    }

    /** Up to three ready {@code ip:port} pairs across the subsets, then {@code + N more...}. */
    static String endpoints(Endpoints ep) {
        List<Endpoints.EndpointSubset> subsets = list(ep.subsets());
        if (subsets.isEmpty()) {
            return Cells.NONE;
        }
        List<String> shown = new ArrayList<>();
        int count = 0;
        for (Endpoints.EndpointSubset ss : subsets) {
            List<Endpoints.EndpointAddress> addresses = list(ss.addresses());
            if (list(ss.ports()).isEmpty()) {
                // A headless service without ports lists bare addresses.
                count += addresses.size();
                for (Endpoints.EndpointAddress a : addresses) {
                    if (shown.size() == MAX_LISTED) {
                        break;
                    }
                    shown.add(a.ip());
                }
                continue;
            }
            for (Endpoints.EndpointPort port : ss.ports()) {
                count += addresses.size();
                for (Endpoints.EndpointAddress a : addresses) {
                    if (shown.size() == MAX_LISTED) {
                        break;
                    }
                    shown.add(hostPort(a.ip(), port.port()));
                }
            }
        }
        String joined = String.join(",", shown);
        return count > MAX_LISTED ? joined + " + " + (count - MAX_LISTED) + " more..." : joined;
    }

    static String hostPort(String host, int port) {
        return host.indexOf(':') >= 0 ? "[" + host + "]:" + port : host + ":" + port;
    }

    private static String slicePorts(List<EndpointPort> ports) {
        List<String> shown = new ArrayList<>();
        for (EndpointPort port : list(ports)) {
            if (shown.size() < MAX_LISTED) {
                shown.add(port.port() != null ? port.port().toString() : port.name() != null ? port.name() : "*");
            }
        }
        return Cells.listWithMore(shown, list(ports).size(), MAX_LISTED);
    }

    private static String sliceEndpoints(List<Endpoint> endpoints) {
        List<String> shown = new ArrayList<>();
        int count = 0;
        for (Endpoint e : list(endpoints)) {
            for (String address : list(e.addresses())) {
                if (shown.size() < MAX_LISTED) {
                    shown.add(address);
                }
                count++;
            }
        }
        return Cells.listWithMore(shown, count, MAX_LISTED);
    }

    private static List<String> ingress(Ingress ing, Instant now) {
        Ingress.IngressSpec spec = ing.spec();
        String className = spec == null || spec.ingressClassName() == null ? Cells.NONE : spec.ingressClassName();
        List<Ingress.IngressRule> rules = spec == null ? List.of() : list(spec.rules());
        List<LoadBalancerIngress> lb = ing.status() == null || ing.status().loadBalancer() == null ? List.of()
                : list(ing.status().loadBalancer().ingress());
        String ports = spec != null && !list(spec.tls()).isEmpty() ? "80, 443" : "80";
        return List.of(ing.metadata().name(), className, hosts(rules), loadBalancerAddresses(lb), ports,
                HumanDuration.since(ing.metadata().creationTimestamp(), now));
    }

    /**
     * The first three rules' hosts, {@code *} when none names a host. The "+ N more" count is of all rules
     * after the third, hostless ones included, as upstream counts them.
     */
    static String hosts(List<Ingress.IngressRule> rules) {
        List<String> shown = new ArrayList<>();
        boolean more = false;
        for (Ingress.IngressRule rule : rules) {
            if (shown.size() == MAX_LISTED) {
                more = true;
            }
            if (!more && rule.host() != null && !rule.host().isEmpty()) {
                shown.add(rule.host());
            }
        }
        if (shown.isEmpty()) {
            return "*";
        }
        String joined = String.join(",", shown);
        return more ? joined + " + " + (rules.size() - MAX_LISTED) + " more..." : joined;
    }
}
