package io.ksim.scheduler;

import static io.ksim.scheduler.TestObjects.node;
import static io.ksim.scheduler.TestObjects.pod;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.ksim.api.core.Pod;
import io.ksim.api.core.PodConditions;
import io.ksim.api.meta.ObjectMeta;
import io.ksim.api.scheduling.PriorityClass;
import io.ksim.apiserver.registry.BuiltinResources;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import org.junit.jupiter.api.Test;

/** The scheduler end to end against the API server: messages, explanations, retries, preemption, determinism. */
class SchedulerScenariosTest {

    @Test
    void mixedRejectionsMakeUpstreamsMessageAndTheExplanationNamesEachFilter() {
        SchedulerFixture f = new SchedulerFixture(1);
        f.addNode(node("node-1").cpu("4").memory("4Gi").taint("key1", "value1", "NoSchedule").build());
        f.addNode(node("node-2").cpu("1").memory("4Gi").build());
        f.addNode(node("node-3").cpu("1").memory("4Gi").build());
        f.addPod(pod("web-1").container("2", "1Gi").build());
        f.settle();
        String expected = "0/3 nodes are available: 1 node(s) had untolerated taint {key1: value1}, 2 Insufficient cpu. "
                + "preemption: 0/3 nodes are available: 1 Preemption is not helpful for scheduling, "
                + "2 No preemption victims found for incoming pod.";
        assertEquals(expected, PodConditions.getPodCondition(f.pod("web-1").status(), "PodScheduled").message());
        SchedulingDecision d = f.scheduler.explain("default", "web-1").orElseThrow();
        assertEquals("TaintToleration", d.verdict("node-1").rejection().plugin());
        assertEquals("NodeResourcesFit", d.verdict("node-2").rejection().plugin());
        assertEquals(List.of("Insufficient cpu"), d.verdict("node-3").rejection().reasons());
        assertTrue(d.format().contains("node-1: rejected by TaintToleration: node(s) had untolerated taint {key1: value1}"));
    }

    private static Pod pinnedTo(String name, String cpu, String node) {
        io.ksim.api.core.Affinity a = new io.ksim.api.core.Affinity(new io.ksim.api.core.NodeAffinity(
                new io.ksim.api.core.NodeSelector(List.of(new io.ksim.api.core.NodeSelectorTerm(null, List.of(
                        new io.ksim.api.core.NodeSelectorRequirement("metadata.name", "In", List.of(node)))))), null),
                null, null);
        return pod(name).container(cpu, "100Mi").spec(b -> b.affinity(a)).build();
    }

    @Test
    void aPodPinnedByNodeNameFieldIsFilteredOnlyOnThatNode() {
        SchedulerFixture f = new SchedulerFixture(1);
        f.addNode(node("node-1").cpu("1").memory("4Gi").build());
        f.addNode(node("node-2").cpu("1").memory("4Gi").build());
        f.addNode(node("node-3").cpu("1").memory("4Gi").build());
        f.addPod(pinnedTo("daemon", "100m", "node-2"));
        f.settle();
        assertEquals("node-2", f.nodeOf("daemon"));
        SchedulingDecision d = f.scheduler.explain("default", "daemon").orElseThrow();
        assertEquals("only feasible node of 1 examined", d.message());
        assertEquals("NodeAffinity", d.verdict("node-1").rejection().plugin());
        assertEquals(List.of("node(s) didn't satisfy plugin(s) [NodeAffinity]"), d.verdict("node-3").rejection().reasons());
        // too big for its node: upstream counts the nodes left out by PreFilter as unresolvable
        f.addPod(pinnedTo("big", "2", "node-3"));
        f.settle();
        assertEquals("0/3 nodes are available: 1 Insufficient cpu, 2 node(s) didn't satisfy plugin(s) [NodeAffinity]. "
                + "preemption: 0/3 nodes are available: 1 No preemption victims found for incoming pod, "
                + "2 Preemption is not helpful for scheduling.",
                PodConditions.getPodCondition(f.pod("big").status(), "PodScheduled").message());
        // names that conflict within a term are rejected at PreFilter
        f.addPod(pod("nowhere").spec(b -> b.affinity(new io.ksim.api.core.Affinity(new io.ksim.api.core.NodeAffinity(
                new io.ksim.api.core.NodeSelector(List.of(new io.ksim.api.core.NodeSelectorTerm(null, List.of(
                        new io.ksim.api.core.NodeSelectorRequirement("metadata.name", "In", List.of("node-1")),
                        new io.ksim.api.core.NodeSelectorRequirement("metadata.name", "In", List.of("node-2")))))),
                null), null, null))).build());
        f.settle();
        assertEquals("0/3 nodes are available: pod affinity terms conflict. preemption: 0/3 nodes are available: "
                + "3 Preemption is not helpful for scheduling.",
                PodConditions.getPodCondition(f.pod("nowhere").status(), "PodScheduled").message());
    }

