package io.ksim.kubectl.describe;

import static io.ksim.kubectl.describe.PrefixWriter.LEVEL_0;
import static io.ksim.kubectl.describe.PrefixWriter.LEVEL_1;
import static io.ksim.kubectl.describe.PrefixWriter.LEVEL_2;

import io.ksim.api.core.Endpoints;
import io.ksim.api.core.Event;
import io.ksim.api.core.Service;
import io.ksim.api.discovery.Endpoint;
import io.ksim.api.discovery.EndpointPort;
import io.ksim.api.discovery.EndpointSlice;
import io.ksim.api.networking.Ingress;
import io.ksim.apiserver.ApiException;
import io.ksim.apiserver.ListOptions;
import io.ksim.apiserver.registry.BuiltinResources;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.TreeSet;

/** kubectl's describers for Services, Endpoints and Ingresses. */
final class NetworkDescribers {

    private NetworkDescribers() {
    }

    private static List<EndpointSlice> slicesOf(Describers ds, String namespace, String service) {
        return ds.api().list(BuiltinResources.ENDPOINT_SLICES, namespace,
                ListOptions.labels("kubernetes.io/service-name=" + service)).items();
    }

    static String service(Describers ds, Service s, List<Event> events, Instant now) {
        PrefixWriter w = new PrefixWriter();
        var spec = s.spec();
        List<EndpointSlice> slices = slicesOf(ds, s.metadata().namespace(), s.metadata().name());
        w.write(LEVEL_0, "Name:\t%s\n", s.metadata().name());
        w.write(LEVEL_0, "Namespace:\t%s\n", s.metadata().namespace());
        Fmt.labelsMultiline(w, "Labels", s.metadata().labels());
        Fmt.annotationsMultiline(w, "Annotations", s.metadata().annotations());
        w.write(LEVEL_0, "Selector:\t%s\n", Fmt.labels(spec.selector()));
        w.write(LEVEL_0, "Type:\t%s\n", Fmt.nz(spec.type()));
        if (spec.ipFamilyPolicy() != null) {
            w.write(LEVEL_0, "IP Family Policy:\t%s\n", spec.ipFamilyPolicy());
        }
        List<String> families = PodDescriber.list(spec.ipFamilies());
        w.write(LEVEL_0, "IP Families:\t%s\n", families.isEmpty() ? "<none>" : String.join(",", families));
        w.write(LEVEL_0, "IP:\t%s\n", Fmt.nz(spec.clusterIP()));
        List<String> ips = PodDescriber.list(spec.clusterIPs());
        w.write(LEVEL_0, "IPs:\t%s\n", ips.isEmpty() ? "<none>" : String.join(",", ips));
        if (!PodDescriber.list(spec.externalIPs()).isEmpty()) {
            w.write(LEVEL_0, "External IPs:\t%s\n", String.join(",", spec.externalIPs()));
        }
        if (spec.loadBalancerIP() != null && !spec.loadBalancerIP().isEmpty()) {
            w.write(LEVEL_0, "Desired LoadBalancer IP:\t%s\n", spec.loadBalancerIP());
        }
        if (spec.externalName() != null && !spec.externalName().isEmpty()) {
            w.write(LEVEL_0, "External Name:\t%s\n", spec.externalName());
        }
        var lb = s.status() == null || s.status().loadBalancer() == null ? null : s.status().loadBalancer().ingress();
        if (lb != null && !lb.isEmpty()) {
            List<String> parts = new ArrayList<>();
            for (var i : lb) {
                if (i.ip() != null && !i.ip().isEmpty()) {
                    parts.add(i.ip() + (i.ipMode() == null ? "" : " (" + i.ipMode() + ")"));
                } else {
                    parts.add(Fmt.nz(i.hostname()));
                }
            }
            w.write(LEVEL_0, "LoadBalancer Ingress:\t%s\n", String.join(", ", parts));
        }
        for (var sp : PodDescriber.list(spec.ports())) {
            String name = sp.name() == null || sp.name().isEmpty() ? "<unset>" : sp.name();
            String protocol = Fmt.nz(sp.protocol());
            w.write(LEVEL_0, "Port:\t%s\t%d/%s\n", name, sp.port(), protocol);
            w.write(LEVEL_0, "TargetPort:\t%s/%s\n", Fmt.intOrString(sp.targetPort()), protocol);
            if (sp.nodePort() != null && sp.nodePort() != 0) {
                w.write(LEVEL_0, "NodePort:\t%s\t%d/%s\n", name, sp.nodePort(), protocol);
            }
            w.write(LEVEL_0, "Endpoints:\t%s\n", endpointSlices(slices, Fmt.nz(sp.name())));
        }
        w.write(LEVEL_0, "Session Affinity:\t%s\n", Fmt.nz(spec.sessionAffinity()));
        if (spec.externalTrafficPolicy() != null && !spec.externalTrafficPolicy().isEmpty()) {
            w.write(LEVEL_0, "External Traffic Policy:\t%s\n", spec.externalTrafficPolicy());
        }
        if (spec.internalTrafficPolicy() != null) {
            w.write(LEVEL_0, "Internal Traffic Policy:\t%s\n", spec.internalTrafficPolicy());
        }
        if (spec.healthCheckNodePort() != null && spec.healthCheckNodePort() != 0) {
            w.write(LEVEL_0, "HealthCheck NodePort:\t%d\n", spec.healthCheckNodePort());
        }
        if (!PodDescriber.list(spec.loadBalancerSourceRanges()).isEmpty()) {
            w.write(LEVEL_0, "LoadBalancer Source Ranges:\t%s\n", String.join(",", spec.loadBalancerSourceRanges()));
        }
        Fmt.events(w, events, now);
        return w.text();
    }

