package io.ksim.network.proxy.iptables;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * The rules kube-proxy programs on a node: per table (filter, nat) the chains it declares and each chain's
 * rules in the order written. {@link #restorePayload()} lays them out as upstream's proxier tests compare
 * them; {@link #ruleCount()} and {@link #chainRules(String, String)} serve rule counting and packet walks.
 */
public final class IptablesRules {

    private static final Comparator<String> CHAIN_ORDER = (a, b) -> {
        if (a.equals(b)) {
            return 0;
        }
        for (String first : List.of(IptablesProxier.NODEPORTS, IptablesProxier.SERVICES)) {
            if (a.equals(first)) {
                return -1;
            }
            if (b.equals(first)) {
                return 1;
            }
        }
        return a.compareTo(b);
    };

    /** table -> chain -> rules (without the {@code -A <chain>} prefix). */
    private final Map<String, Map<String, List<String>>> tables;

    private IptablesRules(Map<String, Map<String, List<String>>> tables) {
        this.tables = tables;
    }

    static Builder builder() {
        return new Builder();
    }

    /** The rules of a chain (each without {@code -A <chain>}); empty if the chain is not declared. */
    public List<String> chainRules(String table, String chain) {
        Map<String, List<String>> t = tables.get(table);
        return t == null || !t.containsKey(chain) ? List.of() : List.copyOf(t.get(chain));
    }

    /** The chains declared in {@code table}, in declaration order. */
    public List<String> chains(String table) {
        return List.copyOf(tables.getOrDefault(table, Map.of()).keySet());
    }

    /** Whether {@code chain} is declared in {@code table}. */
    public boolean hasChain(String table, String chain) {
        return tables.containsKey(table) && tables.get(table).containsKey(chain);
    }

    /** All rules in both tables. */
    public int ruleCount() {
        return tables.values().stream().flatMap(t -> t.values().stream()).mapToInt(List::size).sum();
    }

    /** The rules of one table. */
    public int ruleCount(String table) {
        return tables.getOrDefault(table, Map.of()).values().stream().mapToInt(List::size).sum();
    }

    /** The iptables-restore input: {@code *filter ... COMMIT} then {@code *nat ... COMMIT}. */
    public String restorePayload() {
        StringBuilder sb = new StringBuilder();
        for (String table : List.of("filter", "nat")) {
            Map<String, List<String>> chains = tables.get(table);
            List<String> names = new ArrayList<>(chains.keySet());
            names.sort(CHAIN_ORDER);
            sb.append('*').append(table).append('\n');
            for (String chain : names) {
                sb.append(':').append(chain).append(" - [0:0]\n");
            }
            for (String chain : names) {
                for (String rule : chains.get(chain)) {
                    sb.append("-A ").append(chain).append(' ').append(rule).append('\n');
                }
            }
            sb.append("COMMIT\n");
        }
        return sb.toString();
    }

    @Override
    public String toString() {
        return restorePayload();
    }

    /** Collects chains and rules as the proxier writes them. */
    static final class Builder {
        private final Map<String, Map<String, List<String>>> tables = new LinkedHashMap<>();

        private Builder() {
            tables.put("filter", new LinkedHashMap<>());
            tables.put("nat", new LinkedHashMap<>());
        }

        Builder filterChain(String chain) {
            tables.get("filter").computeIfAbsent(chain, k -> new ArrayList<>());
            return this;
        }

        Builder natChain(String chain) {
            tables.get("nat").computeIfAbsent(chain, k -> new ArrayList<>());
            return this;
        }

        Builder filter(String chain, String rule) {
            filterChain(chain);
            tables.get("filter").get(chain).add(rule);
            return this;
        }

        Builder nat(String chain, String rule) {
            natChain(chain);
            tables.get("nat").get(chain).add(rule);
            return this;
        }

        IptablesRules build() {
            Map<String, Map<String, List<String>>> copy = new LinkedHashMap<>();
            tables.forEach((t, chains) -> {
                Map<String, List<String>> c = new LinkedHashMap<>();
                chains.forEach((name, rules) -> c.put(name, List.copyOf(rules)));
                copy.put(t, c);
            });
            return new IptablesRules(copy);
        }
    }
}