    /** A volume {@code name} pinned to {@code node} by hostname, and claim {@code name} bound to it. */
    private static void boundLocalVolume(SchedulerFixture f, String name, String node) {
        var onNode = new io.ksim.api.core.NodeSelectorTerm(List.of(new io.ksim.api.core.NodeSelectorRequirement(
                "kubernetes.io/hostname", "In", List.of(node))), null);
        f.api.create(BuiltinResources.PERSISTENT_VOLUMES, null, new io.ksim.api.core.PersistentVolume(null, null,
                ObjectMeta.builder().name(name).build(), io.ksim.api.core.PersistentVolume.PersistentVolumeSpec.builder()
                        .capacity(new TreeMap<>(Map.of("storage", io.ksim.api.resource.Quantity.parse("5Gi"))))
                        .accessModes(List.of(io.ksim.api.core.PersistentVolume.READ_WRITE_ONCE)).storageClassName("local")
                        .nodeAffinity(new io.ksim.api.core.VolumeNodeAffinity(new io.ksim.api.core.NodeSelector(
                                List.of(onNode)))).build(), null));
        f.api.create(BuiltinResources.PERSISTENT_VOLUME_CLAIMS, "default", new io.ksim.api.core.PersistentVolumeClaim(
                null, null, ObjectMeta.builder().namespace("default").name(name)
                        .annotations(Map.of(io.ksim.api.storage.VolumeMatching.ANN_BIND_COMPLETED, "yes")).build(),
                new io.ksim.api.core.PersistentVolumeClaim.PersistentVolumeClaimSpec(
                        List.of(io.ksim.api.core.PersistentVolume.READ_WRITE_ONCE), null,
                        new io.ksim.api.core.PersistentVolumeClaim.VolumeResourceRequirements(null,
                                new TreeMap<>(Map.of("storage", io.ksim.api.resource.Quantity.parse("1Gi")))),
                        name, "local", null, null, null, null), null));
    }

    private static Pod usingClaim(String name, String cpu, String claim) {
        List<io.ksim.api.core.Volume> vols = List.of(io.ksim.api.core.Volume.persistentVolumeClaim("data", claim));
        return pod(name).container(cpu, "100Mi").spec(b -> b.volumes(vols)).build();
    }

    /** A claim bound to a local volume: VolumeBinding's PreFilterResult leaves out the other nodes. */
    @Test
    void aPodWithABoundLocalVolumeIsFilteredOnlyOnItsNode() {
        SchedulerFixture f = new SchedulerFixture(1);
        for (int i = 1; i <= 3; i++) {
            f.addNode(node("node-" + i).cpu("1").memory("4Gi").build());
        }
        boundLocalVolume(f, "data", "node-1");
        f.addPod(usingClaim("db", "500m", "data"));
        f.settle();
        assertEquals("node-1", f.nodeOf("db"));
        SchedulingDecision d = f.scheduler.explain("default", "db").orElseThrow();
        assertEquals("only feasible node of 1 examined", d.message());
        assertEquals("VolumeBinding", d.verdict("node-2").rejection().plugin());
        assertEquals(List.of("node(s) didn't satisfy plugin(s) [VolumeBinding]"), d.verdict("node-3").rejection().reasons());
        f.addPod(usingClaim("db-2", "1", "data"));
        f.settle();
        assertEquals("0/3 nodes are available: 1 Insufficient cpu, 2 node(s) didn't satisfy plugin(s) [VolumeBinding]. "
                + "preemption: 0/3 nodes are available: 1 No preemption victims found for incoming pod, "
                + "2 Preemption is not helpful for scheduling.",
                PodConditions.getPodCondition(f.pod("db-2").status(), "PodScheduled").message());
    }

