package io.ksim.cluster;

import io.ksim.api.core.Pod;
import io.ksim.api.core.PodSpec;
import io.ksim.api.core.Service;
import io.ksim.api.meta.ObjectMeta;
import io.ksim.apiserver.registry.BuiltinResources;
import io.ksim.network.dns.CoreDns;
import io.ksim.network.dns.CoreDnsConfig;
import io.ksim.network.dns.ResolvConf;
import io.ksim.network.dns.Resolver;
import io.ksim.network.proxy.KubeProxy;
import io.ksim.network.proxy.iptables.IptablesConfig;
import io.ksim.network.walk.AccessLog;
import io.ksim.network.walk.Curl;
import io.ksim.network.walk.IptablesWalker;
import io.ksim.network.walk.IpvsWalker;
import io.ksim.network.walk.PacketWalker;
import io.ksim.network.walk.WalkResult;
import java.util.List;
import java.util.Map;

/**
 * The cluster's data path for {@code curl} and DNS: a request from a pod is resolved by the pod's resolver over
 * its resolv.conf and CoreDNS (answering from the Services, EndpointSlices and pods as they are now) and walked
 * through the kube-proxy rules of the pod's node; a request from outside leaves the machine kind runs on
 * (the docker network's gateway, 172.18.0.1) for a node address or a load balancer address, and meets the rules
 * of that node or of the node announcing the address.
 */
public final class ClusterNetwork {

    /** kubeadm's cluster DNS address: the kube-dns Service, the tenth address of 10.96.0.0/12. */
    public static final String CLUSTER_DNS = "10.96.0.10";
    /** The machine kind runs on, as the nodes see it: the gateway of kind's docker network. */
    public static final String HOST_IP = "172.18.0.1";
    /** A kind node's own resolv.conf: docker's DNS at the gateway. */
    public static final ResolvConf NODE_RESOLV_CONF = new ResolvConf(List.of(HOST_IP), List.of(), Map.of());

    private final Cluster cluster;
    private final AccessLog accessLog = new AccessLog();
    private final Curl curl;
    /** Per node, the IPVS walker over the proxy's current state: it keeps the round-robin position between requests. */
    private final Map<String, IpvsWalker> ipvsWalkers = new java.util.HashMap<>();
    private final Map<String, io.ksim.network.proxy.ipvs.IpvsState> ipvsStates = new java.util.HashMap<>();

    ClusterNetwork(Cluster cluster) {
        this.cluster = cluster;
        this.curl = new Curl(cluster.kernel(), cluster.api(), this::coreDns, this::walker, CLUSTER_DNS,
                NODE_RESOLV_CONF, accessLog);
    }

    /** CoreDNS answering from the cluster's objects as they are now (kubeadm's Corefile). */
    public CoreDns coreDns() {
        return new CoreDns(CoreDnsConfig.kubeadm(),
                cluster.api().list(BuiltinResources.SERVICES, null).items(),
                cluster.api().list(BuiltinResources.ENDPOINT_SLICES, null).items(),
                cluster.api().list(BuiltinResources.PODS, null).items());
    }

    /** The resolv.conf the kubelet wrote for {@code pod}. */
    public ResolvConf resolvConf(Pod pod) {
        return ResolvConf.forPod(pod, CLUSTER_DNS, CoreDnsConfig.kubeadm().zone(), NODE_RESOLV_CONF);
    }

    /** {@code pod}'s stub resolver. */
    public Resolver resolver(Pod pod) {
        return new Resolver(resolvConf(pod), coreDns());
    }

    /** The request log of the pods that keep one (ikubernetes/demoapp). */
    public AccessLog accessLog() {
        return accessLog;
    }

    /** {@code curl <url>} run in {@code client}. */
    public Curl.Response curlFromPod(Pod client, String url) {
        return curl.fromPod(client, url);
    }

    /**
     * {@code curl <url>} from the machine kind runs on: the URL's host must be an address (a node's, or a
     * LoadBalancer Service's); the packet reaches that node, or the node announcing the load balancer address.
     */
    public Curl.Response curlFromOutside(String url) {
        String rest = url.replaceFirst("^https?://", "");
        String host = rest.split("[/:]", 2)[0];
        if (!host.matches("\\d+\\.\\d+\\.\\d+\\.\\d+")) {
            return new Curl.Response(6, "curl: (6) Could not resolve host: " + host + "\n", null, List.of(), null);
        }
        String node = cluster.nodeNames().get(0);
        for (String n : cluster.nodeNames()) {
            if (cluster.nodeIP(n).equals(host)) {
                node = n;
            }
        }
        if (cluster.loadBalancer() != null) {
            for (Service s : cluster.api().list(BuiltinResources.SERVICES, null).items()) {
                boolean owns = s.status() != null && s.status().loadBalancer() != null
                        && s.status().loadBalancer().ingress().stream().anyMatch(i -> host.equals(i.ip()));
                String announcer = owns ? cluster.loadBalancer().announcer(s.metadata().namespace(),
                        s.metadata().name()) : null;
                if (announcer != null) {
                    node = announcer;
                }
            }
        }
        // The host is modeled as a client outside the pod network whose first hop is that node.
        Pod host0 = Pod.of(ObjectMeta.builder().name("host").namespace("default").build(),
                PodSpec.builder().containers(List.of()).nodeName(node).build());
        Pod hostClient = host0.withStatus(host0.status().toBuilder().podIP(HOST_IP).hostIP(HOST_IP).build());
        return curl.fromPod(hostClient, url);
    }

    private PacketWalker walker(String node) {
        KubeProxy proxy = cluster.isKubeProxyRunning(node) ? cluster.kubeProxy(node) : null;
        if (proxy == null) {
            return p -> new WalkResult(WalkResult.Outcome.NOT_INTERCEPTED, null, p.srcIP(),
                    List.of("no kube-proxy runs on " + node), 0, "no rules");
        }
        String ip = cluster.nodeIP(node);
        if (proxy.mode() == KubeProxy.Mode.IPVS) {
            // The scheduler's state (round-robin position, connections) lives as long as the rules it walks.
            if (ipvsStates.get(node) != proxy.ipvsState()) {
                ipvsStates.put(node, proxy.ipvsState());
                ipvsWalkers.put(node, new IpvsWalker(proxy.ipvsState(), ip, Cluster.CLUSTER_CIDR, cluster.kernel()));
            }
            return ipvsWalkers.get(node);
        }
        return new IptablesWalker(proxy.iptablesRules(), IptablesConfig.forNode(node, ip),
                cluster.kernel().random("kube-proxy/" + node + "/packets"), cluster.kernel());
    }
}
