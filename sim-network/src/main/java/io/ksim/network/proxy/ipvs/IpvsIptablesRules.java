package io.ksim.network.proxy.ipvs;

import io.ksim.network.proxy.iptables.IptablesRules;
import io.ksim.network.proxy.iptables.IptablesRulesWriter;
import io.ksim.network.proxy.iptables.NodeIptables;
import java.util.List;
import java.util.Map;
import java.util.SortedSet;

/**
 * The iptables rules kube-proxy writes in ipvs mode (pkg/proxy/ipvs/proxier.go createAndLinkKubeChain,
 * writeIptablesRules, acceptIPVSTraffic): a constant number of rules that match the ipsets instead of one chain per
 * service. nat: KUBE-SERVICES (loopback RETURN, load-balancer and cluster-IP set matches, external IPs, the jump to
 * KUBE-NODE-PORT, ACCEPT for IPVS traffic), KUBE-NODE-PORT, KUBE-LOAD-BALANCER, KUBE-POSTROUTING (hairpin
 * MASQUERADE, marked traffic), KUBE-MARK-MASQ; filter: KUBE-FORWARD, KUBE-NODE-PORT (health check ports),
 * KUBE-PROXY-FIREWALL and KUBE-SOURCE-RANGES-FIREWALL (loadBalancerSourceRanges), KUBE-IPVS-FILTER (no host ports
 * through service addresses) and KUBE-IPVS-OUT-FILTER. The mask is written as {@code %#08x} ({@code 0x004000}).
 *
 * <p>Set comments are ipset.go's. SCTP node-port sets are not modeled.
 */
public final class IpvsIptablesRules {

    static final String MASQ_MARK = "0x004000";
    static final String SOURCE_RANGES_FIREWALL = "KUBE-SOURCE-RANGES-FIREWALL";
    static final String IPVS_FILTER = "KUBE-IPVS-FILTER";
    static final String IPVS_OUT_FILTER = "KUBE-IPVS-OUT-FILTER";

    /** ipvs mode's jumps from built-in chains (iptablesJumpChain), each ensured with Prepend in this order. */
    static final List<String[]> JUMPS = List.of(
            new String[] {"nat", "OUTPUT", "kubernetes service portals", "KUBE-SERVICES"},
            new String[] {"nat", "PREROUTING", "kubernetes service portals", "KUBE-SERVICES"},
            new String[] {"nat", "POSTROUTING", "kubernetes postrouting rules", "KUBE-POSTROUTING"},
            new String[] {"filter", "FORWARD", "kubernetes forwarding rules", "KUBE-FORWARD"},
            new String[] {"filter", "INPUT", "kubernetes health check rules", "KUBE-NODE-PORT"},
            new String[] {"filter", "INPUT", "kube-proxy firewall rules", "KUBE-PROXY-FIREWALL"},
            new String[] {"filter", "FORWARD", "kube-proxy firewall rules", "KUBE-PROXY-FIREWALL"},
            new String[] {"filter", "INPUT", "kubernetes ipvs access filter", IPVS_FILTER},
            new String[] {"filter", "OUTPUT", "kubernetes ipvs access filter", IPVS_OUT_FILTER});

    /** The chains ipvs mode declares (iptablesChains), nat then filter; cleanup removes the same list. */
    static final List<String[]> CHAINS = List.of(
            new String[] {"nat", "KUBE-SERVICES"}, new String[] {"nat", "KUBE-POSTROUTING"},
            new String[] {"nat", "KUBE-NODE-PORT"}, new String[] {"nat", "KUBE-LOAD-BALANCER"},
            new String[] {"nat", "KUBE-MARK-MASQ"}, new String[] {"filter", "KUBE-FORWARD"},
            new String[] {"filter", "KUBE-NODE-PORT"}, new String[] {"filter", "KUBE-PROXY-FIREWALL"},
            new String[] {"filter", SOURCE_RANGES_FIREWALL}, new String[] {"filter", IPVS_FILTER},
            new String[] {"filter", IPVS_OUT_FILTER});

