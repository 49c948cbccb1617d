package io.ksim.scheduler;

import static io.ksim.scheduler.TestObjects.pod;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.ksim.api.core.Container;
import io.ksim.api.core.Pod;
import io.ksim.api.core.PodPhase;
import io.ksim.apiserver.registry.BuiltinResources;
import io.ksim.node.ImageCatalog;
import io.ksim.node.Kubelet;
import io.ksim.node.NodeConfig;
import java.time.Duration;
import org.junit.jupiter.api.Test;

/** End to end with sim-core's kubelets: they register nodes, the scheduler binds, the kubelet runs the pod. */
class SchedulerWithKubeletsTest {

    private static final ImageCatalog CATALOG = ImageCatalog.builder()
            .image("nginx:1.25 size=20Mi start=500ms ready=2s").build();

    @Test
    void boundPodRunsOnItsNode() {
        SchedulerFixture f = new SchedulerFixture(7);
        for (int i = 1; i <= 3; i++) {
            NodeConfig.Builder b = NodeConfig.builder("node-" + i).zone("zone-" + (char) ('a' + i - 1))
                    .podCIDR("10.244." + i + ".0/24").internalIP("172.18.0." + (i + 1));
            if (i == 2) {
                b.presentImage("nginx:1.25");
            }
            new Kubelet(f.kernel, f.api, b.build(), CATALOG).start();
        }
        f.kernel.advance(Duration.ofSeconds(1));
        Pod web = pod("web-1").container(Container.of("web", "nginx:1.25")).build();
        f.addPod(web);
        f.kernel.advance(Duration.ofSeconds(5));
        Pod p = f.pod("web-1");
        assertNotEquals(null, p.spec().nodeName());
        assertEquals(PodPhase.RUNNING, p.status().phase());
        SchedulingDecision d = f.scheduler.explain("default", "web-1").orElseThrow();
        assertEquals(3, d.nodes().size());
        assertTrue(d.nodes().stream().allMatch(NodeVerdict::feasible));
        assertEquals(1, f.api.list(BuiltinResources.EVENTS, "default").items().stream()
                .filter(e -> "Scheduled".equals(e.reason())).count());
    }

    @Test
    void preemptedPodIsKilledGracefullyAndThePreemptorRuns() {
        SchedulerFixture f = new SchedulerFixture(7);
        f.api.create(BuiltinResources.PRIORITY_CLASSES, null, new io.ksim.api.scheduling.PriorityClass(null, null,
                io.ksim.api.meta.ObjectMeta.of(null, "high"), 1000, null, null, null));
        new Kubelet(f.kernel, f.api, NodeConfig.builder("node-1").cpu("1").memory("4Gi").podCIDR("10.244.1.0/24")
                .internalIP("172.18.0.2").presentImage("nginx:1.25").build(), CATALOG).start();
        f.kernel.advance(Duration.ofSeconds(1));
        f.addPod(pod("low").container(Container.builder().name("web").image("nginx:1.25").resources(
                io.ksim.api.core.ResourceRequirements.of(null, java.util.Map.of("cpu",
                        io.ksim.api.resource.Quantity.parse("800m")))).build()).build());
        f.kernel.advance(Duration.ofSeconds(5));
        assertEquals(PodPhase.RUNNING, f.pod("low").status().phase());
        f.addPod(pod("high").container(Container.builder().name("web").image("nginx:1.25").resources(
                io.ksim.api.core.ResourceRequirements.of(null, java.util.Map.of("cpu",
                        io.ksim.api.resource.Quantity.parse("800m")))).build())
                .spec(b -> b.priorityClassName("high")).build());
        f.kernel.advance(Duration.ofSeconds(1));
        assertEquals("node-1", f.pod("high").status().nominatedNodeName());
        f.kernel.advance(Duration.ofSeconds(60));
        assertTrue(f.api.list(BuiltinResources.PODS, "default").items().stream()
                .noneMatch(p -> p.metadata().name().equals("low")), "the victim is gone after its grace period");
        assertEquals("node-1", f.pod("high").spec().nodeName());
        assertEquals(PodPhase.RUNNING, f.pod("high").status().phase());
        assertEquals(1, f.api.list(BuiltinResources.EVENTS, "default").items().stream()
                .filter(e -> "Preempted".equals(e.reason())).count());
    }
}
