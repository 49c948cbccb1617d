package io.ksim.network.proxy.iptables;

import static io.ksim.network.proxy.iptables.IptablesProxierGoldenTest.ep;
import static io.ksim.network.proxy.iptables.IptablesProxierGoldenTest.p80;
import static io.ksim.network.proxy.iptables.IptablesProxierGoldenTest.service;
import static io.ksim.network.proxy.iptables.IptablesProxierGoldenTest.slice;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.ksim.api.core.Service;
import io.ksim.api.discovery.Endpoint;
import io.ksim.api.discovery.Endpoint.EndpointConditions;
import io.ksim.api.discovery.EndpointSlice;
import io.ksim.network.proxy.ServiceEndpointsMap;
import io.ksim.network.proxy.ServicePortName;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/**
 * Rule by rule cases after upstream's proxier_test.go (TestClusterIPGeneral, TestLoadBalancer*,
 * TestOnlyLocalExternalIPs, TestInternalTrafficPolicy, TestEndpointCommentElision, probability cases).
 */
class IptablesProxierTest {

    private static final String NODE = "node-1";
    private final IptablesProxier proxier = new IptablesProxier(new IptablesConfig(NODE, "172.18.0.2",
            "10.244.0.0/16", false, true));
    private static final ServicePortName WEB = new ServicePortName("default", "web", "p80", "TCP");

    private IptablesRules sync(List<Service> services, List<EndpointSlice> slices) {
        return proxier.sync(ServiceEndpointsMap.build(NODE, services, slices));
    }

    @ParameterizedTest(name = "1/{0} = {1}")
    @CsvSource({"1, 1.0000000000", "2, 0.5000000000", "3, 0.3333333333", "4, 0.2500000000", "6, 0.1666666667",
            "7, 0.1428571429", "9, 0.1111111111", "1000, 0.0010000000"})
    void probabilitiesAsGoFormatsThem(int n, String text) {
        assertEquals(text, IptablesProxier.probability(n));
    }

    @Test
    void threeEndpointsCascadeWithOneThirdThenOneHalfThenTheRest() {
        IptablesRules r = sync(List.of(service("default", "web", s -> s.clusterIP("10.96.0.20").ports(List.of(p80(null))),
                List.of())), List.of(slice("default", "web", List.of(ep("10.244.2.3", "node-2"), ep("10.244.1.10", NODE),
                ep("10.244.1.2", NODE)))));
        List<String> svc = r.chainRules("nat", ChainNames.service(WEB));
        assertEquals(4, svc.size());
        // Sorted by "IP:port" text: 10.244.1.10 before 10.244.1.2.
        assertTrue(svc.get(1).startsWith("-m comment --comment \"default/web:p80 -> 10.244.1.10:80\" -m statistic "
                + "--mode random --probability 0.3333333333 -j KUBE-SEP-"), svc.get(1));
        assertTrue(svc.get(2).contains("--probability 0.5000000000"));
        assertFalse(svc.get(3).contains("statistic"));
        assertTrue(svc.get(3).contains("10.244.2.3:80"));
    }

    @Test
    void noEndpointsRejectsEverywhere() {
        IptablesRules r = sync(List.of(service("default", "web", s -> s.type("NodePort").clusterIP("10.96.0.20")
                .externalIPs(List.of("192.168.1.50")).ports(List.of(p80(30080))), List.of())), List.of());
        assertEquals(List.of("-m comment --comment \"default/web:p80 has no endpoints\" -m tcp -p tcp -d 10.96.0.20 "
                + "--dport 80 -j REJECT"), r.chainRules("filter", "KUBE-SERVICES"));
        assertEquals(List.of(
                "-m comment --comment \"default/web:p80 has no endpoints\" -m tcp -p tcp -d 192.168.1.50 --dport 80 -j REJECT",
                "-m comment --comment \"default/web:p80 has no endpoints\" -m addrtype --dst-type LOCAL -m tcp -p tcp "
                        + "--dport 30080 -j REJECT"), r.chainRules("filter", "KUBE-EXTERNAL-SERVICES"));
        assertFalse(r.hasChain("nat", ChainNames.service(WEB)));
        assertEquals(1, r.chainRules("nat", "KUBE-SERVICES").size(), "only the nodeports jump");
    }

