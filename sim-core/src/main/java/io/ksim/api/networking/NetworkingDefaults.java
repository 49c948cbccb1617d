package io.ksim.api.networking;

import io.ksim.api.networking.NetworkPolicy.NetworkPolicyEgressRule;
import io.ksim.api.networking.NetworkPolicy.NetworkPolicyIngressRule;
import io.ksim.api.networking.NetworkPolicy.NetworkPolicyPort;
import io.ksim.api.networking.NetworkPolicy.NetworkPolicySpec;
import java.util.ArrayList;
import java.util.List;

/**
 * The API server's defaulting of networking.k8s.io/v1 objects (pkg/apis/networking/v1/defaults.go): a policy
 * port's protocol defaults to TCP; empty policyTypes become ["Ingress"], plus "Egress" when egress rules are
 * given. Idempotent.
 */
public final class NetworkingDefaults {

    private NetworkingDefaults() {
    }

    public static NetworkPolicy networkPolicy(NetworkPolicy np) {
        NetworkPolicySpec s = np.spec();
        List<NetworkPolicyIngressRule> ingress = s.ingress().stream()
                .map(r -> new NetworkPolicyIngressRule(ports(r.ports()), r.from())).toList();
        List<NetworkPolicyEgressRule> egress = s.egress().stream()
                .map(r -> new NetworkPolicyEgressRule(ports(r.ports()), r.to())).toList();
        List<String> types = s.policyTypes();
        if (types.isEmpty()) {
            List<String> t = new ArrayList<>(List.of(NetworkPolicy.POLICY_TYPE_INGRESS));
            if (!s.egress().isEmpty()) {
                t.add(NetworkPolicy.POLICY_TYPE_EGRESS);
            }
            types = t;
        }
        NetworkPolicy out = np.withSpec(new NetworkPolicySpec(s.podSelector(), ingress, egress, types));
        return out.equals(np) ? np : out;
    }

    private static List<NetworkPolicyPort> ports(List<NetworkPolicyPort> ports) {
        return ports.stream().map(p -> p.protocol() == null ? new NetworkPolicyPort("TCP", p.port(), p.endPort()) : p)
                .toList();
    }
}
