package io.ksim.network.dns;

import io.ksim.api.core.Pod;
import io.ksim.api.core.Service;
import io.ksim.api.core.Service.ServicePort;
import io.ksim.api.core.Service.ServiceSpec;
import io.ksim.api.discovery.Endpoint;
import io.ksim.api.discovery.EndpointPort;
import io.ksim.api.discovery.EndpointSlice;
import java.util.ArrayList;
import java.util.Collection;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.TreeMap;

/**
 * CoreDNS's kubernetes plugin over a snapshot of Services, EndpointSlices and Pods (coredns
 * plugin/kubernetes, plugin/backend_lookup.go; the Kubernetes DNS specification):
 * <ul>
 * <li>{@code <svc>.<ns>.svc.<zone>}: A per cluster IP; for a headless Service one A per ready endpoint; for an
 * ExternalName Service a CNAME to the external name (followed through the upstream table).</li>
 * <li>{@code <hostname>.<svc>.<ns>.svc.<zone>}: an endpoint of a headless Service, by its hostname (a
 * StatefulSet pod's name) or its dashed IP.</li>
 * <li>{@code _<port>._<proto>.<svc>.<ns>.svc.<zone>} SRV: priority 0, weight {@code floor(100/n)}, the service
 * port and the service name (ClusterIP) or each endpoint's port and name (headless).</li>
 * <li>{@code <a-b-c-d>.<ns>.pod.<zone>} A (pods insecure/verified), {@code <reversed>.in-addr.arpa} PTR,
 * {@code dns-version.<zone>} TXT "1.1.0".</li>
 * </ul>
 * Unknown names in the zone are NXDOMAIN; a known name asked for another type is NODATA. Names outside the
 * zone go to the upstream table.
 */
public final class CoreDns {

    private final CoreDnsConfig config;
    private final Map<String, Service> services = new TreeMap<>();
    private final Map<String, List<Endpoint>> endpointsByService = new TreeMap<>();
    private final Map<String, List<EndpointPort>> portsByService = new TreeMap<>();
    private final List<Pod> pods;

    public CoreDns(CoreDnsConfig config, Collection<Service> services, Collection<EndpointSlice> slices,
            Collection<Pod> pods) {
        this.config = config;
        for (Service s : services) {
            this.services.put(s.metadata().namespace() + "/" + s.metadata().name(), s);
        }
        for (EndpointSlice slice : slices) {
            String svc = slice.metadata().labels().get(EndpointSlice.LABEL_SERVICE_NAME);
            if (svc != null) {
                String key = slice.metadata().namespace() + "/" + svc;
                endpointsByService.computeIfAbsent(key, k -> new ArrayList<>()).addAll(slice.endpoints());
                List<EndpointPort> ports = portsByService.computeIfAbsent(key, k -> new ArrayList<>());
                slice.ports().stream().filter(p -> !ports.contains(p)).forEach(ports::add);
            }
        }
        this.pods = List.copyOf(pods);
    }

    public CoreDnsConfig config() {
        return config;
    }

    /** Answers a query for {@code name} (absolute, trailing dot optional) and {@code type} (A, AAAA, SRV, ...). */
    public DnsAnswer query(String name, String type) {
        String fqdn = name.toLowerCase(Locale.ROOT);
        fqdn = fqdn.endsWith(".") ? fqdn : fqdn + ".";
        type = type.toUpperCase(Locale.ROOT);
        String zone = config.zone() + ".";
        if (fqdn.endsWith(".in-addr.arpa.") && "PTR".equals(type)) {
            return ptr(fqdn);
        }
        if (!fqdn.endsWith("." + zone)) {
            return forward(fqdn, type);
        }
        String rel = fqdn.substring(0, fqdn.length() - zone.length() - 1);
        if (rel.equals("dns-version")) {
            return "TXT".equals(type) ? DnsAnswer.of(List.of(record(fqdn, "TXT", "\"1.1.0\""))) : nodata();
        }
        String[] labels = rel.split("\\.");
        int n = labels.length;
        if (n >= 3 && labels[n - 1].equals("svc")) {
            return service(fqdn, type, labels);
        }
        if (n == 3 && labels[2].equals("pod")) {
            return pod(fqdn, type, labels[0], labels[1]);
        }
        return DnsAnswer.nxdomain();
    }

