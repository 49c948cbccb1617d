package io.ksim.api.apps;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;

import io.ksim.api.KubeJson;
import io.ksim.api.apps.DaemonSet.DaemonSetUpdateStrategy;
import io.ksim.api.apps.DaemonSet.RollingUpdateDaemonSet;
import io.ksim.api.apps.Deployment.DeploymentStrategy;
import io.ksim.api.apps.Deployment.RollingUpdateDeployment;
import io.ksim.api.apps.StatefulSet.RollingUpdateStatefulSetStrategy;
import io.ksim.api.apps.StatefulSet.StatefulSetPersistentVolumeClaimRetentionPolicy;
import io.ksim.api.apps.StatefulSet.StatefulSetUpdateStrategy;
import io.ksim.api.core.PersistentVolumeClaim;
import io.ksim.api.resource.IntOrString;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * Expected values from upstream pkg/apis/apps/v1/defaults.go (SetDefaults_Deployment, _ReplicaSet,
 * _StatefulSet, _DaemonSet) and the cases of its defaults_test.go, at v1.32 with default feature gates.
 */
class AppsDefaultsTest {

    private static final IntOrString PCT25 = IntOrString.of("25%");

    private static <T> T yaml(String text, Class<T> type) throws Exception {
        return KubeJson.yaml().readValue(text, type);
    }

    private static Deployment deployment(String spec) throws Exception {
        return yaml("apiVersion: apps/v1\nkind: Deployment\nmetadata: {name: d, namespace: default}\nspec:\n" + spec,
                Deployment.class);
    }

    @Test
    void deploymentDefaults() throws Exception {
        Deployment d = AppsDefaults.deployment(deployment("""
                  selector: {matchLabels: {app: web}}
                  template:
                    metadata: {labels: {app: web}}
                    spec:
                      containers: [{name: web, image: nginx}]
                """));
        assertEquals(1, d.spec().replicas());
        assertEquals(DeploymentStrategy.rollingUpdate(PCT25, PCT25), d.spec().strategy());
        assertEquals(10, d.spec().revisionHistoryLimit());
        assertEquals(600, d.spec().progressDeadlineSeconds());
        assertNull(d.spec().minReadySeconds());
        assertNull(d.spec().paused());
        // The pod template is defaulted as a pod spec (pkg/apis/core/v1/defaults.go).
        assertEquals("Always", d.spec().template().spec().restartPolicy());
        assertEquals("ClusterFirst", d.spec().template().spec().dnsPolicy());
        assertEquals("default-scheduler", d.spec().template().spec().schedulerName());
        assertEquals(30L, d.spec().template().spec().terminationGracePeriodSeconds());
        assertEquals("Always", d.spec().template().spec().containers().get(0).imagePullPolicy());
        assertEquals("/dev/termination-log", d.spec().template().spec().containers().get(0).terminationMessagePath());
        assertEquals(d, AppsDefaults.deployment(d), "idempotent");
    }

    static Stream<Arguments> deploymentStrategies() {
        return Stream.of(
                // given strategy, expected strategy
                Arguments.of(null, DeploymentStrategy.rollingUpdate(PCT25, PCT25)),
                Arguments.of(new DeploymentStrategy("", null), DeploymentStrategy.rollingUpdate(PCT25, PCT25)),
                Arguments.of(new DeploymentStrategy(Apps.ROLLING_UPDATE, null),
                        DeploymentStrategy.rollingUpdate(PCT25, PCT25)),
                Arguments.of(new DeploymentStrategy(null, new RollingUpdateDeployment(null, IntOrString.of(2))),
                        DeploymentStrategy.rollingUpdate(PCT25, IntOrString.of(2))),
                Arguments.of(DeploymentStrategy.rollingUpdate(IntOrString.of(0), IntOrString.of("50%")),
                        DeploymentStrategy.rollingUpdate(IntOrString.of(0), IntOrString.of("50%"))),
                Arguments.of(DeploymentStrategy.recreate(), DeploymentStrategy.recreate()));
    }

    @ParameterizedTest
    @MethodSource("deploymentStrategies")
    void deploymentStrategy(DeploymentStrategy given, DeploymentStrategy expected) {
        Deployment d = new Deployment(null, new Deployment.DeploymentSpec(5, null, null, given, null, 3, true, 30));
        Deployment out = AppsDefaults.deployment(d);
        assertEquals(expected, out.spec().strategy());
        assertEquals(5, out.spec().replicas());
        assertEquals(3, out.spec().revisionHistoryLimit());
        assertEquals(30, out.spec().progressDeadlineSeconds());
    }

    @Test
    void deploymentWithZeroReplicasKeepsThem() throws Exception {
        assertEquals(0, AppsDefaults.deployment(deployment("  replicas: 0\n")).spec().replicas());
        assertEquals(1, AppsDefaults.deployment(new Deployment(null, null)).spec().replicas());
    }

    @Test
    void replicaSetDefaults() {
        ReplicaSet rs = AppsDefaults.replicaSet(new ReplicaSet(null, new ReplicaSet.ReplicaSetSpec(null, null, null,
                null)));
        assertEquals(1, rs.spec().replicas());
        assertEquals("Always", rs.spec().template().spec().restartPolicy());
        assertEquals(rs, AppsDefaults.replicaSet(rs));
        assertEquals(4, AppsDefaults.replicaSet(rs.withSpec(rs.spec().withReplicas(4))).spec().replicas());
    }

