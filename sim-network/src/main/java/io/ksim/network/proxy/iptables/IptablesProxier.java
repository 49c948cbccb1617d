package io.ksim.network.proxy.iptables;

import io.ksim.network.allocation.IPv4;
import io.ksim.network.proxy.EndpointCategories;
import io.ksim.network.proxy.EndpointInfo;
import io.ksim.network.proxy.ServiceEndpointsMap;
import io.ksim.network.proxy.ServicePortInfo;
import java.math.BigDecimal;
import java.math.RoundingMode;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;

/**
 * kube-proxy's iptables mode for one node (pkg/proxy/iptables/proxier.go, syncProxyRules): the
 * {@code iptables-restore} payload for the filter and nat tables, rule for rule as upstream writes it.
 *
 * <p>Per service port: the cluster IP jumps from KUBE-SERVICES to KUBE-SVC (or KUBE-SVL for internal Local
 * policy); external IPs, load-balancer IPs and node ports jump to KUBE-EXT, which masquerades (Cluster policy)
 * or keeps the client IP (Local policy, short-circuiting pod and host traffic to KUBE-SVC); KUBE-FW applies
 * loadBalancerSourceRanges; KUBE-SVC picks an endpoint with {@code -m statistic --mode random --probability
 * 1/(n-i)} (last rule unconditional), after {@code -m recent --rcheck} rules when ClientIP affinity is on; each
 * KUBE-SEP masquerades hairpin traffic and DNATs. Without endpoints the filter table REJECTs; with Local
 * policy and no local endpoint it DROPs external traffic.
 *
 * <p>The text is laid out as upstream's TestOverallIPTablesRules expects it: tables filter then nat; in each,
 * KUBE-NODEPORTS, KUBE-SERVICES, then the other chains alphabetically; each chain's rules in the order the
 * proxier writes them. Over 1000 endpoints the per-endpoint comments are dropped (large cluster mode).
 */
public final class IptablesProxier {

    /** upstream largeClusterEndpointsThreshold. */
    public static final int LARGE_CLUSTER_ENDPOINTS_THRESHOLD = 1000;
    static final String MARK_MASQ = "KUBE-MARK-MASQ";
    static final String SERVICES = "KUBE-SERVICES";
    static final String NODEPORTS = "KUBE-NODEPORTS";
    static final String EXTERNAL_SERVICES = "KUBE-EXTERNAL-SERVICES";
    static final String PROXY_FIREWALL = "KUBE-PROXY-FIREWALL";

    /**
     * kube-proxy's jumps from the built-in chains (iptablesJumpChains and the KUBE-FIREWALL jumps), per table and
     * chain in the order they end up on a fresh node: kube-proxy prepends its jumps, so the last installed comes
     * first; the KUBE-FIREWALL jumps are the last rules of INPUT and OUTPUT.
     */
    static final Map<String, Map<String, List<String>>> JUMPS = jumps();
    private static final String FIREWALL_JUMP = "-j KUBE-FIREWALL";

    private final IptablesConfig config;

    private static Map<String, Map<String, List<String>>> jumps() {
        String lbFirewall = "-m conntrack --ctstate NEW -m comment --comment \"kubernetes load balancer firewall\" "
                + "-j KUBE-PROXY-FIREWALL";
        String external = "-m conntrack --ctstate NEW -m comment --comment \"kubernetes externally-visible service "
                + "portals\" -j KUBE-EXTERNAL-SERVICES";
        String filterServices = "-m conntrack --ctstate NEW -m comment --comment \"kubernetes service portals\" "
                + "-j KUBE-SERVICES";
        Map<String, List<String>> filter = new LinkedHashMap<>();
        filter.put("INPUT", List.of(lbFirewall, "-m comment --comment \"kubernetes health check service ports\" "
                + "-j KUBE-NODEPORTS", external, FIREWALL_JUMP));
        filter.put("FORWARD", List.of(lbFirewall, "-m comment --comment \"kubernetes forwarding rules\" "
                + "-j KUBE-FORWARD", filterServices, external));
        filter.put("OUTPUT", List.of(lbFirewall, filterServices, FIREWALL_JUMP));
        String natServices = "-m comment --comment \"kubernetes service portals\" -j KUBE-SERVICES";
        Map<String, List<String>> nat = new LinkedHashMap<>();
        nat.put("PREROUTING", List.of(natServices));
        nat.put("OUTPUT", List.of(natServices));
        nat.put("POSTROUTING", List.of("-m comment --comment \"kubernetes postrouting rules\" -j KUBE-POSTROUTING"));
        return Map.of("filter", Collections.unmodifiableMap(filter), "nat", Collections.unmodifiableMap(nat));
    }

