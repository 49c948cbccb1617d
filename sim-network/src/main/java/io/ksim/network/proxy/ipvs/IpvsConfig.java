package io.ksim.network.proxy.ipvs;

import java.util.List;

/**
 * The settings of one node's kube-proxy in ipvs mode: the node, the addresses node ports are served on,
 * the IPVS scheduler ({@code --ipvs-scheduler}, default {@code rr}; also {@code wrr}, {@code lc}, {@code sh}, ...).
 */
public record IpvsConfig(String nodeName, List<String> nodeIPs, String scheduler) {

    public static final String DEFAULT_SCHEDULER = "rr";

    public IpvsConfig {
        nodeIPs = List.copyOf(nodeIPs);
        scheduler = scheduler == null || scheduler.isEmpty() ? DEFAULT_SCHEDULER : scheduler;
    }

    public static IpvsConfig forNode(String nodeName, String nodeIP) {
        return new IpvsConfig(nodeName, List.of(nodeIP), DEFAULT_SCHEDULER);
    }
}