    /**
     * The ready endpoints of the slices for the port named {@code port} ({@code null}: every port), as
     * {@code ip:port} pairs, at most three and then {@code + N more...}; {@code <none>} without slices.
     */
    static String endpointSlices(List<EndpointSlice> slices, String port) {
        if (slices.isEmpty()) {
            return "<none>";
        }
        List<String> list = new ArrayList<>();
        int max = 3;
        boolean more = false;
        int count = 0;
        for (EndpointSlice slice : slices) {
            List<EndpointPort> ports = PodDescriber.list(slice.ports());
            List<Endpoint> endpoints = PodDescriber.list(slice.endpoints());
            if (ports.isEmpty()) {
                for (Endpoint e : endpoints) {
                    if (list.size() == max) {
                        more = true;
                    }
                    if (!ready(e)) {
                        continue;
                    }
                    if (!more) {
                        list.add(e.addresses().get(0));
                    }
                    count++;
                }
            } else {
                for (EndpointPort p : ports) {
                    if (port != null && !port.equals(Fmt.nz(p.name()))) {
                        continue;
                    }
                    for (Endpoint e : endpoints) {
                        if (list.size() == max) {
                            more = true;
                        }
                        if (!ready(e)) {
                            continue;
                        }
                        if (!more) {
                            String addr = e.addresses().get(0);
                            list.add((addr.contains(":") ? "[" + addr + "]" : addr) + ":" + Fmt.num(p.port()));
                        }
                        count++;
                    }
                }
            }
        }
        String ret = String.join(",", list);
        return more ? ret + " + " + (count - max) + " more..." : ret;
    }

    private static boolean ready(Endpoint e) {
        return e.conditions() == null || e.conditions().ready() == null || e.conditions().ready();
    }

    static String endpoints(Endpoints ep, List<Event> events, Instant now) {
        PrefixWriter w = new PrefixWriter();
        w.write(LEVEL_0, "Name:\t%s\n", ep.metadata().name());
        w.write(LEVEL_0, "Namespace:\t%s\n", ep.metadata().namespace());
        Fmt.labelsMultiline(w, "Labels", ep.metadata().labels());
        Fmt.annotationsMultiline(w, "Annotations", ep.metadata().annotations());
        w.write(LEVEL_0, "Subsets:\n");
        for (var subset : PodDescriber.list(ep.subsets())) {
            List<String> ready = new ArrayList<>();
            PodDescriber.list(subset.addresses()).forEach(a -> ready.add(a.ip()));
            w.write(LEVEL_1, "Addresses:\t%s\n", ready.isEmpty() ? "<none>" : String.join(",", ready));
            List<String> notReady = new ArrayList<>();
            PodDescriber.list(subset.notReadyAddresses()).forEach(a -> notReady.add(a.ip()));
            w.write(LEVEL_1, "NotReadyAddresses:\t%s\n", notReady.isEmpty() ? "<none>" : String.join(",", notReady));
            var ports = PodDescriber.list(subset.ports());
            if (!ports.isEmpty()) {
                w.write(LEVEL_1, "Ports:\n");
                w.write(LEVEL_2, "Name\tPort\tProtocol\n");
                w.write(LEVEL_2, "----\t----\t--------\n");
                for (var p : ports) {
                    String name = p.name() == null || p.name().isEmpty() ? "<unset>" : p.name();
                    w.write(LEVEL_2, "%s\t%d\t%s\n", name, p.port(), Fmt.nz(p.protocol()));
                }
            }
            w.write(LEVEL_0, "\n");
        }
        Fmt.events(w, events, now);
        return w.text();
    }

