package io.ksim.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.ksim.api.apps.ReplicaSet;
import io.ksim.api.core.Pod;
import io.ksim.apiserver.registry.BuiltinResources;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.stream.Collectors;
import org.junit.jupiter.api.Test;

class RolloutDemoTest {

    private static RolloutDemo play(long seed) {
        RolloutDemo demo = new RolloutDemo(seed);
        demo.play();
        return demo;
    }

    @Test
    void sameSeedPrintsTheSameBytes() {
        assertEquals(play(42).cluster().trace().format(), play(42).cluster().trace().format());
    }

    @Test
    void theRolloutEndsWithFourReadyPodsOfTheNewTemplateAndTwoRevisions() {
        RolloutDemo demo = play(42);
        List<Pod> pods = demo.cluster().pods("default");
        assertEquals(4, pods.size());
        for (Pod p : pods) {
            assertEquals("nginx:1.26", p.spec().containers().get(0).image());
            assertTrue(demo.cluster().isReady("default", p.metadata().name()), p.metadata().name());
        }
        Map<String, Integer> replicasByRevision = demo.cluster().api().list(BuiltinResources.REPLICA_SETS, "default")
                .items().stream().collect(Collectors.toMap(
                        (ReplicaSet rs) -> rs.metadata().annotations().get("deployment.kubernetes.io/revision"),
                        rs -> rs.spec().replicas(), (a, b) -> a, TreeMap::new));
        assertEquals(Map.of("1", 0, "2", 4), replicasByRevision);
    }

    /**
     * Replicas 4 with 25%/25%: maxSurge rounds up to 1, maxUnavailable down to 1, so at most 5 pods and at
     * least 3 available. Old RS is "old", the new one "new"; each step is what upstream's rolloutRolling does
     * from the state before it (reconcileNewReplicaSet, then reconcileOldReplicaSets with its
     * allPods - minAvailable - newUnavailable bound).
     */
    @Test
    void theTraceShowsUpstreamsScaleStepsForMaxSurgeAndMaxUnavailableOfOne() {
        String trace = play(42).cluster().trace().format();
        // Only the demo's Deployment: kube-system's coredns scales up too.
        List<String> steps = trace.lines().filter(l -> l.contains("ScalingReplicaSet") && l.contains("web-"))
                .map(l -> l.substring(l.indexOf("Scaled")).replace("web-79b847888f", "old")
                        .replace("web-5597fbd54", "new")).toList();
        assertEquals(List.of(
                "Scaled up replica set old from 0 to 4",
                "Scaled up replica set new from 0 to 1",     // 4 + 1 surge
                "Scaled down replica set old from 4 to 3",   // 5 pods - 3 available - 1 new unready
                "Scaled up replica set new from 1 to 2",     // room for one more within 5
                "Scaled down replica set old from 3 to 1",   // both new ready: 5 - 3 - 0
                "Scaled up replica set new from 2 to 4",
                "Scaled down replica set old from 1 to 0"),  // a third new ready: 5 - 3 - 1
                steps);
    }
}
