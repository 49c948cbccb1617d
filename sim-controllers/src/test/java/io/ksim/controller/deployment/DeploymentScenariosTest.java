package io.ksim.controller.deployment;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.ksim.api.apps.Deployment;
import io.ksim.api.apps.Deployment.DeploymentSpec;
import io.ksim.api.apps.Deployment.DeploymentStrategy;
import io.ksim.api.apps.ReplicaSet;
import io.ksim.api.core.Container;
import io.ksim.api.core.PodTemplateSpec;
import io.ksim.api.meta.LabelSelector;
import io.ksim.api.meta.ObjectMeta;
import io.ksim.apiserver.registry.BuiltinResources;
import io.ksim.controller.TestCluster;
import io.ksim.controller.resourcequota.ResourceQuotaController;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** Walkthroughs of a Kubernetes course on the simulator: mid-rollout scaling, restarts, crashes, replay. */
class DeploymentScenariosTest {

    private static Deployment create(TestCluster cluster, int replicas, DeploymentStrategy strategy, String image) {
        Map<String, String> labels = Map.of("app", "web");
        return cluster.api.create(BuiltinResources.DEPLOYMENTS, "default", new Deployment(ObjectMeta.of("default", "web"),
                new DeploymentSpec(replicas, LabelSelector.matchLabels(labels), TestCluster.template(labels, image),
                        strategy, null, null, null, null)));
    }

    private static Deployment deployment(TestCluster cluster) {
        return cluster.api.get(BuiltinResources.DEPLOYMENTS, "default", "web");
    }

    private static void setImage(TestCluster cluster, String image) {
        Deployment d = deployment(cluster);
        PodTemplateSpec t = d.spec().template();
        cluster.api.update(BuiltinResources.DEPLOYMENTS, d.withSpec(d.spec().withTemplate(t.withSpec(t.spec().toBuilder()
                .containers(List.of(Container.builder().name("web").image(image).readinessProbe(TestCluster.READINESS).build())).build()))));
    }

    private static void scale(TestCluster cluster, int replicas) {
        Deployment d = deployment(cluster);
        cluster.api.update(BuiltinResources.DEPLOYMENTS, d.withSpec(d.spec().withReplicas(replicas)));
    }

    private static List<ReplicaSet> replicaSets(TestCluster cluster) {
        return cluster.api.list(BuiltinResources.REPLICA_SETS, "default").items().stream()
                .sorted(Comparator.comparing(rs -> rs.metadata().creationTimestamp())).toList();
    }

    @Test
    void scalingDuringARolloutIsProportional() {
        TestCluster cluster = new TestCluster(3, 3);
        // 10 replicas, maxSurge 3, maxUnavailable 2; the new image never becomes ready, so the rollout
        // stalls at old 8 / new 5 (rolling.go's worked example) and a resize is spread over both.
        create(cluster, 10, DeploymentStrategy.rollingUpdate(Fixtures.ios(2), Fixtures.ios(3)), "nginx:1.25");
        cluster.run(20);
        setImage(cluster, "broken:1");
        cluster.run(20);
        List<ReplicaSet> rss = replicaSets(cluster);
        assertEquals(List.of(8, 5), rss.stream().map(DeploymentUtil::replicas).toList());
        scale(cluster, 20);
        cluster.run(1);
        rss = replicaSets(cluster);
        // allowed 20 + 3 = 23, 10 to add; larger first: old round(8*23/13) = 14 (+6), new round(5*23/13) = 9 (+4).
        assertEquals(List.of(14, 9), rss.stream().map(DeploymentUtil::replicas).toList());
        assertEquals("20", rss.get(0).metadata().annotations().get(DeploymentUtil.DESIRED_REPLICAS_ANNOTATION));
        assertEquals("23", rss.get(1).metadata().annotations().get(DeploymentUtil.MAX_REPLICAS_ANNOTATION));
    }

    @Test
    void restartRollsEveryPodThroughANewReplicaSet() {
        TestCluster cluster = new TestCluster(3, 3);
        create(cluster, 2, null, "nginx:1.25");
        cluster.run(15);
        List<String> before = cluster.pods("default").stream().map(p -> p.metadata().name()).toList();
        assertEquals("deployment.apps/web restarted",
                RolloutCommands.restart(cluster.api, cluster.kernel, "default", "web"));
        cluster.run(40);
        List<ReplicaSet> rss = replicaSets(cluster);
        assertEquals(2, rss.size());
        assertEquals("2025-01-01T00:00:15Z", rss.get(1).spec().template().metadata().annotations()
                .get(RolloutCommands.RESTARTED_AT));
        assertTrue(cluster.pods("default").stream().noneMatch(p -> before.contains(p.metadata().name())));
        assertEquals(2, deployment(cluster).status().availableReplicas());
    }

