package io.ksim.node;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.ksim.api.core.Container;
import io.ksim.api.core.ContainerStatus;
import io.ksim.api.core.Pod;
import io.ksim.api.core.PodConditions;
import io.ksim.api.core.PodPhase;
import io.ksim.api.core.PodSpec;
import io.ksim.api.core.Probe;
import io.ksim.api.core.RestartPolicy;
import io.ksim.api.meta.ObjectMeta;
import io.ksim.api.resource.IntOrString;
import io.ksim.apiserver.registry.BuiltinResources;
import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * Readiness, liveness and startup probes on virtual time, with upstream's worker semantics
 * (pkg/kubelet/prober/worker.go doProbe) and kill texts (pkg/kubelet/kuberuntime/kuberuntime_manager.go).
 */
class ContainerProbeTest {

    private final TestCluster cluster = new TestCluster(3);

    private static final Probe HTTP = Probe.httpGet("/healthz", IntOrString.of(8080));

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
        assertEquals(1, cluster.eventCount("web-1", "Readiness probe failed: dial tcp 10.244.2.2:80: "
                + "connect: connection refused"));
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

    /**
     * sick:1 pulls 1 s and starts 1 s after creation; its health checks fail from 30 s after each start.
     * Probe ticks every 10 s from the start; the third failure in a row kills it, and it restarts with the
     * CrashLoopBackOff: at once the first time, then 10 s, then 20 s after the kill.
     * <pre>
     * run 1: started 2     failures at 32, 42, 52   killed 52, restarted at once (restartCount 1)
     * run 2: started 53    failures at 83, 93, 103  killed 103, back-off 10 s -> restarted 113 (2)
     * run 3: started 114   failures at 144,154,164  killed 164, back-off 20 s -> restarted 184 (3)
     * </pre>
     */
    @Test
    void failingLivenessProbeKillsAndRestartsWithBackOff() {
        cluster.createProbedPod("sick-1", "node-1", "sick:1", null, null, HTTP, null);
        double[][] restartsAt = {{51.9, 0}, {52, 1}, {112.9, 1}, {113, 2}, {183.9, 2}, {184, 3}};
        for (double[] step : restartsAt) {
            cluster.runUntil(step[0]);
            assertEquals((int) step[1], status("sick-1").restartCount(), "restartCount at " + step[0] + " s");
        }
        cluster.runUntil(185);
        assertEquals(cluster.kernel.epoch().plusSeconds(185), status("sick-1").state().running().startedAt());
        assertEquals(cluster.kernel.epoch().plusSeconds(164), status("sick-1").lastState().terminated().finishedAt());
        assertEquals(9, cluster.eventCount("sick-1", "Liveness probe failed: HTTP probe failed with statuscode: 500"));
        assertEquals(3, cluster.eventCount("sick-1", "Container sick failed liveness probe, will be restarted"));
        assertTrue(PodConditions.isPodReady(cluster.pod("sick-1"))); // no readiness probe: ready while started
    }

    @Test
    void aKilledContainerWaitsOutItsBackOffInCrashLoopBackOff() {
        Pod pod = cluster.createProbedPod("sick-1", "node-1", "sick:1", null, null, HTTP, null);
        cluster.runUntil(103);
        ContainerStatus waiting = status("sick-1");
        assertEquals("CrashLoopBackOff", waiting.state().waiting().reason());
        assertEquals("back-off 10s restarting failed container=sick pod=sick-1_default(" + pod.metadata().uid() + ")",
                waiting.state().waiting().message());
        assertEquals(0, waiting.lastState().terminated().exitCode());
        assertFalse(waiting.ready());
        assertEquals(PodPhase.RUNNING, cluster.pod("sick-1").status().phase());
    }

    @Test
    void underRestartPolicyNeverALivenessKillIsFinal() {
        cluster.createProbedPod("sick-1", "node-1", "sick:1", RestartPolicy.NEVER, null, HTTP, null);
        cluster.runUntil(300);
        assertEquals(0, status("sick-1").restartCount());
        assertNotNull(status("sick-1").state().terminated());
        assertEquals(1, cluster.eventCount("sick-1", "Container sick failed liveness probe"));
    }

    /**
     * slowstart:1 runs from 2 s and passes health checks from 25 s after its start. The startup probe (every
     * 10 s, 5 failures allowed) fails at 2, 12, 22 and passes at 32: only then is the container started and,
     * having no readiness probe, ready; the liveness probe does not run before.
     */
    @Test
    void startupProbeGatesLivenessAndReadiness() {
        Probe startup = HTTP.withTiming(null, null, null, null, 5);
        cluster.createProbedPod("slowstart-1", "node-1", "slowstart:1", null, startup, HTTP, null);
        cluster.runUntil(31.9);
        assertEquals(Boolean.FALSE, status("slowstart-1").started());
        assertFalse(status("slowstart-1").ready());
        assertEquals(PodPhase.RUNNING, cluster.pod("slowstart-1").status().phase());
        cluster.runUntil(32);
        assertEquals(Boolean.TRUE, status("slowstart-1").started());
        assertTrue(status("slowstart-1").ready());
        assertEquals(3, cluster.eventCount("slowstart-1", "Startup probe failed: HTTP probe failed with statuscode: 500"));
        cluster.runUntil(200);
        assertEquals(0, status("slowstart-1").restartCount());
        assertTrue(cluster.eventMessages("slowstart-1").stream().noneMatch(m -> m.startsWith("Liveness")));
    }