    @Test
    void statefulSetDefaults() throws Exception {
        StatefulSet set = AppsDefaults.statefulSet(yaml("""
                apiVersion: apps/v1
                kind: StatefulSet
                metadata: {name: web, namespace: default}
                spec:
                  serviceName: nginx
                  selector: {matchLabels: {app: nginx}}
                  template:
                    metadata: {labels: {app: nginx}}
                    spec:
                      containers: [{name: nginx, image: "registry.k8s.io/nginx-slim:0.24"}]
                  volumeClaimTemplates:
                  - metadata: {name: www}
                    spec:
                      accessModes: [ReadWriteOnce]
                      resources: {requests: {storage: 1Gi}}
                """, StatefulSet.class));
        StatefulSet.StatefulSetSpec spec = set.spec();
        assertEquals(1, spec.replicas());
        assertEquals(StatefulSet.ORDERED_READY, spec.podManagementPolicy());
        assertEquals(new StatefulSetUpdateStrategy(Apps.ROLLING_UPDATE, new RollingUpdateStatefulSetStrategy(0, null)),
                spec.updateStrategy());
        assertEquals(10, spec.revisionHistoryLimit());
        assertEquals(new StatefulSetPersistentVolumeClaimRetentionPolicy("Retain", "Retain"),
                spec.persistentVolumeClaimRetentionPolicy());
        assertEquals("IfNotPresent", spec.template().spec().containers().get(0).imagePullPolicy());
        // Claim templates get the claim defaults (pkg/apis/core/v1/defaults.go), status phase included.
        PersistentVolumeClaim claim = spec.volumeClaimTemplates().get(0);
        assertEquals("Filesystem", claim.spec().volumeMode());
        assertEquals("Pending", claim.status().phase());
        assertEquals(set, AppsDefaults.statefulSet(set), "idempotent");
    }

    static Stream<Arguments> statefulSetStrategies() {
        RollingUpdateStatefulSetStrategy zero = new RollingUpdateStatefulSetStrategy(0, null);
        StatefulSetUpdateStrategy two = new StatefulSetUpdateStrategy(Apps.ROLLING_UPDATE,
                new RollingUpdateStatefulSetStrategy(2, null));
        return Stream.of(
                Arguments.of(null, new StatefulSetUpdateStrategy(Apps.ROLLING_UPDATE, zero)),
                Arguments.of(new StatefulSetUpdateStrategy("", null),
                        new StatefulSetUpdateStrategy(Apps.ROLLING_UPDATE, zero)),
                // An explicit RollingUpdate without rollingUpdate is left so: only an existing one gets partition 0.
                Arguments.of(new StatefulSetUpdateStrategy(Apps.ROLLING_UPDATE, null),
                        new StatefulSetUpdateStrategy(Apps.ROLLING_UPDATE, null)),
                Arguments.of(new StatefulSetUpdateStrategy(Apps.ROLLING_UPDATE,
                                new RollingUpdateStatefulSetStrategy(null, IntOrString.of(2))),
                        new StatefulSetUpdateStrategy(Apps.ROLLING_UPDATE,
                                new RollingUpdateStatefulSetStrategy(0, IntOrString.of(2)))),
                Arguments.of(two, two),
                Arguments.of(new StatefulSetUpdateStrategy(Apps.ON_DELETE, null),
                        new StatefulSetUpdateStrategy(Apps.ON_DELETE, null)));
    }

    @ParameterizedTest
    @MethodSource("statefulSetStrategies")
    void statefulSetUpdateStrategy(StatefulSetUpdateStrategy given, StatefulSetUpdateStrategy expected) {
        StatefulSet set = new StatefulSet(null, new StatefulSet.StatefulSetSpec(null, null, null, null, "s", null,
                given, null, null, new StatefulSetPersistentVolumeClaimRetentionPolicy("Delete", null), null));
        StatefulSet out = AppsDefaults.statefulSet(set);
        assertEquals(expected, out.spec().updateStrategy());
        assertEquals(new StatefulSetPersistentVolumeClaimRetentionPolicy("Delete", "Retain"),
                out.spec().persistentVolumeClaimRetentionPolicy());
        assertEquals(out, AppsDefaults.statefulSet(out));
    }

    static Stream<Arguments> daemonSetStrategies() {
        RollingUpdateDaemonSet oneZero = new RollingUpdateDaemonSet(IntOrString.of(1), IntOrString.of(0));
        return Stream.of(
                Arguments.of(null, new DaemonSetUpdateStrategy(Apps.ROLLING_UPDATE, oneZero)),
                Arguments.of(new DaemonSetUpdateStrategy(Apps.ROLLING_UPDATE, null),
                        new DaemonSetUpdateStrategy(Apps.ROLLING_UPDATE, oneZero)),
                Arguments.of(new DaemonSetUpdateStrategy(null, new RollingUpdateDaemonSet(IntOrString.of("10%"), null)),
                        new DaemonSetUpdateStrategy(Apps.ROLLING_UPDATE,
                                new RollingUpdateDaemonSet(IntOrString.of("10%"), IntOrString.of(0)))),
                Arguments.of(new DaemonSetUpdateStrategy(Apps.ON_DELETE, null),
                        new DaemonSetUpdateStrategy(Apps.ON_DELETE, null)));
    }

    @ParameterizedTest
    @MethodSource("daemonSetStrategies")
    void daemonSetUpdateStrategy(DaemonSetUpdateStrategy given, DaemonSetUpdateStrategy expected) {
        DaemonSet ds = AppsDefaults.daemonSet(new DaemonSet(null,
                new DaemonSet.DaemonSetSpec(null, null, given, null, null)));
        assertEquals(expected, ds.spec().updateStrategy());
        assertEquals(10, ds.spec().revisionHistoryLimit());
        assertEquals("ClusterFirst", ds.spec().template().spec().dnsPolicy());
        assertEquals(ds, AppsDefaults.daemonSet(ds));
    }
}
