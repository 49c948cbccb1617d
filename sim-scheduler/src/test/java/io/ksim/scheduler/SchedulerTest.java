package io.ksim.scheduler;

import static io.ksim.scheduler.TestObjects.node;
import static io.ksim.scheduler.TestObjects.pod;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.ksim.api.core.Event;
import io.ksim.api.core.Pod;
import io.ksim.api.core.PodCondition;
import io.ksim.api.core.PodConditions;
import io.ksim.apiserver.registry.BuiltinResources;
import java.time.Duration;
import java.util.List;
import org.junit.jupiter.api.Test;

class SchedulerTest {

    private List<Event> events(SchedulerFixture f, String reason) {
        return f.api.list(BuiltinResources.EVENTS, "default").items().stream()
                .filter(e -> reason.equals(e.reason())).toList();
    }

    @Test
    void bindsAPendingPodAndRecordsTheScheduledEvent() {
        SchedulerFixture f = new SchedulerFixture(1);
        f.addNode(node("node-1").cpu("1").memory("1Gi").build());
        f.addNode(node("node-2").cpu("4").memory("8Gi").build());
        f.addPod(pod("web-1").container("500m", "256Mi").build());
        f.settle();
        assertEquals("node-2", f.nodeOf("web-1"));
        Pod p = f.pod("web-1");
        assertEquals("True", PodConditions.getPodCondition(p.status(), "PodScheduled").status());
        List<Event> scheduled = events(f, "Scheduled");
        assertEquals(1, scheduled.size());
        assertEquals("Successfully assigned default/web-1 to node-2", scheduled.get(0).message());
        assertEquals("default-scheduler", scheduled.get(0).source().component());
        assertTrue(f.kernel.trace().format().contains(
                "default-scheduler Placed         default/web-1  -> node-2 (score 486 of 2 feasible nodes)\n"));
        SchedulingDecision d = f.scheduler.explain("default", "web-1").orElseThrow();
        assertEquals("node-2", d.selectedNode());
        assertEquals(2, d.nodes().size());
    }

    @Test
    void unschedulablePodGetsUpstreamsConditionAndEvent() {
        SchedulerFixture f = new SchedulerFixture(1);
        for (int i = 1; i <= 3; i++) {
            f.addNode(node("node-" + i).cpu("1").memory("1Gi").build());
        }
        f.addPod(pod("big").container("2", "100Mi").build());
        f.settle();
        Pod p = f.pod("big");
        assertNull(p.spec().nodeName());
        PodCondition c = PodConditions.getPodCondition(p.status(), "PodScheduled");
        assertEquals("False", c.status());
        assertEquals("Unschedulable", c.reason());
        String expected = "0/3 nodes are available: 3 Insufficient cpu. preemption: 0/3 nodes are available: "
                + "3 No preemption victims found for incoming pod.";
        assertEquals(expected, c.message());
        assertEquals(expected, events(f, "FailedScheduling").get(0).message());
        assertEquals("Warning", events(f, "FailedScheduling").get(0).type());
    }

    @Test
    void pendingPodIsPlacedWhenANodeArrives() {
        SchedulerFixture f = new SchedulerFixture(1);
        f.addNode(node("node-1").cpu("1").memory("1Gi").build());
        f.addPod(pod("big").container("2", "100Mi").build());
        f.settle();
        assertNull(f.nodeOf("big"));
        f.advance(Duration.ofSeconds(20));
        f.addNode(node("node-2").cpu("4").memory("4Gi").build());
        f.settle();
        assertEquals("node-2", f.nodeOf("big"));
    }

    @Test
    void assumedPodsCountBeforeTheirBindingIsObserved() {
        SchedulerFixture f = new SchedulerFixture(3);
        f.addNode(node("node-1").cpu("1").memory("1Gi").build());
        f.addNode(node("node-2").cpu("1").memory("1Gi").build());
        for (int i = 0; i < 4; i++) {
            f.addPod(pod("p" + i).container("500m", "100Mi").build());
        }
        f.settle();
        long onOne = java.util.stream.IntStream.range(0, 4).filter(i -> "node-1".equals(f.nodeOf("p" + i))).count();
        assertEquals(2, onOne);
    }

    @Test
    void explanationsOfDeletedPodsAreForgotten() {
        SchedulerFixture f = new SchedulerFixture(1);
        f.addNode(node("node-1").cpu("1").memory("1Gi").build());
        f.addPod(pod("web-1").build());
        f.settle();
        assertTrue(f.scheduler.explain("default", "web-1").isPresent());
        f.api.delete(BuiltinResources.PODS, "default", "web-1", io.ksim.apiserver.DeleteOptions.now());
        f.settle();
        assertTrue(f.scheduler.explain("default", "web-1").isEmpty());
        assertEquals(0, f.scheduler.cache().node("node-1").podCount());
    }

    /** upstream truncateMessage: the event note stops at 1,024 bytes ending in " ...", the condition keeps it all. */
    @Test
    void longFailedSchedulingNoteIsCutButTheConditionKeepsTheWholeMessage() {
        SchedulerFixture f = new SchedulerFixture(1);
        for (int i = 10; i < 50; i++) {
            f.addNode(node("node-" + i).cpu("1").memory("1Gi").taint("dedicated-team-" + i, "x", "NoSchedule").build());
        }
        f.addPod(pod("web").container("100m", "100Mi").build());
        f.settle();
        String full = PodConditions.getPodCondition(f.pod("web").status(), "PodScheduled").message();
        assertTrue(full.length() > 1024, full);
        assertTrue(full.endsWith("40 Preemption is not helpful for scheduling."), full);
        String note = events(f, "FailedScheduling").get(0).message();
        assertEquals(1024, note.length());
        assertEquals(full.substring(0, 1020) + " ...", note);
    }

    @Test
    void truncateMessageKeepsShortNotesAndCutsOnACharacter() {
        String exact = "x".repeat(1024);
        assertEquals(exact, SchedulingCycle.truncateMessage(exact));
        assertEquals("x".repeat(1020) + " ...", SchedulingCycle.truncateMessage(exact + "y"));
        // a two-byte character across byte 1020 is left out whole
        String wide = "x".repeat(1019) + "\u00e9" + "x".repeat(10);
        assertEquals("x".repeat(1019) + " ...", SchedulingCycle.truncateMessage(wide));
    }
}
