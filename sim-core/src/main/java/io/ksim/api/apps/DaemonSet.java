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
 * Runs a copy of a pod on every eligible node (apps/v1 DaemonSet). Spec and status are never null: an absent one is
 * empty, as Go's zero value.
 */
public record DaemonSet(String apiVersion, String kind, ObjectMeta metadata, DaemonSetSpec spec,
        DaemonSetStatus status) implements KubeObject {

    public static final String API_VERSION = Apps.API_VERSION;
    public static final String KIND = "DaemonSet";

    public DaemonSet {
        apiVersion = apiVersion == null ? API_VERSION : apiVersion;
        kind = kind == null ? KIND : kind;
        spec = spec == null ? new DaemonSetSpec(null, null, null, null, null) : spec;
        status = status == null ? DaemonSetStatus.EMPTY : status;
    }

    public DaemonSet(ObjectMeta metadata, DaemonSetSpec spec) {
        this(null, null, metadata, spec, null);
    }

    @Override
    public DaemonSet withMetadata(ObjectMeta newMetadata) {
        return new DaemonSet(apiVersion, kind, newMetadata, spec, status);
    }

    public DaemonSet withSpec(DaemonSetSpec newSpec) {
        return new DaemonSet(apiVersion, kind, metadata, newSpec, status);
    }

    public DaemonSet withStatus(DaemonSetStatus newStatus) {
        return new DaemonSet(apiVersion, kind, metadata, spec, newStatus);
    }

    /** The desired state; {@code template} and {@code updateStrategy} are never null (Go structs). */
    public record DaemonSetSpec(LabelSelector selector, PodTemplateSpec template,
            DaemonSetUpdateStrategy updateStrategy, Integer minReadySeconds, Integer revisionHistoryLimit) {

        public DaemonSetSpec {
            template = template == null ? new PodTemplateSpec(null, null) : template;
            updateStrategy = updateStrategy == null ? new DaemonSetUpdateStrategy(null, null) : updateStrategy;
        }

        public DaemonSetSpec withTemplate(PodTemplateSpec newTemplate) {
            return new DaemonSetSpec(selector, newTemplate, updateStrategy, minReadySeconds, revisionHistoryLimit);
        }
    }

    /** {@link Apps#ROLLING_UPDATE} (the default) or {@link Apps#ON_DELETE}. */
    public record DaemonSetUpdateStrategy(String type, RollingUpdateDaemonSet rollingUpdate) {
    }

    /** The bounds of a rolling update, counts or percentages of the nodes that should run the pod. */
    public record RollingUpdateDaemonSet(IntOrString maxUnavailable, IntOrString maxSurge) {
    }

    /** What the DaemonSet controller observed; the first four counts are always printed. */
    public record DaemonSetStatus(int currentNumberScheduled, int numberMisscheduled, int desiredNumberScheduled,
            int numberReady, Long observedGeneration, Integer updatedNumberScheduled, Integer numberAvailable,
            Integer numberUnavailable, Integer collisionCount, @PatchStrategy(mergeKey = "type") List<DaemonSetCondition> conditions) {

        public static final DaemonSetStatus EMPTY = new DaemonSetStatus(0, 0, 0, 0, null, null, null, null, null,
                null);

        public DaemonSetStatus {
            conditions = conditions == null ? List.of() : List.copyOf(conditions);
        }
    }

    /** A condition of a DaemonSet (upstream defines no types). */
    public record DaemonSetCondition(String type, String status, Instant lastTransitionTime, String reason,
            String message) {
    }
}
