package io.ksim.scheduler.cache;

import static io.ksim.scheduler.TestObjects.node;
import static org.junit.jupiter.api.Assertions.assertEquals;

import java.util.List;
import org.junit.jupiter.api.Test;

/** Round robin over zones, as upstream pkg/scheduler/internal/cache/node_tree_test.go expects. */
class NodeTreeTest {

    @Test
    void listsNodesRoundRobinAcrossZonesInArrivalOrder() {
        NodeTree t = new NodeTree();
        t.add(node("a1").zone("a").build());
        t.add(node("a2").zone("a").build());
        t.add(node("b1").zone("b").build());
        t.add(node("a3").zone("a").build());
        t.add(node("c1").zone("c").build());
        t.add(node("none").build());
        assertEquals(List.of("a1", "b1", "c1", "none", "a2", "a3"), t.list());
        t.remove(node("b1").zone("b").build());
        assertEquals(List.of("a1", "c1", "none", "a2", "a3"), t.list());
        t.update(node("a2").zone("a").build(), node("a2").zone("c").build());
        assertEquals(List.of("a1", "c1", "none", "a3", "a2"), t.list());
        t.add(node("a1").zone("a").build());
        assertEquals(5, t.size());
    }

    /** component-helpers GetZoneKey: deprecated failure-domain labels first, "" without region and zone. */
    @Test
    void zoneKeyReadsTheBetaLabelsFirstAndIsEmptyWithoutZoneOrRegion() {
        assertEquals("", NodeTree.zoneKey(node("n").build()));
        assertEquals("", NodeTree.zoneKey(node("n").label("topology.kubernetes.io/zone", "").build()));
        assertEquals(":\u0000:a", NodeTree.zoneKey(node("n").zone("a").build()));
        assertEquals("r1:\u0000:old", NodeTree.zoneKey(node("n").label("topology.kubernetes.io/zone", "a")
                .label("failure-domain.beta.kubernetes.io/zone", "old")
                .label("failure-domain.beta.kubernetes.io/region", "r1").build()));
        // present but empty, the beta label still wins
        assertEquals("r:\u0000:", NodeTree.zoneKey(node("n").label("topology.kubernetes.io/zone", "a")
                .label("failure-domain.beta.kubernetes.io/zone", "").label("topology.kubernetes.io/region", "r").build()));
    }

    /** Nodes labelled only with the beta zone label are grouped by it, so the list alternates those zones too. */
    @Test
    void nodesWithOnlyBetaZoneLabelsAreGroupedByThem() {
        NodeTree t = new NodeTree();
        t.add(node("a1").label("failure-domain.beta.kubernetes.io/zone", "a").build());
        t.add(node("a2").label("failure-domain.beta.kubernetes.io/zone", "a").build());
        t.add(node("b1").label("failure-domain.beta.kubernetes.io/zone", "b").build());
        assertEquals(List.of("a1", "b1", "a2"), t.list());
    }
}
