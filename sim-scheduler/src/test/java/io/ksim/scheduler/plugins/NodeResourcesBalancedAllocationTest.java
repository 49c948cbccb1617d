package io.ksim.scheduler.plugins;

import static io.ksim.scheduler.TestObjects.node;
import static io.ksim.scheduler.TestObjects.pod;
import static io.ksim.scheduler.plugins.PluginTesting.list;
import static io.ksim.scheduler.plugins.PluginTesting.nodeInfo;
import static io.ksim.scheduler.plugins.PluginTesting.scores;
import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertNull;

import io.ksim.api.core.Node;
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

    @Test
    void bestEffortPodIsSkipped() {
        assertNull(scores(new NodeResourcesBalancedAllocation(), pod("x").container(null, null).build(),
                list(nodeInfo(n("n1", 4000, 10000)))));
    }
}
