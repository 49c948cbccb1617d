package io.ksim.apiserver.printers;

import static org.junit.jupiter.api.Assertions.assertEquals;

import io.ksim.api.core.Container;
import io.ksim.api.core.ContainerState;
import io.ksim.api.core.ContainerStateTerminated;
import io.ksim.api.core.ContainerStatus;
import io.ksim.api.core.Pod;
import io.ksim.api.core.PodCondition;
import io.ksim.api.core.PodIP;
import io.ksim.api.core.PodReadinessGate;
import io.ksim.api.core.PodSpec;
import io.ksim.api.core.PodStatus;
import io.ksim.api.core.PodTemplate;
import io.ksim.api.core.PodTemplateSpec;
import io.ksim.api.meta.ObjectMeta;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** The pod printer against upstream's printPod vectors (printers_test.go), with ksim's kubelet reasons. */
class PodPrinterTest {

    static final Instant NOW = Instant.parse("2025-01-01T12:00:00Z");

    @Test
    void columnsAreUpstreams() {
        Table t = ServerPrinters.defaults().toTable(Pod.class, List.of(), NOW);
        assertEquals(List.of("Name", "Ready", "Status", "Restarts", "Age", "IP", "Node", "Nominated Node", "Readiness Gates"),
                t.columns().stream().map(Table.Column::name).toList());
        assertEquals(List.of(0, 0, 0, 0, 0, 1, 1, 1, 1), t.columns().stream().map(Table.Column::priority).toList());
        assertEquals("name", t.columns().get(0).format());
    }

    @Test
    void containerCountsRestartsAndReasons() {
        // Name, number of containers, restarts, ready containers.
        assertRow("test1", "1/2", "podPhase", "6", pod("test1", spec(2), status("podPhase", null,
                cs(true, 3, running()), cs(false, 3, ContainerState.NONE))));
        // A waiting container's reason overrides the phase.
        assertRow("test2", "1/2", "ContainerWaitingReason", "6", pod("test2", spec(2), status("podPhase", null,
                cs(true, 3, running()), cs(false, 3, waiting("ContainerWaitingReason")))));
        // The first container in spec order has the last word.
        assertRow("test3", "0/2", "ContainerWaitingReason", "6", pod("test3", spec(2), status("podPhase", null,
                cs(false, 3, waiting("ContainerWaitingReason")), cs(false, 3, terminated(0, "ContainerTerminatedReason")))));
        // Ready without running is not enough.
        assertRow("test4", "1/2", "podPhase", "6", pod("test4", spec(2), status("podPhase", null,
                cs(true, 3, running()), cs(true, 3, ContainerState.NONE))));
        // The pod's reason wins over its phase.
        assertRow("test5", "1/2", "podReason", "6", pod("test5", spec(2), status("podPhase", "podReason",
                cs(true, 3, running()), cs(true, 3, ContainerState.NONE))));
    }

    @Test
    void completedContainerBesideARunningOne() {
        PodStatus noReady = status("Running", null, cs(true, 3, terminated(0, "Completed")), cs(true, 3, running()));
        assertRow("test6", "1/2", "NotReady", "6", pod("test6", spec(2), noReady));
        PodStatus ready = noReady.toBuilder().conditions(List.of(PodCondition.of("Ready", "True", null))).build();
        assertRow("test6", "1/2", "Running", "6", pod("test6", spec(2), ready));
    }

    @Test
    void initContainers() {
        Instant tenSecondsAgo = NOW.minusSeconds(10);
        PodStatus s7 = status("podPhase", null, cs(false, 0, waiting(null)))
                .toBuilder().initContainerStatuses(List.of(restarted(cs(false, 3, running()), tenSecondsAgo))).build();
        assertRow("test7", "0/1", "Init:0/1", "3 (10s ago)", pod("test7", spec(1, 1), s7));

        PodStatus s8 = status("podPhase", null, cs(false, 0, waiting(null))).toBuilder().initContainerStatuses(List.of(
                restarted(cs(false, 3, running()), tenSecondsAgo), cs(false, 0, waiting(null)))).build();
        assertRow("test8", "0/1", "Init:0/2", "3 (10s ago)", pod("test8", spec(2, 1), s8));

        PodStatus s9 = status("podPhase", null, cs(false, 0, waiting(null))).toBuilder().initContainerStatuses(List.of(
                cs(false, 0, terminated(0, null)), restarted(cs(false, 3, running()), tenSecondsAgo))).build();
        assertRow("test9", "0/1", "Init:1/2", "3 (10s ago)", pod("test9", spec(2, 1), s9));

        PodStatus s10 = status("podPhase", null, cs(false, 0, waiting(null))).toBuilder().initContainerStatuses(List.of(
                restarted(cs(false, 2, terminated(0, null)), NOW.minus(Duration.ofMinutes(2))),
                restarted(cs(false, 3, running()), tenSecondsAgo))).build();
        assertRow("test10", "0/1", "Init:1/2", "5 (10s ago)", pod("test10", spec(2, 1), s10));

        // Once initialized, init container restarts no longer count.
        PodStatus s11 = status("Running", null, restarted(cs(false, 4, running()), NOW.minusSeconds(20)))
                .toBuilder().initContainerStatuses(List.of(
                        restarted(cs(false, 2, terminated(0, null)), NOW.minus(Duration.ofMinutes(2))))).build();
        assertRow("test11", "0/1", "Running", "4 (20s ago)", pod("test11", spec(1, 1), s11));
    }

