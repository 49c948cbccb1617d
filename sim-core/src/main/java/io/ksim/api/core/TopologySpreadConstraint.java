package io.ksim.api.core;

import com.fasterxml.jackson.annotation.JsonInclude;
import io.ksim.api.meta.LabelSelector;
import java.util.List;

/** How to spread matching pods over a topology (core/v1 TopologySpreadConstraint). */
public record TopologySpreadConstraint(int maxSkew, String topologyKey, String whenUnsatisfiable,
        LabelSelector labelSelector, Integer minDomains,
        @JsonInclude(JsonInclude.Include.NON_NULL) String nodeAffinityPolicy,
        @JsonInclude(JsonInclude.Include.NON_NULL) String nodeTaintsPolicy, List<String> matchLabelKeys) {

    public TopologySpreadConstraint {
        matchLabelKeys = matchLabelKeys == null ? List.of() : List.copyOf(matchLabelKeys);
    }

    /** {@code whenUnsatisfiable}: the scheduler must not place the pod where the skew would be exceeded. */
    public static final String DO_NOT_SCHEDULE = "DoNotSchedule";
    /** {@code whenUnsatisfiable}: the scheduler prefers placements that reduce the skew. */
    public static final String SCHEDULE_ANYWAY = "ScheduleAnyway";

    /** {@code nodeAffinityPolicy} / {@code nodeTaintsPolicy}: count nodes regardless. */
    public static final String NODE_INCLUSION_POLICY_IGNORE = "Ignore";
    /** {@code nodeAffinityPolicy} / {@code nodeTaintsPolicy}: count only nodes the pod's affinity/tolerations allow. */
    public static final String NODE_INCLUSION_POLICY_HONOR = "Honor";
}
