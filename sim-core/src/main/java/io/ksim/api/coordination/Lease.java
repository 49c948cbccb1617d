package io.ksim.api.coordination;

import io.ksim.api.meta.KubeObject;
import io.ksim.api.meta.MicroTime;
import io.ksim.api.meta.ObjectMeta;

/**
 * A lease (coordination.k8s.io/v1 Lease): node heartbeats in {@code kube-node-lease} and leader election
 * locks. Times have microsecond precision ({@link MicroTime}).
 */
public record Lease(String apiVersion, String kind, ObjectMeta metadata, LeaseSpec spec) implements KubeObject {

    public static final String API_VERSION = "coordination.k8s.io/v1";
    public static final String KIND = "Lease";

    /** The namespace of the nodes' heartbeat leases. */
    public static final String NODE_LEASE_NAMESPACE = "kube-node-lease";

    public Lease {
        apiVersion = apiVersion == null ? API_VERSION : apiVersion;
        kind = kind == null ? KIND : kind;
        metadata = metadata == null ? ObjectMeta.builder().build() : metadata;
        spec = spec == null ? new LeaseSpec(null, null, null, null, null, null, null) : spec;
    }

    @Override
    public Lease withMetadata(ObjectMeta newMetadata) {
        return new Lease(apiVersion, kind, newMetadata, spec);
    }

    public Lease withSpec(LeaseSpec newSpec) {
        return new Lease(apiVersion, kind, metadata, newSpec);
    }

    /** coordination.k8s.io/v1 LeaseSpec. */
    public record LeaseSpec(String holderIdentity, Integer leaseDurationSeconds, MicroTime acquireTime,
            MicroTime renewTime, Integer leaseTransitions, String strategy, String preferredHolder) {

        /** The one coordinated leader election strategy (CoordinatedLeaseStrategy). */
        public static final String STRATEGY_OLDEST_EMULATION_VERSION = "OldestEmulationVersion";

        public LeaseSpec withRenewTime(MicroTime time) {
            return new LeaseSpec(holderIdentity, leaseDurationSeconds, acquireTime, time, leaseTransitions, strategy,
                    preferredHolder);
        }
    }
}
