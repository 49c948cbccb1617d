package io.ksim.network.proxy;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.google.common.collect.ImmutableSortedMap;
import io.ksim.api.core.ConfigMap;
import io.ksim.apiserver.registry.BuiltinResources;
import io.ksim.network.NetworkTestCluster;
import io.ksim.network.proxy.iptables.NodeIptables;
import io.ksim.network.proxy.ipvs.IpvsState;
import io.ksim.network.system.KubeSystemNetwork;
import java.time.Duration;
import java.util.List;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * Switching a node's kube-proxy between iptables and ipvs mode (ConfigMap edit, then a new process) and what the
 * node's tables hold afterwards. v1.32 (cmd/kube-proxy/app/server_linux.go platformCleanup) cleans up the iptables
 * and ipvs proxiers' rules only when the new mode is nftables or with {@code kube-proxy --cleanup}; between iptables
 * and ipvs nothing is cleaned, so the other mode's chains stay, unreferenced from nat KUBE-SERVICES.
 */
class ProxyModeSwitchTest {

    private static final String NODE = "node-1";
    private static final String NODE_IP = "172.18.0.2";
    /** kube-proxy's chain for default/kubernetes:https (also seen on real clusters). */
    private static final String KUBERNETES_SVC = "KUBE-SVC-NPX46M4PTMTKRN6Y";

    private final NetworkTestCluster c = new NetworkTestCluster(7);
    private final NodeIptables node = new NodeIptables();

    @BeforeEach
    void kubeSystem() {
        KubeSystemNetwork.install(c.api, "10.244.0.0/16");
    }

    private KubeProxy run(String mode) {
        ConfigMap cm = c.api.get(BuiltinResources.CONFIG_MAPS, "kube-system", "kube-proxy");
        String yaml = cm.data().get("config.conf").replaceAll("mode: \"[a-z]*\"", "mode: \"" + mode + "\"");
        c.api.update(BuiltinResources.CONFIG_MAPS, cm.withData(ImmutableSortedMap.of("config.conf", yaml)));
        KubeProxy p = KubeProxy.fromConfigMap(c.kernel, c.api, NODE, NODE_IP, node);
        p.start();
        c.settle();
        return p;
    }

    private static List<String> lines(String save, String prefix) {
        return save.lines().filter(l -> l.startsWith(prefix)).toList();
    }

    @Test
    void ipvsModeWritesItsIpsetRulesAndLeavesTheIptablesChainsBehind() {
        KubeProxy iptables = run("");
        assertTrue(node.hasChain("nat", KUBERNETES_SVC));
        iptables.stop();
        KubeProxy ipvs = run("ipvs");
        assertEquals(KubeProxy.Mode.IPVS, ipvs.mode());
        String save = ipvs.iptablesSave();
        // ipvs mode's nat KUBE-SERVICES, as iptables-save prints it on a kind node.
        assertEquals(List.of(
                "-A KUBE-SERVICES -s 127.0.0.0/8 -j RETURN",
                "-A KUBE-SERVICES ! -s 10.244.0.0/16 -m comment --comment \"Kubernetes service cluster ip + port for "
                        + "masquerade purpose\" -m set --match-set KUBE-CLUSTER-IP dst,dst -j KUBE-MARK-MASQ",
                "-A KUBE-SERVICES -m addrtype --dst-type LOCAL -j KUBE-NODE-PORT",
                "-A KUBE-SERVICES -m set --match-set KUBE-CLUSTER-IP dst,dst -j ACCEPT"),
                lines(save.substring(save.indexOf("*nat")), "-A KUBE-SERVICES"));
        assertEquals(List.of(
                "-A KUBE-POSTROUTING -m mark ! --mark 0x4000/0x4000 -j RETURN",
                "-A KUBE-POSTROUTING -j MARK --set-xmark 0x4000/0x0",
                "-A KUBE-POSTROUTING -m comment --comment \"kubernetes service traffic requiring SNAT\" -j MASQUERADE "
                        + "--random-fully"), lines(save, "-A KUBE-POSTROUTING"));
        assertEquals(List.of("-A KUBE-MARK-MASQ -j MARK --set-xmark 0x4000/0x4000"), lines(save, "-A KUBE-MARK-MASQ"));
        assertEquals(List.of(
                "-A KUBE-IPVS-FILTER -m set --match-set KUBE-LOAD-BALANCER dst,dst -j RETURN",
                "-A KUBE-IPVS-FILTER -m set --match-set KUBE-CLUSTER-IP dst,dst -j RETURN",
                "-A KUBE-IPVS-FILTER -m set --match-set KUBE-EXTERNAL-IP dst,dst -j RETURN",
                "-A KUBE-IPVS-FILTER -m set --match-set KUBE-EXTERNAL-IP-LOCAL dst,dst -j RETURN",
                "-A KUBE-IPVS-FILTER -m set --match-set KUBE-HEALTH-CHECK-NODE-PORT dst -j RETURN",
                "-A KUBE-IPVS-FILTER -m conntrack --ctstate NEW -m set --match-set KUBE-IPVS-IPS dst -j REJECT "
                        + "--reject-with icmp-port-unreachable"), lines(save, "-A KUBE-IPVS-FILTER"));
        // ipvs mode prepends its jumps before the ones the iptables proxier left in INPUT.
        assertEquals(List.of(
                "-A INPUT -m comment --comment \"kubernetes ipvs access filter\" -j KUBE-IPVS-FILTER",
                "-A INPUT -m comment --comment \"kube-proxy firewall rules\" -j KUBE-PROXY-FIREWALL",
                "-A INPUT -m comment --comment \"kubernetes health check rules\" -j KUBE-NODE-PORT",
                "-A INPUT -m conntrack --ctstate NEW -m comment --comment \"kubernetes load balancer firewall\" "
                        + "-j KUBE-PROXY-FIREWALL",
                "-A INPUT -m comment --comment \"kubernetes health check service ports\" -j KUBE-NODEPORTS",
                "-A INPUT -m conntrack --ctstate NEW -m comment --comment \"kubernetes externally-visible service "
                        + "portals\" -j KUBE-EXTERNAL-SERVICES",
                "-A INPUT -j KUBE-FIREWALL"), lines(save, "-A INPUT"));
        // Nothing cleaned the iptables proxier's chains: they stay, but nat KUBE-SERVICES no longer jumps to them.
        assertTrue(save.contains(":" + KUBERNETES_SVC + " - [0:0]"), save);
        assertTrue(save.contains(":KUBE-NODEPORTS - [0:0]"));
        assertFalse(node.chainRules("nat", "KUBE-SERVICES").stream().anyMatch(r -> r.contains("KUBE-SVC-")));
        // kube-dns has no endpoints: the REJECT rules of filter KUBE-SERVICES stay too, still jumped to from OUTPUT.
        assertTrue(save.contains("-A KUBE-SERVICES -d 10.96.0.10/32 -p udp -m comment --comment "
                + "\"kube-system/kube-dns:dns has no endpoints\""), save);
    }