    /**
     * Installs the jumps a full sync ensures before its restore (EnsureChain for the target, then EnsureRule with
     * Prepend; the KUBE-FIREWALL jumps are appended): jumps already there stay where they are.
     */
    public static void ensureJumps(NodeIptables node) {
        for (String table : List.of("filter", "nat")) {
            JUMPS.get(table).forEach((chain, rules) -> {
                for (int i = rules.size() - 1; i >= 0; i--) {
                    String rule = rules.get(i);
                    node.ensureChain(table, rule.substring(rule.lastIndexOf(' ') + 1));
                    node.ensureRule(table, chain, rule, !rule.equals(FIREWALL_JUMP));
                }
            });
        }
    }

    /**
     * The service-port chains of the node's nat table that {@code rules} no longer use: a full sync declares and
     * deletes them ({@code -X}), as upstream does with the chains iptables-save lists and isServiceChainName
     * accepts. Other chains (another proxy mode's, the CNI's) are left alone.
     */
    public static Set<String> staleChains(NodeIptables node, IptablesRules rules) {
        Set<String> stale = new TreeSet<>();
        for (String chain : node.chains("nat")) {
            if (ChainNames.isServiceChain(chain) && !rules.hasChain("nat", chain)) {
                stale.add(chain);
            }
        }
        return stale;
    }

    /**
     * The iptables proxier's CleanupLeftovers, as {@code kube-proxy --cleanup} runs it: its jumps from the built-in
     * chains deleted; in nat, KUBE-SERVICES, KUBE-NODEPORTS, KUBE-POSTROUTING and every service-port chain flushed
     * and deleted; in filter, KUBE-SERVICES, KUBE-EXTERNAL-SERVICES, KUBE-FORWARD, KUBE-NODEPORTS and
     * KUBE-PROXY-FIREWALL. KUBE-MARK-MASQ and KUBE-FIREWALL stay (the kubelet shares them).
     */
    public static void cleanupLeftovers(NodeIptables node) {
        for (String table : List.of("filter", "nat")) {
            JUMPS.get(table).forEach((chain, rules) -> rules.stream().filter(r -> !r.equals(FIREWALL_JUMP))
                    .forEach(r -> node.deleteRule(table, chain, r)));
        }
        Set<String> nat = new TreeSet<>(List.of(SERVICES, NODEPORTS, "KUBE-POSTROUTING"));
        node.chains("nat").stream().filter(ChainNames::isServiceChain).forEach(nat::add);
        for (String chain : nat) {
            node.flushChain("nat", chain);
        }
        nat.forEach(c -> node.deleteChain("nat", c));
        List<String> filter = List.of(SERVICES, EXTERNAL_SERVICES, "KUBE-FORWARD", NODEPORTS, PROXY_FIREWALL);
        filter.forEach(c -> node.flushChain("filter", c));
        filter.forEach(c -> node.deleteChain("filter", c));
    }

    public IptablesProxier(IptablesConfig config) {
        this.config = config;
    }

    public IptablesConfig config() {
        return config;
    }

