package io.ksim.cluster;

import io.ksim.api.core.Node;
import io.ksim.api.core.Pod;
import io.ksim.apiserver.registry.BuiltinResources;
import io.ksim.network.dns.CoreDns;
import io.ksim.network.dns.CoreDnsConfig;
import io.ksim.network.dns.ResolvConf;
import io.ksim.network.dns.Resolver;
import io.ksim.network.proxy.KubeProxy;
import io.ksim.network.proxy.iptables.IptablesConfig;
import io.ksim.network.system.KubeSystemNetwork;
import io.ksim.network.walk.AccessLog;
import io.ksim.network.walk.Curl;
import io.ksim.network.walk.IptablesWalker;
import io.ksim.network.walk.IpvsWalker;
import io.ksim.network.walk.PacketWalker;
import io.ksim.network.walk.WalkResult;
import java.util.List;
import java.util.Map;

/**
 * The network as a pod sees it: its resolv.conf (the kubelet's, with kind's node file), CoreDNS answering from
 * the Services, EndpointSlices and pods as they are now, and {@code curl} from the pod through its node's
 * kube-proxy. What a server pod logs for a request goes to its container log on its node, where
 * {@code kubectl logs} reads it.
 */
public final class PodNetwork {

    /**
     * A kind node's own /etc/resolv.conf: Docker's embedded-DNS file with kind's network gateway put in for
     * 127.0.0.11, and Docker's {@code options ndots:0} (the host's search domains are not modeled).
     */
    public static final ResolvConf NODE_RESOLV_CONF = new ResolvConf(List.of("172.18.0.1"), List.of(),
            Map.of("ndots", "0"));

    private final Cluster cluster;
    private final Curl curl;
    /** One random stream per node for the iptables statistic matches, drawn on across requests. */
    private final Map<String, java.util.SplittableRandom> packetRandom = new java.util.HashMap<>();

    PodNetwork(Cluster cluster) {
        this.cluster = cluster;
        AccessLog log = new AccessLog().to((server, container, line) -> {
            String node = server.spec().nodeName();
            if (node != null && cluster.nodeNames().contains(node)) {
                cluster.kubelet(node).logs().append(server.metadata().namespace(), server.metadata().name(),
                        container, cluster.now(), line);
            }
        });
        this.curl = new Curl(cluster.kernel(), cluster.api(), this::dns, this::walker,
                KubeSystemNetwork.KUBE_DNS_IP, NODE_RESOLV_CONF, log);
    }

    /** curl (and wget) from a pod. */
    public Curl curl() {
        return curl;
    }

    /** CoreDNS with kubeadm's Corefile, answering from the objects as they are now. */
    public CoreDns dns() {
        return new CoreDns(CoreDnsConfig.kubeadm(),
                cluster.api().list(BuiltinResources.SERVICES, null).items(),
                cluster.api().list(BuiltinResources.ENDPOINT_SLICES, null).items(),
                cluster.api().list(BuiltinResources.PODS, null).items());
    }

    /** The /etc/resolv.conf the kubelet writes for {@code pod}. */
    public ResolvConf resolvConf(Pod pod) {
        return ResolvConf.forPod(pod, KubeSystemNetwork.KUBE_DNS_IP, CoreDnsConfig.kubeadm().zone(), NODE_RESOLV_CONF);
    }

    /** The stub resolver of {@code pod}. */
    public Resolver resolver(Pod pod) {
        return new Resolver(resolvConf(pod), dns());
    }

    private PacketWalker walker(String node) {
        KubeProxy proxy = node == null ? null : cluster.kubeProxy(node);
        if (proxy == null) {
            return p -> new WalkResult(WalkResult.Outcome.NOT_INTERCEPTED, null, p.srcIP(), List.of(
                    "no kube-proxy rules on the node"), 0, null);
        }
        String ip = nodeIP(node);
        if (proxy.mode() == KubeProxy.Mode.IPVS) {
            return new IpvsWalker(proxy.ipvsState(), ip, Cluster.CLUSTER_CIDR, cluster.kernel());
        }
        return new IptablesWalker(proxy.iptablesRules(), IptablesConfig.forNode(node, ip),
                packetRandom.computeIfAbsent(node,
                n -> cluster.kernel().random("kube-proxy/" + n + "/packets")), cluster.kernel());
    }

    private String nodeIP(String node) {
        Node n = cluster.api().get(BuiltinResources.NODES, null, node);
        return n.status().addresses().stream().filter(a -> "InternalIP".equals(a.type()))
                .map(Node.NodeAddress::address).findFirst().orElse("");
    }
}
