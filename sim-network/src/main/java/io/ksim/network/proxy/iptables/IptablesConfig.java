package io.ksim.network.proxy.iptables;

/**
 * The settings of one node's kube-proxy in iptables mode: the node (its endpoints are "local"), the cluster
 * CIDR that tells pod traffic from other traffic ({@code --cluster-cidr}, the local detector), masqueradeAll,
 * and localhost node ports (route_localnet, on by default for IPv4).
 */
public record IptablesConfig(String nodeName, String nodeIP, String clusterCIDR, boolean masqueradeAll,
        boolean localhostNodePorts) {

    /** kube-proxy's defaults for a node of a kubeadm cluster with pod network 10.244.0.0/16. */
    public static IptablesConfig forNode(String nodeName, String nodeIP) {
        return new IptablesConfig(nodeName, nodeIP, "10.244.0.0/16", false, true);
    }
}
