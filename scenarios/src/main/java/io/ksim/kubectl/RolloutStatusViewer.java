package io.ksim.kubectl;

import io.ksim.api.KubeJson;
import io.ksim.api.meta.KubeObject;
import io.ksim.apiserver.ResourceType;
import io.ksim.apiserver.registry.BuiltinResources;
import io.ksim.controller.deployment.RolloutCommands.RolloutStatus;

/**
 * One look of {@code kubectl rollout status KIND/NAME} for code outside kubectl (the scenario runner's
 * {@code rollout complete}): kubectl's own status viewers (Deployment, DaemonSet, StatefulSet) applied to the
 * object as it is now, so a scenario and {@code kubectl rollout status} agree on when a rollout is done. For a
 * DaemonSet that is kubectl's DaemonSetStatusViewer: the spec observed (status.observedGeneration), every
 * scheduled pod updated (updatedNumberScheduled) and available (numberAvailable), out of
 * desiredNumberScheduled.
 */
public final class RolloutStatusViewer {

    private RolloutStatusViewer() {
    }

    /** The workload type of {@code kind} as kubectl names it (deployment, deploy, ds, sts, ...), or null. */
    public static ResourceType<?> workload(String kind) {
        return switch (kind) {
            case "deployment", "deployments", "deploy" -> BuiltinResources.DEPLOYMENTS;
            case "daemonset", "daemonsets", "ds" -> BuiltinResources.DAEMON_SETS;
            case "statefulset", "statefulsets", "sts" -> BuiltinResources.STATEFUL_SETS;
            default -> null;
        };
    }

    /**
     * The viewer's line (without its newline) for {@code obj}, an object of {@code type}, and whether the rollout
     * is done; a viewer's error (e.g. an OnDelete strategy) is a line that is not done.
     */
    public static RolloutStatus status(ResourceType<?> type, KubeObject obj) {
        try {
            String[] line = RolloutCommand.Status.status(type, KubeJson.json().valueToTree(obj), 0);
            return new RolloutStatus(line[0].strip(), line[1] != null);
        } catch (KubectlException e) {
            return new RolloutStatus(e.getMessage().strip(), false);
        }
    }
}
