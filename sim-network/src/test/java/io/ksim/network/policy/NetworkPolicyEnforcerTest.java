package io.ksim.network.policy;

import static io.ksim.network.policy.NetworkPolicyEvaluatorTest.pod;
import static io.ksim.network.policy.NetworkPolicyEvaluatorTest.policy;
import static org.junit.jupiter.api.Assertions.assertEquals;

import io.ksim.api.core.Pod;
import io.ksim.api.meta.LabelSelector;
import io.ksim.api.networking.NetworkPolicy;
import io.ksim.api.networking.NetworkPolicy.NetworkPolicyEgressRule;
import io.ksim.api.networking.NetworkPolicy.NetworkPolicyIngressRule;
import io.ksim.api.networking.NetworkPolicy.NetworkPolicyPeer;
import io.ksim.kernel.Kernel;
import io.ksim.network.proxy.ipvs.IpvsConfig;
import io.ksim.network.proxy.ipvs.IpvsProxier;
import io.ksim.network.proxy.ipvs.IpvsProxierTest;
import io.ksim.network.proxy.iptables.IptablesConfig;
import io.ksim.network.proxy.iptables.IptablesProxier;
import io.ksim.network.walk.IptablesWalker;
import io.ksim.network.walk.IpvsWalker;
import io.ksim.network.walk.Packet;
import io.ksim.network.walk.PacketWalker;
import io.ksim.network.walk.WalkResult;
import io.ksim.network.walk.WalkResult.Outcome;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * NetworkPolicy on raw packet walks, through a node's iptables rules and through its IPVS table, with the engine
 * curl walks use: IpvsProxierTest's small cluster, default/sticky (10.104.0.189:80) served by sticky-0 at
 * 10.244.2.3, which only pods labelled app=client may reach.
 */
class NetworkPolicyEnforcerTest {

    private static final String NODE_IP = "172.18.0.3";
    private final Kernel kernel = Kernel.builder().seed(5).build();
    private final Pod server = pod("default", "sticky-0", "sticky", "10.244.2.3");
    private final Pod client = pod("default", "client", "client", "10.244.1.9");
    private final Pod intruder = pod("default", "intruder", "intruder", "10.244.1.10");
    private final List<NetworkPolicy> policies = new ArrayList<>();
    private final NetworkPolicyEnforcer enforcer = new NetworkPolicyEnforcer(() -> new NetworkPolicyEvaluator(
            policies, Map.of(), List.of(server, client, intruder)));

    private PacketWalker walker(String mode) {
        PacketWalker raw = mode.equals("iptables")
                ? new IptablesWalker(new IptablesProxier(IptablesConfig.forNode("node-1", NODE_IP))
                        .sync(IpvsProxierTest.cluster()), IptablesConfig.forNode("node-1", NODE_IP),
                        kernel.random("packets"), kernel)
                : new IpvsWalker(new IpvsProxier(IpvsConfig.forNode("node-1", NODE_IP)).sync(IpvsProxierTest.cluster()),
                        NODE_IP, "10.244.0.0/16", kernel);
        return enforcer.wrap(raw);
    }

    private void onlyClientsMayConnect() {
        policies.add(policy("default", "sticky", List.of(new NetworkPolicyIngressRule(null, List.of(
                new NetworkPolicyPeer(LabelSelector.matchLabels(Map.of("app", "client")), null, null)))), null, null));
    }

    private static String lastStep(WalkResult r) {
        return r.steps().get(r.steps().size() - 1);
    }

    @ParameterizedTest
    @ValueSource(strings = {"iptables", "ipvs"})
    void ingressIsJudgedAtTheBackendAfterDnat(String mode) {
        PacketWalker w = walker(mode);
        assertEquals(Outcome.DELIVERED, w.walk(Packet.tcp("10.244.1.10", "10.104.0.189", 80)).outcome(),
                "no policy: not isolated");
        onlyClientsMayConnect();
        WalkResult allowed = w.walk(Packet.tcp("10.244.1.9", "10.104.0.189", 80));
        assertEquals(Outcome.DELIVERED, allowed.outcome());
        assertEquals("10.244.2.3:80", allowed.backend());
        WalkResult denied = w.walk(Packet.tcp("10.244.1.10", "10.104.0.189", 80));
        assertEquals(Outcome.DROPPED, denied.outcome());
        assertEquals("connection timed out", denied.message());
        assertEquals("NetworkPolicy: ingress to default/sticky-0 not allowed by any NetworkPolicy: dropped",
                lastStep(denied));
    }

    @ParameterizedTest
    @ValueSource(strings = {"iptables", "ipvs"})
    void podIPsAreCheckedWithoutKubeProxy(String mode) {
        onlyClientsMayConnect();
        PacketWalker w = walker(mode);
        assertEquals(Outcome.NOT_INTERCEPTED, w.walk(Packet.tcp("10.244.1.9", "10.244.2.3", 80)).outcome());
        WalkResult direct = w.walk(Packet.tcp("10.244.1.10", "10.244.2.3", 80));
        assertEquals(Outcome.DROPPED, direct.outcome());
        assertEquals("NetworkPolicy: ingress to default/sticky-0 not allowed by any NetworkPolicy: dropped",
                lastStep(direct));
    }

    @ParameterizedTest
    @ValueSource(strings = {"iptables", "ipvs"})
    void egressIsJudgedAtTheClientPod(String mode) {
        policies.add(policy("default", "intruder", null, List.of(new NetworkPolicyEgressRule(null, List.of(
                new NetworkPolicyPeer(LabelSelector.matchLabels(Map.of("app", "nobody")), null, null)))),
                List.of("Egress")));
        PacketWalker w = walker(mode);
        WalkResult denied = w.walk(Packet.tcp("10.244.1.10", "10.104.0.189", 80));
        assertEquals(Outcome.DROPPED, denied.outcome());
        assertEquals("NetworkPolicy: egress from default/intruder not allowed by any NetworkPolicy: dropped",
                lastStep(denied));
        assertEquals(Outcome.DELIVERED, w.walk(Packet.tcp("10.244.1.9", "10.104.0.189", 80)).outcome());
    }

    @ParameterizedTest
    @ValueSource(strings = {"iptables", "ipvs"})
    void trafficFromOutsideThePodNetworkMeetsOnlyIngress(String mode) {
        onlyClientsMayConnect();
        // From outside the cluster CIDR kube-proxy masquerades, so the server sees the node's address.
        WalkResult outside = walker(mode).walk(Packet.tcp("172.18.0.1", "10.104.0.189", 80));
        assertEquals(Outcome.DROPPED, outside.outcome());
        assertEquals(NODE_IP, outside.sourceSeenByBackend());
    }
}