    /** ipsetWithIptablesChain: set, table, from chain, target, match type, protocol match. */
    private static final List<String[]> SET_RULES = List.of(
            new String[] {IpvsProxier.KUBE_LOOP_BACK, "nat", "KUBE-POSTROUTING", "MASQUERADE", "dst,dst,src", ""},
            new String[] {IpvsProxier.KUBE_LOAD_BALANCER, "nat", "KUBE-SERVICES", "KUBE-LOAD-BALANCER", "dst,dst", ""},
            new String[] {IpvsProxier.KUBE_LOAD_BALANCER_LOCAL, "nat", "KUBE-LOAD-BALANCER", "RETURN", "dst,dst", ""},
            new String[] {"KUBE-NODE-PORT-LOCAL-TCP", "nat", "KUBE-NODE-PORT", "RETURN", "dst", "tcp"},
            new String[] {"KUBE-NODE-PORT-TCP", "nat", "KUBE-NODE-PORT", "KUBE-MARK-MASQ", "dst", "tcp"},
            new String[] {"KUBE-NODE-PORT-LOCAL-UDP", "nat", "KUBE-NODE-PORT", "RETURN", "dst", "udp"},
            new String[] {"KUBE-NODE-PORT-UDP", "nat", "KUBE-NODE-PORT", "KUBE-MARK-MASQ", "dst", "udp"},
            new String[] {IpvsProxier.KUBE_LOAD_BALANCER_FW, "filter", "KUBE-PROXY-FIREWALL", SOURCE_RANGES_FIREWALL,
                    "dst,dst", ""},
            new String[] {IpvsProxier.KUBE_LOAD_BALANCER_SOURCE_CIDR, "filter", SOURCE_RANGES_FIREWALL, "RETURN",
                    "dst,dst,src", ""},
            new String[] {IpvsProxier.KUBE_LOAD_BALANCER_SOURCE_IP, "filter", SOURCE_RANGES_FIREWALL, "RETURN",
                    "dst,dst,src", ""});

    /** ipset.go's comments, as the rules quote them. */
    private static final Map<String, String> COMMENTS = Map.ofEntries(
            Map.entry(IpvsProxier.KUBE_LOOP_BACK, "Kubernetes endpoints dst ip:port, source ip for solving hairpin purpose"),
            Map.entry(IpvsProxier.KUBE_CLUSTER_IP, "Kubernetes service cluster ip + port for masquerade purpose"),
            Map.entry(IpvsProxier.KUBE_EXTERNAL_IP, "Kubernetes service external ip + port for masquerade and filter "
                    + "purpose"),
            Map.entry(IpvsProxier.KUBE_EXTERNAL_IP_LOCAL, "Kubernetes service external ip + port with "
                    + "externalTrafficPolicy=local"),
            Map.entry(IpvsProxier.KUBE_LOAD_BALANCER, "Kubernetes service lb portal"),
            Map.entry(IpvsProxier.KUBE_LOAD_BALANCER_LOCAL, "Kubernetes service load balancer ip + port with "
                    + "externalTrafficPolicy=local"),
            Map.entry(IpvsProxier.KUBE_LOAD_BALANCER_FW, "Kubernetes service load balancer ip + port for load balancer "
                    + "with sourceRange"),
            Map.entry(IpvsProxier.KUBE_LOAD_BALANCER_SOURCE_IP, "Kubernetes service load balancer ip + port + source IP "
                    + "for packet filter purpose"),
            Map.entry(IpvsProxier.KUBE_LOAD_BALANCER_SOURCE_CIDR, "Kubernetes service load balancer ip + port + source "
                    + "cidr for packet filter purpose"),
            Map.entry("KUBE-NODE-PORT-TCP", "Kubernetes nodeport TCP port for masquerade purpose"),
            Map.entry("KUBE-NODE-PORT-LOCAL-TCP", "Kubernetes nodeport TCP port with externalTrafficPolicy=local"),
            Map.entry("KUBE-NODE-PORT-UDP", "Kubernetes nodeport UDP port for masquerade purpose"),
            Map.entry("KUBE-NODE-PORT-LOCAL-UDP", "Kubernetes nodeport UDP port with externalTrafficPolicy=local"),
            Map.entry(IpvsProxier.KUBE_HEALTH_CHECK_NODE_PORT, "Kubernetes health check node port"),
            Map.entry(IpvsProxier.KUBE_IPVS_IPS, "Addresses on the ipvs interface"));

