package io.ksim.scheduler;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.SplittableRandom;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.api.Test;

/** numFeasibleNodesToFind and selectHost of upstream pkg/scheduler/schedule_one.go (see schedule_one_test.go). */
class SchedulingAlgorithmTest {

    @ParameterizedTest
    @CsvSource({"0, 10, 10", "0, 99, 99", "0, 100, 100", "0, 1000, 420", "0, 5000, 500", "0, 6000, 300",
            "0, 10000, 500", "40, 1000, 400", "40, 200, 100", "100, 5000, 5000", "5, 3000, 150"})
    void numFeasibleNodesToFind(int percentage, int nodes, int expected) {
        assertEquals(expected, SchedulingAlgorithm.numFeasibleNodesToFind(percentage, nodes));
    }

    @Test
    void selectHostPicksUniformlyAmongTies() {
        SplittableRandom r = new SplittableRandom(7);
        int[] hits = new int[4];
        for (int i = 0; i < 40_000; i++) {
            hits[SchedulingAlgorithm.selectHost(new long[] {5, 9, 9, 9}, r)]++;
        }
        assertEquals(0, hits[0]);
        for (int i = 1; i < 4; i++) {
            assertTrue(Math.abs(hits[i] - 13_333) < 600, "index " + i + " chosen " + hits[i] + " times");
        }
    }

    @Test
    void podsNominatedToANodeKeepItsRoomFromLowerPriorityPods() {
        var node = new io.ksim.scheduler.framework.NodeInfo(TestObjects.node("node-1").cpu("1").memory("4Gi").build());
        var snapshot = io.ksim.scheduler.framework.Snapshot.of(java.util.List.of(node));
        var nominated = io.ksim.scheduler.framework.PodInfo.of(TestObjects.pod("high").container("800m", "1Mi").build(), 1000);
        var fw = io.ksim.scheduler.plugins.DefaultProfile.build(new io.ksim.scheduler.plugins.DefaultProfile.Context(
                null, () -> 1, img -> 0, p -> null, null), io.ksim.scheduler.plugins.ScoringStrategy.DEFAULT);
        SchedulingAlgorithm alg = new SchedulingAlgorithm(fw, new SplittableRandom(1), 0,
                n -> n.equals("node-1") ? java.util.List.of(nominated) : java.util.List.of());
        var low = io.ksim.scheduler.framework.PodInfo.of(TestObjects.pod("low").container("800m", "1Mi").build(), 0);
        var r = alg.schedule(low, snapshot, 0, 1);
        assertEquals(null, r.node());
        assertEquals("0/1 nodes are available: 1 Insufficient cpu.", r.fitError().message());
        var higher = io.ksim.scheduler.framework.PodInfo.of(TestObjects.pod("higher").container("800m", "1Mi").build(), 2000);
        assertEquals("node-1", alg.schedule(higher, snapshot, 0, 1).node());
    }

    /**
     * upstream findNodesThatFitPod: trying the nominated node first does not move the start index; the search
     * over all nodes moves it by the feasible nodes plus the nodes with a status in the diagnosis, which keeps
     * the nominated node's rejection when the search stops before reaching it. 200 nodes, 100 to find, the
     * cordoned node-050 the only one rejected.
     */
    @Test
    void startIndexMovesAsUpstreamsAroundTheNominatedNode() {
        java.util.List<io.ksim.scheduler.framework.NodeInfo> nodes = new java.util.ArrayList<>();
        for (int i = 0; i < 200; i++) {
            var b = TestObjects.node(String.format("node-%03d", i)).cpu("4").memory("8Gi");
            nodes.add(new io.ksim.scheduler.framework.NodeInfo(i == 50 ? b.unschedulable().build() : b.build()));
        }
        var snapshot = io.ksim.scheduler.framework.Snapshot.of(nodes);
        var fw = io.ksim.scheduler.plugins.DefaultProfile.build(new io.ksim.scheduler.plugins.DefaultProfile.Context(
                null, () -> 200, img -> 0, p -> null, null), io.ksim.scheduler.plugins.ScoringStrategy.DEFAULT);
        SchedulingAlgorithm alg = new SchedulingAlgorithm(fw, new SplittableRandom(1), 0);
        alg.schedule(io.ksim.scheduler.framework.PodInfo.of(TestObjects.pod("plain").build()), snapshot, 0, 1);
        // from node-000 to node-100: 100 feasible, node-050 (cordoned) rejected
        assertEquals(101, alg.nextStartNodeIndex());
        var fits = alg.schedule(nominatedTo("fits", "node-005"), snapshot, 0, 1);
        assertEquals("node-005", fits.node());
        assertEquals(101, alg.nextStartNodeIndex());
        var cordoned = alg.schedule(nominatedTo("elsewhere", "node-050"), snapshot, 0, 1);
        // from node-101 round to node-000: 100 feasible; node-050's rejection from the first try counts too
        assertTrue(!cordoned.node().equals("node-050"), cordoned.node());
        assertEquals((101 + 100 + 1) % 200, alg.nextStartNodeIndex());
    }

    private static io.ksim.scheduler.framework.PodInfo nominatedTo(String name, String node) {
        var pod = TestObjects.pod(name).build();
        return io.ksim.scheduler.framework.PodInfo.of(
                pod.withStatus(pod.status().toBuilder().nominatedNodeName(node).build()));
    }

    @Test
    void selectHostTakesTheUniqueMaximum() {
        assertEquals(2, SchedulingAlgorithm.selectHost(new long[] {1, 2, 3, 0}, new SplittableRandom(1)));
    }
}
