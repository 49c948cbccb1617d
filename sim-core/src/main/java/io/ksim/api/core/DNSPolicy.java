package io.ksim.api.core;

/** Values of a pod's {@code dnsPolicy} (core/v1 DNSPolicy). */
public final class DNSPolicy {

    /** Cluster DNS first, also for host-network pods. */
    public static final String CLUSTER_FIRST_WITH_HOST_NET = "ClusterFirstWithHostNet";
    /** Cluster DNS first; host-network pods fall back to Default. The default. */
    public static final String CLUSTER_FIRST = "ClusterFirst";
    /** The node's resolver configuration. */
    public static final String DEFAULT = "Default";
    /** Only the pod's dnsConfig. */
    public static final String NONE = "None";

    private DNSPolicy() {
    }
}
