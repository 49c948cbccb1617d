package io.ksim.node;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.ksim.api.core.Container;
import io.ksim.api.core.Event;
import io.ksim.api.core.Pod;
import io.ksim.api.core.PodPhase;
import io.ksim.api.core.RestartPolicy;
import io.ksim.api.meta.ObjectMeta;
import io.ksim.apiserver.registry.BuiltinResources;
import java.util.List;
import java.util.stream.Collectors;
import org.junit.jupiter.api.Test;

class KubeletFaultsAndPullsTest {

    private final TestCluster cluster = new TestCluster(1);

    @Test
    void pullsOnOneNodeAreSerialized() {
        cluster.createPod("a-1", "node-1", "nginx:1.25", null);
        cluster.createPod("b-1", "node-1", "job:1", RestartPolicy.NEVER);
        cluster.runUntil(3);
        // nginx pulls 0..2 s; job waits for it, then pulls 2..3 s.
        assertTrue(messages("b-1").contains(
                "Successfully pulled image \"job:1\" in 1s (3s including waiting). Image size: 10485760 bytes."));
    }

    @Test
    void alwaysPullsAnImageAlreadyPresent() {
        Container c = Container.builder().name("web").image("nginx:1.25").imagePullPolicy("Always").build();
        Pod pod = Pod.of(ObjectMeta.of("default", "always-1"),
                io.ksim.api.core.PodSpec.builder().containers(List.of(c)).nodeName("node-2").build());
        cluster.api.create(BuiltinResources.PODS, "default", pod);
        cluster.runUntil(2.4);
        assertEquals(PodPhase.PENDING, cluster.pod("always-1").status().phase());
        cluster.runUntil(2.5);
        assertEquals(PodPhase.RUNNING, cluster.pod("always-1").status().phase());
        assertEquals("Pulling image \"nginx:1.25\"", messages("always-1").get(0));
    }

    @Test
    void containersRunOnWhileTheKubeletIsStoppedAndItCatchesUpOnStart() {
        cluster.createPod("job-1", "node-3", "job:1", RestartPolicy.NEVER);
        cluster.runUntil(3);
        cluster.kubelet(3).stop();
        cluster.runUntil(20); // the job exited at 7 s, unreported
        assertEquals(PodPhase.RUNNING, cluster.pod("job-1").status().phase());
        cluster.kubelet(3).start();
        cluster.runUntil(20);
        assertEquals(PodPhase.SUCCEEDED, cluster.pod("job-1").status().phase());
        assertEquals(cluster.kernel.epoch().plusSeconds(7),
                cluster.pod("job-1").status().containerStatuses().get(0).state().terminated().finishedAt());
    }

    @Test
    void aBackOffThatFellDueWhileStoppedRestartsOnStart() {
        cluster.createPod("crash-1", "node-1", "crasher:1", null);
        cluster.runUntil(9); // crashes at 5 s (restarted at once) and 9 s (back-off 10 s)
        cluster.kubelet(1).stop();
        cluster.runUntil(30);
        assertEquals(1, cluster.pod("crash-1").status().containerStatuses().get(0).restartCount());
        cluster.kubelet(1).start();
        cluster.runUntil(30);
        assertEquals(2, cluster.pod("crash-1").status().containerStatuses().get(0).restartCount());
    }

    private List<String> messages(String pod) {
        return cluster.api.list(BuiltinResources.EVENTS, "default").items().stream()
                .filter(e -> e.involvedObject().name().equals(pod))
                .sorted(java.util.Comparator.comparing(Event::firstTimestamp))
                .map(Event::message).collect(Collectors.toList());
    }
}
