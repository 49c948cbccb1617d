package io.ksim.node;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.ksim.api.core.Container;
import io.ksim.api.core.ContainerStatus;
import io.ksim.api.core.Event;
import io.ksim.api.core.Pod;
import io.ksim.api.core.PodCondition;
import io.ksim.api.core.PodConditionType;
import io.ksim.api.core.PodConditions;
import io.ksim.api.core.PodPhase;
import io.ksim.api.core.PodSpec;
import io.ksim.api.core.Probe;
import io.ksim.api.core.RestartPolicy;
import io.ksim.api.meta.ObjectMeta;
import io.ksim.api.resource.IntOrString;
import io.ksim.apiserver.ApiException;
import io.ksim.apiserver.DeleteOptions;
import io.ksim.apiserver.registry.BuiltinResources;
import java.time.Instant;
import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * Init containers and sidecars (upstream pkg/kubelet/kuberuntime/kuberuntime_manager.go computePodActions,
 * pkg/kubelet/status/generate.go GeneratePodInitializedCondition, kubelet_pods.go getPhase,
 * kuberuntime_termination_order.go). Image times: job:1 and proxy:1 pull 1 s and start 1 s; job:1 exits 0
 * 5 s after its start; nginx:1.25 pulls 2 s and starts in 500 ms.
 */
class InitContainerTest {

    private final TestCluster cluster = new TestCluster(21);

    private static Container init(String name, String image) {
        return Container.builder().name(name).image(image).build();
    }

    private static Container sidecar(String name, String image, Probe startup) {
        return Container.builder().name(name).image(image).restartPolicy(RestartPolicy.ALWAYS).startupProbe(startup)
                .build();
    }

    private Pod create(String name, String node, String restartPolicy, List<Container> inits, Container app) {
        return cluster.api.create(BuiltinResources.PODS, "default", Pod.of(ObjectMeta.of("default", name),
                PodSpec.builder().initContainers(inits).containers(List.of(app)).nodeName(node)
                        .restartPolicy(restartPolicy).build()));
    }

    /** init-a runs 2..7, init-b 8..13 (its image is present by then), web pulls 13..15 and runs from 15.5. */
    @Test
    void initContainersRunOneAtATimeBeforeTheAppContainers() {
        create("web-1", "node-1", null, List.of(init("init-a", "job:1"), init("init-b", "job:1")),
                init("web", "nginx:1.25"));
        cluster.runUntil(1);
        Pod pod = cluster.pod("web-1");
        assertEquals(PodPhase.PENDING, pod.status().phase());
        assertInitialized(pod, "False", "ContainersNotInitialized", "containers with incomplete status: [init-a init-b]");
        assertEquals("PodInitializing", pod.status().initContainerStatuses().get(1).state().waiting().reason());
        assertEquals("PodInitializing", pod.status().containerStatuses().get(0).state().waiting().reason());
        cluster.runUntil(7);
        pod = cluster.pod("web-1");
        ContainerStatus initA = pod.status().initContainerStatuses().get(0);
        assertEquals("Completed", initA.state().terminated().reason());
        assertTrue(initA.ready());
        assertInitialized(pod, "False", "ContainersNotInitialized", "containers with incomplete status: [init-b]");
        cluster.runUntil(12.9);
        ContainerStatus initB = cluster.pod("web-1").status().initContainerStatuses().get(1);
        assertNotNull(initB.state().running());
        assertEquals(Boolean.TRUE, initB.started());
        assertEquals(false, initB.ready()); // ready only once completed
        cluster.runUntil(13);
        assertInitialized(cluster.pod("web-1"), "True", null, null);
        cluster.runUntil(15.4);
        assertEquals(PodPhase.PENDING, cluster.pod("web-1").status().phase());
        cluster.runUntil(15.5);
        assertEquals(PodPhase.RUNNING, cluster.pod("web-1").status().phase());
        assertTrue(PodConditions.isPodReady(cluster.pod("web-1")));
    }

    /** crasher:1 runs from 2 s and fails 3 s after each start: restarted at once at 5, after 10 s at 19. */
    @Test
    void aFailingInitContainerIsRestartedAndTheAppWaits() {
        create("web-1", "node-1", RestartPolicy.ALWAYS, List.of(init("setup", "crasher:1")), init("web", "nginx:1.25"));
        cluster.runUntil(5);
        assertEquals(1, cluster.pod("web-1").status().initContainerStatuses().get(0).restartCount());
        cluster.runUntil(18.9);
        assertEquals(1, cluster.pod("web-1").status().initContainerStatuses().get(0).restartCount());
        cluster.runUntil(19);
        assertEquals(2, cluster.pod("web-1").status().initContainerStatuses().get(0).restartCount());
        Pod pod = cluster.pod("web-1");
        assertEquals(PodPhase.PENDING, pod.status().phase());
        assertInitialized(pod, "False", "ContainersNotInitialized", "containers with incomplete status: [setup]");
        assertEquals("PodInitializing", pod.status().containerStatuses().get(0).state().waiting().reason());
    }

