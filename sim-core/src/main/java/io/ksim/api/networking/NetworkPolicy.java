package io.ksim.api.networking;

import io.ksim.api.meta.KubeObject;
import io.ksim.api.meta.LabelSelector;
import io.ksim.api.meta.ObjectMeta;
import io.ksim.api.resource.IntOrString;
import java.util.List;

/**
 * Which traffic the pods a policy selects may receive and send (networking.k8s.io/v1 NetworkPolicy). A pod
 * selected by a policy with "Ingress" (or "Egress") in policyTypes is isolated in that direction: only what
 * some selecting policy's rules allow gets through. Enforced by the network plugin, not the API server.
 */
public record NetworkPolicy(String apiVersion, String kind, ObjectMeta metadata, NetworkPolicySpec spec)
        implements KubeObject {

    public static final String API_VERSION = "networking.k8s.io/v1";
    public static final String KIND = "NetworkPolicy";
    public static final String POLICY_TYPE_INGRESS = "Ingress";
    public static final String POLICY_TYPE_EGRESS = "Egress";

    public NetworkPolicy {
        apiVersion = apiVersion == null ? API_VERSION : apiVersion;
        kind = kind == null ? KIND : kind;
        metadata = metadata == null ? ObjectMeta.builder().build() : metadata;
        spec = spec == null ? new NetworkPolicySpec(null, null, null, null) : spec;
    }

    @Override
    public NetworkPolicy withMetadata(ObjectMeta newMetadata) {
        return new NetworkPolicy(apiVersion, kind, newMetadata, spec);
    }

    public NetworkPolicy withSpec(NetworkPolicySpec newSpec) {
        return new NetworkPolicy(apiVersion, kind, metadata, newSpec);
    }

    /**
     * networking/v1 NetworkPolicySpec. {@code podSelector} is required upstream (an empty one selects every pod
     * of the namespace); an absent one here is read as empty.
     */
    public record NetworkPolicySpec(LabelSelector podSelector, List<NetworkPolicyIngressRule> ingress,
            List<NetworkPolicyEgressRule> egress, List<String> policyTypes) {

        public NetworkPolicySpec {
            podSelector = podSelector == null ? new LabelSelector(null, null) : podSelector;
            ingress = ingress == null ? List.of() : List.copyOf(ingress);
            egress = egress == null ? List.of() : List.copyOf(egress);
            policyTypes = policyTypes == null ? List.of() : List.copyOf(policyTypes);
        }
    }

    /** Traffic allowed in: from any of {@code from} (all sources if empty) to any of {@code ports} (all if empty). */
    public record NetworkPolicyIngressRule(List<NetworkPolicyPort> ports, List<NetworkPolicyPeer> from) {

        public NetworkPolicyIngressRule {
            ports = ports == null ? List.of() : List.copyOf(ports);
            from = from == null ? List.of() : List.copyOf(from);
        }
    }

    /** Traffic allowed out: to any of {@code to} (all destinations if empty) on any of {@code ports}. */
    public record NetworkPolicyEgressRule(List<NetworkPolicyPort> ports, List<NetworkPolicyPeer> to) {

        public NetworkPolicyEgressRule {
            ports = ports == null ? List.of() : List.copyOf(ports);
            to = to == null ? List.of() : List.copyOf(to);
        }
    }

    /** A port (number or named container port), protocol (default TCP) and optional range end. */
    public record NetworkPolicyPort(String protocol, IntOrString port, Integer endPort) {
    }

    /**
     * Pods by podSelector (in the policy's namespace unless namespaceSelector is given, then in the namespaces it
     * selects), or an ipBlock.
     */
    public record NetworkPolicyPeer(LabelSelector podSelector, LabelSelector namespaceSelector, IPBlock ipBlock) {
    }

    /** A CIDR with exceptions. */
    public record IPBlock(String cidr, List<String> except) {

        public IPBlock {
            except = except == null ? List.of() : List.copyOf(except);
        }
    }
}