    /** The volume's node is gone: upstream filters no node and counts all of them as left out by VolumeBinding. */
    @Test
    void aPodWhoseLocalVolumeIsOnAMissingNodeFitsNowhere() {
        SchedulerFixture f = new SchedulerFixture(1);
        for (int i = 1; i <= 3; i++) {
            f.addNode(node("node-" + i).cpu("1").memory("4Gi").build());
        }
        boundLocalVolume(f, "data", "node-9");
        f.addPod(usingClaim("db", "500m", "data"));
        f.settle();
        assertNull(f.nodeOf("db"));
        assertEquals("0/3 nodes are available: 3 node(s) didn't satisfy plugin(s) [VolumeBinding]. preemption: 0/3 nodes "
                + "are available: 3 Preemption is not helpful for scheduling.",
                PodConditions.getPodCondition(f.pod("db").status(), "PodScheduled").message());
    }

    @Test
    void antiAffinityWithMatchLabelKeysRepelsOnlyPodsWithTheSameValue() {
        SchedulerFixture f = new SchedulerFixture(1);
        f.addNode(node("node-1").cpu("4").memory("4Gi").build());
        f.addPod(pod("old").label("app", "web").label("rev", "1").spec(b -> b.nodeName("node-1")).build());
        io.ksim.api.core.PodAffinityTerm term = new io.ksim.api.core.PodAffinityTerm(
                io.ksim.api.meta.LabelSelector.matchLabels(Map.of("app", "web")), null, "kubernetes.io/hostname", null,
                List.of("rev"), null);
        io.ksim.api.core.Affinity anti = new io.ksim.api.core.Affinity(null, null,
                new io.ksim.api.core.PodAntiAffinity(List.of(term), null));
        // the API server adds rev In [2] to the selector, so the rev=1 pod does not repel it
        f.addPod(pod("new").label("app", "web").label("rev", "2").spec(b -> b.affinity(anti)).build());
        f.addPod(pod("same").label("app", "web").label("rev", "1").spec(b -> b.affinity(anti)).build());
        f.settle();
        assertEquals("node-1", f.nodeOf("new"));
        assertNull(f.nodeOf("same"));
        assertEquals("0/1 nodes are available: 1 node(s) didn't match pod anti-affinity rules. preemption: 0/1 nodes are "
                + "available: 1 No preemption victims found for incoming pod.",
                PodConditions.getPodCondition(f.pod("same").status(), "PodScheduled").message());
    }

    @Test
    void explanationCarriesRawNormalizedAndWeightedScores() {
        SchedulerFixture f = new SchedulerFixture(1);
        f.addNode(node("node-1").cpu("4").memory("8Gi").build());
        f.addNode(node("node-2").cpu("8").memory("8Gi").build());
        f.addPod(pod("web-1").container("2", "2Gi").build());
        f.settle();
        SchedulingDecision d = f.scheduler.explain("default", "web-1").orElseThrow();
        NodeVerdict v1 = d.verdict("node-1");
        NodeVerdict v2 = d.verdict("node-2");
        PluginScore fit1 = v1.scores().stream().filter(s -> s.plugin().equals("NodeResourcesFit")).findFirst().orElseThrow();
        // node-1: cpu (4000-2000)*100/4000 = 50, memory (8-2)*100/8 = 75 -> 62
        assertEquals(62, fit1.raw());
        assertEquals(62, fit1.weighted());
        PluginScore taint = v1.scores().stream().filter(s -> s.plugin().equals("TaintToleration")).findFirst().orElseThrow();
        assertEquals(0, taint.raw());
        assertEquals(100, taint.normalized());
        assertEquals(300, taint.weighted());
        long sum = v2.scores().stream().mapToLong(PluginScore::weighted).sum();
        assertEquals(sum, v2.totalScore());
        assertEquals("node-2", d.selectedNode());
        assertTrue(v2.totalScore() > v1.totalScore());
    }

    @Test
    void failedPodIsRetriedAfterItsBackoffWhenANodeChanges() {
        SchedulerFixture f = new SchedulerFixture(1);
        f.addNode(node("node-1").cpu("4").memory("4Gi").label("disk", "hdd").build());
        f.addPod(pod("db").spec(b -> b.nodeSelector(new TreeMap<>(Map.of("disk", "ssd")))).build());
        f.settle();
        assertNull(f.nodeOf("db"));
        var n = f.api.get(BuiltinResources.NODES, null, "node-1");
        f.api.update(BuiltinResources.NODES, n.withMetadata(n.metadata().withLabels(Map.of("disk", "ssd",
                "kubernetes.io/hostname", "node-1"))));
        f.kernel.advance(Duration.ofMillis(500));
        assertNull(f.nodeOf("db"), "still backing off (1 s after its first attempt)");
        f.kernel.advance(Duration.ofMillis(600));
        assertEquals("node-1", f.nodeOf("db"));
    }