    private DnsAnswer service(String fqdn, String type, String[] labels) {
        int n = labels.length;
        String ns = labels[n - 2];
        String name = labels[n - 3];
        Service svc = services.get(ns + "/" + name);
        if (svc == null) {
            return DnsAnswer.nxdomain();
        }
        String svcName = name + "." + ns + ".svc." + config.zone() + ".";
        boolean external = ServiceSpec.TYPE_EXTERNAL_NAME.equals(svc.spec().type());
        if (n == 3) {
            if (external) {
                return externalName(fqdn, svc, type);
            }
            return switch (type) {
                case "A" -> addresses(fqdn, svc);
                case "SRV" -> srv(svc, svcName, null, null);
                default -> nodata();
            };
        }
        if (external) {
            return DnsAnswer.nxdomain();
        }
        if (n == 5 && labels[0].startsWith("_") && labels[1].startsWith("_")) {
            return "SRV".equals(type) ? srv(svc, svcName, labels[0].substring(1), labels[1].substring(1)) : nodata();
        }
        if (n == 4 && svc.spec().isHeadless()) {
            for (Endpoint e : endpoints(svc)) {
                if (labels[0].equals(endpointHostname(e))) {
                    return "A".equals(type) ? DnsAnswer.of(List.of(record(fqdn, "A", e.addresses().get(0)))) : nodata();
                }
            }
        }
        return DnsAnswer.nxdomain();
    }

    private DnsAnswer addresses(String fqdn, Service svc) {
        List<DnsRecord> out = new ArrayList<>();
        if (svc.spec().isHeadless()) {
            for (Endpoint e : endpoints(svc)) {
                if (e.conditions().isReady() && !e.addresses().isEmpty()) {
                    out.add(record(fqdn, "A", e.addresses().get(0)));
                }
            }
        } else {
            for (String ip : svc.spec().clusterIPs().isEmpty() ? List.of(svc.spec().clusterIP())
                    : svc.spec().clusterIPs()) {
                if (ip != null && !ip.contains(":")) {
                    out.add(record(fqdn, "A", ip));
                }
            }
        }
        return out.isEmpty() ? nodata() : DnsAnswer.of(out);
    }

    private DnsAnswer srv(Service svc, String svcName, String portName, String proto) {
        record Target(int port, String target, String address) {
        }
        List<Target> targets = new ArrayList<>();
        if (svc.spec().isHeadless()) {
            for (EndpointPort p : portsByService.getOrDefault(key(svc), List.of())) {
                if (!portMatches(p.name(), p.protocol(), portName, proto)) {
                    continue;
                }
                for (Endpoint e : endpoints(svc)) {
                    if (e.conditions().isReady() && !e.addresses().isEmpty()) {
                        targets.add(new Target(p.port(), endpointHostname(e) + "." + svcName, e.addresses().get(0)));
                    }
                }
            }
        } else {
            for (ServicePort p : svc.spec().ports()) {
                if (portMatches(p.name(), p.protocol(), portName, proto)) {
                    targets.add(new Target(p.port(), svcName, svc.spec().clusterIP()));
                }
            }
        }
        if (targets.isEmpty()) {
            return portName == null ? nodata() : DnsAnswer.nxdomain();
        }
        int weight = Math.max(1, 100 / targets.size());
        String name = portName == null ? svcName : "_" + portName + "._" + proto + "." + svcName;
        List<DnsRecord> answers = new ArrayList<>();
        List<DnsRecord> additional = new ArrayList<>();
        for (Target t : targets) {
            answers.add(record(name, "SRV", "0 " + weight + " " + t.port() + " " + t.target()));
            additional.add(record(t.target(), "A", t.address()));
        }
        return new DnsAnswer(DnsAnswer.NOERROR, answers, additional.stream().distinct().toList());
    }

