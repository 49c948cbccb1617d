package io.ksim.network.proxy;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.ksim.api.core.Namespace;
import io.ksim.api.core.Service;
import io.ksim.api.core.Service.ServicePort;
import io.ksim.api.core.Service.ServiceSpec;
import io.ksim.api.discovery.Endpoint;
import io.ksim.api.discovery.EndpointPort;
import io.ksim.api.discovery.EndpointSlice;
import io.ksim.api.meta.ObjectMeta;
import io.ksim.api.resource.IntOrString;
import io.ksim.apiserver.DeleteOptions;
import io.ksim.apiserver.registry.BuiltinResources;
import io.ksim.network.NetworkTestCluster;
import io.ksim.network.proxy.iptables.IptablesRules;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/**
 * Partial iptables syncs (MinimizeIPTablesRestore), after upstream's TestSyncProxyRulesRepeated
 * (pkg/proxy/iptables/proxier_test.go): the first sync writes everything; later ones write the top-level chains
 * whole and only the chains of services whose Service or endpoints changed, and delete the chains no service uses.
 */
class PartialSyncTest {

    private static final String NODE = "node-1";
    private final NetworkTestCluster c = new NetworkTestCluster(3);
    private final KubeProxy proxy = KubeProxy.forNode(c.kernel, c.api, KubeProxy.Mode.IPTABLES, NODE, "172.18.0.2");

    private void service(String ns, String name, String clusterIP, int port) {
        if (c.api.list(BuiltinResources.NAMESPACES, null).items().stream()
                .noneMatch(n -> n.metadata().name().equals(ns))) {
            c.api.create(BuiltinResources.NAMESPACES, null, Namespace.of(ns));
        }
        c.api.create(BuiltinResources.SERVICES, ns, new Service(null, null, ObjectMeta.of(ns, name),
                ServiceSpec.builder().clusterIP(clusterIP).ports(List.of(new ServicePort("p" + port, "TCP", null,
                        port, IntOrString.of(port), null))).build(), null));
    }

    private void endpoints(String ns, String name, int port, String... ips) {
        List<Endpoint> eps = java.util.Arrays.stream(ips).map(ip -> new Endpoint(List.of(ip), null, null, null, null,
                "node-2", null, null)).toList();
        ObjectMeta meta = ObjectMeta.builder().namespace(ns).name(name + "-abcde")
                .labels(Map.of(EndpointSlice.LABEL_SERVICE_NAME, name)).build();
        EndpointSlice slice = new EndpointSlice(meta, "IPv4", eps, List.of(EndpointPort.of("p" + port, "TCP", port)));
        if (c.api.list(BuiltinResources.ENDPOINT_SLICES, ns).items().stream()
                .anyMatch(s -> s.metadata().name().equals(name + "-abcde"))) {
            EndpointSlice old = c.api.get(BuiltinResources.ENDPOINT_SLICES, ns, name + "-abcde");
            c.api.update(BuiltinResources.ENDPOINT_SLICES, new EndpointSlice(old.metadata(), "IPv4", eps,
                    old.ports()));
        } else {
            c.api.create(BuiltinResources.ENDPOINT_SLICES, ns, slice);
        }
    }

    private IptablesRules sync() {
        c.kernel.advance(Duration.ofSeconds(2));
        return proxy.lastPayload();
    }

    private static final String FILTER = """
            *filter
            :KUBE-NODEPORTS - [0:0]
            :KUBE-SERVICES - [0:0]
            :KUBE-EXTERNAL-SERVICES - [0:0]
            :KUBE-FIREWALL - [0:0]
            :KUBE-FORWARD - [0:0]
            :KUBE-PROXY-FIREWALL - [0:0]
            -A KUBE-FIREWALL -m comment --comment "block incoming localnet connections" -d 127.0.0.0/8 ! -s 127.0.0.0/8 -m conntrack ! --ctstate RELATED,ESTABLISHED,DNAT -j DROP
            -A KUBE-FORWARD -m conntrack --ctstate INVALID -m nfacct --nfacct-name ct_state_invalid_dropped_pkts -j DROP
            -A KUBE-FORWARD -m comment --comment "kubernetes forwarding rules" -m mark --mark 0x4000/0x4000 -j ACCEPT
            -A KUBE-FORWARD -m comment --comment "kubernetes forwarding conntrack rule" -m conntrack --ctstate RELATED,ESTABLISHED -j ACCEPT
            COMMIT
            """;