    @Test
    void gatedPodWaitsUntilItsGatesAreRemoved() {
        SchedulerFixture f = new SchedulerFixture(1);
        f.addNode(node("node-1").cpu("4").memory("4Gi").build());
        f.addPod(pod("gated").spec(b -> b.schedulingGates(List.of(new io.ksim.api.core.PodSchedulingGate("example.com/wait"))))
                .build());
        f.settle();
        assertNull(f.nodeOf("gated"));
        assertTrue(f.scheduler.explain("default", "gated").isEmpty());
        // Upstream's update validation lets a client remove gates; ksim's does not yet, so the server-side path is used.
        f.api.guaranteedUpdate(BuiltinResources.PODS, "default", "gated",
                p -> p.withSpec(p.spec().toBuilder().schedulingGates(List.of()).build()));
        f.settle();
        assertEquals("node-1", f.nodeOf("gated"));
    }

    @Test
    void searchStopsAfterEnoughFeasibleNodesAndTheNextCycleStartsWhereItStopped() {
        SchedulerFixture f = new SchedulerFixture(1);
        for (int i = 0; i < 250; i++) {
            f.addNode(node(String.format("node-%03d", i)).cpu("4").memory("4Gi").build());
        }
        f.addPod(pod("a").build());
        f.settle();
        // 250 nodes: 50 - 250/125 = 48% -> 120 feasible nodes are enough
        SchedulingDecision d = f.scheduler.explain("default", "a").orElseThrow();
        assertEquals(120, d.nodes().stream().filter(NodeVerdict::examined).count());
        assertTrue(d.verdict("node-000").examined());
        assertTrue(!d.verdict("node-120").examined());
        f.addPod(pod("b").build());
        f.settle();
        SchedulingDecision e = f.scheduler.explain("default", "b").orElseThrow();
        assertTrue(e.verdict("node-120").examined());
        assertTrue(e.verdict("node-239").examined());
        assertTrue(!e.verdict("node-240").examined() && !e.verdict("node-000").examined());
    }

    @Test
    void unschedulablePodIsRetriedAfterFiveMinutesWithoutAnyEvent() {
        SchedulerFixture f = new SchedulerFixture(1);
        f.addNode(node("node-1").cpu("4").memory("4Gi").taint("k", "v", "NoSchedule").build());
        f.addPod(pod("x").build());
        f.settle();
        assertEquals(1, f.scheduler.explain("default", "x").orElseThrow().attempt());
        f.advance(Duration.ofMinutes(5));
        assertEquals(1, f.scheduler.explain("default", "x").orElseThrow().attempt());
        f.advance(Duration.ofSeconds(31));
        assertEquals(2, f.scheduler.explain("default", "x").orElseThrow().attempt());
    }

    @Test
    void onlyTheMostRecentDecisionsKeepTheirDetail() {
        SchedulerFixture f = new SchedulerFixture(1, b -> b.explanationDetailLimit(2));
        f.addNode(node("node-1").cpu("4").memory("4Gi").build());
        for (int i = 0; i < 3; i++) {
            f.addPod(pod("p" + i).build());
            f.settle();
        }
        assertTrue(!f.scheduler.explain("default", "p0").orElseThrow().detailKept());
        assertEquals("node-1", f.scheduler.explain("default", "p0").orElseThrow().selectedNode());
        assertEquals(1, f.scheduler.explain("default", "p2").orElseThrow().nodes().size());
    }