    @Test
    void underRestartPolicyNeverAFailedInitContainerFailsThePod() {
        create("web-1", "node-1", RestartPolicy.NEVER, List.of(init("setup", "crasher:1")), init("web", "nginx:1.25"));
        cluster.runUntil(4.9);
        assertEquals(PodPhase.PENDING, cluster.pod("web-1").status().phase());
        cluster.runUntil(5);
        assertEquals(PodPhase.FAILED, cluster.pod("web-1").status().phase());
        cluster.runUntil(60);
        assertEquals(0, cluster.pod("web-1").status().initContainerStatuses().get(0).restartCount());
    }

    /** proxy runs from 2 s and, without a startup probe, has started: setup pulls 2..3, runs 4..9; web from 11.5. */
    @Test
    void theNextInitContainerStartsOnceTheSidecarHasStarted() {
        create("web-1", "node-1", null, List.of(sidecar("proxy", "proxy:1", null), init("setup", "job:1")),
                init("web", "nginx:1.25"));
        cluster.runUntil(2);
        assertEquals(Boolean.TRUE, cluster.pod("web-1").status().initContainerStatuses().get(0).started());
        cluster.runUntil(4);
        assertNotNull(cluster.pod("web-1").status().initContainerStatuses().get(1).state().running());
        cluster.runUntil(11.5);
        Pod pod = cluster.pod("web-1");
        assertEquals(PodPhase.RUNNING, pod.status().phase());
        assertNotNull(pod.status().initContainerStatuses().get(0).state().running()); // the sidecar keeps running
        assertTrue(pod.status().initContainerStatuses().get(0).ready());
        assertTrue(PodConditions.isPodReady(pod));
    }

    /** slowstart:1 passes health checks 25 s after its start at 2 s: its startup probe passes at 32. */
    @Test
    void aSidecarWithAStartupProbeHoldsTheNextInitContainerUntilItPasses() {
        Probe startup = Probe.httpGet("/healthz", IntOrString.of(8080)).withTiming(null, null, null, null, 5);
        create("web-1", "node-1", null, List.of(sidecar("proxy", "slowstart:1", startup), init("setup", "job:1")),
                init("web", "nginx:1.25"));
        cluster.runUntil(31.9);
        Pod pod = cluster.pod("web-1");
        assertEquals(Boolean.FALSE, pod.status().initContainerStatuses().get(0).started());
        assertNull(pod.status().initContainerStatuses().get(1).state().running());
        assertInitialized(pod, "False", "ContainersNotInitialized", "containers with incomplete status: [proxy setup]");
        cluster.runUntil(32);
        assertEquals(Boolean.TRUE, cluster.pod("web-1").status().initContainerStatuses().get(0).started());
        cluster.runUntil(34); // setup: pulled 32..33, started 34
        assertNotNull(cluster.pod("web-1").status().initContainerStatuses().get(1).state().running());
    }

    /** stubborn:1 ignores SIGTERM: deleted at 20, it is killed at 50; only then is the sidecar stopped. */
    @Test
    void onDeletionSidecarsStopAfterTheAppContainers() {
        create("web-1", "node-1", null, List.of(sidecar("proxy", "proxy:1", null)), init("app", "stubborn:1"));
        cluster.runUntil(20);
        cluster.api.delete(BuiltinResources.PODS, "default", "web-1", DeleteOptions.defaults());
        cluster.runUntil(49.9);
        assertNotNull(cluster.pod("web-1").metadata().deletionTimestamp());
        cluster.runUntil(50);
        assertEquals(404, assertThrows(ApiException.class, () -> cluster.pod("web-1")).code());
        assertEquals(at(20), killingAt("Stopping container app"));
        assertEquals(at(50), killingAt("Stopping container proxy"));
    }

    /** A job pod with a sidecar: the app exits 0 at 9 s, the sidecar is stopped, the pod Succeeded. */
    @Test
    void aPodWhoseAppContainersAreDoneStopsItsSidecarsAndSucceeds() {
        create("job-1", "node-1", RestartPolicy.NEVER, List.of(sidecar("proxy", "proxy:1", null)), init("job", "job:1"));
        cluster.runUntil(8.9);
        assertEquals(PodPhase.RUNNING, cluster.pod("job-1").status().phase());
        cluster.runUntil(9);
        Pod pod = cluster.pod("job-1");
        assertEquals(PodPhase.SUCCEEDED, pod.status().phase());
        assertNotNull(pod.status().initContainerStatuses().get(0).state().terminated());
        assertEquals(0, pod.status().initContainerStatuses().get(0).restartCount());
        // The stopped sidecar no longer counts as started, so not "PodCompleted": an app container ran, so True.
        assertInitialized(pod, "True", null, null);
    }

    private void assertInitialized(Pod pod, String status, String reason, String message) {
        PodCondition c = PodConditions.getPodCondition(pod.status(), PodConditionType.INITIALIZED);
        assertEquals(status, c.status());
        assertEquals(reason, c.reason());
        assertEquals(message, c.message());
    }

    private Instant killingAt(String message) {
        return cluster.api.list(BuiltinResources.EVENTS, "default").items().stream()
                .filter(e -> e.message().equals(message)).map(Event::firstTimestamp).findFirst().orElse(null);
    }

    private Instant at(double seconds) {
        return cluster.kernel.epoch().plusMillis(Math.round(seconds * 1000));
    }
}