    private static final String NAT_FIXED = """
            -A KUBE-MARK-MASQ -j MARK --or-mark 0x4000
            -A KUBE-POSTROUTING -m mark ! --mark 0x4000/0x4000 -j RETURN
            -A KUBE-POSTROUTING -j MARK --xor-mark 0x4000
            -A KUBE-POSTROUTING -m comment --comment "kubernetes service traffic requiring SNAT" -j MASQUERADE
            """;

    @Test
    void laterSyncsWriteOnlyTheChainsOfChangedServices() {
        proxy.start();
        service("ns1", "svc1", "10.96.0.41", 80);
        endpoints("ns1", "svc1", 80, "10.244.2.1");
        service("ns2", "svc2", "10.96.0.42", 8080);
        endpoints("ns2", "svc2", 8080, "10.244.2.2");
        IptablesRules first = sync();
        assertTrue(proxy.lastSync().full());
        assertTrue(first.hasChain("nat", "KUBE-SVC-XPGD46QRK7WJZT7O"), "ns1/svc1:p80, as upstream names it");

        service("ns3", "svc3", "10.96.0.43", 80);
        endpoints("ns3", "svc3", 80, "10.244.2.3");
        IptablesRules added = sync();
        assertFalse(proxy.lastSync().full());
        assertEquals(1, proxy.lastSync().servicesChanged());
        assertEquals(FILTER + """
                *nat
                :KUBE-NODEPORTS - [0:0]
                :KUBE-SERVICES - [0:0]
                :KUBE-MARK-MASQ - [0:0]
                :KUBE-POSTROUTING - [0:0]
                :KUBE-SEP-Y5MHXHAPJFOLCD6M - [0:0]
                :KUBE-SVC-X27LE4BHSL4DOUIK - [0:0]
                -A KUBE-SERVICES -m comment --comment "default/kubernetes:https cluster IP" -m tcp -p tcp -d 10.96.0.1 --dport 443 -j KUBE-SVC-NPX46M4PTMTKRN6Y
                -A KUBE-SERVICES -m comment --comment "ns1/svc1:p80 cluster IP" -m tcp -p tcp -d 10.96.0.41 --dport 80 -j KUBE-SVC-XPGD46QRK7WJZT7O
                -A KUBE-SERVICES -m comment --comment "ns2/svc2:p8080 cluster IP" -m tcp -p tcp -d 10.96.0.42 --dport 8080 -j KUBE-SVC-2VJB64SDSIJUP5T6
                -A KUBE-SERVICES -m comment --comment "ns3/svc3:p80 cluster IP" -m tcp -p tcp -d 10.96.0.43 --dport 80 -j KUBE-SVC-X27LE4BHSL4DOUIK
                -A KUBE-SERVICES -m comment --comment "kubernetes service nodeports; NOTE: this must be the last rule in this chain" -m addrtype --dst-type LOCAL -j KUBE-NODEPORTS
                """ + NAT_FIXED + """
                -A KUBE-SEP-Y5MHXHAPJFOLCD6M -m comment --comment ns3/svc3:p80 -s 10.244.2.3 -j KUBE-MARK-MASQ
                -A KUBE-SEP-Y5MHXHAPJFOLCD6M -m comment --comment ns3/svc3:p80 -m tcp -p tcp -j DNAT --to-destination 10.244.2.3:80
                -A KUBE-SVC-X27LE4BHSL4DOUIK -m comment --comment "ns3/svc3:p80 cluster IP" -m tcp -p tcp -d 10.96.0.43 --dport 80 ! -s 10.244.0.0/16 -j KUBE-MARK-MASQ
                -A KUBE-SVC-X27LE4BHSL4DOUIK -m comment --comment "ns3/svc3:p80 -> 10.244.2.3:80" -j KUBE-SEP-Y5MHXHAPJFOLCD6M
                COMMIT
                """, added.restorePayload());

        c.api.delete(BuiltinResources.SERVICES, "ns2", "svc2", DeleteOptions.defaults());
        IptablesRules deleted = sync();
        String nat = deleted.restorePayload().substring(deleted.restorePayload().indexOf("*nat"));
        assertTrue(nat.startsWith("""
                *nat
                :KUBE-NODEPORTS - [0:0]
                :KUBE-SERVICES - [0:0]
                :KUBE-MARK-MASQ - [0:0]
                :KUBE-POSTROUTING - [0:0]
                :KUBE-SEP-"""), nat);
        assertTrue(nat.contains(":KUBE-SVC-2VJB64SDSIJUP5T6 - [0:0]\n"), "declared, which flushes it: " + nat);
        assertTrue(nat.endsWith("-X KUBE-SVC-2VJB64SDSIJUP5T6\nCOMMIT\n"), nat);
        assertEquals(2, proxy.lastSync().chainsDeleted(), "the service chain and its endpoint chain");
        assertFalse(proxy.hostIptables().hasChain("nat", "KUBE-SVC-2VJB64SDSIJUP5T6"));

        endpoints("ns3", "svc3", 80, "10.244.2.3", "10.244.2.4");
        sync();
        String text = proxy.lastPayload().restorePayload();
        assertTrue(text.contains("-A KUBE-SVC-X27LE4BHSL4DOUIK -m comment --comment \"ns3/svc3:p80 -> 10.244.2.3:80\" "
                + "-m statistic --mode random --probability 0.5000000000 -j KUBE-SEP-Y5MHXHAPJFOLCD6M\n"), text);
        assertFalse(text.contains("KUBE-SVC-XPGD46QRK7WJZT7O - [0:0]"), "svc1 did not change: " + text);

        // A sync with nothing changed writes the top-level chains only.
        proxy.periodicSyncs();
        c.kernel.advance(KubeProxy.IPTABLES_MAX_INTERVAL);
        ProxySync idle = proxy.lastSync();
        assertFalse(idle.full());
        assertEquals(0, idle.servicesChanged());
        assertFalse(proxy.lastPayload().restorePayload().contains("KUBE-SVC-X27LE4BHSL4DOUIK - [0:0]"));
        // What the node holds equals a full sync's rules all the same.
        for (String chain : proxy.iptablesRules().chains("nat")) {
            assertEquals(proxy.iptablesRules().chainRules("nat", chain), proxy.hostIptables().chainRules("nat", chain),
                    chain);
        }
    }

    @Test
    void aPartialSyncCostsAFractionOfAFullOneInAClusterOfFiftyServices() {
        proxy.start();
        for (int i = 0; i < 50; i++) {
            service("ns", "svc" + i, "10.96.1." + (i + 1), 80);
            endpoints("ns", "svc" + i, 80, "10.244.2." + (i + 1), "10.244.3." + (i + 1));
        }
        sync();
        ProxySync full = proxy.lastSync();
        endpoints("ns", "svc7", 80, "10.244.2.8");
        sync();
        ProxySync partial = proxy.lastSync();
        assertTrue(full.full());
        assertFalse(partial.full());
        assertEquals(1, partial.servicesChanged());
        assertTrue(partial.restoreBytes() * 4 < full.restoreBytes(), partial + " vs " + full);
        assertTrue(partial.restoreLines() * 3 < full.restoreLines(), partial + " vs " + full);
        assertEquals(1, partial.chainsDeleted(), "the endpoint chain of the removed endpoint");
    }
}
