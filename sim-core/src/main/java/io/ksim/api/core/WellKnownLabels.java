package io.ksim.api.core;

/**
 * The node labels with a meaning of their own across Kubernetes (upstream k8s.io/api/core/v1
 * well_known_labels.go), written once for the kubelet, the scheduler, the controllers and kube-proxy.
 */
public final class WellKnownLabels {

    /** LabelHostname: the node's hostname, e.g. {@code node-1}. */
    public static final String HOSTNAME = "kubernetes.io/hostname";
    /** LabelOSStable: {@code linux} on every simulated node. */
    public static final String OS = "kubernetes.io/os";
    /** LabelArchStable: {@code amd64} on every simulated node. */
    public static final String ARCH = "kubernetes.io/arch";
    /** LabelTopologyZone. */
    public static final String TOPOLOGY_ZONE = "topology.kubernetes.io/zone";
    /** LabelTopologyRegion. */
    public static final String TOPOLOGY_REGION = "topology.kubernetes.io/region";
    /** LabelFailureDomainBetaZone: deprecated, still read where upstream reads it. */
    public static final String FAILURE_DOMAIN_BETA_ZONE = "failure-domain.beta.kubernetes.io/zone";
    /** LabelFailureDomainBetaRegion: deprecated, still read where upstream reads it. */
    public static final String FAILURE_DOMAIN_BETA_REGION = "failure-domain.beta.kubernetes.io/region";

    private WellKnownLabels() {
    }
}