    @Test
    void aDeploymentControllerCrashMidRolloutConvergesAfterRestart() {
        TestCluster cluster = new TestCluster(3, 3);
        create(cluster, 4, null, "nginx:1.25");
        cluster.run(15);
        setImage(cluster, "nginx:1.26");
        cluster.run(1);
        cluster.manager.crash(DeploymentController.NAME);
        cluster.run(30);
        assertNotEquals(4, replicaSets(cluster).get(1).spec().replicas(), "stuck while the controller is down");
        cluster.manager.start(DeploymentController.NAME);
        cluster.run(60);
        List<ReplicaSet> rss = replicaSets(cluster);
        assertEquals(List.of(0, 4), rss.stream().map(DeploymentUtil::replicas).toList());
        assertEquals(4, deployment(cluster).status().updatedReplicas());
        assertTrue(cluster.kernel.trace().events().stream().anyMatch(e -> e.kind().equals("ControllerCrashed")));
    }

    @Test
    void theSameSeedReplaysTheSameTrace() {
        assertEquals(rollout(21), rollout(21));
    }

    private static String rollout(long seed) {
        TestCluster cluster = new TestCluster(seed, 3);
        create(cluster, 3, null, "nginx:1.25");
        cluster.run(15);
        setImage(cluster, "nginx:1.26");
        cluster.run(30);
        scale(cluster, 1);
        cluster.run(30);
        return cluster.kernel.trace().format();
    }

    @Test
    void undoErrorsAreKubectls() {
        TestCluster cluster = new TestCluster(3, 1);
        create(cluster, 1, null, "nginx:1.25");
        cluster.run(10);
        IllegalArgumentException none = assertThrows(IllegalArgumentException.class,
                () -> RolloutCommands.undo(cluster.api, "default", "web", 0));
        assertEquals("no rollout history found for deployment \"web\"", none.getMessage());
        IllegalArgumentException missing = assertThrows(IllegalArgumentException.class,
                () -> RolloutCommands.undo(cluster.api, "default", "web", 7));
        assertEquals("unable to find specified revision 7 in history", missing.getMessage());
        RolloutCommands.pause(cluster.api, "default", "web");
        IllegalStateException paused = assertThrows(IllegalStateException.class,
                () -> RolloutCommands.undo(cluster.api, "default", "web", 0));
        assertEquals("you cannot rollback a paused deployment; resume it first with 'kubectl rollout resume' and "
                + "try again", paused.getMessage());
    }

    @Test
    void aNameTakenByAStrangerBumpsTheCollisionCount() {
        TestCluster cluster = new TestCluster(3, 1);
        Map<String, String> labels = Map.of("app", "web");
        Deployment d = cluster.api.create(BuiltinResources.DEPLOYMENTS, "default", new Deployment(
                ObjectMeta.of("default", "web"), new DeploymentSpec(1, LabelSelector.matchLabels(labels),
                        TestCluster.template(labels, "nginx:1.25"), null, null, null, true, null)));
        String hash = DeploymentUtil.podTemplateHash(d);
        // Someone else's ReplicaSet holds the name the Deployment's first ReplicaSet would get.
        Map<String, String> other = Map.of("app", "other");
        cluster.api.create(BuiltinResources.REPLICA_SETS, "default", new ReplicaSet(ObjectMeta.of("default", "web-" + hash),
                new ReplicaSet.ReplicaSetSpec(0, null, LabelSelector.matchLabels(other),
                        TestCluster.template(other, "nginx:1.25"))));
        RolloutCommands.resume(cluster.api, "default", "web");
        cluster.run(15);
        Deployment after = deployment(cluster);
        assertEquals(1, after.status().collisionCount());
        String newHash = DeploymentUtil.podTemplateHash(after);
        assertNotEquals(hash, newHash);
        ReplicaSet mine = cluster.api.get(BuiltinResources.REPLICA_SETS, "default", "web-" + newHash);
        assertEquals(1, mine.spec().replicas());
        assertEquals(1, after.status().availableReplicas());
    }

