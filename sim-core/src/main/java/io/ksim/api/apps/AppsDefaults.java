package io.ksim.api.apps;

import io.ksim.api.apps.DaemonSet.DaemonSetSpec;
import io.ksim.api.apps.DaemonSet.DaemonSetUpdateStrategy;
import io.ksim.api.apps.DaemonSet.RollingUpdateDaemonSet;
import io.ksim.api.apps.Deployment.DeploymentSpec;
import io.ksim.api.apps.Deployment.DeploymentStrategy;
import io.ksim.api.apps.Deployment.RollingUpdateDeployment;
import io.ksim.api.apps.ReplicaSet.ReplicaSetSpec;
import io.ksim.api.apps.StatefulSet.RollingUpdateStatefulSetStrategy;
import io.ksim.api.apps.StatefulSet.StatefulSetPersistentVolumeClaimRetentionPolicy;
import io.ksim.api.apps.StatefulSet.StatefulSetSpec;
import io.ksim.api.apps.StatefulSet.StatefulSetUpdateStrategy;
import io.ksim.api.core.CoreObjectDefaults;
import io.ksim.api.core.PodDefaults;
import io.ksim.api.core.PodTemplateSpec;
import io.ksim.api.resource.IntOrString;

/**
 * The API server's defaulting of apps/v1 objects: upstream pkg/apis/apps/v1/defaults.go (SetDefaults_Deployment,
 * _ReplicaSet, _StatefulSet, _DaemonSet) followed, as the generated object defaulters do, by the pod template's
 * defaults ({@link PodDefaults#podTemplateSpec}) and, for a StatefulSet, the claim templates' defaults
 * ({@link CoreObjectDefaults#persistentVolumeClaim}). v1.32 with default feature gates: the PVC retention policy
 * is defaulted (StatefulSetAutoDeletePVC, on), a StatefulSet's rollingUpdate.maxUnavailable is not
 * (MaxUnavailableStatefulSet, alpha and off). ControllerRevisions have no defaults.
 *
 * <p>Each function returns a defaulted copy and is idempotent.
 */
public final class AppsDefaults {

    public static final int DEFAULT_REPLICAS = 1;
    public static final int DEFAULT_REVISION_HISTORY_LIMIT = 10;
    public static final int DEFAULT_PROGRESS_DEADLINE_SECONDS = 600;
    public static final IntOrString DEFAULT_DEPLOYMENT_MAX_UNAVAILABLE = IntOrString.of("25%");
    public static final IntOrString DEFAULT_DEPLOYMENT_MAX_SURGE = IntOrString.of("25%");
    public static final IntOrString DEFAULT_DAEMON_SET_MAX_UNAVAILABLE = IntOrString.of(1);
    public static final IntOrString DEFAULT_DAEMON_SET_MAX_SURGE = IntOrString.of(0);

    private AppsDefaults() {
    }

    public static Deployment deployment(Deployment d) {
        DeploymentSpec s = d.spec();
        DeploymentStrategy strategy = s.strategy();
        String type = isEmpty(strategy.type()) ? Apps.ROLLING_UPDATE : strategy.type();
        RollingUpdateDeployment rolling = strategy.rollingUpdate();
        if (Apps.ROLLING_UPDATE.equals(type)) {
            if (rolling == null) {
                rolling = new RollingUpdateDeployment(null, null);
            }
            rolling = new RollingUpdateDeployment(
                    or(rolling.maxUnavailable(), DEFAULT_DEPLOYMENT_MAX_UNAVAILABLE),
                    or(rolling.maxSurge(), DEFAULT_DEPLOYMENT_MAX_SURGE));
        }
        return d.withSpec(new DeploymentSpec(or(s.replicas(), DEFAULT_REPLICAS), s.selector(),
                template(s.template()), new DeploymentStrategy(type, rolling), s.minReadySeconds(),
                or(s.revisionHistoryLimit(), DEFAULT_REVISION_HISTORY_LIMIT), s.paused(),
                or(s.progressDeadlineSeconds(), DEFAULT_PROGRESS_DEADLINE_SECONDS)));
    }

