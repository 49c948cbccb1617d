package io.ksim.network.policy;

import io.ksim.api.core.Container;
import io.ksim.api.core.ContainerPort;
import io.ksim.api.core.Namespace;
import io.ksim.api.core.Pod;
import io.ksim.api.meta.LabelSelector;
import io.ksim.api.networking.NetworkPolicy;
import io.ksim.api.networking.NetworkPolicy.IPBlock;
import io.ksim.api.networking.NetworkPolicy.NetworkPolicyEgressRule;
import io.ksim.api.networking.NetworkPolicy.NetworkPolicyIngressRule;
import io.ksim.api.networking.NetworkPolicy.NetworkPolicyPeer;
import io.ksim.api.networking.NetworkPolicy.NetworkPolicyPort;
import io.ksim.api.resource.IntOrString;
import io.ksim.network.allocation.IPv4;
import java.util.Collection;
import java.util.List;
import java.util.Map;
import java.util.Objects;

/**
 * NetworkPolicy semantics as the API documents them and CNI plugins enforce them: a pod selected by any policy
 * with policyType Ingress (Egress) is isolated in that direction, and a connection passes only if some policy
 * selecting the pod has a rule whose peers match the other end (an empty peer list matches everything) and
 * whose ports match (an empty list matches every port; a named port is the destination container's). Both
 * directions must allow a pod-to-pod connection: egress at the client, ingress at the server. The server sees
 * the source after kube-proxy's SNAT, so masqueraded traffic is judged by the node's IP.
 */
public final class NetworkPolicyEvaluator {

    /** The verdict, with the policy text a walk reports. */
    public record Verdict(boolean allowed, String reason) {
    }

    private final List<NetworkPolicy> policies;
    private final Map<String, Namespace> namespaces;
    private final Collection<Pod> pods;

    public NetworkPolicyEvaluator(List<NetworkPolicy> policies, Map<String, Namespace> namespaces,
            Collection<Pod> pods) {
        this.policies = List.copyOf(policies);
        this.namespaces = Map.copyOf(namespaces);
        this.pods = pods;
    }

    /** Whether {@code server} accepts a connection from {@code sourceIP} to {@code port}/{@code protocol}. */
    public Verdict ingress(Pod server, String sourceIP, int port, String protocol) {
        Pod source = podWithIP(sourceIP);
        boolean isolated = false;
        for (NetworkPolicy np : selecting(server, NetworkPolicy.POLICY_TYPE_INGRESS)) {
            isolated = true;
            for (NetworkPolicyIngressRule rule : np.spec().ingress()) {
                if (portsMatch(rule.ports(), server, port, protocol)
                        && peersMatch(rule.from(), np, source, sourceIP)) {
                    return new Verdict(true, "allowed by NetworkPolicy " + name(np));
                }
            }
        }
        return isolated ? new Verdict(false, "ingress to " + podKey(server) + " not allowed by any NetworkPolicy")
                : new Verdict(true, "not isolated for ingress");
    }

    /** Whether {@code client} may open a connection to {@code destIP}:{@code port} (after DNAT). */
    public Verdict egress(Pod client, String destIP, int port, String protocol) {
        Pod dest = podWithIP(destIP);
        boolean isolated = false;
        for (NetworkPolicy np : selecting(client, NetworkPolicy.POLICY_TYPE_EGRESS)) {
            isolated = true;
            for (NetworkPolicyEgressRule rule : np.spec().egress()) {
                if (portsMatch(rule.ports(), dest, port, protocol) && peersMatch(rule.to(), np, dest, destIP)) {
                    return new Verdict(true, "allowed by NetworkPolicy " + name(np));
                }
            }
        }
        return isolated ? new Verdict(false, "egress from " + podKey(client) + " not allowed by any NetworkPolicy")
                : new Verdict(true, "not isolated for egress");
    }

    private List<NetworkPolicy> selecting(Pod pod, String type) {
        return policies.stream().filter(np -> np.metadata().namespace().equals(pod.metadata().namespace())
                && np.spec().policyTypes().contains(type)
                && matches(np.spec().podSelector(), pod.metadata().labels())).toList();
    }

    private boolean peersMatch(List<NetworkPolicyPeer> peers, NetworkPolicy np, Pod pod, String ip) {
        if (peers.isEmpty()) {
            return true;
        }
        for (NetworkPolicyPeer peer : peers) {
            if (peer.ipBlock() != null) {
                if (inBlock(ip, peer.ipBlock())) {
                    return true;
                }
                continue;
            }
            if (pod == null) {
                continue;
            }
            boolean nsOk = peer.namespaceSelector() == null
                    ? pod.metadata().namespace().equals(np.metadata().namespace())
                    : matches(peer.namespaceSelector(), namespaceLabels(pod.metadata().namespace()));
            boolean podOk = peer.podSelector() == null || matches(peer.podSelector(), pod.metadata().labels());
            if (nsOk && podOk) {
                return true;
            }
        }
        return false;
    }

    private static boolean portsMatch(List<NetworkPolicyPort> ports, Pod pod, int port, String protocol) {
        if (ports.isEmpty()) {
            return true;
        }
        for (NetworkPolicyPort p : ports) {
            String proto = p.protocol() == null ? "TCP" : p.protocol();
            if (!proto.equalsIgnoreCase(protocol)) {
                continue;
            }
            IntOrString want = p.port();
            if (want == null) {
                return true;
            }
            if (want.isInt()) {
                int end = p.endPort() == null ? want.intVal() : p.endPort();
                if (port >= want.intVal() && port <= end) {
                    return true;
                }
            } else if (pod != null && namedPort(pod, want.strVal(), proto) == port) {
                return true;
            }
        }
        return false;
    }

    private static int namedPort(Pod pod, String name, String protocol) {
        for (Container c : pod.spec().containers()) {
            for (ContainerPort p : c.ports()) {
                if (name.equals(p.name()) && protocol.equalsIgnoreCase(p.protocol() == null ? "TCP" : p.protocol())) {
                    return p.containerPort();
                }
            }
        }
        return -1;
    }

    private static boolean inBlock(String ip, IPBlock block) {
        if (!IPv4.inCidr(ip, block.cidr())) {
            return false;
        }
        return block.except().stream().noneMatch(e -> IPv4.inCidr(ip, e));
    }

    private Map<String, String> namespaceLabels(String ns) {
        Namespace n = namespaces.get(ns);
        return n == null ? Map.of("kubernetes.io/metadata.name", ns) : n.metadata().labels();
    }

    private static boolean matches(LabelSelector selector, Map<String, String> labels) {
        return io.ksim.api.selector.LabelSelector.fromLabelSelector(selector.matchLabels(),
                selector.matchExpressions()).matches(labels);
    }

    /** The pod (not on the host network) that has {@code ip}, or null. */
    public Pod podWithIP(String ip) {
        for (Pod p : pods) {
            if (p.status() != null && Objects.equals(ip, p.status().podIP())
                    && !Boolean.TRUE.equals(p.spec().hostNetwork())) {
                return p;
            }
        }
        return null;
    }

    private static String name(NetworkPolicy np) {
        return np.metadata().namespace() + "/" + np.metadata().name();
    }

    private static String podKey(Pod p) {
        return p.metadata().namespace() + "/" + p.metadata().name();
    }
}
