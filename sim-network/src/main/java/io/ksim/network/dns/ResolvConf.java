package io.ksim.network.dns;

import io.ksim.api.core.Pod;
import io.ksim.api.core.PodDNSConfig;
import io.ksim.api.core.PodDNSConfigOption;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * The {@code /etc/resolv.conf} the kubelet writes into a pod (pkg/kubelet/network/dns/dns.go): for
 * ClusterFirst the cluster DNS server and the search path {@code <ns>.svc.<zone> svc.<zone> <zone>} then the
 * node's own domains, with {@code ndots:5}; Default copies the node's file; a hostNetwork pod with
 * ClusterFirst falls back to Default unless its policy is ClusterFirstWithHostNet; None takes only the pod's
 * dnsConfig, which is otherwise merged in (extra nameservers and searches appended, options by name).
 */
public record ResolvConf(List<String> nameservers, List<String> searches, Map<String, String> options) {

    public ResolvConf {
        nameservers = List.copyOf(nameservers);
        searches = List.copyOf(searches);
        options = java.util.Collections.unmodifiableMap(new LinkedHashMap<>(options));
    }

    /** ndots (glibc's default 1 when absent). */
    public int ndots() {
        String v = options.get("ndots");
        return v == null ? 1 : Integer.parseInt(v);
    }

    /** The file as the kubelet writes it. */
    public String text() {
        StringBuilder sb = new StringBuilder();
        if (!searches.isEmpty()) {
            sb.append("search ").append(String.join(" ", searches)).append('\n');
        }
        for (String ns : nameservers) {
            sb.append("nameserver ").append(ns).append('\n');
        }
        if (!options.isEmpty()) {
            List<String> opts = new ArrayList<>();
            options.forEach((k, v) -> opts.add(v == null ? k : k + ":" + v));
            sb.append("options ").append(String.join(" ", opts)).append('\n');
        }
        return sb.toString();
    }

    /** The resolv.conf for {@code pod}, given the kubelet's --cluster-dns and --cluster-domain and the node's file. */
    public static ResolvConf forPod(Pod pod, String clusterDNS, String clusterDomain, ResolvConf node) {
        String policy = pod.spec().dnsPolicy() == null ? "ClusterFirst" : pod.spec().dnsPolicy();
        boolean hostNetwork = Boolean.TRUE.equals(pod.spec().hostNetwork());
        ResolvConf base;
        if ("None".equals(policy)) {
            base = new ResolvConf(List.of(), List.of(), Map.of());
        } else if ("Default".equals(policy) || ("ClusterFirst".equals(policy) && hostNetwork)) {
            base = node;
        } else {
            String ns = pod.metadata().namespace();
            List<String> searches = new ArrayList<>(List.of(ns + ".svc." + clusterDomain, "svc." + clusterDomain,
                    clusterDomain));
            searches.addAll(node.searches());
            base = new ResolvConf(List.of(clusterDNS), searches, Map.of("ndots", "5"));
        }
        PodDNSConfig extra = pod.spec().dnsConfig();
        if (extra == null) {
            return base;
        }
        List<String> nameservers = new ArrayList<>(base.nameservers());
        extra.nameservers().stream().filter(n -> !nameservers.contains(n)).forEach(nameservers::add);
        List<String> searches = new ArrayList<>(base.searches());
        extra.searches().stream().filter(s -> !searches.contains(s)).forEach(searches::add);
        Map<String, String> options = new LinkedHashMap<>(base.options());
        for (PodDNSConfigOption o : extra.options()) {
            options.put(o.name(), o.value());
        }
        return new ResolvConf(nameservers.subList(0, Math.min(3, nameservers.size())), searches, options);
    }
}
