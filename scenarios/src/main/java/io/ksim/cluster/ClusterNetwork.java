package io.ksim.cluster;

import io.ksim.api.core.Namespace;
import io.ksim.api.core.Pod;
import io.ksim.api.core.PodSpec;
import io.ksim.api.core.Service;
import io.ksim.api.meta.ObjectMeta;
import io.ksim.apiserver.registry.BuiltinResources;
import io.ksim.network.dns.CoreDns;
import io.ksim.network.dns.CoreDnsConfig;
import io.ksim.network.dns.ResolvConf;
import io.ksim.network.dns.Resolver;
import io.ksim.network.policy.NetworkPolicyEvaluator;
import io.ksim.network.proxy.KubeProxy;
import io.ksim.network.proxy.iptables.IptablesConfig;
import io.ksim.network.proxy.ipvs.IpvsState;
import io.ksim.network.system.KubeSystemNetwork;
import io.ksim.network.walk.AccessLog;
import io.ksim.network.walk.Curl;
import io.ksim.network.walk.IptablesWalker;
import io.ksim.network.walk.IpvsWalker;
import io.ksim.network.walk.Packet;
import io.ksim.network.walk.PacketWalker;
import io.ksim.network.walk.WalkResult;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * The cluster's data path as a pod sees it, for scenario steps and {@code kubectl exec} alike: a pod's
 * resolv.conf (the kubelet's, over kind's node file), CoreDNS answering from the Services, EndpointSlices and pods
 * as they are now, and {@code curl} (or wget) from the pod walked through the kube-proxy rules of its node. A
 * request from outside leaves the machine kind runs on (the docker network's gateway, 172.18.0.1) for a node
 * address or a load balancer address, and meets the rules of that node or of the node announcing the address.
 * What a server pod logs for a request is kept in the {@link #accessLog() access log} and written to its container
 * log on its node, where {@code kubectl logs} reads it.
 */
public final class ClusterNetwork {

    /** kubeadm's cluster DNS address: the kube-dns Service, the tenth address of 10.96.0.0/12. */
    public static final String CLUSTER_DNS = KubeSystemNetwork.KUBE_DNS_IP;
    /** The machine kind runs on, as the nodes see it: the gateway of kind's docker network. */
    public static final String HOST_IP = "172.18.0.1";
    /**
     * A kind node's own /etc/resolv.conf: Docker's embedded-DNS file with kind's network gateway put in for
     * 127.0.0.11, and Docker's {@code options ndots:0} (the host's search domains are not modeled).
     */
    public static final ResolvConf NODE_RESOLV_CONF = new ResolvConf(List.of(HOST_IP), List.of(),
            Map.of("ndots", "0"));

    private final Cluster cluster;
    private final AccessLog accessLog;
    private final Curl curl;
    /** Per node, the IPVS walker over the proxy's current state: it keeps the round-robin position between requests. */
    private final Map<String, IpvsWalker> ipvsWalkers = new HashMap<>();
    private final Map<String, IpvsState> ipvsStates = new HashMap<>();

    ClusterNetwork(Cluster cluster) {
        this.cluster = cluster;
        this.accessLog = new AccessLog().to((server, container, line) -> {
            String node = server.spec().nodeName();
            if (node != null && cluster.nodeNames().contains(node)) {
                cluster.kubelet(node).logs().append(server.metadata().namespace(), server.metadata().name(),
                        container, cluster.now(), line);
            }
        });
        this.curl = new Curl(cluster.kernel(), cluster.api(), this::dns, this::walker, CLUSTER_DNS,
                NODE_RESOLV_CONF, accessLog).withNetworkPolicies(this::networkPolicies);
    }

    /** The NetworkPolicies, namespaces and pods as they are now, as the network plugin enforces them. */
    private NetworkPolicyEvaluator networkPolicies() {
        Map<String, Namespace> namespaces = new java.util.TreeMap<>();
        cluster.api().list(BuiltinResources.NAMESPACES, null).items()
                .forEach(n -> namespaces.put(n.metadata().name(), n));
        return new NetworkPolicyEvaluator(cluster.api().list(BuiltinResources.NETWORK_POLICIES, null).items(),
                namespaces, cluster.api().list(BuiltinResources.PODS, null).items());
    }

    /**
     * One packet walked through {@code node}'s kube-proxy rules (iptables or IPVS, as its kube-proxy runs) and then
     * the NetworkPolicies, as curl's connections are: a denied packet is DROPPED, its last step naming the reason.
     */
    public WalkResult walk(String node, Packet packet) {
        return curl.networkPolicies().wrap(walker(node)).walk(packet);
    }

    /** CoreDNS with kubeadm's Corefile, answering from the cluster's objects as they are now. */
    public CoreDns dns() {
        return new CoreDns(CoreDnsConfig.kubeadm(),
                cluster.api().list(BuiltinResources.SERVICES, null).items(),
                cluster.api().list(BuiltinResources.ENDPOINT_SLICES, null).items(),
                cluster.api().list(BuiltinResources.PODS, null).items());
    }

    /** The /etc/resolv.conf the kubelet writes for {@code pod}. */
    public ResolvConf resolvConf(Pod pod) {
        return ResolvConf.forPod(pod, CLUSTER_DNS, CoreDnsConfig.kubeadm().zone(), NODE_RESOLV_CONF);
    }

    /** The stub resolver of {@code pod}. */
    public Resolver resolver(Pod pod) {
        return new Resolver(resolvConf(pod), dns());
    }

    /** The request log of the pods that keep one (ikubernetes/demoapp, nginx). */
    public AccessLog accessLog() {
        return accessLog;
    }

    /** curl (and wget) from a pod, for callers that set the user agent or a Host header. */
    public Curl curl() {
        return curl;
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
        if (node == null) {
            return p -> new WalkResult(WalkResult.Outcome.NOT_INTERCEPTED, null, p.srcIP(),
                    List.of("no kube-proxy rules on the node"), 0, null);
        }
        // A stopped kube-proxy leaves its rules in the kernel: packets go on following the last rules it wrote.
        KubeProxy proxy = cluster.kubeProxy(node);
        if (proxy == null) {
            return p -> new WalkResult(WalkResult.Outcome.NOT_INTERCEPTED, null, p.srcIP(),
                    List.of("no kube-proxy has run on " + node), 0, "no rules");
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
        // One random stream per node for the statistic matches, drawn on across requests.
        return new IptablesWalker(proxy.hostIptables(), IptablesConfig.forNode(node, ip),
                cluster.kernel().random("kube-proxy/" + node + "/packets"), cluster.kernel());
    }
}
