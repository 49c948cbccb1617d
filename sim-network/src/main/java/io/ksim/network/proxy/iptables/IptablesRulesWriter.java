package io.ksim.network.proxy.iptables;

/**
 * Builds an {@link IptablesRules} payload from outside the iptables proxier (the ipvs proxier writes iptables
 * rules too): chains declared, rules appended in the order written.
 */
public final class IptablesRulesWriter {

    private final IptablesRules.Builder builder = IptablesRules.builder();

    /** Declares {@code chain} in {@code table} (created, or flushed if it exists, when restored). */
    public IptablesRulesWriter chain(String table, String chain) {
        if (table.equals("nat")) {
            builder.natChain(chain);
        } else {
            builder.filterChain(chain);
        }
        return this;
    }

    /** Appends a rule (without {@code -A <chain>}) to {@code chain}. */
    public IptablesRulesWriter rule(String table, String chain, String rule) {
        if (table.equals("nat")) {
            builder.nat(chain, rule);
        } else {
            builder.filter(chain, rule);
        }
        return this;
    }

    public IptablesRules build() {
        return builder.build();
    }
}
