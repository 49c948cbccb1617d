package io.ksim.api;

import static org.junit.jupiter.api.Assertions.assertEquals;

import io.ksim.api.apps.ControllerRevision;
import io.ksim.api.apps.DaemonSet;
import io.ksim.api.apps.Deployment;
import io.ksim.api.apps.ReplicaSet;
import io.ksim.api.apps.StatefulSet;
import io.ksim.api.batch.CronJob;
import io.ksim.api.batch.Job;
import io.ksim.api.batch.JobSpec;
import io.ksim.api.batch.JobTemplateSpec;
import io.ksim.api.batch.PodFailurePolicy;
import io.ksim.api.batch.SuccessPolicy;
import io.ksim.api.discovery.Endpoint;
import io.ksim.api.discovery.EndpointPort;
import io.ksim.api.discovery.EndpointSlice;
import io.ksim.api.policy.Eviction;
import io.ksim.api.policy.PodDisruptionBudget;
import io.ksim.api.rbac.AggregationRule;
import io.ksim.api.rbac.ClusterRole;
import io.ksim.api.rbac.ClusterRoleBinding;
import io.ksim.api.rbac.PolicyRule;
import io.ksim.api.rbac.Role;
import io.ksim.api.rbac.RoleBinding;
import io.ksim.api.rbac.RoleRef;
import io.ksim.api.rbac.Subject;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/**
 * Every field of the upstream workload and access types (k8s.io/api v0.32.9 apps/v1, batch/v1, discovery/v1,
 * policy/v1 and rbac/v1 types.go, every struct but the lists; TypeMeta expanded) is a record component, in
 * upstream's order, with upstream's JSON name, and Jackson maps exactly those names.
 */
class WorkloadsFieldCoverageTest {

    private static final Map<Class<?>, List<String>> UPSTREAM = new LinkedHashMap<>();

    private static void row(Class<?> type, String... jsonNames) {
        UPSTREAM.put(type, List.of(jsonNames));
    }

