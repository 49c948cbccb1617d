package io.ksim.node;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.ksim.api.core.Node;
import io.ksim.api.core.Node.NodeCondition;
import io.ksim.apiserver.registry.BuiltinResources;
import java.time.Instant;
import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * The node status loop (upstream pkg/kubelet/kubelet_node_status.go): computed every 10 s
 * (nodeStatusUpdateFrequency), posted when it changed (nodeStatusHasChanged, heartbeats aside) or when
 * 5 minutes (nodeStatusReportFrequency) have passed since the last post.
 */
class NodeStatusUpdaterTest {

    private final TestCluster cluster = new TestCluster(8);

    @Test
    void anIdleNodePostsEveryFiveMinutes() {
        cluster.runUntil(299.9);
        assertEquals(at(0), heartbeat("node-3"));
        String rv = node("node-3").metadata().resourceVersion();
        cluster.runUntil(300);
        assertEquals(at(300), heartbeat("node-3"));
        assertFalse(rv.equals(node("node-3").metadata().resourceVersion()));
        assertEquals(at(0), node("node-3").status().condition(NodeCondition.READY).lastTransitionTime());
    }

    /** nginx is pulled on node-1 from 0 to 2 s: the 10 s turn posts the new image, the next report is 5 minutes later. */
    @Test
    void aChangePostsAtTheNextTenSecondTurn() {
        cluster.createPod("web-1", "node-1", "nginx:1.25", null);
        cluster.runUntil(9.9);
        assertTrue(node("node-1").status().images().isEmpty());
        cluster.runUntil(10);
        assertEquals(List.of("docker.io/library/nginx:1.25"), node("node-1").status().images().get(0).names());
        assertEquals(at(10), heartbeat("node-1"));
        String rv = node("node-1").metadata().resourceVersion();
        cluster.runUntil(309.9);
        assertEquals(rv, node("node-1").metadata().resourceVersion());
        cluster.runUntil(310);
        assertEquals(at(310), heartbeat("node-1"));
    }

    @Test
    void heartbeatsAloneAreNoChange() {
        Node node = node("node-2");
        NodeCondition ready = node.status().condition(NodeCondition.READY);
        NodeCondition later = new NodeCondition(ready.type(), ready.status(), at(99), ready.lastTransitionTime(),
                ready.reason(), ready.message());
        Node.NodeStatus beat = node.status().withConditions(List.of(later));
        assertFalse(NodeStatusUpdater.hasChanged(node.status().withConditions(List.of(ready)), beat));
        NodeCondition notReady = new NodeCondition(ready.type(), "False", at(99), at(99), "KubeletNotReady", "x");
        assertTrue(NodeStatusUpdater.hasChanged(beat, node.status().withConditions(List.of(notReady))));
    }

    private Node node(String name) {
        return cluster.api.get(BuiltinResources.NODES, null, name);
    }

    private Instant heartbeat(String name) {
        return node(name).status().condition(NodeCondition.READY).lastHeartbeatTime();
    }

    private Instant at(double seconds) {
        return cluster.kernel.epoch().plusMillis(Math.round(seconds * 1000));
    }
}
