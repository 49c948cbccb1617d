package io.ksim.scheduler.plugins;

import static io.ksim.scheduler.TestObjects.node;
import static io.ksim.scheduler.TestObjects.pod;
import static io.ksim.scheduler.plugins.PluginTesting.list;
import static io.ksim.scheduler.plugins.PluginTesting.nodeInfo;
import static io.ksim.scheduler.plugins.PluginTesting.scores;
import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;

import io.ksim.api.core.Node;
import io.ksim.api.core.Pod;
import io.ksim.scheduler.framework.CycleState;
import io.ksim.scheduler.framework.NodeInfo;
import io.ksim.scheduler.framework.PodInfo;
import io.ksim.scheduler.framework.Status;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * NodeResourcesFit filter and scores. Score vectors are upstream's
 * pkg/scheduler/framework/plugins/noderesources/least_allocated_test.go and most_allocated_test.go, where
 * cpu "4000" means 4000 millicores and memory is in bytes; filter reasons from fit_test.go.
 */
class NodeResourcesFitTest {

    private static Node n(String name, long milliCpu, long memory) {
        return node(name).cpu(milliCpu + "m").memory(String.valueOf(memory)).build();
    }

    private static Pod p(String name, long... cpuMem) {
        TestPod b = new TestPod(name);
        for (int i = 0; i < cpuMem.length; i += 2) {
            b.add(cpuMem[i], cpuMem[i + 1]);
        }
        return b.build();
    }

    /** Pods whose containers state both requests explicitly (0 stays 0), as upstream's test pods. */
    private static final class TestPod {
        private final io.ksim.scheduler.TestObjects.PodBuilder b;
        private boolean any;

        TestPod(String name) {
            b = pod(name);
        }

        void add(long cpu, long mem) {
            b.container(cpu + "m", String.valueOf(mem));
            any = true;
        }

        Pod build() {
            return any ? b.build() : b.buildEmpty();
        }
    }

    static Stream<Arguments> leastAllocated() {
        return Stream.of(
                // L1: nothing scheduled, 3000m/5000 requested on (4000,10000) and (6000,10000)
                Arguments.of(p("x", 1000, 2000, 2000, 3000), List.of(nodeInfo(n("n1", 4000, 10000)),
                        nodeInfo(n("n2", 6000, 10000))), new long[] {37, 50}),
                // L2: nothing requested; existing pods use 6000m/0 and 6000m/5000 of (10000,20000)
                Arguments.of(p("x"), List.of(nodeInfo(n("n1", 10000, 20000), p("a", 3000, 0), p("b", 3000, 0)),
                        nodeInfo(n("n2", 10000, 20000), p("c", 3000, 0), p("d", 3000, 5000))), new long[] {70, 57}),
                // L3
                Arguments.of(p("x", 1000, 2000, 2000, 3000), List.of(nodeInfo(n("n1", 10000, 20000), p("a", 3000, 0)),
                        nodeInfo(n("n2", 10000, 20000), p("b", 3000, 5000))), new long[] {57, 45}),
                // L4
                Arguments.of(p("x", 1000, 2000, 2000, 3000), List.of(nodeInfo(n("n1", 10000, 20000), p("a", 3000, 0)),
                        nodeInfo(n("n2", 10000, 50000), p("b", 3000, 5000))), new long[] {57, 60}),
                // L5: requests exceeding capacity score 0 for that resource
                Arguments.of(p("x", 3000, 0), List.of(nodeInfo(n("n1", 4000, 10000), p("a", 3000, 0)),
                        nodeInfo(n("n2", 4000, 10000), p("b", 3000, 5000))), new long[] {50, 25}));
    }

    @ParameterizedTest
    @MethodSource
    void leastAllocated(Pod pod, List<NodeInfo> nodes, long[] expected) {
        assertArrayEquals(expected, scores(new NodeResourcesFit(), pod, nodes));
    }

    @org.junit.jupiter.api.Test
    void leastAllocatedWeightsAreAMean() {
        // L6: memory weight 2: n1 = (25*1 + 50*2) / 3 = 41, n2 = 50
        ScoringStrategy weighted = new ScoringStrategy(ScoringStrategy.LEAST_ALLOCATED, List.of(
                new ScoringStrategy.ResourceWeight("cpu", 1), new ScoringStrategy.ResourceWeight("memory", 2)), List.of());
        long[] got = scores(new NodeResourcesFit(weighted), p("x", 1000, 2000, 2000, 3000),
                list(nodeInfo(n("n1", 4000, 10000)), nodeInfo(n("n2", 6000, 10000))));
        assertArrayEquals(new long[] {41, 50}, got);
    }

    @ParameterizedTest
    @MethodSource("mostAllocatedCases")
    void mostAllocated(Pod pod, List<NodeInfo> nodes, long[] expected) {
        assertArrayEquals(expected, scores(new NodeResourcesFit(ScoringStrategy.mostAllocated()), pod, nodes));
    }