    @Test
    void aShortBackoffIsNotHeldUpByALongerOneArmedBefore() {
        SchedulerFixture f = new SchedulerFixture(1);
        f.addNode(node("node-1").cpu("1").memory("4Gi").label("disk", "hdd").build());
        // "slow" fails four times (its backoff grows to 8 s); each node update retries it
        f.addPod(pod("slow").container("2", "1Mi").build());
        for (int i = 0; i < 4; i++) {
            f.advance(Duration.ofSeconds(9));
            var n = f.api.get(BuiltinResources.NODES, null, "node-1");
            f.api.update(BuiltinResources.NODES, n.withMetadata(n.metadata().withLabels(Map.of("disk", "hdd" + i,
                    "kubernetes.io/hostname", "node-1"))));
            f.settle();
        }
        assertEquals(5, f.scheduler.explain("default", "slow").orElseThrow().attempt());
        // a node event puts "slow" in backoffQ for 10 s, arming the flush 10 s ahead
        var n = f.api.get(BuiltinResources.NODES, null, "node-1");
        f.api.update(BuiltinResources.NODES, n.withMetadata(n.metadata().withLabels(Map.of("disk", "hdd",
                "kubernetes.io/hostname", "node-1"))));
        f.settle();
        // then "fast" fails once; after the next node event it must be retried at the next 1 s flush
        f.addPod(pod("fast").spec(b -> b.nodeSelector(new TreeMap<>(Map.of("disk", "ssd")))).build());
        f.settle();
        n = f.api.get(BuiltinResources.NODES, null, "node-1");
        f.api.update(BuiltinResources.NODES, n.withMetadata(n.metadata().withLabels(Map.of("disk", "ssd",
                "kubernetes.io/hostname", "node-1"))));
        f.advance(Duration.ofMillis(2100));
        assertEquals("node-1", f.nodeOf("fast"));
    }

    @Test
    void podsOfAReplicaSetAreScoredByTheDefaultSpreading() {
        SchedulerFixture f = new SchedulerFixture(1);
        f.addNode(node("node-1").cpu("4").memory("4Gi").build());
        f.addNode(node("node-2").cpu("4").memory("4Gi").build());
        var selector = io.ksim.api.meta.LabelSelector.matchLabels(Map.of("app", "web"));
        var template = new io.ksim.api.core.PodTemplateSpec(io.ksim.api.meta.ObjectMeta.builder()
                .labels(Map.of("app", "web")).build(), io.ksim.api.core.PodSpec.of(io.ksim.api.core.Container.of("c", "nginx:1.25")));
        var rs = f.api.create(BuiltinResources.REPLICA_SETS, "default", new io.ksim.api.apps.ReplicaSet(
                io.ksim.api.meta.ObjectMeta.of("default", "web"),
                new io.ksim.api.apps.ReplicaSet.ReplicaSetSpec(2, null, selector, template)));
        var owner = new io.ksim.api.meta.OwnerReference("apps/v1", "ReplicaSet", "web", rs.metadata().uid(), true, true);
        for (int i = 0; i < 2; i++) {
            Pod p = pod("web-" + i).label("app", "web").build();
            f.addPod(p.withMetadata(p.metadata().toBuilder().ownerReferences(List.of(owner)).build()));
            f.settle();
        }
        SchedulingDecision d = f.scheduler.explain("default", "web-1").orElseThrow();
        assertTrue(d.verdict("node-1").scores().stream().anyMatch(s -> s.plugin().equals("PodTopologySpread")));
        assertTrue(!f.nodeOf("web-0").equals(f.nodeOf("web-1")), "the second replica goes to the other node");
    }

    /** helper.DefaultSelector merges the selector of an owning ReplicationController too (a plain label map). */
    @Test
    void podsOfAReplicationControllerAreScoredByTheDefaultSpreading() {
        SchedulerFixture f = new SchedulerFixture(1);
        f.addNode(node("node-1").cpu("4").memory("4Gi").build());
        f.addNode(node("node-2").cpu("4").memory("4Gi").build());
        var template = new io.ksim.api.core.PodTemplateSpec(io.ksim.api.meta.ObjectMeta.builder()
                .labels(Map.of("app", "legacy")).build(), io.ksim.api.core.PodSpec.of(io.ksim.api.core.Container.of("c", "nginx:1.25")));
        var rc = f.api.create(BuiltinResources.REPLICATION_CONTROLLERS, "default", new io.ksim.api.core.ReplicationController(
                io.ksim.api.meta.ObjectMeta.of("default", "legacy"),
                new io.ksim.api.core.ReplicationController.ReplicationControllerSpec(2, null,
                        new TreeMap<>(Map.of("app", "legacy")), template)));
        var owner = new io.ksim.api.meta.OwnerReference("v1", "ReplicationController", "legacy", rc.metadata().uid(), true,
                true);
        for (int i = 0; i < 2; i++) {
            Pod p = pod("legacy-" + i).label("app", "legacy").build();
            f.addPod(p.withMetadata(p.metadata().toBuilder().ownerReferences(List.of(owner)).build()));
            f.settle();
        }
        SchedulingDecision d = f.scheduler.explain("default", "legacy-1").orElseThrow();
        assertTrue(d.verdict("node-1").scores().stream().anyMatch(s -> s.plugin().equals("PodTopologySpread")),
                d.format());
        assertTrue(!f.nodeOf("legacy-0").equals(f.nodeOf("legacy-1")), "the second replica goes to the other node");
        DefaultSpreadSelector spread = new DefaultSpreadSelector(f.scheduler.services.indexer(),
                f.scheduler.replicationControllers.indexer(), f.scheduler.replicaSets.indexer(),
                f.scheduler.statefulSets.indexer());
        assertEquals("app=legacy", spread.of(f.pod("legacy-0")).toString());
    }