    @Test
    void startupProbeFailingItsThresholdKillsTheContainer() {
        Probe startup = HTTP.withTiming(null, null, null, null, 2);
        cluster.createProbedPod("slowstart-1", "node-1", "slowstart:1", null, startup, null, null);
        cluster.runUntil(11.9);
        assertEquals(0, status("slowstart-1").restartCount());
        cluster.runUntil(12); // failures at 2 and 12
        assertEquals(1, status("slowstart-1").restartCount());
        assertEquals(1, cluster.eventCount("slowstart-1", "Container slowstart failed startup probe, will be restarted"));
    }

    /** laggy:1 answers probes in 2 s: with the default 1 s timeout each probe times out 1 s after its tick. */
    @Test
    void aResponseSlowerThanTheTimeoutFails() {
        Probe tcp = Probe.tcpSocket(IntOrString.of(8080));
        cluster.createProbedPod("laggy-1", "node-1", "laggy:1", null, null, tcp, null);
        cluster.runUntil(22.9); // ticks at 2, 12, 22; failures recorded at 3, 13, 23
        assertEquals(0, status("laggy-1").restartCount());
        assertEquals(2, cluster.eventCount("laggy-1", "Liveness probe failed: dial tcp 10.244.1.2:8080: i/o timeout"));
        cluster.runUntil(23);
        assertEquals(1, status("laggy-1").restartCount());
        assertEquals(cluster.kernel.epoch().plusSeconds(23), status("laggy-1").lastState().terminated().finishedAt());
    }

    @Test
    void aTimeoutLongerThanTheResponseIsNoFailure() {
        Probe tcp = Probe.tcpSocket(IntOrString.of(8080)).withTiming(null, 3, null, null, null);
        cluster.createProbedPod("laggy-1", "node-1", "laggy:1", null, null, tcp, null);
        cluster.runUntil(120);
        assertEquals(0, status("laggy-1").restartCount());
        assertTrue(cluster.eventMessages("laggy-1").stream().noneMatch(m -> m.contains("probe failed")));
    }

    @Test
    void readinessFailsOnceTheApplicationTurnsUnhealthy() {
        Probe readiness = Probe.exec("cat", "/tmp/healthy");
        cluster.createProbedPod("sick-1", "node-1", "sick:1", null, null, null, readiness);
        cluster.runUntil(12);
        assertTrue(PodConditions.isPodReady(cluster.pod("sick-1")));
        cluster.runUntil(51.9); // failures at 32, 42, 52
        assertTrue(PodConditions.isPodReady(cluster.pod("sick-1")));
        cluster.runUntil(52);
        assertFalse(PodConditions.isPodReady(cluster.pod("sick-1")));
        assertEquals(0, status("sick-1").restartCount()); // readiness never kills
        assertEquals(3, cluster.eventCount("sick-1", "Readiness probe failed: "));
    }

    /**
     * The probes are the kubelet's: while it is stopped nothing is probed, so nothing is killed, and a
     * restarted kubelet counts afresh (its probe workers are new).
     */
    @Test
    void aStoppedKubeletProbesNothing() {
        cluster.createProbedPod("sick-1", "node-1", "sick:1", null, null, HTTP, null);
        cluster.runUntil(40); // failures at 32 (and 42, 52 were it running)
        cluster.kubelet(1).stop();
        cluster.runUntil(100);
        cluster.kubelet(1).start();
        cluster.runUntil(100);
        assertEquals(0, status("sick-1").restartCount());
        cluster.runUntil(121.9); // failures at 102, 112, 122: the one at 32 is forgotten
        assertEquals(0, status("sick-1").restartCount());
        cluster.runUntil(122);
        assertEquals(1, status("sick-1").restartCount());
    }

    /** During a network partition the kubelet still probes and kills: only its writes are cut off. */
    @Test
    void aPartitionedKubeletStillKillsAnUnhealthyContainer() {
        cluster.createProbedPod("sick-1", "node-1", "sick:1", null, null, HTTP, null);
        cluster.runUntil(40);
        cluster.kubelet(1).partition();
        cluster.runUntil(60);
        cluster.kubelet(1).healPartition();
        cluster.runUntil(60);
        assertEquals(1, status("sick-1").restartCount()); // killed at 52 while cut off
    }

    private ContainerStatus status(String pod) {
        return cluster.pod(pod).status().containerStatuses().get(0);
    }
}