    static {
        row(StatefulSet.class, "apiVersion", "kind", "metadata", "spec", "status");
        row(StatefulSet.StatefulSetUpdateStrategy.class, "type", "rollingUpdate");
        row(StatefulSet.RollingUpdateStatefulSetStrategy.class, "partition", "maxUnavailable");
        row(StatefulSet.StatefulSetPersistentVolumeClaimRetentionPolicy.class, "whenDeleted", "whenScaled");
        row(StatefulSet.StatefulSetOrdinals.class, "start");
        row(StatefulSet.StatefulSetSpec.class, "replicas", "selector", "template", "volumeClaimTemplates",
                "serviceName", "podManagementPolicy", "updateStrategy", "revisionHistoryLimit", "minReadySeconds",
                "persistentVolumeClaimRetentionPolicy", "ordinals");
        row(StatefulSet.StatefulSetStatus.class, "observedGeneration", "replicas", "readyReplicas", "currentReplicas",
                "updatedReplicas", "currentRevision", "updateRevision", "collisionCount", "conditions",
                "availableReplicas");
        row(StatefulSet.StatefulSetCondition.class, "type", "status", "lastTransitionTime", "reason", "message");
        row(Deployment.class, "apiVersion", "kind", "metadata", "spec", "status");
        row(Deployment.DeploymentSpec.class, "replicas", "selector", "template", "strategy", "minReadySeconds",
                "revisionHistoryLimit", "paused", "progressDeadlineSeconds");
        row(Deployment.DeploymentStrategy.class, "type", "rollingUpdate");
        row(Deployment.RollingUpdateDeployment.class, "maxUnavailable", "maxSurge");
        row(Deployment.DeploymentStatus.class, "observedGeneration", "replicas", "updatedReplicas", "readyReplicas",
                "availableReplicas", "unavailableReplicas", "conditions", "collisionCount");
        row(Deployment.DeploymentCondition.class, "type", "status", "lastUpdateTime", "lastTransitionTime", "reason",
                "message");
        row(DaemonSet.DaemonSetUpdateStrategy.class, "type", "rollingUpdate");
        row(DaemonSet.RollingUpdateDaemonSet.class, "maxUnavailable", "maxSurge");
        row(DaemonSet.DaemonSetSpec.class, "selector", "template", "updateStrategy", "minReadySeconds",
                "revisionHistoryLimit");
        row(DaemonSet.DaemonSetStatus.class, "currentNumberScheduled", "numberMisscheduled", "desiredNumberScheduled",
                "numberReady", "observedGeneration", "updatedNumberScheduled", "numberAvailable", "numberUnavailable",
                "collisionCount", "conditions");
        row(DaemonSet.DaemonSetCondition.class, "type", "status", "lastTransitionTime", "reason", "message");
        row(DaemonSet.class, "apiVersion", "kind", "metadata", "spec", "status");
        row(ReplicaSet.class, "apiVersion", "kind", "metadata", "spec", "status");
        row(ReplicaSet.ReplicaSetSpec.class, "replicas", "minReadySeconds", "selector", "template");
        row(ReplicaSet.ReplicaSetStatus.class, "replicas", "fullyLabeledReplicas", "readyReplicas", "availableReplicas",
                "observedGeneration", "conditions");
        row(ReplicaSet.ReplicaSetCondition.class, "type", "status", "lastTransitionTime", "reason", "message");
        row(ControllerRevision.class, "apiVersion", "kind", "metadata", "data", "revision");
        row(Job.class, "apiVersion", "kind", "metadata", "spec", "status");
        row(PodFailurePolicy.PodFailurePolicyOnExitCodesRequirement.class, "containerName", "operator", "values");
        row(PodFailurePolicy.PodFailurePolicyOnPodConditionsPattern.class, "type", "status");
        row(PodFailurePolicy.PodFailurePolicyRule.class, "action", "onExitCodes", "onPodConditions");
        row(PodFailurePolicy.class, "rules");
        row(SuccessPolicy.class, "rules");
        row(SuccessPolicy.SuccessPolicyRule.class, "succeededIndexes", "succeededCount");
        row(JobSpec.class, "parallelism", "completions", "activeDeadlineSeconds", "podFailurePolicy", "successPolicy",
                "backoffLimit", "backoffLimitPerIndex", "maxFailedIndexes", "selector", "manualSelector", "template",
                "ttlSecondsAfterFinished", "completionMode", "suspend", "podReplacementPolicy", "managedBy");
        row(Job.JobStatus.class, "conditions", "startTime", "completionTime", "active", "succeeded", "failed",
                "terminating", "completedIndexes", "failedIndexes", "uncountedTerminatedPods", "ready");
        row(Job.UncountedTerminatedPods.class, "succeeded", "failed");
        row(Job.JobCondition.class, "type", "status", "lastProbeTime", "lastTransitionTime", "reason", "message");
        row(JobTemplateSpec.class, "metadata", "spec");
        row(CronJob.class, "apiVersion", "kind", "metadata", "spec", "status");
        row(CronJob.CronJobSpec.class, "schedule", "timeZone", "startingDeadlineSeconds", "concurrencyPolicy",
                "suspend", "jobTemplate", "successfulJobsHistoryLimit", "failedJobsHistoryLimit");
        row(CronJob.CronJobStatus.class, "active", "lastScheduleTime", "lastSuccessfulTime");
        row(EndpointSlice.class, "apiVersion", "kind", "metadata", "addressType", "endpoints", "ports");
        row(Endpoint.class, "addresses", "conditions", "hostname", "targetRef", "deprecatedTopology", "nodeName",
                "zone", "hints");
        row(Endpoint.EndpointConditions.class, "ready", "serving", "terminating");
        row(Endpoint.EndpointHints.class, "forZones");
        row(Endpoint.ForZone.class, "name");
        row(EndpointPort.class, "name", "protocol", "port", "appProtocol");
        row(PodDisruptionBudget.PodDisruptionBudgetSpec.class, "minAvailable", "selector", "maxUnavailable",
                "unhealthyPodEvictionPolicy");
        row(PodDisruptionBudget.PodDisruptionBudgetStatus.class, "observedGeneration", "disruptedPods",
                "disruptionsAllowed", "currentHealthy", "desiredHealthy", "expectedPods", "conditions");
        row(PodDisruptionBudget.class, "apiVersion", "kind", "metadata", "spec", "status");
        row(Eviction.class, "apiVersion", "kind", "metadata", "deleteOptions");
        row(PolicyRule.class, "verbs", "apiGroups", "resources", "resourceNames", "nonResourceURLs");
        row(Subject.class, "kind", "apiGroup", "name", "namespace");
        row(RoleRef.class, "apiGroup", "kind", "name");
        row(Role.class, "apiVersion", "kind", "metadata", "rules");
        row(RoleBinding.class, "apiVersion", "kind", "metadata", "subjects", "roleRef");
        row(ClusterRole.class, "apiVersion", "kind", "metadata", "rules", "aggregationRule");
        row(AggregationRule.class, "clusterRoleSelectors");
        row(ClusterRoleBinding.class, "apiVersion", "kind", "metadata", "subjects", "roleRef");
    }

    @Test
    void recordComponentsAreUpstreamFieldsInUpstreamOrder() {
        assertEquals(List.of(), FieldCoverage.componentOrderMismatches(UPSTREAM));
    }

    @Test
    void jacksonMapsExactlyTheUpstreamNames() {
        assertEquals(List.of(), FieldCoverage.jacksonNameMismatches(UPSTREAM));
    }
}