    @Test
    void aStoppedSchedulerSchedulesNothingAndARestartedOneCatchesUp() {
        SchedulerFixture f = new SchedulerFixture(1);
        f.addNode(node("node-1").cpu("1").memory("4Gi").build());
        f.addPod(pod("big").container("2", "1Mi").build());
        f.settle();
        f.scheduler.stop();
        f.addPod(pod("small").build());
        f.advance(Duration.ofMinutes(10));
        assertNull(f.nodeOf("small"));
        assertEquals(0, f.kernel.pendingEvents(), "a stopped scheduler leaves no timers behind");
        Scheduler restarted = Scheduler.builder(f.kernel, f.api).build();
        restarted.start();
        f.settle();
        assertEquals("node-1", f.nodeOf("small"));
        assertEquals(1, restarted.explain("default", "big").orElseThrow().attempt());
    }

    @Test
    void podOfAnotherSchedulerIsLeftAlone() {
        SchedulerFixture f = new SchedulerFixture(1);
        f.addNode(node("node-1").cpu("4").memory("4Gi").build());
        f.addPod(pod("x").spec(b -> b.schedulerName("my-scheduler")).build());
        f.settle();
        assertNull(f.nodeOf("x"));
        assertTrue(f.scheduler.explain("default", "x").isEmpty());
    }

    @Test
    void higherPriorityPodPreemptsALowerOne() {
        SchedulerFixture f = new SchedulerFixture(1);
        f.api.create(BuiltinResources.PRIORITY_CLASSES, null, new PriorityClass(null, null, ObjectMeta.of(null, "high"),
                1000, null, null, null));
        f.addNode(node("node-1").cpu("1").memory("4Gi").build());
        f.addPod(pod("low").container("800m", "100Mi").build());
        f.settle();
        assertEquals("node-1", f.nodeOf("low"));
        f.addPod(pod("high").container("800m", "100Mi").spec(b -> b.priorityClassName("high")).build());
        f.settle();
        Pod high = f.pod("high");
        assertEquals("node-1", high.status().nominatedNodeName());
        Pod low = f.pod("low");
        assertNotNull(low.metadata().deletionTimestamp());
        assertEquals("PreemptionByScheduler", PodConditions.getPodCondition(low.status(), "DisruptionTarget").reason());
        // while the victim terminates, the preemptor's retries wait for it instead of preempting again
        var n = f.api.get(BuiltinResources.NODES, null, "node-1");
        f.api.update(BuiltinResources.NODES, n.withMetadata(n.metadata().withLabels(Map.of("x", "y",
                "kubernetes.io/hostname", "node-1"))));
        f.advance(Duration.ofSeconds(2));
        assertEquals("0/1 nodes are available: 1 Insufficient cpu. preemption: not eligible due to a terminating pod "
                + "on the nominated node.", PodConditions.getPodCondition(f.pod("high").status(), "PodScheduled").message());
        // no kubelet here: finish the graceful deletion as the kubelet would
        f.api.delete(BuiltinResources.PODS, "default", "low", io.ksim.apiserver.DeleteOptions.now());
        f.advance(Duration.ofSeconds(2));
        assertEquals("node-1", f.nodeOf("high"));
    }