    /** upstream probability(n): {@code 1/n} with 10 decimals, as Go's {@code %0.10f}. */
    public static String probability(int n) {
        return new BigDecimal(1.0 / n).setScale(10, RoundingMode.HALF_EVEN).toPlainString();
    }

    /** The rules for the node, as an {@link IptablesRules} value (renders to the restore payload). */
    public IptablesRules sync(ServiceEndpointsMap state) {
        IptablesRules.Builder r = IptablesRules.builder();
        r.filterChain(NODEPORTS).filterChain(SERVICES).filterChain(EXTERNAL_SERVICES).filterChain("KUBE-FIREWALL")
                .filterChain("KUBE-FORWARD").filterChain(PROXY_FIREWALL);
        r.natChain(NODEPORTS).natChain(SERVICES).natChain(MARK_MASQ).natChain("KUBE-POSTROUTING");
        if (config.localhostNodePorts()) {
            r.filter("KUBE-FIREWALL", "-m comment --comment \"block incoming localnet connections\" -d 127.0.0.0/8 "
                    + "! -s 127.0.0.0/8 -m conntrack ! --ctstate RELATED,ESTABLISHED,DNAT -j DROP");
        }
        r.filter("KUBE-FORWARD", "-m conntrack --ctstate INVALID -m nfacct --nfacct-name "
                + "ct_state_invalid_dropped_pkts -j DROP");
        r.filter("KUBE-FORWARD", "-m comment --comment \"kubernetes forwarding rules\" -m mark --mark 0x4000/0x4000 "
                + "-j ACCEPT");
        r.filter("KUBE-FORWARD", "-m comment --comment \"kubernetes forwarding conntrack rule\" -m conntrack "
                + "--ctstate RELATED,ESTABLISHED -j ACCEPT");
        r.nat(MARK_MASQ, "-j MARK --or-mark 0x4000");
        r.nat("KUBE-POSTROUTING", "-m mark ! --mark 0x4000/0x4000 -j RETURN");
        r.nat("KUBE-POSTROUTING", "-j MARK --xor-mark 0x4000");
        r.nat("KUBE-POSTROUTING", "-m comment --comment \"kubernetes service traffic requiring SNAT\" -j MASQUERADE");
        boolean largeCluster = state.totalEndpoints() > LARGE_CLUSTER_ENDPOINTS_THRESHOLD;
        for (ServicePortInfo svc : state.servicePorts()) {
            new ServicePortRules(config, svc, EndpointCategories.of(svc, state.endpoints(svc.name())), largeCluster)
                    .write(r);
        }
        r.service(null);
        r.nat(SERVICES, "-m comment --comment \"kubernetes service nodeports; NOTE: this must be the last rule in "
                + "this chain\" -m addrtype --dst-type LOCAL" + (config.localhostNodePorts() ? "" : " ! -d 127.0.0.0/8")
                + " -j " + NODEPORTS);
        return r.build();
    }

