package io.ksim.api.apps;

import io.ksim.api.meta.PatchStrategy;
import io.ksim.api.core.PodTemplateSpec;
import io.ksim.api.meta.KubeObject;
import io.ksim.api.meta.LabelSelector;
import io.ksim.api.meta.ObjectMeta;
import io.ksim.api.resource.IntOrString;
import java.time.Instant;
import java.util.List;

/**
 * Declarative updates of a set of replicated pods through ReplicaSets (apps/v1 Deployment). Spec and status are
 * never null: an absent one is empty, as Go's zero value.
 */
public record Deployment(String apiVersion, String kind, ObjectMeta metadata, DeploymentSpec spec,
        DeploymentStatus status) implements KubeObject {

    public static final String API_VERSION = Apps.API_VERSION;
    public static final String KIND = "Deployment";

    public Deployment {
        apiVersion = apiVersion == null ? API_VERSION : apiVersion;
        kind = kind == null ? KIND : kind;
        spec = spec == null ? new DeploymentSpec(null, null, null, null, null, null, null, null) : spec;
        status = status == null ? DeploymentStatus.EMPTY : status;
    }

    public Deployment(ObjectMeta metadata, DeploymentSpec spec) {
        this(null, null, metadata, spec, null);
    }

    @Override
    public Deployment withMetadata(ObjectMeta newMetadata) {
        return new Deployment(apiVersion, kind, newMetadata, spec, status);
    }

    public Deployment withSpec(DeploymentSpec newSpec) {
        return new Deployment(apiVersion, kind, metadata, newSpec, status);
    }

    public Deployment withStatus(DeploymentStatus newStatus) {
        return new Deployment(apiVersion, kind, metadata, spec, newStatus);
    }

    /**
     * The desired state. {@code replicas}, {@code revisionHistoryLimit} and the strategy are defaulted;
     * {@code template} and {@code strategy} are never null (Go structs).
     */
    public record DeploymentSpec(Integer replicas, LabelSelector selector, PodTemplateSpec template,
            @PatchStrategy(retainKeys = true) DeploymentStrategy strategy, Integer minReadySeconds, Integer revisionHistoryLimit, Boolean paused,
            Integer progressDeadlineSeconds) {

        public DeploymentSpec {
            template = template == null ? new PodTemplateSpec(null, null) : template;
            strategy = strategy == null ? new DeploymentStrategy(null, null) : strategy;
        }

        public DeploymentSpec withReplicas(Integer newReplicas) {
            return new DeploymentSpec(newReplicas, selector, template, strategy, minReadySeconds,
                    revisionHistoryLimit, paused, progressDeadlineSeconds);
        }

        public DeploymentSpec withTemplate(PodTemplateSpec newTemplate) {
            return new DeploymentSpec(replicas, selector, newTemplate, strategy, minReadySeconds,
                    revisionHistoryLimit, paused, progressDeadlineSeconds);
        }

        public DeploymentSpec withStrategy(DeploymentStrategy newStrategy) {
            return new DeploymentSpec(replicas, selector, template, newStrategy, minReadySeconds,
                    revisionHistoryLimit, paused, progressDeadlineSeconds);
        }

        public DeploymentSpec withPaused(Boolean newPaused) {
            return new DeploymentSpec(replicas, selector, template, strategy, minReadySeconds,
                    revisionHistoryLimit, newPaused, progressDeadlineSeconds);
        }
    }

    /** How old pods are replaced: {@link Apps#RECREATE} or {@link Apps#ROLLING_UPDATE}. */
    public record DeploymentStrategy(String type, RollingUpdateDeployment rollingUpdate) {

        public static DeploymentStrategy recreate() {
            return new DeploymentStrategy(Apps.RECREATE, null);
        }

        public static DeploymentStrategy rollingUpdate(IntOrString maxUnavailable, IntOrString maxSurge) {
            return new DeploymentStrategy(Apps.ROLLING_UPDATE, new RollingUpdateDeployment(maxUnavailable, maxSurge));
        }
    }

    /** The bounds of a rolling update, each a count or a percentage of the desired replicas. */
    public record RollingUpdateDeployment(IntOrString maxUnavailable, IntOrString maxSurge) {
    }

    /** What the deployment controller observed. */
    public record DeploymentStatus(Long observedGeneration, Integer replicas, Integer updatedReplicas,
            Integer readyReplicas, Integer availableReplicas, Integer unavailableReplicas,
            @PatchStrategy(mergeKey = "type") List<DeploymentCondition> conditions, Integer collisionCount) {

        public static final DeploymentStatus EMPTY = new DeploymentStatus(null, null, null, null, null, null, null,
                null);

        public DeploymentStatus {
            conditions = conditions == null ? List.of() : List.copyOf(conditions);
        }
    }

    /** A condition of a Deployment: Available, Progressing or ReplicaFailure. */
    public record DeploymentCondition(String type, String status, Instant lastUpdateTime, Instant lastTransitionTime,
            String reason, String message) {

        public static final String AVAILABLE = "Available";
        public static final String PROGRESSING = "Progressing";
        public static final String REPLICA_FAILURE = "ReplicaFailure";

        /** Reasons the deployment controller writes on its conditions. */
        public static final String REASON_MINIMUM_REPLICAS_AVAILABLE = "MinimumReplicasAvailable";
        public static final String REASON_MINIMUM_REPLICAS_UNAVAILABLE = "MinimumReplicasUnavailable";
        public static final String REASON_NEW_RS_AVAILABLE = "NewReplicaSetAvailable";
        public static final String REASON_NEW_REPLICA_SET = "NewReplicaSetCreated";
        public static final String REASON_FOUND_NEW_RS = "FoundNewReplicaSet";
        public static final String REASON_RS_UPDATED = "ReplicaSetUpdated";
        public static final String REASON_TIMED_OUT = "ProgressDeadlineExceeded";
        public static final String REASON_PAUSED = "DeploymentPaused";
        public static final String REASON_RESUMED = "DeploymentResumed";
        public static final String REASON_FAILED_RS_CREATE = "ReplicaSetCreateError";
    }
}
