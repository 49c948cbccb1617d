package io.ksim.controller.deployment;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.ksim.api.apps.Apps;
import io.ksim.api.apps.Deployment;
import io.ksim.api.apps.Deployment.DeploymentCondition;
import io.ksim.api.apps.Deployment.DeploymentSpec;
import io.ksim.api.apps.Deployment.DeploymentStrategy;
import io.ksim.api.apps.ReplicaSet;
import io.ksim.api.core.Container;
import io.ksim.api.core.PodTemplateSpec;
import io.ksim.api.meta.LabelSelector;
import io.ksim.api.meta.ObjectMeta;
import io.ksim.apiserver.registry.BuiltinResources;
import io.ksim.controller.TestCluster;
import io.ksim.kernel.TraceEvent;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class DeploymentControllerTest {

    private final TestCluster cluster = new TestCluster(11, 3);

    private Deployment create(int replicas, DeploymentStrategy strategy, String image) {
        Map<String, String> labels = Map.of("app", "web");
        Deployment d = new Deployment(ObjectMeta.of("default", "web"), new DeploymentSpec(replicas,
                LabelSelector.matchLabels(labels), TestCluster.template(labels, image), strategy, null, null, null, null));
        return cluster.api.create(BuiltinResources.DEPLOYMENTS, "default", d);
    }

    private Deployment deployment() {
        return cluster.api.get(BuiltinResources.DEPLOYMENTS, "default", "web");
    }

    private void setImage(String image) {
        Deployment d = deployment();
        PodTemplateSpec t = d.spec().template();
        Container c = t.spec().containers().get(0);
        PodTemplateSpec changed = t.withSpec(t.spec().toBuilder().containers(List.of(
                Container.builder().name(c.name()).image(image).readinessProbe(TestCluster.READINESS).build())).build());
        cluster.api.update(BuiltinResources.DEPLOYMENTS, d.withSpec(d.spec().withTemplate(changed)));
    }

    private List<ReplicaSet> replicaSets() {
        return cluster.api.list(BuiltinResources.REPLICA_SETS, "default").items().stream()
                .sorted(Comparator.comparing(rs -> rs.metadata().creationTimestamp())).toList();
    }

    private List<String> scalingEvents() {
        return cluster.kernel.trace().events().stream().filter(e -> e.kind().equals("ScalingReplicaSet"))
                .map(TraceEvent::message).toList();
    }

    private static DeploymentStrategy rolling(Object surge, Object unavailable) {
        return DeploymentStrategy.rollingUpdate(Fixtures.ios(unavailable), Fixtures.ios(surge));
    }

    @Test
    void createsTheFirstReplicaSetWithHashRevisionAndConditions() {
        create(3, null, "nginx:1.25");
        cluster.run(15);
        List<ReplicaSet> rss = replicaSets();
        assertEquals(1, rss.size());
        ReplicaSet rs = rss.get(0);
        String hash = rs.metadata().labels().get("pod-template-hash");
        assertEquals("web-" + hash, rs.metadata().name());
        assertTrue(hash.matches("[456789bcdf]+"), hash);
        assertEquals(hash, rs.spec().selector().matchLabels().get("pod-template-hash"));
        assertEquals("1", rs.metadata().annotations().get(DeploymentUtil.REVISION_ANNOTATION));
        assertEquals("3", rs.metadata().annotations().get(DeploymentUtil.DESIRED_REPLICAS_ANNOTATION));
        assertEquals("4", rs.metadata().annotations().get(DeploymentUtil.MAX_REPLICAS_ANNOTATION));
        assertEquals(List.of("Scaled up replica set " + rs.metadata().name() + " from 0 to 3"), scalingEvents());
        assertTrue(cluster.pods("default").stream().allMatch(p -> p.metadata().name().matches("web-" + hash + "-[a-z0-9]{5}")));
        Deployment d = deployment();
        assertEquals("1", d.metadata().annotations().get(DeploymentUtil.REVISION_ANNOTATION));
        assertEquals(3, d.status().availableReplicas());
        assertEquals(3, d.status().updatedReplicas());
        assertEquals(1L, d.status().observedGeneration());
        DeploymentCondition available = DeploymentConditions.get(d.status(), DeploymentCondition.AVAILABLE);
        assertEquals("True", available.status());
        assertEquals("MinimumReplicasAvailable", available.reason());
        DeploymentCondition progressing = DeploymentConditions.get(d.status(), DeploymentCondition.PROGRESSING);
        assertEquals("NewReplicaSetAvailable", progressing.reason());
        assertEquals("ReplicaSet \"" + rs.metadata().name() + "\" has successfully progressed.", progressing.message());
    }

    @Test
    void rollingUpdateWithSurgeOneStepsOnePodAtATime() {
        create(3, rolling(1, 0), "nginx:1.25");
        cluster.run(15);
        setImage("nginx:1.26");
        cluster.run(60);
        List<ReplicaSet> rss = replicaSets();
        String old = rss.get(0).metadata().name();
        String neu = rss.get(1).metadata().name();
        assertEquals(List.of("Scaled up replica set " + old + " from 0 to 3",
                "Scaled up replica set " + neu + " from 0 to 1",
                "Scaled down replica set " + old + " from 3 to 2",
                "Scaled up replica set " + neu + " from 1 to 2",
                "Scaled down replica set " + old + " from 2 to 1",
                "Scaled up replica set " + neu + " from 2 to 3",
                "Scaled down replica set " + old + " from 1 to 0"), scalingEvents());
        assertEquals("2", rss.get(1).metadata().annotations().get(DeploymentUtil.REVISION_ANNOTATION));
        assertEquals(3, deployment().status().updatedReplicas());
        assertEquals(3, cluster.pods("default").size());
    }

    @Test
    void undoReusesTheOldReplicaSetWithTheNextRevision() {
        create(2, null, "nginx:1.25");
        cluster.run(15);
        setImage("nginx:1.26");
        cluster.run(30);
        assertEquals("deployment.apps/web rolled back", RolloutCommands.undo(cluster.api, "default", "web", 0));
        cluster.run(30);
        List<ReplicaSet> rss = replicaSets();
        assertEquals(2, rss.size(), "no new ReplicaSet: the first one is new again");
        assertEquals("3", rss.get(0).metadata().annotations().get(DeploymentUtil.REVISION_ANNOTATION));
        assertEquals("1", rss.get(0).metadata().annotations().get(DeploymentUtil.REVISION_HISTORY_ANNOTATION));
        assertEquals("2", rss.get(1).metadata().annotations().get(DeploymentUtil.REVISION_ANNOTATION));
        assertEquals(2, rss.get(0).spec().replicas());
        assertEquals(0, rss.get(1).spec().replicas());
        assertEquals("3", deployment().metadata().annotations().get(DeploymentUtil.REVISION_ANNOTATION));
        assertEquals("""
                deployment.apps/web\s
                REVISION  CHANGE-CAUSE
                2         <none>
                3         <none>

                """, RolloutCommands.history(cluster.api, "default", "web"), "revisions 1,2 -> undo -> 2,3");
        assertEquals("deployment.apps/web skipped rollback (current template already matches revision 3)",
                RolloutCommands.undo(cluster.api, "default", "web", 3));
    }

    @Test
    void changeCauseAnnotationsShowInTheHistory() {
        create(1, null, "nginx:1.25");
        cluster.run(10);
        Deployment d = deployment();
        cluster.api.update(BuiltinResources.DEPLOYMENTS, d.withMetadata(d.metadata().withAnnotations(Map.of(
                RolloutCommands.CHANGE_CAUSE, "image nginx:1.26"))));
        setImage("nginx:1.26");
        cluster.run(20);
        assertEquals("""
                deployment.apps/web\s
                REVISION  CHANGE-CAUSE
                1         <none>
                2         image nginx:1.26

                """, RolloutCommands.history(cluster.api, "default", "web"));
    }

    @Test
    void pausedDeploymentDoesNotRollOutUntilResumed() {
        create(2, null, "nginx:1.25");
        cluster.run(15);
        RolloutCommands.pause(cluster.api, "default", "web");
        setImage("nginx:1.26");
        cluster.run(30);
        assertEquals(1, replicaSets().size());
        DeploymentCondition p = DeploymentConditions.get(deployment().status(), DeploymentCondition.PROGRESSING);
        assertEquals("Unknown", p.status());
        assertEquals("DeploymentPaused", p.reason());
        assertEquals("Deployment is paused", p.message());
        RolloutCommands.resume(cluster.api, "default", "web");
        cluster.run(40);
        assertEquals(2, replicaSets().size());
        assertEquals(2, deployment().status().updatedReplicas());
        assertEquals("NewReplicaSetAvailable",
                DeploymentConditions.get(deployment().status(), DeploymentCondition.PROGRESSING).reason());
    }

    @Test
    void recreateScalesOldToZeroBeforeTheNewOneStarts() {
        create(2, new DeploymentStrategy(Apps.RECREATE, null), "nginx:1.25");
        cluster.run(15);
        setImage("nginx:1.26");
        cluster.run(60);
        List<ReplicaSet> rss = replicaSets();
        String old = rss.get(0).metadata().name();
        String neu = rss.get(1).metadata().name();
        assertEquals(List.of("Scaled up replica set " + old + " from 0 to 2",
                "Scaled down replica set " + old + " from 2 to 0",
                "Scaled up replica set " + neu + " from 0 to 2"), scalingEvents());
        assertEquals(2, deployment().status().availableReplicas());
    }

    @Test
    void progressDeadlineExceededWhenTheNewPodsNeverBecomeReady() {
        Deployment d = create(2, null, "nginx:1.25");
        cluster.run(15);
        Deployment cur = deployment();
        DeploymentSpec s = cur.spec();
        cluster.api.update(BuiltinResources.DEPLOYMENTS, cur.withSpec(new DeploymentSpec(s.replicas(), s.selector(),
                s.template(), s.strategy(), s.minReadySeconds(), s.revisionHistoryLimit(), s.paused(), 30)));
        setImage("broken:1");
        cluster.run(20);
        assertEquals("ReplicaSetUpdated",
                DeploymentConditions.get(deployment().status(), DeploymentCondition.PROGRESSING).reason());
        cluster.run(40);
        DeploymentCondition p = DeploymentConditions.get(deployment().status(), DeploymentCondition.PROGRESSING);
        assertEquals("False", p.status());
        assertEquals("ProgressDeadlineExceeded", p.reason());
        assertEquals("ReplicaSet \"" + replicaSets().get(1).metadata().name() + "\" has timed out progressing.",
                p.message());
        assertEquals(d.metadata().uid(), deployment().metadata().uid());
    }

    @Test
    void revisionHistoryLimitDeletesTheOldestEmptyReplicaSets() {
        Deployment d = create(1, null, "nginx:1.25");
        DeploymentSpec s = deployment().spec();
        cluster.api.update(BuiltinResources.DEPLOYMENTS, deployment().withSpec(new DeploymentSpec(s.replicas(),
                s.selector(), s.template(), s.strategy(), s.minReadySeconds(), 1, s.paused(), s.progressDeadlineSeconds())));
        cluster.run(15);
        setImage("nginx:1.26");
        cluster.run(30);
        setImage("nginx:1.27");
        cluster.run(30);
        List<ReplicaSet> rss = replicaSets();
        assertEquals(2, rss.size(), "revision 1 is gone, revision 2 kept as history");
        assertEquals(List.of("2", "3"), rss.stream()
                .map(rs -> rs.metadata().annotations().get(DeploymentUtil.REVISION_ANNOTATION)).toList());
        assertEquals(d.metadata().uid(), deployment().metadata().uid());
    }

    @Test
    void percentagesRoundSurgeUpAndUnavailableDown() {
        // 10 replicas, 25%/25%: surge ceil(2.5) = 3, unavailable floor(2.5) = 2; the new RS starts at 3,
        // the old one goes to 8 (10 available - minAvailable 8 = 2 may go).
        create(10, rolling("25%", "25%"), "nginx:1.25");
        cluster.run(20);
        setImage("nginx:1.26");
        cluster.run(0.001);
        List<String> events = scalingEvents();
        assertTrue(events.get(1).endsWith("from 0 to 3"), events.toString());
        assertTrue(events.get(2).endsWith("from 10 to 8"), events.toString());
        assertEquals("13", replicaSets().get(1).metadata().annotations().get(DeploymentUtil.MAX_REPLICAS_ANNOTATION),
                "max-replicas is replicas + surge");
    }

    @Test
    void minReadySecondsHoldsAvailabilityBack() {
        Map<String, String> labels = Map.of("app", "web");
        cluster.api.create(BuiltinResources.DEPLOYMENTS, "default", new Deployment(ObjectMeta.of("default", "web"),
                new DeploymentSpec(2, LabelSelector.matchLabels(labels), TestCluster.template(labels, "nginx:1.25"),
                        null, 10, null, null, null)));
        cluster.run(8);
        Deployment d = deployment();
        assertEquals(2, d.status().readyReplicas());
        assertEquals(null, d.status().availableReplicas());
        assertEquals("MinimumReplicasUnavailable", DeploymentConditions.get(d.status(), DeploymentCondition.AVAILABLE).reason());
        assertEquals(10, replicaSets().get(0).spec().minReadySeconds());
        cluster.run(10);
        assertEquals(2, deployment().status().availableReplicas());
        assertEquals("MinimumReplicasAvailable",
                DeploymentConditions.get(deployment().status(), DeploymentCondition.AVAILABLE).reason());
    }

    @Test
    void rolloutStatusWalksThroughKubectlsMessages() {
        create(3, rolling(1, 0), "nginx:1.25");
        cluster.run(15);
        setImage("nginx:1.26");
        java.util.LinkedHashSet<String> seen = new java.util.LinkedHashSet<>();
        seen.add(RolloutCommands.status(cluster.api, "default", "web").message());
        for (int i = 0; i < 200; i++) {
            cluster.run(0.25);
            seen.add(RolloutCommands.status(cluster.api, "default", "web").message());
        }
        String w = "Waiting for deployment \"web\" rollout to finish: ";
        assertEquals(List.of("Waiting for deployment spec update to be observed...",
                w + "1 out of 3 new replicas have been updated...",
                w + "2 out of 3 new replicas have been updated...",
                w + "1 old replicas are pending termination...",
                "deployment \"web\" successfully rolled out"), List.copyOf(seen),
                "with maxUnavailable 0 the last old pod goes only once the third new one is available");
        assertEquals(true, RolloutCommands.status(cluster.api, "default", "web").done());
    }

    @Test
    void rolloutStatusCountsUpdatedReplicasThatAreNotYetAvailable() {
        create(2, rolling(0, 2), "nginx:1.25");
        cluster.run(15);
        setImage("nginx:1.26");
        cluster.run(3);
        // maxUnavailable 2: both old pods went at once and the two new ones are still starting.
        assertEquals("Waiting for deployment \"web\" rollout to finish: 0 of 2 updated replicas are available...",
                RolloutCommands.status(cluster.api, "default", "web").message());
    }
}