    @Test
    void initContainerFailures() {
        PodStatus crash = status("Pending", null, cs(false, 0, waiting("PodInitializing")))
                .toBuilder().initContainerStatuses(List.of(cs(false, 4, waiting("CrashLoopBackOff")))).build();
        assertRow("p", "0/1", "Init:CrashLoopBackOff", "4", pod("p", spec(1, 1), crash));
        PodStatus error = crash.toBuilder().initContainerStatuses(List.of(cs(false, 0, terminated(1, "Error")))).build();
        assertRow("p", "0/1", "Init:Error", "0", pod("p", spec(1, 1), error));
        PodStatus exit = crash.toBuilder().initContainerStatuses(List.of(cs(false, 0, terminated(2, null)))).build();
        assertRow("p", "0/1", "Init:ExitCode:2", "0", pod("p", spec(1, 1), exit));
        PodStatus signal = crash.toBuilder().initContainerStatuses(List.of(cs(false, 0,
                ContainerState.terminated(new ContainerStateTerminated(137, 9, null, null, null, null, null))))).build();
        assertRow("p", "0/1", "Init:Signal:9", "0", pod("p", spec(1, 1), signal));
        // A waiting init container reporting PodInitializing shows the index instead.
        PodStatus init = crash.toBuilder().initContainerStatuses(List.of(cs(false, 0, waiting("PodInitializing")))).build();
        assertRow("p", "0/1", "Init:0/1", "0", pod("p", spec(1, 1), init));
    }

    @Test
    void podInitializingOnceInitContainersSucceeded() {
        PodStatus st = status("Pending", null, cs(false, 0, waiting("PodInitializing"))).toBuilder()
                .initContainerStatuses(List.of(cs(false, 0, terminated(0, "Completed")))).build();
        assertRow("p", "0/1", "PodInitializing", "0", pod("p", spec(1, 1), st));
    }

    @Test
    void restartAges() {
        assertRow("test12", "1/1", "Running", "3 (5d ago)", pod("test12", spec(1), status("Running", null,
                restarted(cs(true, 3, running()), NOW.minus(Duration.ofDays(5))))));
        assertRow("test13", "2/2", "Running", "3 (10d ago)", pod("test13", spec(2), status("Running", null,
                cs(true, 0, running()), restarted(cs(true, 3, running()), NOW.minus(Duration.ofDays(10))))));
        assertRow("test14", "2/2", "Running", "9 (5d ago)", pod("test14", spec(2), status("Running", null,
                restarted(cs(true, 6, running()), NOW.minus(Duration.ofDays(5))),
                restarted(cs(true, 3, running()), NOW.minus(Duration.ofDays(20))))));
        // Restarts without a recorded termination time print as a bare count.
        assertRow("p", "0/1", "CrashLoopBackOff", "3", pod("p", spec(1), status("Running", null,
                cs(false, 3, waiting("CrashLoopBackOff")))));
    }

    @Test
    void schedulingGatedCompletedErrorTerminatingUnknown() {
        PodStatus gated = PodStatus.builder().phase("Pending").conditions(List.of(
                new PodCondition("PodScheduled", "False", null, null, "SchedulingGated", null))).build();
        assertRow("test15", "0/2", "SchedulingGated", "0", pod("test15", spec(2), gated));
        assertRow("test16", "0/1", "Completed", "0", pod("test16", spec(1), status("Succeeded", null,
                cs(false, 0, terminated(0, "Completed")))));
        assertRow("test17", "0/1", "Error", "0", pod("test17", spec(1), status("Failed", null,
                cs(false, 0, terminated(1, "Error")))));
        // A terminal pod keeps its reason while it is deleted; a live one is Terminating.
        assertRow("test18", "0/1", "Completed", "0", deleted(pod("test18", spec(1), status("Succeeded", null,
                cs(false, 0, terminated(0, "Completed"))))));
        assertRow("test19", "0/1", "Terminating", "0", deleted(pod("test19", spec(1), status("Running", null,
                cs(false, 0, running())))));
        assertRow("test20", "0/1", "Terminating", "0", deleted(pod("test20", spec(1), PodStatus.builder().phase("Pending").build())));
        assertRow("lost", "1/1", "Unknown", "0", deleted(pod("lost", spec(1), status("Running", "NodeLost",
                cs(true, 0, running())))));
        assertRow("p", "0/1", "ContainerCreating", "0", pod("p", spec(1), status("Pending", null,
                cs(false, 0, waiting("ContainerCreating")))));
        assertRow("p", "0/1", "ErrImagePull", "0", pod("p", spec(1), status("Pending", null,
                cs(false, 0, waiting("ErrImagePull")))));
        assertRow("p", "0/1", "ImagePullBackOff", "0", pod("p", spec(1), status("Pending", null,
                cs(false, 0, waiting("ImagePullBackOff")))));
        assertRow("p", "0/1", "OOMKilled", "1", pod("p", spec(1), status("Running", null,
                cs(false, 1, terminated(137, "OOMKilled")))));
    }