    static String ingress(Describers ds, Ingress ing, List<Event> events, Instant now) {
        PrefixWriter w = new PrefixWriter();
        String ns = ing.metadata().namespace();
        w.write(LEVEL_0, "Name:\t%s\n", ing.metadata().name());
        Fmt.labelsMultiline(w, "Labels", ing.metadata().labels());
        w.write(LEVEL_0, "Namespace:\t%s\n", ns);
        TreeSet<String> addresses = new TreeSet<>();
        if (ing.status() != null) {
            for (var i : ing.status().loadBalancer().ingress()) {
                if (i.ip() != null && !i.ip().isEmpty()) {
                    addresses.add(i.ip());
                } else if (i.hostname() != null && !i.hostname().isEmpty()) {
                    addresses.add(i.hostname());
                }
            }
        }
        w.write(LEVEL_0, "Address:\t%s\n", String.join(",", addresses));
        var spec = ing.spec();
        w.write(LEVEL_0, "Ingress Class:\t%s\n", spec.ingressClassName() == null ? "<none>" : spec.ingressClassName());
        String def = spec.defaultBackend() == null ? "<default>" : backend(ds, ns, spec.defaultBackend());
        w.write(LEVEL_0, "Default backend:\t%s\n", def);
        if (!spec.tls().isEmpty()) {
            w.write(LEVEL_0, "TLS:\n");
            for (var t : spec.tls()) {
                String hosts = String.join(",", PodDescriber.list(t.hosts()));
                if (t.secretName() == null || t.secretName().isEmpty()) {
                    w.write(LEVEL_1, "SNI routes %s\n", hosts);
                } else {
                    w.write(LEVEL_1, "%s terminates %s\n", t.secretName(), hosts);
                }
            }
        }
        w.write(LEVEL_0, "Rules:\n  Host\tPath\tBackends\n");
        w.write(LEVEL_1, "----\t----\t--------\n");
        int count = 0;
        for (var rule : spec.rules()) {
            if (rule.http() == null) {
                continue;
            }
            count++;
            String host = rule.host() == null || rule.host().isEmpty() ? "*" : rule.host();
            w.write(LEVEL_1, "%s\t\n", host);
            for (var path : PodDescriber.list(rule.http().paths())) {
                w.write(LEVEL_2, "\t%s \t%s\n", Fmt.nz(path.path()), backend(ds, ns, path.backend()));
            }
        }
        if (count == 0) {
            w.write(LEVEL_1, "%s\t%s\t%s\n", "*", "*", def);
        }
        Fmt.annotationsMultiline(w, "Annotations", ing.metadata().annotations());
        Fmt.events(w, events, now);
        return w.text();
    }

    private static String backend(Describers ds, String ns, Ingress.IngressBackend backend) {
        if (backend == null) {
            return "";
        }
        if (backend.service() != null) {
            var svc = backend.service();
            var port = svc.port();
            int number = port == null || port.number() == null ? 0 : port.number();
            String portName = port == null ? "" : Fmt.nz(port.name());
            String sb = svc.name() + ":" + (number != 0 ? Integer.toString(number) : portName);
            Service service;
            try {
                service = ds.api().get(BuiltinResources.SERVICES, ns, svc.name());
            } catch (ApiException e) {
                return sb + " (<error: " + e.status().message() + ">)";
            }
            String spName = "";
            for (var sp : PodDescriber.list(service.spec().ports())) {
                if (number != 0 && number == sp.port()) {
                    spName = Fmt.nz(sp.name());
                } else if (!portName.isEmpty() && portName.equals(sp.name())) {
                    spName = sp.name();
                }
            }
            return sb + " (" + endpointSlices(slicesOf(ds, ns, svc.name()), spName) + ")";
        }
        if (backend.resource() != null) {
            var r = backend.resource();
            return "APIGroup: " + (r.apiGroup() == null ? "<none>" : r.apiGroup()) + ", Kind: " + r.kind()
                    + ", Name: " + r.name();
        }
        return "";
    }
}
