package io.ksim.controller;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotSame;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.ksim.api.apps.ReplicaSet;
import io.ksim.api.apps.ReplicaSet.ReplicaSetSpec;
import io.ksim.api.meta.LabelSelector;
import io.ksim.api.meta.ObjectMeta;
import io.ksim.apiserver.registry.BuiltinResources;
import io.ksim.controller.replicaset.ReplicaSetController;
import io.ksim.kernel.TraceEvent;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class ControllerManagerTest {

    private final TestCluster cluster = new TestCluster(9, 2);

    private void createRs(int replicas) {
        Map<String, String> labels = Map.of("app", "web");
        cluster.api.create(BuiltinResources.REPLICA_SETS, "default", new ReplicaSet(ObjectMeta.of("default", "web"),
                new ReplicaSetSpec(replicas, null, LabelSelector.matchLabels(labels),
                        TestCluster.template(labels, "nginx:1.25"))));
    }

    @Test
    void crashAndRestartAsFaultsOnTheVirtualClock() {
        Controller first = cluster.manager.controller(ReplicaSetController.NAME);
        cluster.kernel.injectFault(Duration.ofSeconds(5), cluster.manager.crashFault(ReplicaSetController.NAME));
        cluster.kernel.injectFault(Duration.ofSeconds(20), cluster.manager.startFault(ReplicaSetController.NAME));
        cluster.run(6);
        assertNull(cluster.manager.controller(ReplicaSetController.NAME));
        createRs(2);
        cluster.run(10);
        assertEquals(0, cluster.pods("default").size(), "no ReplicaSet controller between 5 s and 20 s");
        cluster.run(10);
        Controller second = cluster.manager.controller(ReplicaSetController.NAME);
        assertNotSame(first, second);
        assertTrue(second.isRunning());
        assertEquals(2, cluster.pods("default").size());
        List<String> kinds = cluster.kernel.trace().events().stream().map(TraceEvent::kind)
                .filter(k -> k.startsWith("Controller")).toList();
        assertEquals(List.of("ControllerStarted", "ControllerStarted", "ControllerCrashed", "ControllerStarted"), kinds);
    }

    @Test
    void stopEndsTheControllerAndUnknownNamesAreRefused() {
        cluster.manager.stop(ReplicaSetController.NAME);
        createRs(1);
        cluster.run(5);
        assertEquals(0, cluster.pods("default").size());
        assertThrows(IllegalArgumentException.class, () -> cluster.manager.start("no-such-controller"));
        assertThrows(IllegalArgumentException.class,
                () -> cluster.manager.register(ReplicaSetController.NAME, ReplicaSetController::new));
        cluster.manager.restart(ReplicaSetController.NAME);
        cluster.run(5);
        assertEquals(1, cluster.pods("default").size());
    }
}