    @Test
    void aMatchingOrphanReplicaSetIsAdoptedAndRolledOver() {
        TestCluster cluster = new TestCluster(3, 2);
        Map<String, String> labels = Map.of("app", "web");
        // apps/v1 does not copy template labels to the object: the ReplicaSet's own labels must match.
        cluster.api.create(BuiltinResources.REPLICA_SETS, "default", new ReplicaSet(ObjectMeta.builder()
                .namespace("default").name("legacy").labels(labels).build(),
                new ReplicaSet.ReplicaSetSpec(2, null, LabelSelector.matchLabels(labels),
                        TestCluster.template(labels, "nginx:1.25"))));
        cluster.run(10);
        Deployment d = create(cluster, 2, null, "nginx:1.26");
        cluster.run(40);
        ReplicaSet legacy = cluster.api.get(BuiltinResources.REPLICA_SETS, "default", "legacy");
        assertEquals(d.metadata().uid(), legacy.metadata().controllerRef().uid());
        assertEquals(Boolean.TRUE, legacy.metadata().controllerRef().blockOwnerDeletion());
        assertEquals(0, legacy.spec().replicas(), "an adopted ReplicaSet with another template is an old one");
        assertEquals(2, deployment(cluster).status().updatedReplicas());
        assertEquals(2, deployment(cluster).status().availableReplicas());
    }

    @Test
    void aSurgeThatIsNotAPercentageIsRefusedWithUpstreamsText() {
        TestCluster cluster = new TestCluster(3, 1);
        io.ksim.apiserver.ApiException e = assertThrows(io.ksim.apiserver.ApiException.class, () -> create(cluster, 2,
                DeploymentStrategy.rollingUpdate(Fixtures.ios(1), Fixtures.ios("oops")), "nginx:1.25"));
        assertEquals(422, e.code());
        assertEquals("Deployment.apps \"web\" is invalid: spec.strategy.rollingUpdate.maxSurge: Invalid value: "
                + "intstr.IntOrString{Type:1, IntVal:0, StrVal:\"oops\"}: a valid percent string must be a numeric "
                + "string followed by an ending '%' (e.g. '1%',  or '93%', regex used for validation is '[0-9]+%')",
                e.getMessage());
    }

    @Test
    void aReplicaSetTheQuotaRefusesIsRetriedFifteenTimesThenDropped() {
        TestCluster cluster = new TestCluster(3, 1);
        // Admission checks the quota's status, which the resource quota controller fills in.
        cluster.manager.register(ResourceQuotaController.NAME, ResourceQuotaController::new);
        cluster.manager.start(ResourceQuotaController.NAME);
        cluster.api.create(BuiltinResources.RESOURCE_QUOTAS, "default", new io.ksim.api.core.ResourceQuota(null, null,
                ObjectMeta.of("default", "no-rs"), new io.ksim.api.core.ResourceQuota.ResourceQuotaSpec(
                        new java.util.TreeMap<>(Map.of("count/replicasets.apps", io.ksim.api.resource.Quantity.parse("0"))),
                        null, null), null));
        cluster.run(0);
        create(cluster, 2, null, "nginx:1.25");
        cluster.run(600);
        List<String> errors = cluster.kernel.trace().events().stream().filter(e -> e.kind().equals("ReconcileError"))
                .map(io.ksim.kernel.TraceEvent::message).toList();
        assertEquals(16, errors.size(), errors.toString());
        assertTrue(errors.get(15).endsWith("; dropping default/web out of the queue"), errors.get(15));
        io.ksim.api.apps.Deployment.DeploymentCondition p = DeploymentConditions.get(deployment(cluster).status(),
                io.ksim.api.apps.Deployment.DeploymentCondition.PROGRESSING);
        assertEquals("False", p.status());
        assertEquals("ReplicaSetCreateError", p.reason());
        assertTrue(p.message().startsWith("Failed to create new replica set \"web-"), p.message());
        assertTrue(p.message().contains("exceeded quota: no-rs"), p.message());
        assertEquals(0, replicaSets(cluster).size());
    }

    @Test
    void pausingRightAfterSetImageLeavesACanary() {
        TestCluster cluster = new TestCluster(3, 3);
        create(cluster, 4, DeploymentStrategy.rollingUpdate(Fixtures.ios(0), Fixtures.ios(1)), "nginx:1.25");
        cluster.run(15);
        setImage(cluster, "nginx:1.26");
        cluster.run(0.001);
        RolloutCommands.pause(cluster.api, "default", "web");
        cluster.run(60);
        // One pod of the new version next to the four old ones: the canary, held while paused.
        assertEquals(List.of(4, 1), replicaSets(cluster).stream().map(DeploymentUtil::replicas).toList());
        assertEquals(5, deployment(cluster).status().availableReplicas());
        assertEquals(1, deployment(cluster).status().updatedReplicas());
        RolloutCommands.resume(cluster.api, "default", "web");
        cluster.run(60);
        assertEquals(List.of(0, 4), replicaSets(cluster).stream().map(DeploymentUtil::replicas).toList());
        assertEquals("NewReplicaSetAvailable", DeploymentConditions.get(deployment(cluster).status(),
                io.ksim.api.apps.Deployment.DeploymentCondition.PROGRESSING).reason());
    }
}
