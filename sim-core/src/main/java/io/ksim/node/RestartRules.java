package io.ksim.node;

import io.ksim.api.core.RestartPolicy;

/**
 * Whether the kubelet starts a terminated container again (upstream kuberuntime_manager.go
 * computePodActions and its init-container counterpart):
 * <ul>
 *   <li>an app container per the pod's restartPolicy: Always; OnFailure when it failed (exit code not 0);
 *       and whatever its exit code after a liveness or startup kill, unless the policy is Never;</li>
 *   <li>a regular init container when it failed, unless the policy is Never (Always acts as OnFailure);</li>
 *   <li>a sidecar always, unless the pod is finishing (its app containers are done).</li>
 * </ul>
 */
final class RestartRules {

    private RestartRules() {
    }

    static boolean shouldRestart(ContainerRecord.Kind kind, String podPolicy, int exitCode, boolean killedForRestart,
            boolean podFinishing) {
        boolean never = RestartPolicy.NEVER.equals(podPolicy);
        return switch (kind) {
            case SIDECAR -> !podFinishing;
            case INIT -> exitCode != 0 && !never;
            case APP -> RestartPolicy.ALWAYS.equals(podPolicy)
                    || (RestartPolicy.ON_FAILURE.equals(podPolicy) && exitCode != 0)
                    || (killedForRestart && !never);
        };
    }
}
