package io.ksim.cluster;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.ksim.api.core.Node;
import io.ksim.api.core.Node.NodeCondition;
import io.ksim.apiserver.registry.BuiltinResources;
import io.ksim.controller.nodelifecycle.NodeLifecycleController;
import io.ksim.controller.nodelifecycle.ZoneState;
import java.time.Duration;
import java.util.Map;
import org.junit.jupiter.api.Test;

/**
 * Every node of the only zone goes silent: upstream's node lifecycle controller takes that for its own
 * network failing (handleDisruption, "all zones are fully disrupted") and stops taint-based eviction: nodes go
 * Unknown with the NoSchedule taint but no NoExecute taint, and no pod is deleted.
 */
class FullDisruptionTest {

    @Test
    void whenEveryZoneIsDownNothingIsEvicted() {
        Cluster c = Cluster.builder().seed(3).nodes(3, n -> n.cpu("4").memory("8Gi"))
                .image("nginx:1.25 size=20Mi start=500ms ready=1s").build();
        c.create(NodeFailoverTest.WEB);
        assertTrue(c.runUntil(() -> c.pods("default").stream().filter(p -> c.isReady("default", p.metadata().name()))
                .count() == 6, Duration.ofMinutes(2)));
        c.nodeNames().forEach(c::powerOff);
        c.advance(Duration.ofMinutes(8));
        for (Node n : c.nodes()) {
            assertEquals("Unknown", n.status().condition(NodeCondition.READY).status());
            assertTrue(n.spec().taints().stream().anyMatch(t -> t.key().equals("node.kubernetes.io/unreachable")
                    && t.effect().equals("NoSchedule")));
            assertFalse(n.spec().taints().stream().anyMatch(t -> t.effect().equals("NoExecute")), n.toString());
        }
        assertTrue(c.pods("default").stream().noneMatch(p -> p.metadata().isBeingDeleted()));
        NodeLifecycleController nlc = (NodeLifecycleController) c.controllerManager().manager()
                .controller(NodeLifecycleController.NAME);
        assertEquals(Map.of("", ZoneState.FULL_DISRUPTION), nlc.zoneStates());

        c.nodeNames().forEach(c::powerOn);
        assertTrue(c.runUntil(() -> c.nodes().stream().allMatch(n -> n.status().condition(NodeCondition.READY).isTrue()
                && n.spec().taints().isEmpty()), Duration.ofMinutes(2)));
        c.advance(Duration.ofSeconds(10));
        assertEquals(Map.of("", ZoneState.NORMAL), nlc.zoneStates());
        assertEquals(6, c.api().list(BuiltinResources.PODS, "default").items().size());
    }
}
