package io.ksim.network.proxy.iptables;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.TreeMap;

/**
 * The iptables tables (filter and nat) of one node's kernel, as they outlive any kube-proxy process: what one
 * kube-proxy wrote stays until another rewrites or deletes it. Each table has its built-in chains (filter: INPUT,
 * FORWARD, OUTPUT; nat: PREROUTING, INPUT, OUTPUT, POSTROUTING) and user-defined chains.
 *
 * <p>{@link #restore(IptablesRules)} applies a payload as {@code iptables-restore --noflush} does (kube-proxy's
 * NoFlushTables): every chain the payload declares is created, or flushed if it exists, and gets the payload's
 * rules; chains it does not declare are left as they are; {@code -X} deletes a chain. {@link #ensureRule} is
 * {@code iptables -C} followed by {@code -I} (prepend) or {@code -A} when the rule is missing, as kube-proxy
 * installs its jumps from the built-in chains.
 *
 * <p>Example: a node whose kube-proxy switched from iptables to ipvs mode still has the KUBE-SVC-/KUBE-SEP- chains
 * of the iptables proxier (v1.32 cleans up another mode's rules only when switching to nftables, or with
 * {@code kube-proxy --cleanup}), while KUBE-SERVICES in nat now holds the ipvs proxier's ipset matches.
 */
public final class NodeIptables implements IptablesTables {

    /** The built-in chains per table, in the order iptables-save lists them. */
    static final Map<String, List<String>> BUILTIN = builtins();

    /** table -> chain -> rules; built-in chains first, user chains in creation order. */
    private final Map<String, Map<String, List<String>>> tables = new LinkedHashMap<>();

    public NodeIptables() {
        BUILTIN.forEach((table, chains) -> {
            Map<String, List<String>> t = new LinkedHashMap<>();
            chains.forEach(c -> t.put(c, new ArrayList<>()));
            tables.put(table, t);
        });
    }

    private static Map<String, List<String>> builtins() {
        Map<String, List<String>> m = new LinkedHashMap<>();
        m.put("filter", List.of("INPUT", "FORWARD", "OUTPUT"));
        m.put("nat", List.of("PREROUTING", "INPUT", "OUTPUT", "POSTROUTING"));
        return java.util.Collections.unmodifiableMap(m);
    }

    /** Applies an iptables-restore payload with --noflush semantics. */
    public void restore(IptablesRules payload) {
        for (String table : payload.tableNames()) {
            Map<String, List<String>> t = table(table);
            List<String> declared = new ArrayList<>(payload.chains(table));
            declared.addAll(payload.deletedChains(table));
            for (String chain : declared) {
                t.computeIfAbsent(chain, k -> new ArrayList<>()).clear();
            }
            for (String chain : payload.chains(table)) {
                t.get(chain).addAll(payload.chainRules(table, chain));
            }
            for (String chain : payload.deletedChains(table)) {
                deleteChain(table, chain);
            }
        }
    }

    /** Creates a user chain if it does not exist ({@code iptables -N}, ignoring "exists"). */
    public void ensureChain(String table, String chain) {
        table(table).computeIfAbsent(chain, k -> new ArrayList<>());
    }

    /**
     * Adds {@code rule} to {@code chain} unless it is there already: first in the chain when {@code prepend}, else
     * last. Returns whether it was there.
     */
    public boolean ensureRule(String table, String chain, String rule, boolean prepend) {
        List<String> rules = table(table).computeIfAbsent(chain, k -> new ArrayList<>());
        if (rules.contains(rule)) {
            return true;
        }
        if (prepend) {
            rules.add(0, rule);
        } else {
            rules.add(rule);
        }
        return false;
    }

    /** {@code iptables -D}: removes the rule if present. */
    public boolean deleteRule(String table, String chain, String rule) {
        List<String> rules = table(table).get(chain);
        return rules != null && rules.remove(rule);
    }

    /** {@code iptables -F chain}: empties the chain if it exists. */
    public void flushChain(String table, String chain) {
        List<String> rules = table(table).get(chain);
        if (rules != null) {
            rules.clear();
        }
    }

    /** {@code iptables -X chain}: removes a user chain if it exists (built-in chains cannot be deleted). */
    public void deleteChain(String table, String chain) {
        if (!BUILTIN.get(table).contains(chain)) {
            table(table).remove(chain);
        }
    }

    @Override
    public List<String> chainRules(String table, String chain) {
        List<String> rules = table(table).get(chain);
        return rules == null ? List.of() : List.copyOf(rules);
    }

    /** The user-defined chains of {@code table}, in name order (as iptables-save lists them). */
    @Override
    public List<String> chains(String table) {
        List<String> out = new ArrayList<>();
        for (String chain : table(table).keySet()) {
            if (!BUILTIN.get(table).contains(chain)) {
                out.add(chain);
            }
        }
        out.sort(String::compareTo);
        return out;
    }

    @Override
    public boolean hasChain(String table, String chain) {
        return table(table).containsKey(chain);
    }

    /** The number of rules in every chain of every table, built-in ones included. */
    public int ruleCount() {
        return tables.values().stream().flatMap(t -> t.values().stream()).mapToInt(List::size).sum();
    }

    /** Per table, the rules per chain, for tests and reports (a copy, chains in name order after built-ins). */
    public Map<String, Map<String, List<String>>> snapshot() {
        Map<String, Map<String, List<String>>> out = new LinkedHashMap<>();
        tables.forEach((table, chains) -> {
            Map<String, List<String>> c = new LinkedHashMap<>();
            BUILTIN.get(table).forEach(b -> c.put(b, List.copyOf(chains.get(b))));
            new TreeMap<>(chains).forEach((name, rules) -> c.putIfAbsent(name, List.copyOf(rules)));
            out.put(table, c);
        });
        return out;
    }

    private Map<String, List<String>> table(String table) {
        return Objects.requireNonNull(tables.get(table), () -> "no iptables table " + table);
    }
}
