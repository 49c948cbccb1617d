package io.ksim.network.walk;

import io.ksim.kernel.SimClock;
import io.ksim.network.allocation.IPv4;
import io.ksim.network.proxy.ipvs.IpvsState;
import io.ksim.network.proxy.ipvs.VirtualServer;
import io.ksim.network.proxy.ipvs.VirtualServer.RealServer;
import io.ksim.network.walk.WalkResult.Outcome;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * Walks a new connection through one node's IPVS table: one hash lookup of (protocol, address, port) finds the
 * virtual server, whatever the number of Services; its scheduler picks a real server: {@code rr} and
 * {@code wrr} (kube-proxy's weights are all 1) in turn, {@code lc}/{@code wlc} the one with the fewest
 * connections, {@code sh} by hashing the source address over a 256-bucket table as the kernel's ip_vs_sh does;
 * persistence ({@code persistent <s>}, ClientIP affinity) keeps a client on its server. Traffic from outside
 * the cluster CIDR is masqueraded to the node IP unless the Service's Local policy preserves the source.
 *
 * <p>Connections are counted as they open and never close, so lc spreads like rr here; other schedulers
 * (dh, sed, nq, mh, ...) are walked as rr.
 */
public final class IpvsWalker implements PacketWalker {

    private static final int SH_TAB_BITS = 8;
    private static final long GOLDEN_RATIO_32 = 0x61C88647L;

    private final IpvsState state;
    private final String nodeIP;
    private final String clusterCIDR;
    private final SimClock clock;
    private final Map<String, Integer> nextIndex = new HashMap<>();
    private final Map<String, Integer> connections = new HashMap<>();
    /** virtual server + client -> (real server, time). */
    private final Map<String, Map.Entry<RealServer, Long>> persistence = new HashMap<>();

    public IpvsWalker(IpvsState state, String nodeIP, String clusterCIDR, SimClock clock) {
        this.state = state;
        this.nodeIP = nodeIP;
        this.clusterCIDR = clusterCIDR;
        this.clock = clock;
    }

    @Override
    public WalkResult walk(Packet p) {
        VirtualServer vs = state.find(p.protocol(), p.dstIP(), p.dstPort());
        if (vs == null) {
            return new WalkResult(Outcome.NOT_INTERCEPTED, null, null, List.of(), 1, "no virtual server");
        }
        String step = "IPVS: " + vs + " " + vs.scheduler();
        if (vs.realServers().isEmpty()) {
            return new WalkResult(Outcome.DROPPED, null, null, List.of(step), 1, "connection timed out");
        }
        RealServer rs = pick(vs, p);
        connections.merge(vs + "->" + rs, 1, Integer::sum);
        String source = p.srcIP();
        boolean masq = !vs.preservesSource() && !IPv4.inCidr(p.srcIP(), clusterCIDR);
        if (masq) {
            source = nodeIP;
        }
        List<String> steps = masq ? List.of(step + " -> " + rs + " (Masq)", "MASQUERADE " + p.srcIP() + " -> " + source)
                : List.of(step + " -> " + rs + " (Masq)");
        return new WalkResult(Outcome.DELIVERED, rs.toString(), source, steps, 1, null);
    }

    private RealServer pick(VirtualServer vs, Packet p) {
        String key = vs + "|" + p.srcIP();
        if (vs.persistentTimeout() > 0) {
            Map.Entry<RealServer, Long> held = persistence.get(key);
            if (held != null && vs.realServers().contains(held.getKey())
                    && clock.nanos() - held.getValue() <= vs.persistentTimeout() * 1_000_000_000L) {
                persistence.put(key, Map.entry(held.getKey(), clock.nanos()));
                return held.getKey();
            }
        }
        List<RealServer> rss = vs.realServers();
        RealServer chosen = switch (vs.scheduler()) {
            case "lc", "wlc" -> {
                RealServer best = rss.get(0);
                for (RealServer rs : rss) {
                    if (connections.getOrDefault(vs + "->" + rs, 0) < connections.getOrDefault(vs + "->" + best, 0)) {
                        best = rs;
                    }
                }
                yield best;
            }
            case "sh" -> rss.get(shBucket(p.srcIP()) % rss.size());
            default -> {
                int i = nextIndex.merge(vs.toString(), 1, Integer::sum) - 1;
                yield rss.get(i % rss.size());
            }
        };
        if (vs.persistentTimeout() > 0) {
            persistence.put(key, Map.entry(chosen, clock.nanos()));
        }
        return chosen;
    }

    /** The kernel's ip_vs_sh bucket: hash_32(address, 8); buckets are dealt to real servers in turn. */
    static int shBucket(String ip) {
        long h = (IPv4.parse(ip) * GOLDEN_RATIO_32) & 0xFFFFFFFFL;
        return (int) (h >>> (32 - SH_TAB_BITS));
    }
}
