package io.ksim.scheduler.framework;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.util.LinkedHashMap;
import java.util.Map;
import org.junit.jupiter.api.Test;

/**
 * FailedScheduling texts as upstream pkg/scheduler/framework/types.go (FitError.Error) builds them, with
 * the examples of pkg/scheduler/schedule_one_test.go.
 */
class FitErrorTest {

    @Test
    void histogramIsSortedBytewiseSoTenSortsBeforeTwo() {
        Map<String, Status> statuses = new LinkedHashMap<>();
        for (int i = 0; i < 10; i++) {
            statuses.put("a" + i, Status.unschedulable("Insufficient cpu"));
        }
        statuses.put("b0", Status.unresolvable("node(s) had untolerated taint {k: v}"));
        statuses.put("b1", Status.unresolvable("node(s) had untolerated taint {k: v}"));
        FitError e = new FitError(12, statuses, "", "");
        assertEquals("0/12 nodes are available: 10 Insufficient cpu, 2 node(s) had untolerated taint {k: v}.", e.message());
    }

    /** upstream's diagnosis names the plugins that rejected a node and those that narrowed the nodes at PreFilter. */
    @Test
    void unschedulablePluginsAreTheRejectingAndTheNarrowingPlugins() {
        Map<String, Status> statuses = new LinkedHashMap<>();
        statuses.put("n1", Status.unschedulable("Insufficient cpu").withPlugin("NodeResourcesFit"));
        FitError e = new FitError(2, statuses, new java.util.TreeSet<>(java.util.Set.of("VolumeBinding")), "", "");
        assertEquals(java.util.List.of("NodeResourcesFit", "VolumeBinding"), java.util.List.copyOf(e.unschedulablePlugins()));
        assertEquals(java.util.List.of("NodeResourcesFit", "VolumeBinding"),
                java.util.List.copyOf(e.withPostFilterMsg("preemption: x.").unschedulablePlugins()));
    }

    @Test
    void aNodeFailingTwoResourcesCountsInBoth() {
        Map<String, Status> statuses = new LinkedHashMap<>();
        statuses.put("n1", Status.unschedulable("Insufficient cpu", "Insufficient memory"));
        statuses.put("n2", Status.unschedulable("Insufficient memory"));
        assertEquals("0/2 nodes are available: 1 Insufficient cpu, 2 Insufficient memory.",
                new FitError(2, statuses, "", "").message());
    }

    @Test
    void preFilterMessageReplacesTheHistogramAndPostFilterFollows() {
        Map<String, Status> statuses = Map.of("n1", Status.unresolvable("x"));
        assertEquals("0/1 nodes are available: pod affinity terms conflict.",
                new FitError(1, statuses, "pod affinity terms conflict", "").message());
        String inner = new FitError(3, Map.of("n1", Status.unresolvable("Preemption is not helpful for scheduling"),
                "n2", Status.unresolvable("Preemption is not helpful for scheduling"),
                "n3", Status.unresolvable("Preemption is not helpful for scheduling")), "", "").message();
        Map<String, Status> outer = new LinkedHashMap<>();
        outer.put("n1", Status.unresolvable("node(s) had untolerated taint {test-unschedulable: true}"));
        outer.put("n2", Status.unresolvable("node(s) didn't match Pod's node affinity/selector"));
        outer.put("n3", Status.unresolvable("node(s) didn't match Pod's node affinity/selector"));
        assertEquals("0/3 nodes are available: 1 node(s) had untolerated taint {test-unschedulable: true}, "
                + "2 node(s) didn't match Pod's node affinity/selector. preemption: 0/3 nodes are available: "
                + "3 Preemption is not helpful for scheduling.", new FitError(3, outer, "", "preemption: " + inner).message());
    }

    /** upstream adds the histogram only when some node has a reason: no " ." for an empty one. */
    @Test
    void noNodeStatusesMeansNoHistogram() {
        assertEquals("0/0 nodes are available:", new FitError(0, Map.of(), "", "").message());
        assertEquals("0/2 nodes are available: preemption: not eligible due to preemptionPolicy=Never.",
                new FitError(2, Map.of(), "", "preemption: not eligible due to preemptionPolicy=Never.").message());
    }

    /** Since 1.28 the PostFilter message is appended as it is: one final "." where older releases wrote "..". */
    @Test
    void postFilterMessageGetsNoSecondPeriod() {
        Map<String, Status> statuses = Map.of("n1", Status.unschedulable("Insufficient cpu"));
        String inner = new FitError(1, Map.of("n1", Status.unresolvable("No preemption victims found for incoming pod")),
                "", "").message();
        assertEquals("0/1 nodes are available: 1 Insufficient cpu. preemption: 0/1 nodes are available: "
                + "1 No preemption victims found for incoming pod.", new FitError(1, statuses, "", "preemption: " + inner)
                .message());
    }
}