    @Test
    void restartableInitContainers() {
        Instant tenSecondsAgo = NOW.minusSeconds(10);
        PodSpec sidecars = PodSpec.builder().initContainers(List.of(sidecar("restartable-init-1"), sidecar("restartable-init-2")))
                .containers(List.of(Container.of("c", "img"))).build();
        PodCondition notInitialized = PodCondition.of("Initialized", "False", null);
        PodStatus first = PodStatus.builder().phase("Pending").conditions(List.of(notInitialized))
                .initContainerStatuses(List.of(
                        named("restartable-init-1", restarted(started(cs(false, 3, running()), false), tenSecondsAgo)),
                        named("restartable-init-2", started(cs(false, 0, waiting(null)), false))))
                .containerStatuses(List.of(cs(false, 0, waiting(null)))).build();
        assertRow("test1", "0/3", "Init:0/2", "3 (10s ago)", pod("test1", sidecars, first));

        PodStatus second = first.toBuilder().initContainerStatuses(List.of(
                named("restartable-init-1", restarted(started(cs(false, 3, running()), true), tenSecondsAgo)),
                named("restartable-init-2", started(cs(false, 0, running()), false)))).build();
        assertRow("test1", "0/3", "Init:1/2", "3 (10s ago)", pod("test1", sidecars, second));

        PodStatus running = PodStatus.builder().phase("Running")
                .conditions(List.of(PodCondition.of("Initialized", "True", null)))
                .initContainerStatuses(List.of(
                        named("restartable-init-1", restarted(started(cs(false, 3, running()), true), tenSecondsAgo)),
                        named("restartable-init-2", started(cs(false, 0, running()), true))))
                .containerStatuses(List.of(restarted(cs(true, 4, running()), NOW.minusSeconds(20)))).build();
        assertRow("test2", "1/3", "Running", "7 (10s ago)", pod("test2", sidecars, running));

        PodStatus done = PodStatus.builder().phase("Succeeded")
                .conditions(List.of(PodCondition.of("Initialized", "True", null)))
                .initContainerStatuses(List.of(
                        named("restartable-init-1", restarted(started(cs(false, 3, terminated(137, "Error")), false), tenSecondsAgo)),
                        named("restartable-init-2", started(cs(false, 0, terminated(137, "Error")), false))))
                .containerStatuses(List.of(restarted(cs(false, 4, terminated(0, "Completed")), NOW.minusSeconds(20)))).build();
        assertRow("test3", "0/3", "Completed", "7 (10s ago)", pod("test3", sidecars, done));

        // Statuses for containers the spec does not have.
        PodSpec mixed = PodSpec.builder().initContainers(List.of(Container.of("init1", "initimage"), sidecar("sidecar1")))
                .containers(List.of(Container.of("container1", "containerimage"))).build();
        PodStatus unknownNames = PodStatus.builder().phase("Running")
                .initContainerStatuses(List.of(named("initinvalid", cs(false, 0, ContainerState.NONE)),
                        named("init1", cs(false, 0, ContainerState.NONE)), named("sidecar1", cs(false, 0, ContainerState.NONE))))
                .containerStatuses(List.of(named("containerinvalid", cs(false, 0, ContainerState.NONE)),
                        named("container1", cs(false, 0, ContainerState.NONE)))).build();
        assertRow("test4", "0/2", "Init:0/2", "0", pod("test4", mixed, unknownNames));
    }

