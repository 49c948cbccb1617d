package io.ksim.scheduler;

import static io.ksim.scheduler.TestObjects.node;
import static io.ksim.scheduler.TestObjects.pod;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertNull;

import io.ksim.api.core.PodConditions;
import io.ksim.api.core.Volume;
import io.ksim.api.meta.ObjectMeta;
import io.ksim.api.scheduling.PriorityClass;
import io.ksim.api.storage.CSINode;
import io.ksim.apiserver.DeleteOptions;
import io.ksim.apiserver.registry.BuiltinResources;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** VolumeZone and NodeVolumeLimits through the real scheduler: queue events, preemption. */
class VolumePluginsSchedulerTest {

    private static void csiNode(SchedulerFixture f, String node, int limit) {
        f.api.create(BuiltinResources.CSI_NODES, null, new CSINode(null, null, ObjectMeta.builder().name(node).build(),
                new CSINode.CSINodeSpec(List.of(new CSINode.CSINodeDriver("ebs.csi.aws.com", "i-" + node, null,
                        new CSINode.VolumeNodeResources(limit))))));
    }

    private static TestObjects.PodBuilder withClaim(String name, String claim) {
        return pod(name).spec(b -> b.volumes(List.of(Volume.persistentVolumeClaim("data", claim))));
    }

    private static String scheduledMessage(SchedulerFixture f, String pod) {
        return PodConditions.getPodCondition(f.pod(pod).status(), "PodScheduled").message();
    }

    /** The attach limit is Unschedulable, not unresolvable: a higher-priority pod evicts the volume's holder. */
    @Test
    void aHigherPriorityPodPreemptsThePodHoldingTheOnlyAttachment() {
        SchedulerFixture f = new SchedulerFixture(1);
        f.api.create(BuiltinResources.PRIORITY_CLASSES, null, new PriorityClass(null, null, ObjectMeta.of(null, "high"),
                1000, null, null, null));
        f.addNode(node("node-1").cpu("4").memory("4Gi").build());
        csiNode(f, "node-1", 1);
        FailedSchedulingGoldenTest.boundClaim(f, "a", "pv-a", Map.of(), FailedSchedulingGoldenTest.csi("ebs.csi.aws.com",
                "vol-a"));
        FailedSchedulingGoldenTest.boundClaim(f, "b", "pv-b", Map.of(), FailedSchedulingGoldenTest.csi("ebs.csi.aws.com",
                "vol-b"));
        f.addPod(withClaim("low", "a").build());
        f.settle();
        assertEquals("node-1", f.nodeOf("low"));
        f.addPod(withClaim("high", "b").spec(b -> b.priorityClassName("high")).build());
        f.settle();
        assertEquals("node-1", f.pod("high").status().nominatedNodeName());
        assertNotNull(f.pod("low").metadata().deletionTimestamp());
        f.api.delete(BuiltinResources.PODS, "default", "low", DeleteOptions.now());
        f.advance(Duration.ofSeconds(2));
        assertEquals("node-1", f.nodeOf("high"));
    }

    /** A pod sharing a volume already on the node needs no new attachment. */
    @Test
    void aVolumeAlreadyAttachedToTheNodeTakesNoNewSlot() {
        SchedulerFixture f = new SchedulerFixture(1);
        f.addNode(node("node-1").cpu("4").memory("4Gi").build());
        csiNode(f, "node-1", 1);
        FailedSchedulingGoldenTest.boundClaim(f, "a", "pv-a", Map.of(), FailedSchedulingGoldenTest.csi("ebs.csi.aws.com",
                "vol-a"));
        f.addPod(withClaim("one", "a").build());
        f.addPod(withClaim("two", "a").build());
        f.settle();
        assertEquals("node-1", f.nodeOf("one"));
        assertEquals("node-1", f.nodeOf("two"));
    }

    /**
     * A CSINode created later is an event NodeVolumeLimits registered for: its driver's count replaces the node's
     * allocatable attach limit of the same key.
     */
    @Test
    void aNewCsiNodeRetriesThePodsTheLimitTurnedAway() {
        SchedulerFixture f = new SchedulerFixture(1);
        f.addNode(node("node-1").cpu("4").memory("4Gi").resource("attachable-volumes-csi-ebs.csi.aws.com", "0")
                .build());
        FailedSchedulingGoldenTest.boundClaim(f, "a", "pv-a", Map.of(), FailedSchedulingGoldenTest.csi("ebs.csi.aws.com",
                "vol-a"));
        f.addPod(withClaim("x", "a").build());
        f.settle();
        assertNull(f.nodeOf("x"));
        assertEquals("0/1 nodes are available: 1 node(s) exceed max volume count. preemption: 0/1 nodes are available: "
                + "1 No preemption victims found for incoming pod.", scheduledMessage(f, "x"));
        csiNode(f, "node-1", 1);
        f.advance(Duration.ofSeconds(2));
        assertEquals("node-1", f.nodeOf("x"));
    }

    /** A node added in the volume's zone is an event VolumeZone registered for. */
    @Test
    void aPodWaitingForItsVolumesZoneIsPlacedWhenANodeJoinsIt() {
        SchedulerFixture f = new SchedulerFixture(1);
        f.addNode(node("node-1").cpu("4").memory("4Gi").zone("zone-a").build());
        FailedSchedulingGoldenTest.boundClaim(f, "data", "pv-z", Map.of("topology.kubernetes.io/zone", "zone-b"), null);
        f.addPod(withClaim("x", "data").build());
        f.settle();
        assertNull(f.nodeOf("x"));
        assertEquals("0/1 nodes are available: 1 node(s) had no available volume zone. preemption: 0/1 nodes are "
                + "available: 1 Preemption is not helpful for scheduling.", scheduledMessage(f, "x"));
        f.addNode(node("node-2").cpu("4").memory("4Gi").zone("zone-b").build());
        f.advance(Duration.ofSeconds(2));
        assertEquals("node-2", f.nodeOf("x"));
    }
}
