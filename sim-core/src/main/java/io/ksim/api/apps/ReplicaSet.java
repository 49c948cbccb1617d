package io.ksim.api.apps;

import io.ksim.api.meta.PatchStrategy;
import io.ksim.api.core.PodTemplateSpec;
import io.ksim.api.meta.KubeObject;
import io.ksim.api.meta.LabelSelector;
import io.ksim.api.meta.ObjectMeta;
import java.time.Instant;
import java.util.List;

/**
 * Keeps a number of pods matching a selector running (apps/v1 ReplicaSet). Spec and status are never null: an
 * absent one is empty, as Go's zero value.
 */
public record ReplicaSet(String apiVersion, String kind, ObjectMeta metadata, ReplicaSetSpec spec,
        ReplicaSetStatus status) implements KubeObject {

    public static final String API_VERSION = Apps.API_VERSION;
    public static final String KIND = "ReplicaSet";

    public ReplicaSet {
        apiVersion = apiVersion == null ? API_VERSION : apiVersion;
        kind = kind == null ? KIND : kind;
        spec = spec == null ? new ReplicaSetSpec(null, null, null, null) : spec;
        status = status == null ? ReplicaSetStatus.EMPTY : status;
    }

    public ReplicaSet(ObjectMeta metadata, ReplicaSetSpec spec) {
        this(null, null, metadata, spec, null);
    }

    @Override
    public ReplicaSet withMetadata(ObjectMeta newMetadata) {
        return new ReplicaSet(apiVersion, kind, newMetadata, spec, status);
    }

    public ReplicaSet withSpec(ReplicaSetSpec newSpec) {
        return new ReplicaSet(apiVersion, kind, metadata, newSpec, status);
    }

    public ReplicaSet withStatus(ReplicaSetStatus newStatus) {
        return new ReplicaSet(apiVersion, kind, metadata, spec, newStatus);
    }

    /** The desired state; {@code replicas} defaults to 1. {@code template} is never null. */
    public record ReplicaSetSpec(Integer replicas, Integer minReadySeconds, LabelSelector selector,
            PodTemplateSpec template) {

        public ReplicaSetSpec {
            template = template == null ? new PodTemplateSpec(null, null) : template;
        }

        public ReplicaSetSpec withReplicas(Integer newReplicas) {
            return new ReplicaSetSpec(newReplicas, minReadySeconds, selector, template);
        }
    }

    /** What the ReplicaSet controller observed; {@code replicas} is always printed. */
    public record ReplicaSetStatus(int replicas, Integer fullyLabeledReplicas, Integer readyReplicas,
            Integer availableReplicas, Long observedGeneration, @PatchStrategy(mergeKey = "type") List<ReplicaSetCondition> conditions) {

        public static final ReplicaSetStatus EMPTY = new ReplicaSetStatus(0, null, null, null, null, null);

        public ReplicaSetStatus {
            conditions = conditions == null ? List.of() : List.copyOf(conditions);
        }
    }

    /** A condition of a ReplicaSet; upstream defines only ReplicaFailure. */
    public record ReplicaSetCondition(String type, String status, Instant lastTransitionTime, String reason,
            String message) {

        public static final String REPLICA_FAILURE = "ReplicaFailure";
    }
}
