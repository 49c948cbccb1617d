package io.ksim.controller.job;

import io.ksim.api.batch.PodFailurePolicy;
import io.ksim.api.batch.PodFailurePolicy.PodFailurePolicyOnExitCodesRequirement;
import io.ksim.api.batch.PodFailurePolicy.PodFailurePolicyOnPodConditionsPattern;
import io.ksim.api.batch.PodFailurePolicy.PodFailurePolicyRule;
import io.ksim.api.core.ContainerStatus;
import io.ksim.api.core.Pod;
import io.ksim.api.core.PodCondition;
import java.util.List;

/**
 * A Job's podFailurePolicy applied to one failed pod (upstream pkg/controller/job/pod_failure_policy.go,
 * matchPodFailurePolicy): the first rule that matches decides. An onExitCodes rule matches a terminated container
 * (app containers first, then init containers; of {@code containerName} only if set) with a non-zero exit code
 * that is In or NotIn its values; an onPodConditions rule matches a pod condition of one of its types and
 * statuses (DisruptionTarget for an evicted or preempted pod). FailJob fails the Job with a message naming the
 * container or condition and the rule's index; Ignore does not count the failure; Count and no match count it
 * towards backoffLimit.
 */
final class PodFailurePolicies {

    /** What a rule decided: the action (null when no rule matched) and, for FailJob, the Job's message. */
    record Outcome(String action, String failJobMessage) {

        static final Outcome NO_MATCH = new Outcome(null, null);

        /** Whether the failure counts in status.failed and towards backoffLimit. */
        boolean counts() {
            return !PodFailurePolicyRule.IGNORE.equals(action);
        }
    }

    private PodFailurePolicies() {
    }

    static Outcome match(PodFailurePolicy policy, Pod failed) {
        if (policy == null) {
            return Outcome.NO_MATCH;
        }
        List<PodFailurePolicyRule> rules = policy.rules();
        for (int index = 0; index < rules.size(); index++) {
            PodFailurePolicyRule rule = rules.get(index);
            String message = null;
            if (rule.onExitCodes() != null) {
                ContainerStatus c = matchOnExitCodes(failed, rule.onExitCodes());
                if (c == null) {
                    continue;
                }
                message = "Container " + c.name() + " for pod " + failed.metadata().namespace() + "/"
                        + failed.metadata().name() + " failed with exit code " + c.state().terminated().exitCode()
                        + " matching " + rule.action() + " rule at index " + index;
            } else if (!rule.onPodConditions().isEmpty()) {
                PodCondition c = matchOnPodConditions(failed, rule.onPodConditions());
                if (c == null) {
                    continue;
                }
                message = "Pod " + failed.metadata().namespace() + "/" + failed.metadata().name() + " has condition "
                        + c.type() + " matching " + rule.action() + " rule at index " + index;
            } else {
                continue;
            }
            return new Outcome(rule.action(), PodFailurePolicyRule.FAIL_JOB.equals(rule.action()) ? message : null);
        }
        return Outcome.NO_MATCH;
    }

    private static ContainerStatus matchOnExitCodes(Pod pod, PodFailurePolicyOnExitCodesRequirement requirement) {
        ContainerStatus c = matchingContainer(pod.status().containerStatuses(), requirement);
        return c != null ? c : matchingContainer(pod.status().initContainerStatuses(), requirement);
    }

    private static ContainerStatus matchingContainer(List<ContainerStatus> statuses,
            PodFailurePolicyOnExitCodesRequirement requirement) {
        if (statuses == null) {
            return null;
        }
        for (ContainerStatus s : statuses) {
            if (s.state() == null || s.state().terminated() == null) {
                continue; // still terminating: no exit code to match
            }
            if (requirement.containerName() != null && !requirement.containerName().equals(s.name())) {
                continue;
            }
            int exitCode = s.state().terminated().exitCode();
            if (exitCode != 0 && operatorMatches(exitCode, requirement)) {
                return s;
            }
        }
        return null;
    }

    private static boolean operatorMatches(int exitCode, PodFailurePolicyOnExitCodesRequirement requirement) {
        boolean listed = requirement.values().contains(exitCode);
        if (PodFailurePolicyOnExitCodesRequirement.IN.equals(requirement.operator())) {
            return listed;
        }
        if (PodFailurePolicyOnExitCodesRequirement.NOT_IN.equals(requirement.operator())) {
            return !listed;
        }
        return false;
    }

    private static PodCondition matchOnPodConditions(Pod pod, List<PodFailurePolicyOnPodConditionsPattern> patterns) {
        if (pod.status().conditions() == null) {
            return null;
        }
        for (PodCondition c : pod.status().conditions()) {
            for (PodFailurePolicyOnPodConditionsPattern p : patterns) {
                if (c.type().equals(p.type()) && c.status().equals(p.status())) {
                    return c;
                }
            }
        }
        return null;
    }
}