    @Test
    void wideCells() {
        PodSpec gates = PodSpec.builder().containers(containers(2)).nodeName("test1").readinessGates(List.of(
                new PodReadinessGate("condition1"), new PodReadinessGate("condition2"), new PodReadinessGate("condition3")))
                .build();
        PodStatus st = status("podPhase", null, cs(true, 3, running()), cs(false, 3, ContainerState.NONE)).toBuilder()
                .conditions(List.of(PodCondition.of("condition1", "False", null), PodCondition.of("condition2", "True", null)))
                .podIPs(List.of(new PodIP("1.1.1.1"), new PodIP("2001:db8::"))).nominatedNodeName("node1").build();
        assertEquals(List.of("test1", "1/2", "podPhase", "6", "<unknown>", "1.1.1.1", "test1", "node1", "1/3"),
                cells(pod("test1", gates, st)));
        assertEquals(List.of("test2", "1/2", "ContainerWaitingReason", "6", "<unknown>", "<none>", "<none>", "<none>", "<none>"),
                cells(pod("test2", spec(2), status("podPhase", null, cs(true, 3, running()),
                        cs(false, 3, waiting("ContainerWaitingReason"))))));
    }

    @Test
    void ageIsMeasuredAtTheGivenTime() {
        Pod p = new Pod(null, null, ObjectMeta.builder().name("web").creationTimestamp(NOW.minusSeconds(185)).build(),
                spec(1), status("Running", null, cs(true, 0, running())));
        assertEquals("3m5s", cells(p).get(4));
    }

    @Test
    void podTemplate() {
        PodTemplate t = new PodTemplate(null, null, ObjectMeta.builder().name("tpl").build(), new PodTemplateSpec(
                ObjectMeta.builder().labels(new java.util.TreeMap<>(Map.of("b", "2", "a", "1"))).build(),
                PodSpec.builder().containers(List.of(Container.of("web", "nginx"), Container.of("log", "busybox"))).build()));
        Table table = ServerPrinters.defaults().toTable(PodTemplate.class, List.of(t), NOW);
        assertEquals(List.of("Name", "Containers", "Images", "Pod Labels"),
                table.columns().stream().map(Table.Column::name).toList());
        assertEquals(List.of("tpl", "web,log", "nginx,busybox", "a=1,b=2"), table.rows().get(0).cells());
    }

    // --- helpers

    private static void assertRow(String name, String ready, String status, String restarts, Pod pod) {
        assertEquals(List.of(name, ready, status, restarts, "<unknown>"), cells(pod).subList(0, 5));
    }

    static List<String> cells(Pod pod) {
        return ServerPrinters.defaults().toTable(Pod.class, List.of(pod), NOW).rows().get(0).cells();
    }

    private static Pod pod(String name, PodSpec spec, PodStatus status) {
        return new Pod(null, null, ObjectMeta.builder().name(name).build(), spec, status);
    }

    private static Pod deleted(Pod p) {
        return p.withMetadata(p.metadata().toBuilder().deletionTimestamp(NOW.minusSeconds(10)).build());
    }

    private static List<Container> containers(int n) {
        List<Container> cs = new ArrayList<>();
        for (int i = 0; i < n; i++) {
            cs.add(Container.of("c" + i, "img"));
        }
        return cs;
    }

    private static PodSpec spec(int containers) {
        return PodSpec.builder().containers(containers(containers)).build();
    }

    private static PodSpec spec(int inits, int containers) {
        List<Container> init = new ArrayList<>();
        for (int i = 0; i < inits; i++) {
            init.add(Container.of("init" + i, "img"));
        }
        return PodSpec.builder().initContainers(init).containers(containers(containers)).build();
    }

    private static Container sidecar(String name) {
        return Container.of(name, "img").toBuilder().restartPolicy("Always").build();
    }

    private static PodStatus status(String phase, String reason, ContainerStatus... statuses) {
        return PodStatus.builder().phase(phase).reason(reason).containerStatuses(List.of(statuses)).build();
    }

    private static ContainerStatus cs(boolean ready, int restarts, ContainerState state) {
        return ContainerStatus.builder().ready(ready).restartCount(restarts).state(state).build();
    }

    private static ContainerStatus named(String name, ContainerStatus s) {
        return s.toBuilder().name(name).build();
    }

    private static ContainerStatus started(ContainerStatus s, boolean started) {
        return s.toBuilder().started(started).build();
    }

    private static ContainerStatus restarted(ContainerStatus s, Instant finishedAt) {
        return s.toBuilder().lastState(ContainerState.terminated(
                new ContainerStateTerminated(0, null, null, null, null, finishedAt, null))).build();
    }

    private static ContainerState running() {
        return ContainerState.running(null);
    }

    private static ContainerState waiting(String reason) {
        return ContainerState.waiting(reason, null);
    }

    private static ContainerState terminated(int exitCode, String reason) {
        return ContainerState.terminated(new ContainerStateTerminated(exitCode, null, reason, null, null, null, null));
    }
}