    @Test
    void notReadyEndpointsAreSkippedAndTerminatingOnesAreTheLastResort() {
        Service web = service("default", "web", s -> s.clusterIP("10.96.0.20").ports(List.of(p80(null))), List.of());
        Endpoint notReady = new Endpoint(List.of("10.244.1.3"), new EndpointConditions(false, false, false), null, null,
                null, NODE, null, null);
        Endpoint terminating = new Endpoint(List.of("10.244.1.4"), new EndpointConditions(false, true, true), null,
                null, null, NODE, null, null);
        IptablesRules r = sync(List.of(web), List.of(slice("default", "web", List.of(notReady, terminating))));
        List<String> svc = r.chainRules("nat", ChainNames.service(WEB));
        assertEquals(2, svc.size());
        assertTrue(svc.get(1).contains("10.244.1.4:80"), "serving+terminating used when nothing is ready");
        IptablesRules withReady = sync(List.of(web), List.of(slice("default", "web", List.of(notReady, terminating,
                ep("10.244.1.5", NODE)))));
        List<String> svc2 = withReady.chainRules("nat", ChainNames.service(WEB));
        assertEquals(2, svc2.size());
        assertTrue(svc2.get(1).contains("10.244.1.5:80"));
    }

    @Test
    void localPolicyWithALocalEndpointUsesTheSvlChain() {
        IptablesRules r = sync(List.of(service("default", "web", s -> s.type("NodePort").externalTrafficPolicy("Local")
                .clusterIP("10.96.0.20").ports(List.of(p80(30080))), List.of())), List.of(slice("default", "web",
                List.of(ep("10.244.1.2", NODE), ep("10.244.2.2", "node-2")))));
        String ext = ChainNames.external(WEB);
        String svl = ChainNames.serviceLocal(WEB);
        List<String> extRules = r.chainRules("nat", ext);
        assertEquals(4, extRules.size());
        assertEquals("-m comment --comment \"pod traffic for default/web:p80 external destinations\" -s 10.244.0.0/16 "
                + "-j " + ChainNames.service(WEB), extRules.get(0));
        assertEquals("-j " + svl, extRules.get(3));
        List<String> svlRules = r.chainRules("nat", svl);
        assertEquals(1, svlRules.size(), "only the local endpoint");
        assertTrue(svlRules.get(0).contains("10.244.1.2:80"));
        assertEquals(3, r.chainRules("nat", ChainNames.service(WEB)).size(), "cluster IP traffic still uses both");
        assertTrue(r.chainRules("filter", "KUBE-EXTERNAL-SERVICES").isEmpty());
    }

    @Test
    void internalTrafficPolicyLocalWithoutLocalEndpointsDrops() {
        IptablesRules r = sync(List.of(service("default", "web", s -> s.clusterIP("10.96.0.20")
                .internalTrafficPolicy("Local").ports(List.of(p80(null))), List.of())),
                List.of(slice("default", "web", List.of(ep("10.244.2.2", "node-2")))));
        assertEquals(List.of("-m comment --comment \"default/web:p80 has no local endpoints\" -m tcp -p tcp "
                + "-d 10.96.0.20 --dport 80 -j DROP"), r.chainRules("filter", "KUBE-SERVICES"));
        assertFalse(r.hasChain("nat", ChainNames.service(WEB)));
    }

    @Test
    void largeClustersDropPerEndpointComments() {
        List<Endpoint> eps = new ArrayList<>();
        for (int i = 0; i < 1001; i++) {
            eps.add(ep("10.244." + (i / 250) + "." + (i % 250 + 1), NODE));
        }
        IptablesRules r = sync(List.of(service("default", "web", s -> s.clusterIP("10.96.0.20").ports(List.of(p80(null))),
                List.of())), List.of(slice("default", "web", eps)));
        List<String> svc = r.chainRules("nat", ChainNames.service(WEB));
        assertTrue(svc.get(0).startsWith("-m comment --comment \"default/web:p80 cluster IP\""));
        assertTrue(svc.get(1).startsWith("-m statistic --mode random --probability 0.0009990010 -j KUBE-SEP-"),
                svc.get(1));
        // KUBE-SERVICES 2, KUBE-SVC 1 + 1001, two per KUBE-SEP, KUBE-MARK-MASQ 1, KUBE-POSTROUTING 3.
        assertEquals(2 + 1002 + 2 * 1001 + 1 + 3, r.ruleCount("nat"));
    }
}
