package io.ksim.controller.deployment;

import io.ksim.api.apps.Apps;
import io.ksim.api.apps.Deployment;
import io.ksim.api.apps.Deployment.DeploymentSpec;
import io.ksim.api.apps.Deployment.DeploymentStatus;
import io.ksim.api.apps.Deployment.DeploymentStrategy;
import io.ksim.api.apps.ReplicaSet;
import io.ksim.api.apps.ReplicaSet.ReplicaSetSpec;
import io.ksim.api.apps.ReplicaSet.ReplicaSetStatus;
import io.ksim.api.meta.LabelSelector;
import io.ksim.api.meta.ObjectMeta;
import io.ksim.api.resource.IntOrString;
import java.time.Instant;
import java.util.Map;
import java.util.TreeMap;

/** Deployments and ReplicaSets as upstream's deployment_controller_test.go helpers build them. */
final class Fixtures {

    static final Instant T0 = Instant.parse("2025-01-01T00:00:00Z");

    private Fixtures() {
    }

    /** upstream newDeployment: RollingUpdate, nil surge/unavailable meaning 0. */
    static Deployment deployment(int replicas, Object maxSurge, Object maxUnavailable) {
        return new Deployment(ObjectMeta.builder().namespace("default").name("foo").uid("d-uid").generation(1L).build(),
                new DeploymentSpec(replicas, LabelSelector.matchLabels(Map.of("app", "foo")), null,
                        DeploymentStrategy.rollingUpdate(ios(maxUnavailable), ios(maxSurge)), 0, null, false, null));
    }

    static Deployment recreate(int replicas) {
        return new Deployment(ObjectMeta.builder().namespace("default").name("foo").uid("d-uid").build(),
                new DeploymentSpec(replicas, LabelSelector.matchLabels(Map.of("app", "foo")), null,
                        new DeploymentStrategy(Apps.RECREATE, null), 0, null, false, null));
    }

    static IntOrString ios(Object v) {
        if (v == null) {
            return null;
        }
        return v instanceof Integer i ? IntOrString.of(i) : IntOrString.of((String) v);
    }

    /** upstream rs(name, replicas, selector, timestamp), created {@code age} seconds after T0. */
    static ReplicaSet rs(String name, int replicas, int createdAtSecond) {
        return new ReplicaSet(ObjectMeta.builder().namespace("default").name(name).uid(name + "-uid")
                .creationTimestamp(T0.plusSeconds(createdAtSecond)).build(),
                new ReplicaSetSpec(replicas, null, LabelSelector.matchLabels(Map.of("app", "foo")), null));
    }

    static ReplicaSet withAvailable(ReplicaSet rs, int available) {
        return rs.withStatus(new ReplicaSetStatus(rs.status().replicas(), null, available, available, null, null));
    }

    static ReplicaSet withStatusReplicas(ReplicaSet rs, int statusReplicas) {
        return rs.withStatus(new ReplicaSetStatus(statusReplicas, null, null, null, null, null));
    }

    static ReplicaSet withAnnotations(ReplicaSet rs, Map<String, String> more) {
        TreeMap<String, String> a = new TreeMap<>(rs.metadata().annotations());
        a.putAll(more);
        return rs.withMetadata(rs.metadata().withAnnotations(a));
    }

    static Deployment withStatus(Deployment d, DeploymentStatus s) {
        return d.withStatus(s);
    }
}
