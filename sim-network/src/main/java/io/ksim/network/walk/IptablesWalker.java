package io.ksim.network.walk;

import io.ksim.kernel.SimClock;
import io.ksim.network.allocation.IPv4;
import io.ksim.network.proxy.iptables.IptablesConfig;
import io.ksim.network.proxy.iptables.IptablesTables;
import io.ksim.network.walk.WalkResult.Outcome;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.SplittableRandom;

/**
 * Walks a new connection through one node's kube-proxy rules as netfilter would: nat KUBE-SERVICES (entered
 * from PREROUTING, or OUTPUT for the host's own traffic), rule by rule, following jumps, drawing
 * {@code -m statistic} probabilities from the node's random source and keeping {@code -m recent} lists for
 * ClientIP affinity; then, if nothing DNATed the packet, the filter chains that REJECT or DROP it; then
 * KUBE-POSTROUTING's masquerade for marked packets (SNAT to the node IP).
 *
 * <p>It reads the rule text {@link io.ksim.network.proxy.iptables.IptablesProxier} produced, so what it
 * reports is what those rules do.
 */
public final class IptablesWalker implements PacketWalker {

    private static final int MAX_DEPTH = 16;

    private final IptablesTables rules;
    private final IptablesConfig config;
    private final SplittableRandom random;
    private final SimClock clock;
    /** {@code -m recent} lists: list name -> source IP -> last time set (nanos). Lookups only. */
    private final Map<String, Map<String, Long>> recent = new HashMap<>();
    /** Parsed rules by text (the rule text is immutable, so parsing once is enough). */
    private final Map<String, Rule> parsed = new HashMap<>();

    public IptablesWalker(IptablesTables rules, IptablesConfig config, SplittableRandom random, SimClock clock) {
        this.rules = rules;
        this.config = config;
        this.random = random;
        this.clock = clock;
    }

    /** Walks a packet arriving at (or leaving) this node. */
    @Override
    public WalkResult walk(Packet p) {
        State s = new State(p);
        traverse("nat", "KUBE-SERVICES", s, 0);
        if (s.dnat == null) {
            for (String chain : List.of("KUBE-SERVICES", "KUBE-EXTERNAL-SERVICES", "KUBE-PROXY-FIREWALL")) {
                traverse("filter", chain, s, 0);
                if (s.verdict != null) {
                    break;
                }
            }
            if ("REJECT".equals(s.verdict)) {
                return s.result(Outcome.REFUSED, null, null, "connection refused");
            }
            if ("DROP".equals(s.verdict)) {
                return s.result(Outcome.DROPPED, null, null, "connection timed out");
            }
            return s.result(Outcome.NOT_INTERCEPTED, null, null, "no kube-proxy rule matched");
        }
        String source = p.srcIP();
        if (s.masq) {
            source = config.nodeIP();
            s.steps.add("KUBE-POSTROUTING: MASQUERADE " + p.srcIP() + " -> " + source);
        }
        return s.result(Outcome.DELIVERED, s.dnat, source, null);
    }

    /** Runs the rules of a chain; returns when a terminal target is hit or the chain ends. */
    private void traverse(String table, String chain, State s, int depth) {
        if (depth > MAX_DEPTH) {
            throw new IllegalStateException("iptables chain loop at " + chain);
        }
        for (String rule : rules.chainRules(table, chain)) {
            s.evaluated++;
            Rule r = parsed.computeIfAbsent(rule, Rule::parse);
            if (!matches(r, s)) {
                continue;
            }
            if (r.recentSet != null) {
                recent.computeIfAbsent(r.recentSet, k -> new HashMap<>()).put(s.packet.srcIP(), clock.nanos());
            }
            if (r.target == null) {
                continue;
            }
            s.steps.add(table + " " + chain + ": " + rule);
            switch (r.target) {
                case "KUBE-MARK-MASQ" -> s.masq = true;
                case "DNAT" -> {
                    s.dnat = r.toDestination;
                    return;
                }
                case "REJECT", "DROP", "ACCEPT" -> {
                    s.verdict = r.target;
                    return;
                }
                case "RETURN" -> {
                    return;
                }
                default -> {
                    traverse(table, r.target, s, depth + 1);
                    if (s.dnat != null || s.verdict != null) {
                        return;
                    }
                }
            }
        }
    }

    private boolean matches(Rule r, State s) {
        Packet p = s.packet;
        if (r.protocol != null && !r.protocol.equalsIgnoreCase(p.protocol())) {
            return false;
        }
        if (r.dst != null && !inRange(p.dstIP(), r.dst)) {
            return false;
        }
        if (r.notSrc != null && inRange(p.srcIP(), r.notSrc)) {
            return false;
        }
        if (r.src != null && !inRange(p.srcIP(), r.src)) {
            return false;
        }
        if (r.dport > 0 && r.dport != p.dstPort()) {
            return false;
        }
        if (r.dstTypeLocal && !isLocalAddress(p.dstIP())) {
            return false;
        }
        if (r.notDst != null && inRange(p.dstIP(), r.notDst)) {
            return false;
        }
        if (r.srcTypeLocal && !p.fromHost()) {
            return false;
        }
        if (r.recentCheck != null) {
            Long seen = recent.getOrDefault(r.recentCheck, Map.of()).get(p.srcIP());
            if (seen == null || clock.nanos() - seen > r.recentSeconds * 1_000_000_000L) {
                return false;
            }
        }
        if (r.probability >= 0 && random.nextDouble() >= r.probability) {
            return false;
        }
        return true;
    }

    private boolean isLocalAddress(String ip) {
        return ip.equals(config.nodeIP()) || inRange(ip, "127.0.0.0/8");
    }

    private static boolean inRange(String ip, String range) {
        return range.contains("/") ? IPv4.inCidr(ip, range) : ip.equals(range);
    }

    /** The walk so far. */
    private static final class State {
        final Packet packet;
        final List<String> steps = new ArrayList<>();
        int evaluated;
        boolean masq;
        String dnat;
        String verdict;

        State(Packet packet) {
            this.packet = packet;
        }

        WalkResult result(Outcome outcome, String backend, String source, String message) {
            return new WalkResult(outcome, backend, source, steps, evaluated, message);
        }
    }
}
