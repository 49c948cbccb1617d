package io.ksim.network.proxy.ipvs;

import java.util.List;

/**
 * The settings of one node's kube-proxy in ipvs mode: the node, the addresses node ports are served on,
 * the IPVS scheduler ({@code --ipvs-scheduler}, default {@code rr}; also {@code wrr}, {@code lc}, {@code sh}, ...),
 * the cluster CIDR its local-traffic detector uses and masqueradeAll (both for the iptables rules beside IPVS).
 */
public record IpvsConfig(String nodeName, List<String> nodeIPs, String scheduler, String clusterCIDR,
        boolean masqueradeAll) {

    public static final String DEFAULT_SCHEDULER = "rr";
    /** The pod network of a kind cluster, kube-proxy's {@code clusterCIDR}. */
    public static final String DEFAULT_CLUSTER_CIDR = "10.244.0.0/16";

    public IpvsConfig {
        nodeIPs = List.copyOf(nodeIPs);
        scheduler = scheduler == null || scheduler.isEmpty() ? DEFAULT_SCHEDULER : scheduler;
        clusterCIDR = clusterCIDR == null || clusterCIDR.isEmpty() ? DEFAULT_CLUSTER_CIDR : clusterCIDR;
    }

    /** A node's settings with kind's cluster CIDR and no masqueradeAll. */
    public IpvsConfig(String nodeName, List<String> nodeIPs, String scheduler) {
        this(nodeName, nodeIPs, scheduler, DEFAULT_CLUSTER_CIDR, false);
    }

    public static IpvsConfig forNode(String nodeName, String nodeIP) {
        return new IpvsConfig(nodeName, List.of(nodeIP), DEFAULT_SCHEDULER);
    }
}
