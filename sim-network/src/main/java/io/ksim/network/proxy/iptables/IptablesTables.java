package io.ksim.network.proxy.iptables;

import java.util.List;

/**
 * Read access to iptables tables ({@code filter}, {@code nat}): the chains of a table and the rules of a chain,
 * each rule without its {@code -A <chain>} prefix, in order. Both what kube-proxy writes in one sync
 * ({@link IptablesRules}) and what a node's kernel holds ({@link NodeIptables}) are read this way, so a packet
 * walk can follow either.
 */
public interface IptablesTables {

    /** The rules of a chain in order; empty if the chain does not exist. */
    List<String> chainRules(String table, String chain);

    /** The user-defined chains of {@code table}. */
    List<String> chains(String table);

    /** Whether {@code chain} exists in {@code table}. */
    boolean hasChain(String table, String chain);
}
