package io.ksim.network.policy;

import static org.junit.jupiter.api.Assertions.assertEquals;

import io.ksim.api.core.Container;
import io.ksim.api.core.Namespace;
import io.ksim.api.core.Pod;
import io.ksim.api.core.PodSpec;
import io.ksim.api.core.PodStatus;
import io.ksim.api.meta.LabelSelector;
import io.ksim.api.meta.ObjectMeta;
import io.ksim.api.networking.NetworkPolicy;
import io.ksim.api.networking.NetworkPolicy.IPBlock;
import io.ksim.api.networking.NetworkPolicy.NetworkPolicyEgressRule;
import io.ksim.api.networking.NetworkPolicy.NetworkPolicyIngressRule;
import io.ksim.api.networking.NetworkPolicy.NetworkPolicyPeer;
import io.ksim.api.networking.NetworkPolicy.NetworkPolicyPort;
import io.ksim.api.networking.NetworkPolicy.NetworkPolicySpec;
import io.ksim.api.networking.NetworkingDefaults;
import io.ksim.api.resource.IntOrString;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** NetworkPolicy semantics, after the examples of the Kubernetes NetworkPolicy documentation. */
class NetworkPolicyEvaluatorTest {

    static Pod pod(String ns, String name, String app, String ip) {
        return new Pod(null, null, ObjectMeta.builder().namespace(ns).name(name).labels(Map.of("app", app)).build(),
                PodSpec.builder().containers(List.of(Container.builder().name("c").image("x").build())).build(),
                PodStatus.builder().podIP(ip).build());
    }

    static NetworkPolicy policy(String ns, String app, List<NetworkPolicyIngressRule> in,
            List<NetworkPolicyEgressRule> out, List<String> types) {
        return NetworkingDefaults.networkPolicy(new NetworkPolicy(null, null, ObjectMeta.of(ns, "p-" + app),
                new NetworkPolicySpec(LabelSelector.matchLabels(Map.of("app", app)), in, out, types)));
    }

    private final Pod db = pod("prod", "db", "db", "10.244.1.5");
    private final Pod api = pod("prod", "api", "api", "10.244.2.5");
    private final Pod other = pod("dev", "api", "api", "10.244.3.5");
    private final Map<String, Namespace> namespaces = Map.of(
            "prod", new Namespace(null, null, ObjectMeta.builder().name("prod").labels(Map.of("env", "prod")).build(),
                    null, null),
            "dev", new Namespace(null, null, ObjectMeta.builder().name("dev").labels(Map.of("env", "dev")).build(),
                    null, null));

    @Test
    void defaultsAddEgressWhenEgressRulesExist() {
        assertEquals(List.of("Ingress"), policy("prod", "db", null, null, null).spec().policyTypes());
        assertEquals(List.of("Ingress", "Egress"), policy("prod", "db", null,
                List.of(new NetworkPolicyEgressRule(null, null)), null).spec().policyTypes());
        assertEquals("TCP", policy("prod", "db", List.of(new NetworkPolicyIngressRule(List.of(
                new NetworkPolicyPort(null, IntOrString.of(5432), null)), null)), null, null)
                .spec().ingress().get(0).ports().get(0).protocol());
    }

    @Test
    void podSelectorPeersAreInThePolicysNamespaceUnlessANamespaceSelectorSaysOtherwise() {
        NetworkPolicyIngressRule fromApi = new NetworkPolicyIngressRule(List.of(new NetworkPolicyPort("TCP",
                IntOrString.of(5432), null)), List.of(new NetworkPolicyPeer(LabelSelector.matchLabels(Map.of("app",
                "api")), null, null)));
        NetworkPolicyEvaluator e = new NetworkPolicyEvaluator(List.of(policy("prod", "db", List.of(fromApi), null,
                null)), namespaces, List.of(db, api, other));
        assertEquals(true, e.ingress(db, "10.244.2.5", 5432, "TCP").allowed());
        assertEquals(false, e.ingress(db, "10.244.3.5", 5432, "TCP").allowed(), "same labels, other namespace");
        assertEquals(false, e.ingress(db, "10.244.2.5", 80, "TCP").allowed(), "other port");
        NetworkPolicyIngressRule fromAnyNs = new NetworkPolicyIngressRule(null, List.of(new NetworkPolicyPeer(
                LabelSelector.matchLabels(Map.of("app", "api")), LabelSelector.matchLabels(Map.of()), null)));
        NetworkPolicyEvaluator all = new NetworkPolicyEvaluator(List.of(policy("prod", "db", List.of(fromAnyNs), null,
                null)), namespaces, List.of(db, api, other));
        assertEquals(true, all.ingress(db, "10.244.3.5", 5432, "TCP").allowed());
        assertEquals(true, all.ingress(api, "10.244.3.5", 80, "TCP").allowed(), "api is not selected: not isolated");
    }

    @Test
    void ipBlocksWithExceptionsAndEgress() {
        NetworkPolicyEgressRule toInternet = new NetworkPolicyEgressRule(null, List.of(new NetworkPolicyPeer(null,
                null, new IPBlock("0.0.0.0/0", List.of("10.0.0.0/8")))));
        NetworkPolicyEvaluator e = new NetworkPolicyEvaluator(List.of(policy("prod", "api", null, List.of(toInternet),
                List.of("Egress"))), namespaces, List.of(db, api, other));
        assertEquals(true, e.egress(api, "93.184.216.34", 443, "TCP").allowed());
        assertEquals(false, e.egress(api, "10.244.1.5", 5432, "TCP").allowed());
        assertEquals(true, e.ingress(api, "10.244.1.5", 80, "TCP").allowed(), "Egress-only policy leaves ingress open");
    }
}
