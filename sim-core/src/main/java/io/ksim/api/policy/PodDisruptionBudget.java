package io.ksim.api.policy;

import io.ksim.api.meta.PatchStrategy;
import com.google.common.collect.ImmutableSortedMap;
import io.ksim.api.meta.Condition;
import io.ksim.api.meta.KubeObject;
import io.ksim.api.meta.LabelSelector;
import io.ksim.api.meta.ObjectMeta;
import io.ksim.api.resource.IntOrString;
import java.time.Instant;
import java.util.List;
import java.util.SortedMap;

/**
 * A bound on voluntary disruptions of a set of pods (policy/v1 PodDisruptionBudget). The disruption
 * controller keeps the status; the eviction subresource consults it. Spec and status are never null: an absent
 * one is empty, as Go's zero value (so an empty status prints its four counts as 0, as upstream).
 */
public record PodDisruptionBudget(String apiVersion, String kind, ObjectMeta metadata, PodDisruptionBudgetSpec spec,
        PodDisruptionBudgetStatus status) implements KubeObject {

    public static final String API_VERSION = "policy/v1";
    public static final String KIND = "PodDisruptionBudget";

    /** unhealthyPodEvictionPolicy: unhealthy running pods may be evicted only while the budget holds. */
    public static final String IF_HEALTHY_BUDGET = "IfHealthyBudget";
    /** unhealthyPodEvictionPolicy: unhealthy running pods may always be evicted. */
    public static final String ALWAYS_ALLOW = "AlwaysAllow";

    /** The status condition type, and its reasons. */
    public static final String DISRUPTION_ALLOWED_CONDITION = "DisruptionAllowed";
    public static final String SYNC_FAILED_REASON = "SyncFailed";
    public static final String SUFFICIENT_PODS_REASON = "SufficientPods";
    public static final String INSUFFICIENT_PODS_REASON = "InsufficientPods";

    public PodDisruptionBudget {
        apiVersion = apiVersion == null ? API_VERSION : apiVersion;
        kind = kind == null ? KIND : kind;
        spec = spec == null ? new PodDisruptionBudgetSpec(null, null, null, null) : spec;
        status = status == null ? PodDisruptionBudgetStatus.EMPTY : status;
    }

    public PodDisruptionBudget(ObjectMeta metadata, PodDisruptionBudgetSpec spec) {
        this(null, null, metadata, spec, null);
    }

    @Override
    public PodDisruptionBudget withMetadata(ObjectMeta newMetadata) {
        return new PodDisruptionBudget(apiVersion, kind, newMetadata, spec, status);
    }

    public PodDisruptionBudget withSpec(PodDisruptionBudgetSpec newSpec) {
        return new PodDisruptionBudget(apiVersion, kind, metadata, newSpec, status);
    }

    public PodDisruptionBudget withStatus(PodDisruptionBudgetStatus newStatus) {
        return new PodDisruptionBudget(apiVersion, kind, metadata, spec, newStatus);
    }

    /** At most one of minAvailable and maxUnavailable (a count or a percentage). */
    public record PodDisruptionBudgetSpec(IntOrString minAvailable, @PatchStrategy(replace = true) LabelSelector selector, IntOrString maxUnavailable,
            String unhealthyPodEvictionPolicy) {
    }

    /**
     * What the disruption controller observed. {@code disruptedPods} maps the names of pods the eviction API has
     * admitted but the controller has not yet seen go to the time of the eviction.
     */
    public record PodDisruptionBudgetStatus(Long observedGeneration, SortedMap<String, Instant> disruptedPods,
            int disruptionsAllowed, int currentHealthy, int desiredHealthy, int expectedPods,
            @PatchStrategy(mergeKey = "type") List<Condition> conditions) {

        public static final PodDisruptionBudgetStatus EMPTY = new PodDisruptionBudgetStatus(null, null, 0, 0, 0, 0,
                null);

        public PodDisruptionBudgetStatus {
            disruptedPods = disruptedPods == null ? ImmutableSortedMap.of()
                    : ImmutableSortedMap.copyOfSorted(disruptedPods);
            conditions = conditions == null ? List.of() : List.copyOf(conditions);
        }
    }
}
