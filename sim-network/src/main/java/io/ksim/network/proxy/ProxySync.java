package io.ksim.network.proxy;

import java.time.Instant;

/**
 * One sync of a node's kube-proxy and what it cost: whether it was full (every chain written) or partial (only
 * the chains of services that changed, plus the top-level chains), how many services changed since the sync before,
 * and the size of the iptables-restore input (lines and bytes; in ipvs mode the constant ipset-matching rules).
 * Partial syncs exist because the restore payload of a large cluster is large; comparing {@code restoreBytes} of
 * full and partial syncs shows what they save.
 */
public record ProxySync(Instant at, KubeProxy.Mode mode, boolean full, int servicesChanged, int restoreLines,
        int restoreBytes, int chainsDeleted) {
}