    private static boolean portMatches(String name, String protocol, String wantName, String wantProto) {
        if (name == null || name.isEmpty()) {
            return false;
        }
        if (wantName == null) {
            return true;
        }
        return name.equalsIgnoreCase(wantName) && protocol != null && protocol.equalsIgnoreCase(wantProto);
    }

    private DnsAnswer externalName(String fqdn, Service svc, String type) {
        String target = svc.spec().externalName().toLowerCase(Locale.ROOT);
        target = target.endsWith(".") ? target : target + ".";
        List<DnsRecord> answers = new ArrayList<>();
        answers.add(record(fqdn, "CNAME", target));
        if ("A".equals(type)) {
            answers.addAll(forward(target, "A").answers());
        }
        return DnsAnswer.of(answers);
    }

    private DnsAnswer pod(String fqdn, String type, String dashed, String ns) {
        if (CoreDnsConfig.PODS_DISABLED.equals(config.pods())) {
            return DnsAnswer.nxdomain();
        }
        String ip = dashed.replace('-', '.');
        try {
            io.ksim.network.allocation.IPv4.parse(ip);
        } catch (IllegalArgumentException e) {
            return DnsAnswer.nxdomain();
        }
        if (CoreDnsConfig.PODS_VERIFIED.equals(config.pods()) && pods.stream().noneMatch(p ->
                ns.equals(p.metadata().namespace()) && p.status() != null && ip.equals(p.status().podIP()))) {
            return DnsAnswer.nxdomain();
        }
        return "A".equals(type) ? DnsAnswer.of(List.of(record(fqdn, "A", ip))) : nodata();
    }

    private DnsAnswer ptr(String fqdn) {
        String[] o = fqdn.substring(0, fqdn.length() - ".in-addr.arpa.".length()).split("\\.");
        if (o.length != 4) {
            return DnsAnswer.nxdomain();
        }
        String ip = o[3] + "." + o[2] + "." + o[1] + "." + o[0];
        for (Service s : services.values()) {
            if (ip.equals(s.spec().clusterIP())) {
                return DnsAnswer.of(List.of(record(fqdn, "PTR", s.metadata().name() + "." + s.metadata().namespace()
                        + ".svc." + config.zone() + ".")));
            }
        }
        for (Service s : services.values()) {
            for (Endpoint e : endpoints(s)) {
                if (!e.addresses().isEmpty() && ip.equals(e.addresses().get(0))) {
                    return DnsAnswer.of(List.of(record(fqdn, "PTR", endpointHostname(e) + "." + s.metadata().name()
                            + "." + s.metadata().namespace() + ".svc." + config.zone() + ".")));
                }
            }
        }
        return DnsAnswer.nxdomain();
    }

    private DnsAnswer forward(String fqdn, String type) {
        List<String> ips = config.upstream().get(fqdn.substring(0, fqdn.length() - 1));
        if (ips == null) {
            return DnsAnswer.nxdomain();
        }
        if (!"A".equals(type)) {
            return nodata();
        }
        return DnsAnswer.of(ips.stream().map(ip -> new DnsRecord(fqdn, config.ttl(), "A", ip)).toList());
    }

    private List<Endpoint> endpoints(Service svc) {
        return endpointsByService.getOrDefault(key(svc), List.of());
    }

    /** The endpoint's hostname, or its IP with dashes (coredns plugin/kubernetes endpointHostname). */
    static String endpointHostname(Endpoint e) {
        if (e.hostname() != null && !e.hostname().isEmpty()) {
            return e.hostname();
        }
        return e.addresses().get(0).replace('.', '-');
    }

    private static String key(Service svc) {
        return svc.metadata().namespace() + "/" + svc.metadata().name();
    }

    private DnsRecord record(String name, String type, String data) {
        return new DnsRecord(name, config.ttl(), type, data);
    }

    private static DnsAnswer nodata() {
        return new DnsAnswer(DnsAnswer.NOERROR, List.of(), List.of());
    }
}
