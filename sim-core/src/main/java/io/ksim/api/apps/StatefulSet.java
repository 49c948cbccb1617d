package io.ksim.api.apps;

import io.ksim.api.meta.PatchStrategy;
import io.ksim.api.core.PersistentVolumeClaim;
import io.ksim.api.core.PodTemplateSpec;
import io.ksim.api.meta.KubeObject;
import io.ksim.api.meta.LabelSelector;
import io.ksim.api.meta.ObjectMeta;
import io.ksim.api.resource.IntOrString;
import java.time.Instant;
import java.util.List;

/**
 * Pods with stable identities {@code <name>-<ordinal>} and stable storage from {@code volumeClaimTemplates}
 * (apps/v1 StatefulSet). Spec and status are never null: an absent one is empty, as Go's zero value.
 */
public record StatefulSet(String apiVersion, String kind, ObjectMeta metadata, StatefulSetSpec spec,
        StatefulSetStatus status) implements KubeObject {

    public static final String API_VERSION = Apps.API_VERSION;
    public static final String KIND = "StatefulSet";

    /** podManagementPolicy values. */
    public static final String ORDERED_READY = "OrderedReady";
    public static final String PARALLEL = "Parallel";

    /** persistentVolumeClaimRetentionPolicy values. */
    public static final String RETAIN = "Retain";
    public static final String DELETE = "Delete";

    public StatefulSet {
        apiVersion = apiVersion == null ? API_VERSION : apiVersion;
        kind = kind == null ? KIND : kind;
        spec = spec == null
                ? new StatefulSetSpec(null, null, null, null, null, null, null, null, null, null, null) : spec;
        status = status == null ? StatefulSetStatus.EMPTY : status;
    }

    public StatefulSet(ObjectMeta metadata, StatefulSetSpec spec) {
        this(null, null, metadata, spec, null);
    }

    @Override
    public StatefulSet withMetadata(ObjectMeta newMetadata) {
        return new StatefulSet(apiVersion, kind, newMetadata, spec, status);
    }

    public StatefulSet withSpec(StatefulSetSpec newSpec) {
        return new StatefulSet(apiVersion, kind, metadata, newSpec, status);
    }

    public StatefulSet withStatus(StatefulSetStatus newStatus) {
        return new StatefulSet(apiVersion, kind, metadata, spec, newStatus);
    }

    /**
     * The desired state. {@code serviceName} names the governing headless service of the pods' DNS names.
     * {@code template} and {@code updateStrategy} are never null (Go structs).
     */
    public record StatefulSetSpec(Integer replicas, LabelSelector selector, PodTemplateSpec template,
            List<PersistentVolumeClaim> volumeClaimTemplates, String serviceName, String podManagementPolicy,
            StatefulSetUpdateStrategy updateStrategy, Integer revisionHistoryLimit, Integer minReadySeconds,
            StatefulSetPersistentVolumeClaimRetentionPolicy persistentVolumeClaimRetentionPolicy,
            StatefulSetOrdinals ordinals) {

        public StatefulSetSpec {
            template = template == null ? new PodTemplateSpec(null, null) : template;
            updateStrategy = updateStrategy == null ? new StatefulSetUpdateStrategy(null, null) : updateStrategy;
            volumeClaimTemplates = volumeClaimTemplates == null ? List.of() : List.copyOf(volumeClaimTemplates);
        }

        public StatefulSetSpec withReplicas(Integer newReplicas) {
            return new StatefulSetSpec(newReplicas, selector, template, volumeClaimTemplates, serviceName,
                    podManagementPolicy, updateStrategy, revisionHistoryLimit, minReadySeconds,
                    persistentVolumeClaimRetentionPolicy, ordinals);
        }

        public StatefulSetSpec withTemplate(PodTemplateSpec newTemplate) {
            return new StatefulSetSpec(replicas, selector, newTemplate, volumeClaimTemplates, serviceName,
                    podManagementPolicy, updateStrategy, revisionHistoryLimit, minReadySeconds,
                    persistentVolumeClaimRetentionPolicy, ordinals);
        }

        /** The first ordinal: {@code ordinals.start}, or 0. */
        public int startOrdinal() {
            return ordinals == null ? 0 : ordinals.start();
        }
    }

    /** {@link Apps#ROLLING_UPDATE} (the default) or {@link Apps#ON_DELETE}. */
    public record StatefulSetUpdateStrategy(String type, RollingUpdateStatefulSetStrategy rollingUpdate) {
    }

    /**
     * Pods with an ordinal below {@code partition} keep their revision. {@code maxUnavailable} is honored
     * only with the alpha gate MaxUnavailableStatefulSet (off in 1.32).
     */
    public record RollingUpdateStatefulSetStrategy(Integer partition, IntOrString maxUnavailable) {
    }

    /** What becomes of the claims from volumeClaimTemplates: {@link #RETAIN} or {@link #DELETE}. */
    public record StatefulSetPersistentVolumeClaimRetentionPolicy(String whenDeleted, String whenScaled) {
    }

    /** The numbering of the replicas: from {@code start}. */
    public record StatefulSetOrdinals(int start) {
    }

    /** What the StatefulSet controller observed; {@code replicas} and {@code availableReplicas} are always printed. */
    public record StatefulSetStatus(Long observedGeneration, int replicas, Integer readyReplicas,
            Integer currentReplicas, Integer updatedReplicas, String currentRevision, String updateRevision,
            Integer collisionCount, @PatchStrategy(mergeKey = "type") List<StatefulSetCondition> conditions, int availableReplicas) {

        public static final StatefulSetStatus EMPTY = new StatefulSetStatus(null, 0, null, null, null, null, null,
                null, null, 0);

        public StatefulSetStatus {
            conditions = conditions == null ? List.of() : List.copyOf(conditions);
        }
    }

    /** A condition of a StatefulSet (upstream defines no types). */
    public record StatefulSetCondition(String type, String status, Instant lastTransitionTime, String reason,
            String message) {
    }
}
