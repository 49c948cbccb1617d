package io.ksim.network.proxy.iptables;

import io.ksim.network.proxy.ServicePortName;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;

/**
 * The rules kube-proxy hands to {@code iptables-restore} in one sync: per table (filter, nat) the chains it declares
 * (each declared chain is created, or flushed if it exists), each chain's rules in the order written, and the chains
 * it deletes ({@code -X}). {@link #restorePayload()} lays them out as upstream's proxier tests compare them (tables by
 * name; KUBE-NODEPORTS, KUBE-SERVICES, then the other chains alphabetically; then rules chain by chain; then the
 * deletions); {@link #ruleCount()} and {@link #chainRules(String, String)} serve rule counting and packet walks.
 *
 * <p>Chains that belong to one service port (its KUBE-SVC, SVL, EXT, FW and SEP chains) remember their owner, so a
 * partial sync can leave out the chains of services that did not change ({@link #partial(Set)}).
 */
public final class IptablesRules implements IptablesTables {

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
    /** service-port chains -> the service port that owns them. */
    private final Map<String, ServicePortName> owners;
    /** table -> chains deleted with {@code -X}, in name order. */
    private final Map<String, Set<String>> deleted;

    private IptablesRules(Map<String, Map<String, List<String>>> tables, Map<String, ServicePortName> owners,
            Map<String, Set<String>> deleted) {
        this.tables = tables;
        this.owners = owners;
        this.deleted = deleted;
    }

    static Builder builder() {
        return new Builder();
    }

    /** The rules of a chain (each without {@code -A <chain>}); empty if the chain is not declared. */
    @Override
    public List<String> chainRules(String table, String chain) {
        Map<String, List<String>> t = tables.get(table);
        return t == null || !t.containsKey(chain) ? List.of() : List.copyOf(t.get(chain));
    }

    /** The chains declared in {@code table} (deleted ones aside), in declaration order. */
    @Override
    public List<String> chains(String table) {
        List<String> out = new ArrayList<>(tables.getOrDefault(table, Map.of()).keySet());
        out.removeAll(deletedChains(table));
        return out;
    }

    /** Whether {@code chain} is declared in {@code table} (and not deleted). */
    @Override
    public boolean hasChain(String table, String chain) {
        return tables.containsKey(table) && tables.get(table).containsKey(chain)
                && !deletedChains(table).contains(chain);
    }

    /** The tables written, in order: filter then nat. */
    public List<String> tableNames() {
        return List.copyOf(tables.keySet());
    }

    /** The chains this payload deletes from {@code table} ({@code -X}), in name order. */
    public Set<String> deletedChains(String table) {
        return deleted.getOrDefault(table, Set.of());
    }

    /** The service port whose chain this is, or null for a top-level chain. */
    public ServicePortName owner(String chain) {
        return owners.get(chain);
    }

    /** All rules in both tables. */
    public int ruleCount() {
        return tables.values().stream().flatMap(t -> t.values().stream()).mapToInt(List::size).sum();
    }

    /** The rules of one table. */
    public int ruleCount(String table) {
        return tables.getOrDefault(table, Map.of()).values().stream().mapToInt(List::size).sum();
    }

    /**
     * The same sync without the chains of service ports outside {@code changed}: what a partial sync writes when
     * only those services' Service or EndpointSlice objects changed. Top-level chains stay whole.
     */
    public IptablesRules partial(Set<ServicePortName> changed) {
        Map<String, Map<String, List<String>>> copy = new LinkedHashMap<>();
        tables.forEach((t, chains) -> {
            Map<String, List<String>> c = new LinkedHashMap<>();
            chains.forEach((name, rules) -> {
                ServicePortName owner = owners.get(name);
                if (owner == null || changed.contains(owner)) {
                    c.put(name, rules);
                }
            });
            copy.put(t, c);
        });
        return new IptablesRules(copy, owners, deleted);
    }

    /** This payload, also deleting {@code chains} from {@code table} (each declared, which flushes it, then -X). */
    public IptablesRules deleting(String table, Set<String> chains) {
        if (chains.isEmpty()) {
            return this;
        }
        Map<String, Map<String, List<String>>> copy = new LinkedHashMap<>();
        tables.forEach((t, c) -> copy.put(t, new LinkedHashMap<>(c)));
        Map<String, Set<String>> del = new LinkedHashMap<>(deleted);
        Set<String> names = new TreeSet<>(del.getOrDefault(table, Set.of()));
        for (String chain : chains) {
            copy.get(table).putIfAbsent(chain, List.of());
            names.add(chain);
        }
        del.put(table, names);
        return new IptablesRules(copy, owners, del);
    }

    /** The iptables-restore input: {@code *filter ... COMMIT} then {@code *nat ... COMMIT}. */
    public String restorePayload() {
        StringBuilder sb = new StringBuilder();
        for (Map.Entry<String, Map<String, List<String>>> table : tables.entrySet()) {
            Map<String, List<String>> chains = table.getValue();
            List<String> names = new ArrayList<>(chains.keySet());
            names.sort(CHAIN_ORDER);
            sb.append('*').append(table.getKey()).append('\n');
            for (String chain : names) {
                sb.append(':').append(chain).append(" - [0:0]\n");
            }
            for (String chain : names) {
                for (String rule : chains.get(chain)) {
                    sb.append("-A ").append(chain).append(' ').append(rule).append('\n');
                }
            }
            for (String chain : deletedChains(table.getKey())) {
                sb.append("-X ").append(chain).append('\n');
            }
            sb.append("COMMIT\n");
        }
        return sb.toString();
    }

    /**
     * What this sync costs iptables-restore: the payload's lines and bytes (the input the kernel parses and
     * applies; partial syncs exist to make it small).
     */
    public SyncCost cost() {
        String payload = restorePayload();
        return new SyncCost((int) payload.lines().count(), payload.getBytes(StandardCharsets.UTF_8).length);
    }

    @Override
    public String toString() {
        return restorePayload();
    }

    /** The size of one iptables-restore input. */
    public record SyncCost(int lines, int bytes) {
    }

    /** Collects chains and rules as the proxier writes them. */
    static final class Builder {
        private final Map<String, Map<String, List<String>>> tables = new LinkedHashMap<>();
        private final Map<String, ServicePortName> owners = new LinkedHashMap<>();
        private ServicePortName current;

        private Builder() {
            tables.put("filter", new LinkedHashMap<>());
            tables.put("nat", new LinkedHashMap<>());
        }

        /** Service-port chains declared from now on belong to {@code name} (null: none). */
        Builder service(ServicePortName name) {
            current = name;
            return this;
        }

        Builder filterChain(String chain) {
            tables.get("filter").computeIfAbsent(chain, k -> new ArrayList<>());
            return this;
        }

        Builder natChain(String chain) {
            tables.get("nat").computeIfAbsent(chain, k -> new ArrayList<>());
            if (current != null && ChainNames.isServiceChain(chain)) {
                owners.put(chain, current);
            }
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
            return new IptablesRules(copy, Map.copyOf(owners), Map.of());
        }
    }
}
