package io.ksim.controller;

import static org.junit.jupiter.api.Assertions.assertEquals;

import io.ksim.api.core.ContainerStatus;
import io.ksim.api.core.Pod;
import io.ksim.api.core.PodCondition;
import io.ksim.api.core.PodSpec;
import io.ksim.api.core.PodStatus;
import io.ksim.api.meta.ObjectMeta;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/**
 * Pairs from upstream controller_utils_test.go TestSortingActivePodsWithRanks: in each pair the first pod
 * is deleted before the second, and the ranking never says the opposite.
 */
class ActivePodsWithRanksTest {

    private static final Instant NOW = Instant.parse("2025-01-01T12:00:00Z");

    private static Pod pod(String name, String node, String phase, Instant readySince, int restarts, Instant created,
            String uid, String cost) {
        ObjectMeta.Builder m = ObjectMeta.builder().namespace("default").name(name).uid(uid).creationTimestamp(created);
        if (cost != null) {
            m.annotations(Map.of(ActivePodsWithRanks.POD_DELETION_COST, cost));
        }
        List<PodCondition> conditions = readySince == null ? List.of()
                : List.of(new PodCondition("Ready", "True", null, readySince, null, null));
        List<ContainerStatus> statuses = List.of(new ContainerStatus("c", null, null, readySince != null, restarts, null,
                null, null, null, null, null, null, null, null));
        PodStatus status = PodStatus.builder().phase(phase).conditions(conditions).containerStatuses(statuses).build();
        return new Pod(null, null, m.build(), PodSpec.builder().nodeName(node).build(), status);
    }

    private static final Instant T = NOW.minusSeconds(3600);

    private static Pod base(String name) {
        return pod(name, "node-1", "Running", T, 0, T, name, null);
    }

    @Test
    void firstOfEachPairGoesFirst() {
        List<Pod[]> pairs = new ArrayList<>();
        pairs.add(new Pod[] {pod("unassigned", null, "Pending", null, 0, T, "a", null), base("assigned")});
        pairs.add(new Pod[] {pod("pending", "node-1", "Pending", null, 0, T, "a", null),
            pod("unknown", "node-1", "Unknown", null, 0, T, "b", null)});
        pairs.add(new Pod[] {pod("unknown", "node-1", "Unknown", null, 0, T, "a", null),
            pod("running", "node-1", "Running", null, 0, T, "b", null)});
        pairs.add(new Pod[] {pod("not-ready", "node-1", "Running", null, 0, T, "a", null), base("ready")});
        pairs.add(new Pod[] {pod("cheap", "node-1", "Running", T, 0, T, "z", "-10"), base("dear")});
        // Ready for 1 minute vs 1 hour: different log2 buckets.
        pairs.add(new Pod[] {pod("recently-ready", "node-1", "Running", NOW.minusSeconds(60), 0, T, "z", null),
            base("long-ready")});
        pairs.add(new Pod[] {pod("restarts", "node-1", "Running", T, 5, T, "z", null), base("no-restarts")});
        pairs.add(new Pod[] {pod("newer", "node-1", "Running", T, 0, NOW.minusSeconds(60), "z", null), base("older")});
        // Same log2 bucket of age (3600 s vs 3700 s): the lower uid goes first.
        pairs.add(new Pod[] {pod("uid-a", "node-1", "Running", T, 0, T, "a", null),
            pod("uid-b", "node-1", "Running", T.minusSeconds(100), 0, T.minusSeconds(100), "b", null)});
        for (Pod[] p : pairs) {
            assertEquals(true, ActivePodsWithRanks.compare(p[0], p[1], 0, 0, NOW) < 0, p[0].metadata().name());
            assertEquals(true, ActivePodsWithRanks.compare(p[1], p[0], 0, 0, NOW) > 0, p[1].metadata().name());
        }
    }

    @Test
    void doubledUpPodsGoFirst() {
        Pod a = base("a");
        Pod b = base("b");
        assertEquals(true, ActivePodsWithRanks.compare(a, b, 3, 1, NOW) < 0);
    }

    @Test
    void podsToDeleteTakesTheLowestRankedAndAllWhenAllGo() {
        Pod onBusyNode1 = pod("p1", "node-1", "Running", T, 0, T, "1", null);
        Pod onBusyNode2 = pod("p2", "node-1", "Running", T, 0, T, "2", null);
        Pod alone = pod("p3", "node-2", "Running", T, 0, T, "3", null);
        List<Pod> pods = List.of(alone, onBusyNode1, onBusyNode2);
        assertEquals(List.of("p1", "p2"), ActivePodsWithRanks.podsToDelete(pods, pods, 2, NOW).stream()
                .map(p -> p.metadata().name()).toList());
        assertEquals(3, ActivePodsWithRanks.podsToDelete(pods, pods, 3, NOW).size());
    }

    @Test
    void logBucketsAreFloorLog2OfNanoseconds() {
        assertEquals(-1, ActivePodsWithRanks.logBucket(NOW, NOW));
        assertEquals(0, ActivePodsWithRanks.logBucket(NOW.minusNanos(1), NOW));
        assertEquals(29, ActivePodsWithRanks.logBucket(NOW.minusSeconds(1), NOW), "1e9 ns is between 2^29 and 2^30");
    }
}
