package io.ksim.api.policy;

/**
 * The API server's defaulting of policy/v1 objects. Upstream has no SetDefaults_* for this group
 * (pkg/apis/policy/v1 has no defaults.go): an absent unhealthyPodEvictionPolicy stays absent and means
 * IfHealthyBudget. The functions exist so that every group is defaulted the same way; they return their
 * argument.
 */
public final class PolicyDefaults {

    private PolicyDefaults() {
    }

    public static PodDisruptionBudget podDisruptionBudget(PodDisruptionBudget pdb) {
        return pdb;
    }

    public static Eviction eviction(Eviction eviction) {
        return eviction;
    }
}