    private IpvsIptablesRules() {
    }

    /** The restore payload of one ipvs-mode sync, from the ipsets and blocked load-balancer entries it computed. */
    public static IptablesRules write(IpvsConfig config, IpvsState state) {
        IptablesRulesWriter w = new IptablesRulesWriter();
        for (String[] c : CHAINS) {
            w.chain(c[0], c[1]);
        }
        Map<String, SortedSet<String>> sets = state.ipsets();
        w.rule("nat", "KUBE-SERVICES", "-s 127.0.0.0/8 -j RETURN");
        for (String[] r : SET_RULES) {
            if (!empty(sets, r[0])) {
                String proto = r[5].isEmpty() ? "" : "-p " + r[5] + " ";
                w.rule(r[1], r[2], proto + comment(r[0]) + "-m set --match-set " + r[0] + " " + r[4] + " -j " + r[3]);
            }
        }
        if (!empty(sets, IpvsProxier.KUBE_CLUSTER_IP)) {
            String args = comment(IpvsProxier.KUBE_CLUSTER_IP) + "-m set --match-set " + IpvsProxier.KUBE_CLUSTER_IP
                    + " dst,dst";
            w.rule("nat", "KUBE-SERVICES", config.masqueradeAll() ? args + " -j KUBE-MARK-MASQ"
                    : args + " ! -s " + config.clusterCIDR() + " -j KUBE-MARK-MASQ");
        }
        if (!empty(sets, IpvsProxier.KUBE_EXTERNAL_IP)) {
            String args = comment(IpvsProxier.KUBE_EXTERNAL_IP) + "-m set --match-set " + IpvsProxier.KUBE_EXTERNAL_IP
                    + " dst,dst";
            w.rule("nat", "KUBE-SERVICES", args + " -j KUBE-MARK-MASQ");
            externalIPRules(w, args);
        }
        if (!empty(sets, IpvsProxier.KUBE_EXTERNAL_IP_LOCAL)) {
            externalIPRules(w, comment(IpvsProxier.KUBE_EXTERNAL_IP_LOCAL) + "-m set --match-set "
                    + IpvsProxier.KUBE_EXTERNAL_IP_LOCAL + " dst,dst");
        }
        w.rule("nat", "KUBE-SERVICES", "-m addrtype --dst-type LOCAL -j KUBE-NODE-PORT");
        w.rule("nat", "KUBE-LOAD-BALANCER", "-j KUBE-MARK-MASQ");
        w.rule("filter", SOURCE_RANGES_FIREWALL, "-j DROP");
        for (String entry : state.lbNoNodeAccess()) {
            String[] p = entry.split("[,:]");
            w.rule("filter", IPVS_OUT_FILTER, "-s " + p[0] + " -m ipvs --vaddr " + p[0] + " --vproto " + p[1]
                    + " --vport " + p[2] + " -j DROP");
        }
        for (String set : List.of(IpvsProxier.KUBE_CLUSTER_IP, IpvsProxier.KUBE_LOAD_BALANCER)) {
            if (!empty(sets, set)) {
                w.rule("nat", "KUBE-SERVICES", "-m set --match-set " + set + " dst,dst -j ACCEPT");
            }
        }
        w.rule("filter", "KUBE-FORWARD", "-m comment --comment \"kubernetes forwarding rules\" -m mark --mark "
                + MASQ_MARK + "/" + MASQ_MARK + " -j ACCEPT");
        w.rule("filter", "KUBE-FORWARD", "-m comment --comment \"kubernetes forwarding conntrack rule\" -m conntrack "
                + "--ctstate RELATED,ESTABLISHED -j ACCEPT");
        w.rule("filter", "KUBE-NODE-PORT", comment(IpvsProxier.KUBE_HEALTH_CHECK_NODE_PORT) + "-m set --match-set "
                + IpvsProxier.KUBE_HEALTH_CHECK_NODE_PORT + " dst -j ACCEPT");
        for (String set : List.of(IpvsProxier.KUBE_LOAD_BALANCER, IpvsProxier.KUBE_CLUSTER_IP,
                IpvsProxier.KUBE_EXTERNAL_IP, IpvsProxier.KUBE_EXTERNAL_IP_LOCAL)) {
            w.rule("filter", IPVS_FILTER, "-m set --match-set " + set + " dst,dst -j RETURN");
        }
        w.rule("filter", IPVS_FILTER, "-m set --match-set " + IpvsProxier.KUBE_HEALTH_CHECK_NODE_PORT
                + " dst -j RETURN");
        w.rule("filter", IPVS_FILTER, "-m conntrack --ctstate NEW -m set --match-set " + IpvsProxier.KUBE_IPVS_IPS
                + " dst -j REJECT");
        w.rule("nat", "KUBE-POSTROUTING", "-m mark ! --mark " + MASQ_MARK + "/" + MASQ_MARK + " -j RETURN");
        w.rule("nat", "KUBE-POSTROUTING", "-j MARK --xor-mark " + MASQ_MARK);
        w.rule("nat", "KUBE-POSTROUTING", "-m comment --comment \"kubernetes service traffic requiring SNAT\" "
                + "-j MASQUERADE");
        w.rule("nat", "KUBE-MARK-MASQ", "-j MARK --or-mark " + MASQ_MARK);
        return w.build();
    }