    /**
     * upstream Preempt returns a result with no nominated node when no candidate is found, and
     * handleSchedulingFailure takes the nomination back from the nominator and from status.nominatedNodeName.
     */
    @Test
    void aNominationIsTakenBackWhenPreemptionFindsNoCandidate() {
        SchedulerFixture f = new SchedulerFixture(1);
        f.api.create(BuiltinResources.PRIORITY_CLASSES, null, new PriorityClass(null, null, ObjectMeta.of(null, "high"),
                1000, null, null, null));
        f.addNode(node("node-1").cpu("1").memory("4Gi").build());
        f.addPod(pod("low").container("800m", "100Mi").build());
        f.settle();
        f.addPod(pod("high").container("800m", "100Mi").spec(b -> b.priorityClassName("high")).build());
        f.settle();
        assertEquals("node-1", f.pod("high").status().nominatedNodeName());
        assertEquals(1, f.scheduler.nominator.nominatedTo("node-1").size());
        // the nominated node becomes unresolvable for the pod: preemption is eligible again and finds nothing
        var n = f.api.get(BuiltinResources.NODES, null, "node-1");
        f.api.update(BuiltinResources.NODES, n.withSpec(n.spec().withTaints(List.of(
                new io.ksim.api.core.Taint("dedicated", "infra", "NoSchedule", null)))));
        f.advance(Duration.ofSeconds(2));
        assertEquals("0/1 nodes are available: 1 node(s) had untolerated taint {dedicated: infra}. preemption: 0/1 nodes "
                + "are available: 1 Preemption is not helpful for scheduling.",
                PodConditions.getPodCondition(f.pod("high").status(), "PodScheduled").message());
        assertNull(f.pod("high").status().nominatedNodeName());
        assertEquals(List.of(), f.scheduler.nominator.nominatedTo("node-1"));
    }

    @Test
    void preemptionSparesAPodWhoseBudgetAllowsNoDisruption() {
        SchedulerFixture f = new SchedulerFixture(1);
        for (String[] pc : new String[][] {{"mid", "100"}, {"high", "1000"}}) {
            f.api.create(BuiltinResources.PRIORITY_CLASSES, null, new PriorityClass(null, null,
                    ObjectMeta.of(null, pc[0]), Integer.parseInt(pc[1]), null, null, null));
        }
        f.addNode(node("node-1").cpu("1").memory("4Gi").build());
        f.addNode(node("node-2").cpu("1").memory("4Gi").build());
        // the cheaper victim (priority 0) is on node-1 but protected by a budget with no disruption allowed
        f.addPod(pod("guarded").label("app", "db").container("800m", "100Mi").spec(b -> b.nodeName("node-1")).build());
        f.addPod(pod("mid").container("800m", "100Mi").spec(b -> b.nodeName("node-2").priorityClassName("mid")).build());
        f.api.create(BuiltinResources.POD_DISRUPTION_BUDGETS, "default", new io.ksim.api.policy.PodDisruptionBudget(
                ObjectMeta.of("default", "db"), new io.ksim.api.policy.PodDisruptionBudget.PodDisruptionBudgetSpec(
                        null, io.ksim.api.meta.LabelSelector.matchLabels(Map.of("app", "db")),
                        io.ksim.api.resource.IntOrString.of(0), null)));
        f.settle();
        f.addPod(pod("high").container("800m", "100Mi").spec(b -> b.priorityClassName("high")).build());
        f.settle();
        assertEquals("node-2", f.pod("high").status().nominatedNodeName());
        assertNotNull(f.pod("mid").metadata().deletionTimestamp());
        assertNull(f.pod("guarded").metadata().deletionTimestamp());
    }

