package io.ksim.api.core;

import com.google.common.collect.ImmutableSortedMap;
import io.ksim.api.meta.KubeObject;
import io.ksim.api.meta.ObjectMeta;
import io.ksim.api.meta.PatchStrategy;
import java.time.Instant;
import java.util.List;
import java.util.SortedMap;

/**
 * The core/v1 ancestor of the ReplicaSet: keeps a number of pods matching an equality-only selector running.
 * Spec and status are never null (an absent one is empty, as Go's zero value); the spec's template may be null,
 * since upstream's is a pointer and a missing one is a validation error ({@code spec.template: Required value}).
 */
public record ReplicationController(String apiVersion, String kind, ObjectMeta metadata,
        ReplicationControllerSpec spec, ReplicationControllerStatus status) implements KubeObject {

    public static final String API_VERSION = "v1";
    public static final String KIND = "ReplicationController";

    public ReplicationController {
        apiVersion = apiVersion == null ? API_VERSION : apiVersion;
        kind = kind == null ? KIND : kind;
        metadata = metadata == null ? ObjectMeta.builder().build() : metadata;
        spec = spec == null ? new ReplicationControllerSpec(null, null, null, null) : spec;
        status = status == null ? ReplicationControllerStatus.EMPTY : status;
    }

    public ReplicationController(ObjectMeta metadata, ReplicationControllerSpec spec) {
        this(null, null, metadata, spec, null);
    }

    @Override
    public ReplicationController withMetadata(ObjectMeta newMetadata) {
        return new ReplicationController(apiVersion, kind, newMetadata, spec, status);
    }

    public ReplicationController withSpec(ReplicationControllerSpec newSpec) {
        return new ReplicationController(apiVersion, kind, metadata, newSpec, status);
    }

    public ReplicationController withStatus(ReplicationControllerStatus newStatus) {
        return new ReplicationController(apiVersion, kind, metadata, spec, newStatus);
    }

    /**
     * The desired state: {@code replicas} defaults to 1, the {@code selector} (a plain label map, never null)
     * to the template's labels.
     */
    public record ReplicationControllerSpec(Integer replicas, Integer minReadySeconds,
            SortedMap<String, String> selector, PodTemplateSpec template) {

        public ReplicationControllerSpec {
            selector = selector == null ? ImmutableSortedMap.of() : ImmutableSortedMap.copyOfSorted(selector);
        }

        public ReplicationControllerSpec withReplicas(Integer newReplicas) {
            return new ReplicationControllerSpec(newReplicas, minReadySeconds, selector, template);
        }
    }

    /** What the replication manager observed; {@code replicas} is always printed. */
    public record ReplicationControllerStatus(int replicas, Integer fullyLabeledReplicas, Integer readyReplicas,
            Integer availableReplicas, Long observedGeneration,
            @PatchStrategy(mergeKey = "type") List<ReplicationControllerCondition> conditions) {

        public static final ReplicationControllerStatus EMPTY =
                new ReplicationControllerStatus(0, null, null, null, null, null);

        public ReplicationControllerStatus {
            conditions = conditions == null ? List.of() : List.copyOf(conditions);
        }
    }

    /** A condition of a ReplicationController; upstream defines only ReplicaFailure. */
    public record ReplicationControllerCondition(String type, String status, Instant lastTransitionTime,
            String reason, String message) {

        public static final String REPLICA_FAILURE = "ReplicaFailure";
    }
}
