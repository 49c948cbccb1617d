package io.ksim.api.batch;

import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.annotation.JsonInclude.Include;
import java.util.List;

/**
 * How a Job treats failed pods (batch/v1 PodFailurePolicy): the first rule that matches a failed pod decides
 * its action; a pod that matches none counts towards backoffLimit.
 */
public record PodFailurePolicy(List<PodFailurePolicyRule> rules) {

    public PodFailurePolicy {
        rules = rules == null ? List.of() : List.copyOf(rules);
    }

    /** A rule: an action and one requirement, on exit codes or on pod conditions. */
    public record PodFailurePolicyRule(String action, PodFailurePolicyOnExitCodesRequirement onExitCodes,
            List<PodFailurePolicyOnPodConditionsPattern> onPodConditions) {

        public static final String FAIL_JOB = "FailJob";
        public static final String FAIL_INDEX = "FailIndex";
        public static final String IGNORE = "Ignore";
        public static final String COUNT = "Count";

        public PodFailurePolicyRule {
            onPodConditions = onPodConditions == null ? List.of() : List.copyOf(onPodConditions);
        }
    }

    /**
     * Matches a pod by the exit codes of its containers (of {@code containerName} only, if set); operator
     * {@link #IN} or {@link #NOT_IN}.
     */
    public record PodFailurePolicyOnExitCodesRequirement(@JsonInclude(Include.NON_NULL) String containerName,
            String operator, List<Integer> values) {

        public static final String IN = "In";
        public static final String NOT_IN = "NotIn";

        public PodFailurePolicyOnExitCodesRequirement {
            values = values == null ? List.of() : List.copyOf(values);
        }
    }

    /** Matches a pod having a condition of this type and status (status defaults to "True"). */
    public record PodFailurePolicyOnPodConditionsPattern(String type, String status) {
    }
}
