package io.ksim.controller.garbagecollector;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.ksim.api.apps.Deployment;
import io.ksim.api.apps.Deployment.DeploymentSpec;
import io.ksim.api.apps.ReplicaSet;
import io.ksim.api.core.ConfigMap;
import io.ksim.api.core.Pod;
import io.ksim.api.core.PodConditions;
import io.ksim.api.meta.LabelSelector;
import io.ksim.api.meta.ObjectMeta;
import io.ksim.api.meta.OwnerReference;
import io.ksim.apiserver.DeleteOptions;
import io.ksim.apiserver.Finalizers;
import io.ksim.apiserver.registry.BuiltinResources;
import io.ksim.controller.TestCluster;
import io.ksim.api.meta.KubeObject;
import io.ksim.apiserver.ApiWatchEvent;
import io.ksim.apiserver.WatchEventType;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/**
 * Cascading deletion of a Deployment in each propagation mode, as upstream's garbage collector does it
 * (pkg/controller/garbagecollector/garbagecollector.go, test/integration/garbagecollector).
 */
class GarbageCollectorTest {

    private final TestCluster cluster = new TestCluster(21, 3);

    GarbageCollectorTest() {
        cluster.manager.register(GarbageCollector.NAME, GarbageCollector::new);
        cluster.manager.start(GarbageCollector.NAME);
    }

    private void createDeployment() {
        Map<String, String> labels = Map.of("app", "web");
        cluster.api.create(BuiltinResources.DEPLOYMENTS, "default", new Deployment(ObjectMeta.of("default", "web"),
                new DeploymentSpec(3, LabelSelector.matchLabels(labels), TestCluster.template(labels, "nginx:1.25"),
                        null, null, null, null, null)));
        cluster.run(20);
        assertEquals(3, pods().size());
    }

    private List<Pod> pods() {
        return cluster.pods("default");
    }

    private List<ReplicaSet> replicaSets() {
        return cluster.api.list(BuiltinResources.REPLICA_SETS, "default").items();
    }

    private List<Deployment> deployments() {
        return cluster.api.list(BuiltinResources.DEPLOYMENTS, "default").items();
    }

    @Test
    void backgroundDeletesTheOwnerAtOnceThenReplicaSetsAndPods() {
        createDeployment();
        cluster.api.delete(BuiltinResources.DEPLOYMENTS, "default", "web", DeleteOptions.defaults());
        assertTrue(deployments().isEmpty(), "the Deployment goes at once");
        cluster.run(1);
        assertTrue(replicaSets().isEmpty());
        cluster.run(60);
        assertTrue(pods().isEmpty());
    }

    @Test
    void foregroundKeepsTheOwnerUntilEveryBlockingDependentIsGone() {
        createDeployment();
        List<String> removals = new ArrayList<>();
        List<String> waiting = new ArrayList<>();
        String rv = cluster.api.currentResourceVersion();
        cluster.api.watch(BuiltinResources.PODS, "default", rv, p -> true, e -> record(e, removals, waiting));
        cluster.api.watch(BuiltinResources.REPLICA_SETS, "default", rv, p -> true, e -> record(e, removals, waiting));
        cluster.api.watch(BuiltinResources.DEPLOYMENTS, "default", rv, p -> true, e -> record(e, removals, waiting));
        cluster.api.delete(BuiltinResources.DEPLOYMENTS, "default", "web",
                DeleteOptions.propagation(DeleteOptions.FOREGROUND));
        Deployment d = deployments().get(0);
        assertTrue(d.metadata().isBeingDeleted());
        assertEquals(List.of(Finalizers.FOREGROUND_DELETION), d.metadata().finalizers());
        cluster.run(60);
        assertTrue(deployments().isEmpty());
        assertTrue(replicaSets().isEmpty());
        assertTrue(pods().isEmpty());
        // Removal order: the three pods, then their ReplicaSet, then the Deployment.
        assertEquals(List.of("Pod", "Pod", "Pod", "ReplicaSet", "Deployment"), removals);
        assertTrue(waiting.contains("ReplicaSet"), "the ReplicaSet is deleted in the foreground too: " + waiting);
    }

    private static void record(ApiWatchEvent<? extends KubeObject> e, List<String> removals, List<String> waiting) {
        if (e.type() == WatchEventType.DELETED) {
            removals.add(e.object().kind());
        } else if (e.object().metadata().finalizers().contains(Finalizers.FOREGROUND_DELETION)
                && !waiting.contains(e.object().kind())) {
            waiting.add(e.object().kind());
        }
    }

    @Test
    void orphanKeepsReplicaSetsAndPodsWithoutTheReference() {
        createDeployment();
        cluster.api.delete(BuiltinResources.DEPLOYMENTS, "default", "web",
                DeleteOptions.propagation(DeleteOptions.ORPHAN));
        cluster.run(30);
        assertTrue(deployments().isEmpty());
        assertEquals(1, replicaSets().size());
        assertTrue(replicaSets().get(0).metadata().ownerReferences().isEmpty());
        assertEquals(3, pods().size());
        assertTrue(pods().stream().allMatch(PodConditions::isPodReady));
        assertTrue(pods().stream().allMatch(p -> p.metadata().controllerRef().kind().equals("ReplicaSet")));
    }

    @Test
    void aDanglingOwnerDeletesTheDependentWhileALiveOwnerOnlyLosesTheDanglingReference() {
        ConfigMap owner = cluster.api.create(BuiltinResources.CONFIG_MAPS, "default",
                new ConfigMap(null, null, ObjectMeta.of("default", "owner"), null, null, null));
        OwnerReference live = new OwnerReference("v1", "ConfigMap", "owner", owner.metadata().uid(), null, null);
        OwnerReference stale = new OwnerReference("v1", "ConfigMap", "owner", "not-the-uid", null, null);
        OwnerReference absent = new OwnerReference("v1", "ConfigMap", "ghost", "ghost-uid", null, null);
        cluster.api.create(BuiltinResources.CONFIG_MAPS, "default", new ConfigMap(null, null,
                ObjectMeta.builder().namespace("default").name("orphaned").ownerReferences(List.of(stale)).build(),
                null, null, null));
        cluster.api.create(BuiltinResources.CONFIG_MAPS, "default", new ConfigMap(null, null,
                ObjectMeta.builder().namespace("default").name("shared").ownerReferences(List.of(live, absent))
                        .build(), null, null, null));
        cluster.run(5);
        List<String> names = cluster.api.list(BuiltinResources.CONFIG_MAPS, "default").items().stream()
                .map(c -> c.metadata().name()).toList();
        assertFalse(names.contains("orphaned"), names.toString());
        ConfigMap shared = cluster.api.get(BuiltinResources.CONFIG_MAPS, "default", "shared");
        assertEquals(List.of(live), shared.metadata().ownerReferences());
    }
}
