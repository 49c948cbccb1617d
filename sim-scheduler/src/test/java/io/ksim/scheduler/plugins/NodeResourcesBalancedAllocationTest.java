package io.ksim.scheduler.plugins;

import static io.ksim.scheduler.TestObjects.node;
import static io.ksim.scheduler.TestObjects.pod;
import static io.ksim.scheduler.plugins.PluginTesting.list;
import static io.ksim.scheduler.plugins.PluginTesting.nodeInfo;
import static io.ksim.scheduler.plugins.PluginTesting.scores;
import static org.junit.jupiter.api.Assertions.assertArrayEquals;

import io.ksim.api.core.Container;
import io.ksim.api.core.Node;
import io.ksim.api.core.ResourceRequirements;
import io.ksim.api.resource.Quantity;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** Vectors from upstream pkg/scheduler/framework/plugins/noderesources/balanced_allocation_test.go. */
class NodeResourcesBalancedAllocationTest {

    private static Node n(String name, long milliCpu, long memory) {
        return node(name).cpu(milliCpu + "m").memory(String.valueOf(memory)).build();
    }

    @Test
    void fractionsPointSevenFiveAndPointFiveScoreEightySeven() {
        long[] got = scores(new NodeResourcesBalancedAllocation(),
                pod("x").container("1000m", "2000").container("2000m", "3000").build(),
                list(nodeInfo(n("n1", 4000, 10000)), nodeInfo(n("n2", 6000, 10000))));
        assertArrayEquals(new long[] {87, 100}, got);
    }

    @Test
    void existingPodsCountWithTheirActualRequests() {
        long[] got = scores(new NodeResourcesBalancedAllocation(),
                pod("x").container("1000m", "2000").container("2000m", "3000").build(),
                list(nodeInfo(n("n1", 10000, 20000), pod("a").container("3000m", "0").build()),
                        nodeInfo(n("n2", 10000, 20000), pod("b").container("3000m", "5000").build())));
        assertArrayEquals(new long[] {82, 95}, got);
    }

    /**
     * v1.32 scores a pod that requests nothing by its node's own requests (skipping such pods at PreScore came
     * with v1.33): 1000m of 4000m and 2000 of 10000 bytes give fractions 0.25 and 0.2, deviation 0.025, 97; an
     * empty node scores 100.
     */
    @Test
    void bestEffortPodIsScoredByTheNodesOwnRequests() {
        assertArrayEquals(new long[] {97, 100}, scores(new NodeResourcesBalancedAllocation(),
                pod("x").container(null, null).build(),
                list(nodeInfo(n("n1", 4000, 10000), pod("a").container("1000m", "2000").build()),
                        nodeInfo(n("n2", 4000, 10000)))));
    }

    /**
     * Three scored resources take the standard deviation: fractions 0.25, 0.5 and 0.25 have mean 1/3 and
     * deviation sqrt(1/72) = 0.1178, so 88. A node without the extended resource leaves it out (0.25, 0.5:
     * 87), and so does a pod that does not request it.
     */
    @Test
    void threeResourcesUseTheStandardDeviation() {
        NodeResourcesBalancedAllocation plugin = new NodeResourcesBalancedAllocation(List.of(
                new ScoringStrategy.ResourceWeight("cpu", 1), new ScoringStrategy.ResourceWeight("memory", 1),
                new ScoringStrategy.ResourceWeight("example.com/gpu", 1)));
        Map<String, Quantity> req = Map.of("cpu", Quantity.parse("1000m"), "memory", Quantity.parse("5000"),
                "example.com/gpu", Quantity.parse("1"));
        Container c = Container.builder().name("c").image("i")
                .resources(ResourceRequirements.of(Map.of("example.com/gpu", Quantity.parse("1")), req)).build();
        List<io.ksim.scheduler.framework.NodeInfo> nodes = list(
                nodeInfo(node("n1").cpu("4000m").memory("10000").resource("example.com/gpu", "4").build()),
                nodeInfo(n("n2", 4000, 10000)));
        assertArrayEquals(new long[] {88, 87}, scores(plugin, pod("x").container(c).build(), nodes));
        assertArrayEquals(new long[] {87, 87}, scores(plugin, pod("y").container("1000m", "5000").build(), nodes));
    }
}