    /** Before its restore, a sync ensures the chains and its jumps from the built-in chains (Prepend). */
    public static void ensureJumps(NodeIptables node) {
        for (String[] c : CHAINS) {
            node.ensureChain(c[0], c[1]);
        }
        for (String[] j : JUMPS) {
            node.ensureRule(j[0], j[1], "-m comment --comment \"" + j[2] + "\" -j " + j[3], true);
        }
    }

    /**
     * The iptables half of the ipvs proxier's CleanupLeftovers: its jumps deleted, its chains flushed, then
     * deleted. (The IPVS table, kube-ipvs0 and the ipsets go too; they live in {@link IpvsState}.)
     */
    public static void cleanupLeftovers(NodeIptables node) {
        for (String[] j : JUMPS) {
            node.deleteRule(j[0], j[1], "-m comment --comment \"" + j[2] + "\" -j " + j[3]);
        }
        for (String[] c : CHAINS) {
            node.flushChain(c[0], c[1]);
        }
        for (String[] c : CHAINS) {
            node.deleteChain(c[0], c[1]);
        }
    }

    private static void externalIPRules(IptablesRulesWriter w, String args) {
        w.rule("nat", "KUBE-SERVICES", args + " -m physdev ! --physdev-is-in -m addrtype ! --src-type LOCAL -j ACCEPT");
        w.rule("nat", "KUBE-SERVICES", args + " -m addrtype --dst-type LOCAL -j ACCEPT");
    }

    private static String comment(String set) {
        return "-m comment --comment \"" + COMMENTS.get(set) + "\" ";
    }

    private static boolean empty(Map<String, SortedSet<String>> sets, String set) {
        return !sets.containsKey(set) || sets.get(set).isEmpty();
    }
}
