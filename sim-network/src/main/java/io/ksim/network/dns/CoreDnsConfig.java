package io.ksim.network.dns;

import java.util.List;
import java.util.Map;

/**
 * The kubernetes plugin's settings and the forward table: the cluster zone, the record TTL (the plugin's
 * default 5 s; kubeadm's Corefile sets {@code ttl 30}), pod records ({@code disabled}, {@code insecure} as
 * kubeadm's Corefile has it, or {@code verified}), and what names outside the zone resolve to (what
 * {@code forward . /etc/resolv.conf} would find upstream, given by the scenario).
 */
public record CoreDnsConfig(String zone, int ttl, String pods, Map<String, List<String>> upstream) {

    public static final String PODS_DISABLED = "disabled";
    public static final String PODS_INSECURE = "insecure";
    public static final String PODS_VERIFIED = "verified";

    public CoreDnsConfig {
        upstream = Map.copyOf(upstream);
    }

    /** kubeadm's Corefile: zone cluster.local, {@code pods insecure}, {@code ttl 30}, no upstream names. */
    public static CoreDnsConfig kubeadm() {
        return new CoreDnsConfig("cluster.local", 30, PODS_INSECURE, Map.of());
    }

    public CoreDnsConfig withUpstream(Map<String, List<String>> names) {
        return new CoreDnsConfig(zone, ttl, pods, names);
    }

    public CoreDnsConfig withTtl(int seconds) {
        return new CoreDnsConfig(zone, seconds, pods, upstream);
    }
}
