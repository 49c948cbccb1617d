package io.ksim.node;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.ksim.api.core.Container;
import io.ksim.api.core.ContainerStatus;
import io.ksim.api.core.ExecAction;
import io.ksim.api.core.HTTPGetAction;
import io.ksim.api.core.Lifecycle;
import io.ksim.api.core.LifecycleHandler;
import io.ksim.api.core.Pod;
import io.ksim.api.core.PodPhase;
import io.ksim.api.core.PodSpec;
import io.ksim.api.core.SleepAction;
import io.ksim.api.meta.ObjectMeta;
import io.ksim.api.resource.IntOrString;
import io.ksim.apiserver.ApiException;
import io.ksim.apiserver.DeleteOptions;
import io.ksim.apiserver.registry.BuiltinResources;
import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * postStart and preStop hooks (upstream pkg/kubelet/kuberuntime/kuberuntime_container.go startContainer and
 * killContainer, pkg/kubelet/lifecycle/handlers.go).
 */
class LifecycleHookTest {

    private static final LifecycleHandler EXEC = new LifecycleHandler(new ExecAction(List.of("sh", "-c", "notify")),
            null, null, null);
    private static final LifecycleHandler HTTP = new LifecycleHandler(null,
            new HTTPGetAction("/hook", IntOrString.of(8080), null, null, null), null, null);

    private final TestCluster cluster = new TestCluster(17);

    private Pod create(String name, String node, String image, LifecycleHandler postStart, LifecycleHandler preStop,
            Long grace) {
        Container c = Container.builder().name(name.replaceAll("-\\d+$", "")).image(image)
                .lifecycle(new Lifecycle(postStart, preStop)).build();
        return cluster.api.create(BuiltinResources.PODS, "default", Pod.of(ObjectMeta.of("default", name),
                PodSpec.builder().containers(List.of(c)).nodeName(node).terminationGracePeriodSeconds(grace).build()));
    }

    /** hooked:1 pulls 1 s and starts at 2 s; its exec postStart takes 3 s: Running from 5 s, started at 2 s. */
    @Test
    void theContainerShowsRunningOnlyOnceItsPostStartHookIsDone() {
        create("hooked-1", "node-1", "hooked:1", EXEC, null, null);
        cluster.runUntil(4.9);
        assertEquals(PodPhase.PENDING, cluster.pod("hooked-1").status().phase());
        assertEquals("ContainerCreating", status("hooked-1").state().waiting().reason());
        assertTrue(cluster.eventMessages("hooked-1").contains("Started container hooked"));
        cluster.runUntil(5);
        assertEquals(PodPhase.RUNNING, cluster.pod("hooked-1").status().phase());
        assertEquals(at(2), status("hooked-1").state().running().startedAt());
    }

    @Test
    void aFailingPostStartHookKillsTheContainerWhichRestartsPerPolicy() {
        Pod pod = create("badhook-1", "node-1", "badhook:1", EXEC, null, null);
        cluster.runUntil(2);
        assertEquals(1, cluster.eventCount("badhook-1", "Exec lifecycle hook ([sh -c notify]) for Container "
                + "\"badhook\" in Pod \"badhook-1_default(" + pod.metadata().uid() + ")\" failed - error: command "
                + "'sh -c notify' exited with 1: , message: \"\""));
        assertEquals(1, cluster.eventCount("badhook-1", "FailedPostStartHook"));
        assertEquals(1, status("badhook-1").restartCount()); // killed at 2 s, restarted at once
        cluster.runUntil(3); // started again at 3 s, failed again: back-off 10 s
        assertEquals("CrashLoopBackOff", status("badhook-1").state().waiting().reason());
        cluster.runUntil(13);
        assertEquals(2, status("badhook-1").restartCount());
    }

    /** nginx is present on node-2 and runs from 0.5 s; a 5 s preStop sleep delays its exit after the deletion. */
    @Test
    void aPreStopSleepRunsBeforeSigterm() {
        create("web-1", "node-2", "nginx:1.25", null, new LifecycleHandler(null, null, null, new SleepAction(5)),
                null);
        cluster.runUntil(3);
        cluster.api.delete(BuiltinResources.PODS, "default", "web-1", DeleteOptions.defaults());
        cluster.runUntil(7.9);
        assertEquals("web-1", cluster.pod("web-1").metadata().name());
        cluster.runUntil(8);
        assertGone("web-1");
    }

    /**
     * stubborn:1 ignores SIGTERM. A 4 s preStop uses up 4 s of the 30 s grace period: SIGKILL 30 s after the
     * deletion all the same. slowstop:1's 40 s exec preStop is longer than its 10 s grace period: it is cut
     * off, and the container still gets the minimum 2 s after SIGTERM.
     */
    @Test
    void thePreStopHookRunsInsideTheGracePeriod() {
        create("stubborn-1", "node-1", "stubborn:1", null,
                new LifecycleHandler(null, null, null, new SleepAction(4)), null);
        // A sleep hook may not outlast the grace period (validation refuses it); an exec hook may.
        create("stubborn-2", "node-3", "slowstop:1", null, EXEC, 10L);
        cluster.runUntil(3);
        cluster.api.delete(BuiltinResources.PODS, "default", "stubborn-1", DeleteOptions.defaults());
        cluster.api.delete(BuiltinResources.PODS, "default", "stubborn-2", DeleteOptions.defaults());
        cluster.runUntil(14.9);
        assertEquals("stubborn-2", cluster.pod("stubborn-2").metadata().name());
        cluster.runUntil(15); // 3 + 10 (preStop cut at the grace period) + 2
        assertGone("stubborn-2");
        cluster.runUntil(32.9);
        assertEquals("stubborn-1", cluster.pod("stubborn-1").metadata().name());
        cluster.runUntil(33);
        assertGone("stubborn-1");
    }

    @Test
    void aFailingPreStopHookIsAWarningAndTheStopGoesOn() {
        Pod pod = create("badhook-1", "node-1", "badhook:1", null, HTTP, null);
        cluster.runUntil(3);
        cluster.api.delete(BuiltinResources.PODS, "default", "badhook-1", DeleteOptions.defaults());
        cluster.runUntil(3);
        assertGone("badhook-1");
        assertEquals(1, cluster.eventCount("badhook-1", "HTTP lifecycle hook (/hook) for Container \"badhook\" in Pod "
                + "\"badhook-1_default(" + pod.metadata().uid() + ")\" failed - error: Get "
                + "\"http://10.244.1.2:8080/hook\": dial tcp 10.244.1.2:8080: connect: connection refused"));
    }

    private void assertGone(String name) {
        ApiException e = assertThrows(ApiException.class, () -> cluster.pod(name));
        assertEquals(404, e.code());
    }

    private ContainerStatus status(String pod) {
        return cluster.pod(pod).status().containerStatuses().get(0);
    }

    private java.time.Instant at(double seconds) {
        return cluster.kernel.epoch().plusMillis(Math.round(seconds * 1000));
    }
}
