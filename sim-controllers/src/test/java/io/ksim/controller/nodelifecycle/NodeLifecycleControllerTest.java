package io.ksim.controller.nodelifecycle;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.ksim.api.core.Node;
import io.ksim.api.core.Node.NodeCondition;
import io.ksim.api.core.Taint;
import io.ksim.apiserver.registry.BuiltinResources;
import io.ksim.controller.TestCluster;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * Upstream pkg/controller/nodelifecycle/node_lifecycle_controller_test.go (TestMonitorNodeHealthUpdateStatus,
 * TestSwapUnreachableNotReadyTaints, TestTaintsNodeByCondition): a node reporting Ready=False gets the
 * not-ready taints, which swap to unreachable once it also stops heartbeating; a cordoned node gets the
 * unschedulable taint.
 */
class NodeLifecycleControllerTest {

    private final TestCluster cluster = new TestCluster(9, 2);

    NodeLifecycleControllerTest() {
        cluster.manager.register(NodeLifecycleController.NAME, NodeLifecycleController::new);
        cluster.manager.start(NodeLifecycleController.NAME);
    }

    private Node node(String name) {
        return cluster.api.get(BuiltinResources.NODES, null, name);
    }

    private Taint taint(String node, String key, String effect) {
        return node(node).spec().taints().stream().filter(t -> t.key().equals(key) && t.effect().equals(effect))
                .findFirst().orElse(null);
    }

    private void reportNotReady(String name) {
        Node n = node(name);
        List<NodeCondition> conditions = new ArrayList<>();
        for (NodeCondition c : n.status().conditions()) {
            conditions.add(c.type().equals(NodeCondition.READY) ? new NodeCondition(c.type(), "False",
                    cluster.kernel.instant(), cluster.kernel.instant(), "KubeletNotReady", "container runtime is down")
                    : c);
        }
        cluster.api.updateStatus(BuiltinResources.NODES, n.withStatus(n.status().withConditions(conditions)));
    }

    @Test
    void notReadyTaintsThenSwapToUnreachableWhenHeartbeatsStop() {
        cluster.run(20);
        cluster.kubelets.get(0).stop();
        reportNotReady("node-1");
        cluster.run(6);
        assertNotNull(taint("node-1", NodeTaints.NOT_READY, "NoSchedule"));
        Taint notReady = taint("node-1", NodeTaints.NOT_READY, "NoExecute");
        assertNotNull(notReady);
        assertNotNull(notReady.timeAdded());
        cluster.run(60);
        NodeCondition ready = node("node-1").status().condition(NodeCondition.READY);
        assertEquals("Unknown", ready.status());
        assertEquals("NodeStatusUnknown", ready.reason());
        assertNull(taint("node-1", NodeTaints.NOT_READY, "NoExecute"));
        assertNotNull(taint("node-1", NodeTaints.UNREACHABLE, "NoExecute"));
        assertNotNull(taint("node-1", NodeTaints.UNREACHABLE, "NoSchedule"));
        assertNull(taint("node-1", NodeTaints.NOT_READY, "NoSchedule"));
        assertTrue(node("node-2").spec().taints().isEmpty(), "the healthy node is left alone");

        cluster.kubelets.get(0).start();
        cluster.run(15);
        assertTrue(node("node-1").spec().taints().isEmpty(), node("node-1").spec().taints().toString());
    }

    @Test
    void registeredAndRemovedNodesAreAnnounced() {
        cluster.run(6);
        List<String> messages = new ArrayList<>();
        cluster.api.list(BuiltinResources.EVENTS, "default").items().forEach(e -> messages.add(e.reason() + ": "
                + e.message()));
        assertTrue(messages.contains("RegisteredNode: Registered Node node-1 in Controller"), messages.toString());
        assertTrue(messages.contains("RegisteredNode: Registered Node node-2 in Controller"), messages.toString());
        cluster.kubelets.get(1).stop();
        cluster.api.delete(BuiltinResources.NODES, null, "node-2", io.ksim.apiserver.DeleteOptions.defaults());
        cluster.run(1);
        assertTrue(cluster.api.list(BuiltinResources.EVENTS, "default").items().stream()
                .anyMatch(e -> e.message().equals("Removing Node node-2 from Controller")));
    }

    @Test
    void aCordonedNodeGetsTheUnschedulableTaint() {
        cluster.run(5);
        Node n = node("node-2");
        cluster.api.update(BuiltinResources.NODES, n.withSpec(n.spec().withUnschedulable(true)));
        cluster.run(1);
        assertNotNull(taint("node-2", NodeTaints.UNSCHEDULABLE, "NoSchedule"));
        n = node("node-2");
        cluster.api.update(BuiltinResources.NODES, n.withSpec(n.spec().withUnschedulable(null)));
        cluster.run(1);
        assertFalse(node("node-2").spec().taints().stream().anyMatch(t -> t.key().equals(NodeTaints.UNSCHEDULABLE)));
    }
}
