package io.ksim.node;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.ksim.api.core.Container;
import io.ksim.api.core.Pod;
import io.ksim.api.core.PodConditions;
import io.ksim.api.core.PodSpec;
import io.ksim.api.core.Probe;
import io.ksim.api.meta.ObjectMeta;
import io.ksim.api.resource.IntOrString;
import io.ksim.apiserver.registry.BuiltinResources;
import java.util.List;
import org.junit.jupiter.api.Test;

class ReadinessProbeTest {

    private final TestCluster cluster = new TestCluster(3);

    private void createProbed(String name, String image, Integer initialDelay, Integer period, Integer successes) {
        Probe p = Probe.tcpSocket(IntOrString.of(80));
        Probe probe = new Probe(p.exec(), p.httpGet(), p.tcpSocket(), p.grpc(), initialDelay, null, period, successes,
                null, null);
        Container c = Container.builder().name("web").image(image).readinessProbe(probe).build();
        cluster.api.create(BuiltinResources.PODS, "default", Pod.of(ObjectMeta.of("default", name),
                PodSpec.builder().containers(List.of(c)).nodeName("node-2").build()));
    }

    @Test
    void probeTicksFromTheStartAndWaitsTheInitialDelay() {
        // nginx is present on node-2: starts at 0.5 s, the application is ready from 2.5 s.
        createProbed("web-1", "nginx:1.25", 5, 10, null);
        cluster.runUntil(10.4); // tick at 0.5 s skipped: before the initial delay
        assertFalse(PodConditions.isPodReady(cluster.pod("web-1")));
        cluster.runUntil(10.5);
        assertTrue(PodConditions.isPodReady(cluster.pod("web-1")));
        assertEquals(cluster.kernel.epoch().plusMillis(10_500),
                PodConditions.getPodReadyCondition(cluster.pod("web-1").status()).lastTransitionTime());
    }

    @Test
    void successThresholdNeedsConsecutiveSuccesses() {
        createProbed("web-1", "nginx:1.25", null, 2, 3);
        // ticks at 0.5, 2.5, 4.5, 6.5 ...: failures until 2.5 s, then successes at 2.5, 4.5, 6.5
        cluster.runUntil(6.4);
        assertFalse(PodConditions.isPodReady(cluster.pod("web-1")));
        cluster.runUntil(6.5);
        assertTrue(PodConditions.isPodReady(cluster.pod("web-1")));
    }

    @Test
    void neverReadyApplicationStaysUnready() {
        createProbed("slow-1", "slowpoke:1", null, null, null);
        cluster.runUntil(120);
        assertFalse(PodConditions.isPodReady(cluster.pod("slow-1")));
        assertEquals("Running", cluster.pod("slow-1").status().phase());
    }
}