    @Test
    void aReadWriteOncePodClaimInUseRejectsEveryNodeAndPreemptionFreesIt() {
        SchedulerFixture f = new SchedulerFixture(1);
        f.api.create(BuiltinResources.PRIORITY_CLASSES, null, new PriorityClass(null, null, ObjectMeta.of(null, "high"),
                1000, null, null, null));
        f.addNode(node("node-1").cpu("1").memory("4Gi").build());
        f.addNode(node("node-2").cpu("1").memory("4Gi").build());
        // a claim the PV controller has bound (no controller runs here)
        f.api.create(BuiltinResources.PERSISTENT_VOLUMES, null, new io.ksim.api.core.PersistentVolume(null, null,
                ObjectMeta.of(null, "pv-db"), io.ksim.api.core.PersistentVolume.PersistentVolumeSpec.builder()
                        .capacity(new TreeMap<>(Map.of("storage", io.ksim.api.resource.Quantity.parse("1Gi"))))
                        .accessModes(List.of("ReadWriteOncePod"))
                        .hostPath(new io.ksim.api.core.HostPathVolumeSource("/data", null)).build(), null));
        f.api.create(BuiltinResources.PERSISTENT_VOLUME_CLAIMS, "default", new io.ksim.api.core.PersistentVolumeClaim(
                null, null, ObjectMeta.builder().namespace("default").name("db").annotations(Map.of(
                        io.ksim.api.storage.VolumeMatching.ANN_BIND_COMPLETED, "yes")).build(),
                new io.ksim.api.core.PersistentVolumeClaim.PersistentVolumeClaimSpec(List.of("ReadWriteOncePod"), null,
                        new io.ksim.api.core.PersistentVolumeClaim.VolumeResourceRequirements(null,
                                new TreeMap<>(Map.of("storage", io.ksim.api.resource.Quantity.parse("1Gi")))),
                        "pv-db", null, null, null, null, null), null));
        List<io.ksim.api.core.Volume> vols = List.of(io.ksim.api.core.Volume.persistentVolumeClaim("data", "db"));
        f.addPod(pod("old").spec(b -> b.nodeName("node-1").volumes(vols)).build());
        f.addPod(pod("same").spec(b -> b.volumes(vols)).build());
        f.settle();
        assertEquals("0/2 nodes are available: 2 node has pod using PersistentVolumeClaim with the same name and "
                + "ReadWriteOncePod access mode. preemption: 0/2 nodes are available: 2 No preemption victims found "
                + "for incoming pod.", PodConditions.getPodCondition(f.pod("same").status(), "PodScheduled").message());
        f.addPod(pod("high").spec(b -> b.volumes(vols).priorityClassName("high")).build());
        f.settle();
        assertEquals("node-1", f.pod("high").status().nominatedNodeName());
        assertNotNull(f.pod("old").metadata().deletionTimestamp());
    }

    @Test
    void preemptionPolicyNeverIsNotEligible() {
        SchedulerFixture f = new SchedulerFixture(1);
        f.addNode(node("node-1").cpu("1").memory("4Gi").build());
        f.addPod(pod("big").container("2", "100Mi").spec(b -> b.preemptionPolicy("Never")).build());
        f.settle();
        assertEquals("0/1 nodes are available: 1 Insufficient cpu. preemption: not eligible due to preemptionPolicy=Never.",
                PodConditions.getPodCondition(f.pod("big").status(), "PodScheduled").message());
    }

    @Test
    void noNodesAtAll() {
        SchedulerFixture f = new SchedulerFixture(1);
        f.addPod(pod("x").build());
        f.settle();
        var c = PodConditions.getPodCondition(f.pod("x").status(), "PodScheduled");
        assertEquals("no nodes available to schedule pods", c.message());
        assertEquals("Unschedulable", c.reason());
    }

    @Test
    void replicasWithRequiredAntiAffinitySpreadOverHosts() {
        SchedulerFixture f = new SchedulerFixture(5);
        for (int i = 1; i <= 3; i++) {
            f.addNode(node("node-" + i).cpu("4").memory("4Gi").build());
        }
        var term = new io.ksim.api.core.PodAffinityTerm(io.ksim.api.meta.LabelSelector.matchLabels(Map.of("app", "web")),
                null, "kubernetes.io/hostname", null, null, null);
        var anti = new io.ksim.api.core.Affinity(null, null, new io.ksim.api.core.PodAntiAffinity(List.of(term), null));
        for (int i = 0; i < 4; i++) {
            f.addPod(pod("web-" + i).label("app", "web").spec(b -> b.affinity(anti)).build());
        }
        f.settle();
        List<String> placed = new ArrayList<>();
        for (int i = 0; i < 4; i++) {
            placed.add(f.nodeOf("web-" + i));
        }
        assertEquals(3, placed.stream().filter(java.util.Objects::nonNull).distinct().count());
        assertEquals(1, placed.stream().filter(java.util.Objects::isNull).count());
    }

    private static String placements(long seed) {
        SchedulerFixture f = new SchedulerFixture(seed);
        for (int i = 1; i <= 6; i++) {
            f.addNode(node("node-" + i).cpu("8").memory("16Gi").zone("zone-" + (i % 3)).build());
        }
        for (int i = 0; i < 30; i++) {
            f.addPod(pod("p-" + i).container("100m", "64Mi").build());
        }
        f.settle();
        StringBuilder b = new StringBuilder();
        for (int i = 0; i < 30; i++) {
            b.append(f.nodeOf("p-" + i)).append(' ');
        }
        return b.append('\n').append(f.kernel.trace().format()).toString();
    }

    @Test
    void sameSeedSamePlacements() {
        assertEquals(placements(11), placements(11));
        assertTrue(!placements(11).equals(placements(12)), "ties are broken by the seeded random source");
    }
}