    @Test
    void kubeProxyCleanupRemovesTheLeftoversAndTheIpvsProxierWritesItsRulesAgain() {
        run("").stop();
        KubeProxy ipvs = run("ipvs").periodicSyncs();
        c.kernel.advance(Duration.ofSeconds(1));
        KubeProxy.cleanupLeftovers(node);
        String cleaned = ipvs.iptablesSave();
        assertFalse(cleaned.contains("KUBE-SVC-"), cleaned);
        assertFalse(cleaned.contains("KUBE-SEP-"), cleaned);
        assertFalse(node.hasChain("nat", "KUBE-SERVICES"));
        assertFalse(node.hasChain("filter", "KUBE-IPVS-FILTER"));
        assertTrue(node.chainRules("filter", "INPUT").equals(List.of("-j KUBE-FIREWALL")), "the kubelet's jump stays");
        // The ipvs runner syncs at least every syncPeriod (30 s) and writes its rules back; the IPVS table it
        // finds unchanged stays the same object (its schedulers keep their state).
        IpvsState before = ipvs.ipvsState();
        int syncs = ipvs.syncs();
        c.kernel.advance(KubeProxy.DEFAULT_SYNC_PERIOD);
        assertEquals(syncs + 1, ipvs.syncs());
        assertSame(before, ipvs.ipvsState());
        String after = ipvs.iptablesSave();
        assertTrue(after.contains("-A KUBE-SERVICES -m addrtype --dst-type LOCAL -j KUBE-NODE-PORT"), after);
        assertFalse(after.contains("KUBE-SVC-"), after);
        assertFalse(after.contains("KUBE-EXTERNAL-SERVICES"), after);
    }

    @Test
    void backToIptablesRewritesItsChainsAndLeavesTheIpvsChains() {
        run("").stop();
        run("ipvs").stop();
        KubeProxy back = run("iptables");
        assertEquals(KubeProxy.Mode.IPTABLES, back.mode());
        assertTrue(node.chainRules("nat", "KUBE-SERVICES").stream().anyMatch(r -> r.endsWith("-j " + KUBERNETES_SVC)));
        assertFalse(node.chainRules("nat", "KUBE-SERVICES").stream().anyMatch(r -> r.contains("match-set")),
                "the iptables proxier flushed the ipvs rules of the chains it writes");
        assertTrue(node.hasChain("filter", "KUBE-IPVS-FILTER"), "the ipvs proxier's own chains stay");
        assertTrue(node.hasChain("nat", "KUBE-LOAD-BALANCER"));
        assertTrue(node.chainRules("filter", "INPUT").contains(
                "-m comment --comment \"kubernetes ipvs access filter\" -j KUBE-IPVS-FILTER"));
    }
}
