package io.ksim.network.proxy.ipvs;

import io.ksim.network.allocation.IPv4;
import io.ksim.network.proxy.EndpointCategories;
import io.ksim.network.proxy.EndpointInfo;
import io.ksim.network.proxy.ServiceEndpointsMap;
import io.ksim.network.proxy.ServicePortInfo;
import io.ksim.network.proxy.ipvs.VirtualServer.RealServer;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.SortedSet;
import java.util.TreeMap;
import java.util.TreeSet;

/**
 * kube-proxy's ipvs mode for one node (pkg/proxy/ipvs/proxier.go): one virtual server per cluster IP, external
 * IP and load-balancer IP of each service port, and per node IP for its node port; real servers are the
 * endpoints the traffic policy allows (ready ones; Local policy: this node's), weight 1, Masq. Every service
 * IP is bound to the dummy interface {@code kube-ipvs0} so the kernel takes it as local, and the ipsets that
 * let a constant number of iptables rules handle masquerading and node ports are filled
 * (pkg/proxy/ipvs/ipset.go names and entry formats).
 */
public final class IpvsProxier {

    public static final String KUBE_CLUSTER_IP = "KUBE-CLUSTER-IP";
    public static final String KUBE_LOOP_BACK = "KUBE-LOOP-BACK";
    public static final String KUBE_EXTERNAL_IP = "KUBE-EXTERNAL-IP";
    public static final String KUBE_EXTERNAL_IP_LOCAL = "KUBE-EXTERNAL-IP-LOCAL";
    public static final String KUBE_LOAD_BALANCER = "KUBE-LOAD-BALANCER";
    public static final String KUBE_LOAD_BALANCER_LOCAL = "KUBE-LOAD-BALANCER-LOCAL";
    public static final String KUBE_LOAD_BALANCER_FW = "KUBE-LOAD-BALANCER-FW";
    public static final String KUBE_LOAD_BALANCER_SOURCE_IP = "KUBE-LOAD-BALANCER-SOURCE-IP";
    public static final String KUBE_LOAD_BALANCER_SOURCE_CIDR = "KUBE-LOAD-BALANCER-SOURCE-CIDR";
    public static final String KUBE_HEALTH_CHECK_NODE_PORT = "KUBE-HEALTH-CHECK-NODE-PORT";
    public static final String KUBE_IPVS_IPS = "KUBE-IPVS-IPS";

    private final IpvsConfig config;

    public IpvsProxier(IpvsConfig config) {
        this.config = config;
    }

    public IpvsConfig config() {
        return config;
    }

    /** The virtual servers, kube-ipvs0 addresses and ipsets for the node. */
    public IpvsState sync(ServiceEndpointsMap state) {
        List<VirtualServer> servers = new ArrayList<>();
        SortedSet<Long> dummyAddresses = new TreeSet<>();
        Map<String, SortedSet<String>> ipsets = new TreeMap<>();
        List<String> lbNoNodeAccess = new ArrayList<>();
        for (ServicePortInfo svc : state.servicePorts()) {
            EndpointCategories eps = EndpointCategories.of(svc, state.endpoints(svc.name()));
            String proto = svc.protocol().toLowerCase(Locale.ROOT);
            int timeout = svc.sessionAffinity() ? svc.stickyMaxAgeSeconds() : 0;
            List<RealServer> internal = realServers(svc.internalPolicyLocal() ? eps.local() : eps.cluster());
            List<RealServer> external = realServers(svc.externalPolicyLocal() ? eps.local() : eps.cluster());
            for (EndpointInfo ep : state.endpoints(svc.name())) {
                if (ep.local()) {
                    add(ipsets, KUBE_LOOP_BACK, ep.ip() + "," + proto + ":" + ep.port() + "," + ep.ip());
                }
            }
            servers.add(new VirtualServer(svc.protocol(), svc.clusterIP(), svc.port(), config.scheduler(), timeout,
                    internal));
            dummyAddresses.add(IPv4.parse(svc.clusterIP()));
            add(ipsets, KUBE_CLUSTER_IP, svc.clusterIP() + "," + proto + ":" + svc.port());
            for (String ip : svc.externalIPs()) {
                servers.add(new VirtualServer(svc.protocol(), ip, svc.port(), config.scheduler(), timeout, external,
                        svc.externalPolicyLocal()));
                dummyAddresses.add(IPv4.parse(ip));
                add(ipsets, svc.externalPolicyLocal() ? KUBE_EXTERNAL_IP_LOCAL : KUBE_EXTERNAL_IP,
                        ip + "," + proto + ":" + svc.port());
            }
            for (String ip : svc.loadBalancerVIPs()) {
                servers.add(new VirtualServer(svc.protocol(), ip, svc.port(), config.scheduler(), timeout, external,
                        svc.externalPolicyLocal()));
                dummyAddresses.add(IPv4.parse(ip));
                String entry = ip + "," + proto + ":" + svc.port();
                add(ipsets, KUBE_LOAD_BALANCER, entry);
                if (svc.externalPolicyLocal()) {
                    add(ipsets, KUBE_LOAD_BALANCER_LOCAL, entry);
                }
                if (!svc.loadBalancerSourceRanges().isEmpty()) {
                    add(ipsets, KUBE_LOAD_BALANCER_FW, entry);
                    boolean allowFromNode = false;
                    for (String cidr : svc.loadBalancerSourceRanges()) {
                        add(ipsets, KUBE_LOAD_BALANCER_SOURCE_CIDR, entry + "," + cidr);
                        allowFromNode |= !config.nodeIPs().isEmpty() && IPv4.inCidr(config.nodeIPs().get(0), cidr);
                    }
                    // A node outside every source range must not reach the VIP either (issue 119656): its
                    // entry is blocked in KUBE-IPVS-OUT-FILTER; otherwise the VIP itself is an allowed source.
                    if (allowFromNode) {
                        add(ipsets, KUBE_LOAD_BALANCER_SOURCE_IP, entry + "," + ip);
                    } else {
                        lbNoNodeAccess.add(entry);
                    }
                }
            }
            if (svc.nodePort() != 0) {
                for (String nodeIP : config.nodeIPs()) {
                    servers.add(new VirtualServer(svc.protocol(), nodeIP, svc.nodePort(), config.scheduler(), timeout,
                            external, svc.externalPolicyLocal()));
                }
                String set = "KUBE-NODE-PORT-" + (svc.externalPolicyLocal() ? "LOCAL-" : "")
                        + svc.protocol().toUpperCase(Locale.ROOT);
                add(ipsets, set, Integer.toString(svc.nodePort()));
            }
            if (svc.healthCheckNodePort() != 0) {
                add(ipsets, KUBE_HEALTH_CHECK_NODE_PORT, Integer.toString(svc.healthCheckNodePort()));
            }
        }
        List<String> addresses = dummyAddresses.stream().map(IPv4::format).toList();
        addresses.forEach(a -> add(ipsets, KUBE_IPVS_IPS, a));
        servers.sort(Comparator.comparing(VirtualServer::protocol)
                .thenComparing(v -> IPv4.parse(v.address())).thenComparingInt(VirtualServer::port));
        return new IpvsState(servers, addresses, ipsets, lbNoNodeAccess);
    }

    private static List<RealServer> realServers(List<EndpointInfo> endpoints) {
        return endpoints.stream().map(e -> new RealServer(e.ip(), e.port(), 1)).toList();
    }

    private static void add(Map<String, SortedSet<String>> ipsets, String set, String entry) {
        ipsets.computeIfAbsent(set, k -> new TreeSet<>()).add(entry);
    }
}