    public static ReplicaSet replicaSet(ReplicaSet rs) {
        ReplicaSetSpec s = rs.spec();
        return rs.withSpec(new ReplicaSetSpec(or(s.replicas(), DEFAULT_REPLICAS), s.minReadySeconds(), s.selector(),
                template(s.template())));
    }

    public static StatefulSet statefulSet(StatefulSet set) {
        StatefulSetSpec s = set.spec();
        StatefulSetUpdateStrategy strategy = s.updateStrategy();
        String type = strategy.type();
        RollingUpdateStatefulSetStrategy rolling = strategy.rollingUpdate();
        if (isEmpty(type)) {
            type = Apps.ROLLING_UPDATE;
            if (rolling == null) {
                rolling = new RollingUpdateStatefulSetStrategy(null, null);
            }
        }
        // Upstream fills the partition only into a rollingUpdate that exists: an explicit type RollingUpdate
        // without rollingUpdate stays without one.
        if (Apps.ROLLING_UPDATE.equals(type) && rolling != null && rolling.partition() == null) {
            rolling = new RollingUpdateStatefulSetStrategy(0, rolling.maxUnavailable());
        }
        StatefulSetPersistentVolumeClaimRetentionPolicy retention = s.persistentVolumeClaimRetentionPolicy();
        if (retention == null) {
            retention = new StatefulSetPersistentVolumeClaimRetentionPolicy(null, null);
        }
        retention = new StatefulSetPersistentVolumeClaimRetentionPolicy(
                isEmpty(retention.whenDeleted()) ? StatefulSet.RETAIN : retention.whenDeleted(),
                isEmpty(retention.whenScaled()) ? StatefulSet.RETAIN : retention.whenScaled());
        return set.withSpec(new StatefulSetSpec(or(s.replicas(), DEFAULT_REPLICAS), s.selector(),
                template(s.template()),
                s.volumeClaimTemplates().stream().map(CoreObjectDefaults::persistentVolumeClaim).toList(),
                s.serviceName(),
                isEmpty(s.podManagementPolicy()) ? StatefulSet.ORDERED_READY : s.podManagementPolicy(),
                new StatefulSetUpdateStrategy(type, rolling),
                or(s.revisionHistoryLimit(), DEFAULT_REVISION_HISTORY_LIMIT), s.minReadySeconds(), retention,
                s.ordinals()));
    }

    public static DaemonSet daemonSet(DaemonSet ds) {
        DaemonSetSpec s = ds.spec();
        DaemonSetUpdateStrategy strategy = s.updateStrategy();
        String type = isEmpty(strategy.type()) ? Apps.ROLLING_UPDATE : strategy.type();
        RollingUpdateDaemonSet rolling = strategy.rollingUpdate();
        if (Apps.ROLLING_UPDATE.equals(type)) {
            if (rolling == null) {
                rolling = new RollingUpdateDaemonSet(null, null);
            }
            rolling = new RollingUpdateDaemonSet(
                    or(rolling.maxUnavailable(), DEFAULT_DAEMON_SET_MAX_UNAVAILABLE),
                    or(rolling.maxSurge(), DEFAULT_DAEMON_SET_MAX_SURGE));
        }
        return ds.withSpec(new DaemonSetSpec(s.selector(), template(s.template()),
                new DaemonSetUpdateStrategy(type, rolling), s.minReadySeconds(),
                or(s.revisionHistoryLimit(), DEFAULT_REVISION_HISTORY_LIMIT)));
    }

    /** ControllerRevision has no defaults upstream; returns its argument. */
    public static ControllerRevision controllerRevision(ControllerRevision revision) {
        return revision;
    }

    private static PodTemplateSpec template(PodTemplateSpec template) {
        return PodDefaults.podTemplateSpec(template);
    }

    private static <T> T or(T value, T fallback) {
        return value != null ? value : fallback;
    }

    private static boolean isEmpty(String s) {
        return s == null || s.isEmpty();
    }
}