    static Stream<Arguments> mostAllocatedCases() {
        return Stream.of(
                // (3000/4000 = 75, 5000/10000 = 50) -> 62; (50, 50) -> 50
                Arguments.of(p("x", 1000, 2000, 2000, 3000), List.of(nodeInfo(n("n1", 4000, 10000)),
                        nodeInfo(n("n2", 6000, 10000))), new long[] {62, 50}),
                // requests above capacity are capped at capacity: (100 + 50) / 2
                Arguments.of(p("x", 5000, 5000), List.of(nodeInfo(n("n1", 4000, 10000))), new long[] {75}));
    }

    @ParameterizedTest
    @MethodSource("ratioCases")
    void requestedToCapacityRatio(long requested, long capacity, long expected) {
        // shape (0 -> 10, 100 -> 0) is "least allocated" on a 0..10 scale, scaled to 0..100
        List<ScoringStrategy.ShapePoint> shape = List.of(new ScoringStrategy.ShapePoint(0, 10),
                new ScoringStrategy.ShapePoint(100, 0));
        assertEquals(expected, ResourceScorers.requestedToCapacityRatio(requested, capacity, shape));
    }

    /**
     * The weighted mean of RequestedToCapacityRatio leaves out resources that score 0, weight and all
     * (requested_to_capacity_ratio.go adds a resource only when its score is above 0), and rounds. On n1
     * the pod takes all the cpu (score 0, left out) and half the memory (50): 50, where counting the cpu
     * would give 25. On n2: cpu 50, memory 500 of 4000 (utilization 12, score 88): round(69.0) = 69.
     */
    @org.junit.jupiter.api.Test
    void requestedToCapacityRatioLeavesOutResourcesScoringZero() {
        List<ScoringStrategy.ShapePoint> shape = List.of(new ScoringStrategy.ShapePoint(0, 10),
                new ScoringStrategy.ShapePoint(100, 0));
        NodeResourcesFit fit = new NodeResourcesFit(ScoringStrategy.requestedToCapacityRatio(shape));
        assertArrayEquals(new long[] {50, 69}, scores(fit, p("x", 1000, 500),
                List.of(nodeInfo(n("n1", 1000, 1000)), nodeInfo(n("n2", 2000, 4000)))));
    }

    static Stream<Arguments> ratioCases() {
        return Stream.of(Arguments.of(0, 100, 100), Arguments.of(25, 100, 75), Arguments.of(50, 100, 50),
                Arguments.of(150, 100, 0), Arguments.of(5, 0, 0));
    }

    static Stream<Arguments> filterCases() {
        return Stream.of(
                Arguments.of(p("x", 1000, 1000), n("n", 2000, 2000), List.of(p("a", 500, 500)), List.of()),
                Arguments.of(p("x", 2000, 1000), n("n", 2000, 2000), List.of(p("a", 500, 500)),
                        List.of("Insufficient cpu")),
                Arguments.of(p("x", 2000, 2000), n("n", 2000, 2000), List.of(p("a", 500, 500)),
                        List.of("Insufficient cpu", "Insufficient memory")),
                // a pod requesting nothing only needs a pod slot
                Arguments.of(p("x"), n("n", 1000, 1000), List.of(p("a", 1000, 1000)), List.of()));
    }

    @ParameterizedTest
    @MethodSource("filterCases")
    void filterReasons(Pod pod, Node node, List<Pod> existing, List<String> reasons) {
        NodeInfo ni = nodeInfo(node, existing.toArray(Pod[]::new));
        Status s = new NodeResourcesFit().filter(new CycleState(), PodInfo.of(pod), ni);
        assertEquals(reasons, s.reasons());
        assertEquals(reasons.isEmpty(), s.isSuccess());
    }

    @org.junit.jupiter.api.Test
    void tooManyPodsAndExtendedResources() {
        Node full = node("n").cpu("4").memory("4Gi").resource("pods", "1").resource("example.com/gpu", "1").build();
        NodeInfo ni = nodeInfo(full, p("a", 100, 100));
        Pod gpu = pod("x").container(io.ksim.api.core.Container.builder().name("c").image("i")
                .resources(io.ksim.api.core.ResourceRequirements.of(null, java.util.Map.of("cpu",
                        io.ksim.api.resource.Quantity.parse("5"), "example.com/gpu", io.ksim.api.resource.Quantity.parse("2"))))
                .build()).build();
        Status s = new NodeResourcesFit().filter(new CycleState(), PodInfo.of(gpu), ni);
        assertEquals(List.of("Too many pods", "Insufficient cpu", "Insufficient example.com/gpu"), s.reasons());
        assertEquals(io.ksim.scheduler.framework.Code.UNSCHEDULABLE, s.code());
    }

    @org.junit.jupiter.api.Test
    void nonZeroDefaultsApplyOnlyToMissingRequests() {
        Pod bestEffort = pod("x").container(null, null).build();
        PodInfo pi = PodInfo.of(bestEffort);
        assertEquals(0, pi.requests().milliCpu);
        assertEquals(100, pi.nonZeroRequests().milliCpu);
        assertEquals(200L * 1024 * 1024, pi.nonZeroRequests().memory);
        PodInfo explicitZero = PodInfo.of(pod("y").container("0", "0").build());
        assertEquals(0, explicitZero.nonZeroRequests().milliCpu);
    }
}
