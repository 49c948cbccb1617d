package io.ksim.network.policy;

import io.ksim.api.core.Pod;
import io.ksim.network.walk.Packet;
import io.ksim.network.walk.PacketWalker;
import io.ksim.network.walk.WalkResult;
import java.util.ArrayList;
import java.util.List;
import java.util.function.Supplier;

/**
 * The network plugin's NetworkPolicy enforcement, one engine for every data path: {@code curl} walks and raw
 * packet walks through a node's iptables rules or IPVS table alike. A connection that kube-proxy delivered (or
 * that went straight to a pod IP) is checked for egress at the client pod, then ingress at the server pod, which
 * sees the source after kube-proxy's SNAT; a denial drops the packet (the client times out) and the walk's steps
 * end with {@code NetworkPolicy: <reason>: dropped}. Traffic from the node itself or from outside the pod network
 * has no client pod and meets only the server's ingress rules.
 */
public final class NetworkPolicyEnforcer {

    private final Supplier<NetworkPolicyEvaluator> evaluator;

    /** {@code evaluator} gives the policies, namespaces and pods as they are now (null: enforce nothing). */
    public NetworkPolicyEnforcer(Supplier<NetworkPolicyEvaluator> evaluator) {
        this.evaluator = evaluator;
    }

    /**
     * The walk as the policies let it through: {@code walk} itself when allowed, else a DROPPED walk with the reason.
     * {@code client} is null when no pod sent the packet.
     */
    public WalkResult enforce(Pod client, Pod server, String seenSource, int port, String protocol, WalkResult walk) {
        NetworkPolicyEvaluator np = evaluator.get();
        if (np == null) {
            return walk;
        }
        NetworkPolicyEvaluator.Verdict verdict = client == null ? null
                : np.egress(client, server.status().podIP(), port, protocol);
        if (verdict == null || verdict.allowed()) {
            verdict = np.ingress(server, seenSource, port, protocol);
        }
        if (verdict.allowed()) {
            return walk;
        }
        List<String> steps = new ArrayList<>(walk.steps());
        steps.add("NetworkPolicy: " + verdict.reason() + ": dropped");
        return new WalkResult(WalkResult.Outcome.DROPPED, walk.backend(), walk.sourceSeenByBackend(), steps,
                walk.rulesEvaluated(), "connection timed out");
    }

    /**
     * {@code inner} (a node's iptables or IPVS walker) with the policies applied to what it delivers, and to
     * packets it leaves alone that are addressed to a pod IP.
     */
    public PacketWalker wrap(PacketWalker inner) {
        return packet -> {
            WalkResult walk = inner.walk(packet);
            NetworkPolicyEvaluator np = evaluator.get();
            if (np == null) {
                return walk;
            }
            Pod server;
            String seen;
            int port;
            if (walk.outcome() == WalkResult.Outcome.DELIVERED) {
                server = np.podWithIP(walk.backendIP());
                seen = walk.sourceSeenByBackend();
                port = Integer.parseInt(walk.backend().substring(walk.backend().lastIndexOf(':') + 1));
            } else if (walk.outcome() == WalkResult.Outcome.NOT_INTERCEPTED) {
                server = np.podWithIP(packet.dstIP());
                seen = packet.srcIP();
                port = packet.dstPort();
            } else {
                return walk;
            }
            if (server == null) {
                return walk;
            }
            Pod client = packet.fromHost() ? null : np.podWithIP(packet.srcIP());
            return enforce(client, server, seen, port, packet.protocol(), walk);
        };
    }
}