    /** The rules one service port adds, in upstream's order. */
    private record ServicePortRules(IptablesConfig config, ServicePortInfo svc, EndpointCategories eps,
            boolean largeCluster) {

        void write(IptablesRules.Builder r) {
            r.service(svc.name());
            String name = svc.name().toString();
            String proto = svc.protocol().toLowerCase(java.util.Locale.ROOT);
            String match = "-m " + proto + " -p " + proto;
            String svcChain = ChainNames.service(svc.name());
            String svlChain = ChainNames.serviceLocal(svc.name());
            String extChain = ChainNames.external(svc.name());
            String fwChain = ChainNames.firewall(svc.name());
            boolean hasEndpoints = eps.hasAny();
            boolean usesCluster = !eps.cluster().isEmpty() && svc.usesClusterEndpoints();
            boolean usesLocal = !eps.local().isEmpty() && svc.usesLocalEndpoints();
            String internalChain = svc.internalPolicyLocal() ? svlChain : svcChain;
            boolean hasInternal = hasEndpoints && !(svc.internalPolicyLocal() && eps.local().isEmpty());
            String externalPolicyChain = svc.externalPolicyLocal() ? svlChain : svcChain;
            boolean hasExternal = hasEndpoints && !(svc.externalPolicyLocal() && eps.local().isEmpty());
            boolean usesExt = hasEndpoints && svc.externallyAccessible();
            boolean usesFw = hasEndpoints && !svc.loadBalancerVIPs().isEmpty()
                    && !svc.loadBalancerSourceRanges().isEmpty();
            String lbChain = usesFw ? fwChain : extChain;
            String internalFilterTarget = hasEndpoints ? "DROP" : "REJECT";
            String internalFilterComment = "\"" + name + (hasEndpoints ? " has no local endpoints\"" : " has no endpoints\"");
            String externalFilterTarget = internalFilterTarget;
            String externalFilterComment = internalFilterComment;
            String clusterIPMatch = match + " -d " + svc.clusterIP() + " --dport " + svc.port();

            if (hasInternal) {
                r.nat(IptablesProxier.SERVICES, comment("\"" + name + " cluster IP\"") + clusterIPMatch + " -j " + internalChain);
            } else {
                r.filter(IptablesProxier.SERVICES, comment(internalFilterComment) + clusterIPMatch + " -j " + internalFilterTarget);
            }
            for (String ip : svc.externalIPs()) {
                String dst = match + " -d " + ip + " --dport " + svc.port();
                if (hasEndpoints) {
                    r.nat(IptablesProxier.SERVICES, comment("\"" + name + " external IP\"") + dst + " -j " + extChain);
                }
                if (!hasExternal) {
                    r.filter(IptablesProxier.EXTERNAL_SERVICES, comment(externalFilterComment) + dst + " -j "
                            + externalFilterTarget);
                }
            }
            for (String ip : svc.loadBalancerVIPs()) {
                String dst = match + " -d " + ip + " --dport " + svc.port();
                if (hasEndpoints) {
                    r.nat(IptablesProxier.SERVICES, comment("\"" + name + " loadbalancer IP\"") + dst + " -j " + lbChain);
                }
                if (usesFw) {
                    r.filter(IptablesProxier.PROXY_FIREWALL, comment("\"" + name + " traffic not accepted by " + fwChain
                            + "\"") + dst + " -j DROP");
                }
            }
            if (!hasExternal) {
                for (String ip : svc.loadBalancerVIPs()) {
                    r.filter(IptablesProxier.EXTERNAL_SERVICES, comment(externalFilterComment) + match + " -d " + ip
                            + " --dport " + svc.port() + " -j " + externalFilterTarget);
                }
            }
            if (svc.nodePort() != 0) {
                if (hasEndpoints) {
                    if (config.localhostNodePorts()) {
                        r.nat(IptablesProxier.NODEPORTS, comment(name) + match + " -d 127.0.0.0/8 --dport " + svc.nodePort()
                                + " -m nfacct --nfacct-name localhost_nps_accepted_pkts -j " + extChain);
                    }
                    r.nat(IptablesProxier.NODEPORTS, comment(name) + match + " --dport " + svc.nodePort() + " -j " + extChain);
                }
                if (!hasExternal) {
                    r.filter(IptablesProxier.EXTERNAL_SERVICES, comment(externalFilterComment)
                            + "-m addrtype --dst-type LOCAL " + match + " --dport " + svc.nodePort() + " -j "
                            + externalFilterTarget);
                }
            }
            if (svc.healthCheckNodePort() != 0) {
                r.filter(IptablesProxier.NODEPORTS, comment("\"" + name + " health check node port\"") + "-m tcp -p tcp --dport "
                        + svc.healthCheckNodePort() + " -j ACCEPT");
            }
            if (hasInternal) {
                String args = comment("\"" + name + " cluster IP\"") + clusterIPMatch;
                if (config.masqueradeAll()) {
                    r.nat(internalChain, args + " -j " + IptablesProxier.MARK_MASQ);
                } else {
                    r.nat(internalChain, args + " ! -s " + config.clusterCIDR() + " -j " + IptablesProxier.MARK_MASQ);
                }
            }
            if (usesExt) {
                r.natChain(extChain);
                if (!svc.externalPolicyLocal()) {
                    r.nat(extChain, comment("\"masquerade traffic for " + name + " external destinations\"") + "-j "
                            + IptablesProxier.MARK_MASQ);
                } else {
                    r.nat(extChain, comment("\"pod traffic for " + name + " external destinations\"") + "-s "
                            + config.clusterCIDR() + " -j " + svcChain);
                    r.nat(extChain, comment("\"masquerade LOCAL traffic for " + name + " external destinations\"")
                            + "-m addrtype --src-type LOCAL -j " + IptablesProxier.MARK_MASQ);
                    r.nat(extChain, comment("\"route LOCAL traffic for " + name + " external destinations\"")
                            + "-m addrtype --src-type LOCAL -j " + svcChain);
                }
                if (hasExternal) {
                    r.nat(extChain, "-j " + externalPolicyChain);
                }
            }
            if (usesFw) {
                r.natChain(fwChain);
                String args = comment("\"" + name + " loadbalancer IP\"");
                boolean allowFromNode = false;
                for (String cidr : svc.loadBalancerSourceRanges()) {
                    r.nat(fwChain, args + "-s " + cidr + " -j " + extChain);
                    allowFromNode |= config.nodeIP() != null && IPv4.inCidr(config.nodeIP(), cidr);
                }
                if (allowFromNode) {
                    for (String ip : svc.loadBalancerVIPs()) {
                        r.nat(fwChain, args + "-s " + ip + " -j " + extChain);
                    }
                }
                r.nat(fwChain, comment("\"other traffic to " + name + " will be dropped by KUBE-PROXY-FIREWALL\"").trim());
            }
            if (usesCluster) {
                r.natChain(svcChain);
                writeServiceToEndpointRules(r, name, svcChain, eps.cluster());
            }
            if (usesLocal) {
                r.natChain(svlChain);
                writeServiceToEndpointRules(r, name, svlChain, eps.local());
            }
            for (EndpointInfo ep : eps.allReachable()) {
                String sep = ChainNames.endpoint(svc.name(), ep);
                r.natChain(sep);
                String args = serviceComment(name);
                r.nat(sep, args + "-s " + ep.ip() + " -j " + IptablesProxier.MARK_MASQ);
                String affinity = svc.sessionAffinity() ? "-m recent --name " + sep + " --set " : "";
                r.nat(sep, args + affinity + match + " -j DNAT --to-destination " + ep);
            }
        }

        private void writeServiceToEndpointRules(IptablesRules.Builder r, String name, String chain,
                List<EndpointInfo> endpoints) {
            if (svc.sessionAffinity()) {
                for (EndpointInfo ep : endpoints) {
                    String sep = ChainNames.endpoint(svc.name(), ep);
                    r.nat(chain, serviceComment("\"" + name + " -> " + ep + "\"") + "-m recent --name " + sep
                            + " --rcheck --seconds " + svc.stickyMaxAgeSeconds() + " --reap -j " + sep);
                }
            }
            int n = endpoints.size();
            for (int i = 0; i < n; i++) {
                EndpointInfo ep = endpoints.get(i);
                String prob = i < n - 1 ? "-m statistic --mode random --probability " + probability(n - i) + " " : "";
                r.nat(chain, serviceComment("\"" + name + " -> " + ep + "\"") + prob + "-j "
                        + ChainNames.endpoint(svc.name(), ep));
            }
        }

        /** upstream appendServiceCommentLocked: no comment in large cluster mode. */
        private String serviceComment(String text) {
            return largeCluster ? "" : comment(text);
        }

        private static String comment(String text) {
            return "-m comment --comment " + text + " ";
        }
    }
}
