package io.ksim.node;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.ksim.api.coordination.Lease;
import io.ksim.api.core.ContainerStatus;
import io.ksim.api.core.Event;
import io.ksim.api.core.Node;
import io.ksim.api.core.Node.NodeCondition;
import io.ksim.api.core.Pod;
import io.ksim.api.core.PodCondition;
import io.ksim.api.core.PodConditionType;
import io.ksim.api.core.PodConditions;
import io.ksim.api.core.PodPhase;
import io.ksim.api.core.RestartPolicy;
import io.ksim.api.meta.MicroTime;
import io.ksim.apiserver.ApiException;
import io.ksim.apiserver.DeleteOptions;
import io.ksim.apiserver.registry.BuiltinResources;
import java.time.Instant;
import java.util.List;
import java.util.stream.Collectors;
import org.junit.jupiter.api.Test;

class KubeletTest {

    private final TestCluster cluster = new TestCluster(42);

    private Instant at(double seconds) {
        return cluster.kernel.epoch().plusMillis(Math.round(seconds * 1000));
    }

    @Test
    void nodesRegisterReadyWithUpstreamConditions() {
        cluster.runUntil(1);
        Node node = cluster.api.get(BuiltinResources.NODES, null, "node-1");
        assertEquals("node-1", node.metadata().labels().get("kubernetes.io/hostname"));
        assertEquals("linux", node.metadata().labels().get("kubernetes.io/os"));
        assertEquals("amd64", node.metadata().labels().get("kubernetes.io/arch"));
        assertEquals("zone-a", node.metadata().labels().get("topology.kubernetes.io/zone"));
        assertEquals("10.244.1.0/24", node.spec().podCIDR());
        assertEquals(List.of("10.244.1.0/24"), node.spec().podCIDRs());
        assertEquals("110", node.status().capacity().get("pods").toString());
        assertEquals(node.status().capacity(), node.status().allocatable());
        NodeCondition ready = node.status().condition(NodeCondition.READY);
        assertEquals("True", ready.status());
        assertEquals("KubeletReady", ready.reason());
        assertEquals("kubelet is posting ready status", ready.message());
        assertEquals(at(0), ready.lastTransitionTime());
        NodeCondition memory = node.status().condition(NodeCondition.MEMORY_PRESSURE);
        assertEquals("False", memory.status());
        assertEquals("KubeletHasSufficientMemory", memory.reason());
        assertEquals("kubelet has sufficient memory available", memory.message());
        assertEquals("KubeletHasNoDiskPressure", node.status().condition(NodeCondition.DISK_PRESSURE).reason());
        assertEquals("KubeletHasSufficientPID", node.status().condition(NodeCondition.PID_PRESSURE).reason());
        assertEquals("v1.32.0", node.status().nodeInfo().kubeletVersion());
        assertEquals(List.of(new Node.NodeAddress("InternalIP", "172.18.0.2"), new Node.NodeAddress("Hostname",
                "node-1")), node.status().addresses());
    }

    @Test
    void leaseIsRenewedEveryTenSeconds() {
        for (int t = 0; t <= 40; t += 10) {
            cluster.runUntil(t + 5);
            Lease lease = cluster.api.get(BuiltinResources.LEASES, "kube-node-lease", "node-3");
            assertEquals("node-3", lease.spec().holderIdentity());
            assertEquals(40, lease.spec().leaseDurationSeconds());
            assertEquals(MicroTime.of(at(t)), lease.spec().renewTime());
            assertEquals("node-3", lease.metadata().ownerReferences().get(0).name());
        }
    }

    @Test
    void podStartsAtTheTimesTheImageModelPredicts() {
        cluster.runUntil(1);
        cluster.createPod("web-1", "node-1", "nginx:1.25", null);
        cluster.runUntil(1);
        Pod pending = cluster.pod("web-1");
        assertEquals(PodPhase.PENDING, pending.status().phase());
        assertEquals("10.244.1.2", pending.status().podIP());
        assertEquals("172.18.0.2", pending.status().hostIP());
        assertEquals("ContainerCreating", pending.status().containerStatuses().get(0).state().waiting().reason());
        PodCondition notReady = PodConditions.getPodReadyCondition(pending.status());
        assertEquals("ContainersNotReady", notReady.reason());
        assertEquals("containers with unready status: [web]", notReady.message());

        cluster.runUntil(3.499); // pull 2 s (20Mi at 10Mi/s), then 500 ms to start
        assertEquals(PodPhase.PENDING, cluster.pod("web-1").status().phase());
        cluster.runUntil(3.5);
        Pod running = cluster.pod("web-1");
        assertEquals(PodPhase.RUNNING, running.status().phase());
        assertEquals(at(1), running.status().startTime());
        ContainerStatus cs = running.status().containerStatuses().get(0);
        assertEquals(at(3.5), cs.state().running().startedAt());
        assertEquals(Boolean.TRUE, cs.started());
        assertEquals("docker.io/library/nginx:1.25", cs.image());
        assertTrue(cs.imageID().startsWith("docker.io/library/nginx@sha256:"));
        assertTrue(cs.containerID().matches("containerd://[0-9a-f]{64}"));
        // No readiness probe: a started container is ready at once (the image's ready= is for probes).
        assertTrue(cs.ready());
        assertTrue(PodConditions.isPodReady(running));
        assertEquals(List.of("PodReadyToStartContainers", "Initialized", "Ready", "ContainersReady", "PodScheduled"),
                running.status().conditions().stream().map(PodCondition::type).collect(Collectors.toList()));
        assertEquals(at(3.5), PodConditions.getPodReadyCondition(running.status()).lastTransitionTime());
        assertEquals(at(1), PodConditions.getPodCondition(running.status(), PodConditionType.INITIALIZED)
                .lastTransitionTime());

        assertEquals(List.of("Pulling image \"nginx:1.25\"",
                "Successfully pulled image \"nginx:1.25\" in 2s (2s including waiting). Image size: 20971520 bytes.",
                "Created container: web", "Started container web"), eventMessages("web-1"));
    }

    @Test
    void presentImageSkipsThePullAndEachNodeUsesItsOwnCidr() {
        cluster.createPod("a-1", "node-2", "nginx:1.25", null);
        cluster.createPod("b-1", "node-2", "nginx:1.25", null);
        cluster.createPod("c-1", "node-3", "nginx:1.25", null);
        cluster.runUntil(2.5);
        assertEquals("10.244.2.2", cluster.pod("a-1").status().podIP());
        assertEquals("10.244.2.3", cluster.pod("b-1").status().podIP());
        assertEquals("10.244.3.2", cluster.pod("c-1").status().podIP());
        assertEquals(at(0.5), cluster.pod("a-1").status().containerStatuses().get(0).state().running().startedAt());
        assertTrue(PodConditions.isPodReady(cluster.pod("a-1")));
        assertEquals("Container image \"nginx:1.25\" already present on machine", eventMessages("a-1").get(0));
        // node-3 pulls first: 2 s, then 0.5 s to start, then 2 s to be ready
        assertEquals(at(2.5), cluster.pod("c-1").status().containerStatuses().get(0).state().running().startedAt());
        assertTrue(PodConditions.isPodReady(cluster.pod("c-1")));
    }

    @Test
    void hostNetworkPodUsesTheNodeIPAndTakesNoAddressFromThePodCidr() {
        cluster.createHostNetworkPod("kube-proxy-1", "node-2", "nginx:1.25");
        cluster.createPod("web-1", "node-2", "nginx:1.25", null);
        cluster.runUntil(2.5);
        Pod host = cluster.pod("kube-proxy-1");
        assertEquals("172.18.0.3", host.status().podIP());
        assertEquals(List.of("172.18.0.3"), host.status().podIPs().stream().map(ip -> ip.ip()).toList());
        assertEquals("172.18.0.3", host.status().hostIP());
        // The ordinary pod started after it still gets the first address of node-2's CIDR.
        assertEquals("10.244.2.2", cluster.pod("web-1").status().podIP());
        // Deleting the hostNetwork pod gives nothing back: the next pod goes on from .3 as before.
        cluster.api.delete(BuiltinResources.PODS, "default", "kube-proxy-1", DeleteOptions.defaults());
        cluster.runUntil(40);
        cluster.createPod("web-2", "node-2", "nginx:1.25", null);
        cluster.runUntil(45);
        assertPodGone("kube-proxy-1");
        assertEquals("10.244.2.3", cluster.pod("web-2").status().podIP());
    }

    @Test
    void pullPolicyNeverWithoutTheImageFails() {
        Pod pod = cluster.createPod("n-1", "node-1", "nginx:1.25", null);
        cluster.api.delete(BuiltinResources.PODS, "default", "n-1", DeleteOptions.now());
        io.ksim.api.core.Container c = pod.spec().containers().get(0).toBuilder().imagePullPolicy("Never").build();
        cluster.api.create(BuiltinResources.PODS, "default", Pod.of(io.ksim.api.meta.ObjectMeta.of("default", "n-2"),
                pod.spec().toBuilder().containers(List.of(c)).build()));
        cluster.runUntil(10);
        ContainerStatus cs = cluster.pod("n-2").status().containerStatuses().get(0);
        assertEquals("ErrImageNeverPull", cs.state().waiting().reason());
        assertEquals("Container image \"nginx:1.25\" is not present with pull policy of Never", cs.state().waiting().message());
        assertEquals(PodPhase.PENDING, cluster.pod("n-2").status().phase());
    }

    @Test
    void crashingContainerRestartsWithCrashLoopBackOff() {
        Pod pod = cluster.createPod("crash-1", "node-1", "crasher:1", RestartPolicy.ALWAYS);
        // pull 1 s, start 1 s: runs at 2 s, exits at 5 s, restarted at once (runs 6 s, exits 9 s),
        // then back-off 10 s (runs 20 s, exits 23 s), 20 s (runs 44 s, exits 47 s), 40 s (runs 88 s).
        cluster.runUntil(4.9);
        assertEquals(0, restarts("crash-1"));
        cluster.runUntil(5);
        assertEquals(1, restarts("crash-1"));
        cluster.runUntil(9);
        ContainerStatus backOff = cluster.pod("crash-1").status().containerStatuses().get(0);
        assertEquals("CrashLoopBackOff", backOff.state().waiting().reason());
        assertEquals("back-off 10s restarting failed container=crash pod=crash-1_default(" + pod.metadata().uid() + ")",
                backOff.state().waiting().message());
        assertEquals(1, backOff.lastState().terminated().exitCode());
        assertEquals("Error", backOff.lastState().terminated().reason());
        assertEquals(PodPhase.RUNNING, cluster.pod("crash-1").status().phase());
        cluster.runUntil(18.9);
        assertEquals(1, restarts("crash-1"));
        cluster.runUntil(19);
        assertEquals(2, restarts("crash-1"));
        cluster.runUntil(20);
        assertNotNull(cluster.pod("crash-1").status().containerStatuses().get(0).state().running());
        cluster.runUntil(42.9);
        assertEquals(2, restarts("crash-1"));
        cluster.runUntil(43);
        assertEquals(3, restarts("crash-1"));
        cluster.runUntil(86.9);
        assertEquals(3, restarts("crash-1"));
        cluster.runUntil(87);
        assertEquals(4, restarts("crash-1"));
    }

    @Test
    void neverPodThatExitsZeroSucceeds() {
        cluster.createPod("job-1", "node-3", "job:1", RestartPolicy.NEVER);
        cluster.runUntil(6.9); // pull 1 s, start 1 s, exit 5 s later
        assertEquals(PodPhase.RUNNING, cluster.pod("job-1").status().phase());
        cluster.runUntil(7);
        Pod done = cluster.pod("job-1");
        assertEquals(PodPhase.SUCCEEDED, done.status().phase());
        assertEquals("Completed", done.status().containerStatuses().get(0).state().terminated().reason());
        assertEquals("PodCompleted", PodConditions.getPodReadyCondition(done.status()).reason());
        cluster.runUntil(60);
        assertEquals(0, restarts("job-1"));
    }

    @Test
    void onFailurePodThatExitsOneIsRestartedButNeverPodFails() {
        cluster.createPod("f-1", "node-1", "crasher:1", RestartPolicy.NEVER);
        cluster.runUntil(5);
        assertEquals(PodPhase.FAILED, cluster.pod("f-1").status().phase());
        cluster.createPod("o-1", "node-2", "crasher:1", RestartPolicy.ON_FAILURE);
        cluster.runUntil(10);
        assertEquals(1, restarts("o-1"));
        assertEquals(PodPhase.RUNNING, cluster.pod("o-1").status().phase());
    }

    @Test
    void gracefulDeletionKillsThenRemovesThePod() {
        cluster.createPod("web-1", "node-2", "nginx:1.25", null);
        cluster.runUntil(3);
        cluster.api.delete(BuiltinResources.PODS, "default", "web-1", DeleteOptions.defaults());
        cluster.runUntil(3);
        assertPodGone("web-1");
        assertTrue(eventMessages("web-1").contains("Stopping container web"));
    }

    @Test
    void containerIgnoringSigtermIsKilledAfterTheGracePeriod() {
        cluster.createPod("s-1", "node-1", "stubborn:1", null);
        cluster.runUntil(3);
        cluster.api.delete(BuiltinResources.PODS, "default", "s-1", DeleteOptions.defaults());
        cluster.runUntil(32.9);
        assertNotNull(cluster.pod("s-1").metadata().deletionTimestamp());
        cluster.runUntil(33); // terminationGracePeriodSeconds defaults to 30
        assertPodGone("s-1");
    }

    @Test
    void stoppedKubeletNoLongerRenewsItsLeaseAndResumesOnStart() {
        cluster.runUntil(5);
        cluster.kernel.injectFault(java.time.Duration.ZERO, cluster.kubelet(1).stopFault());
        cluster.runUntil(35);
        assertEquals(MicroTime.of(at(0)), lease("node-1").spec().renewTime());
        assertEquals(MicroTime.of(at(30)), lease("node-2").spec().renewTime());
        cluster.kernel.injectFault(java.time.Duration.ZERO, cluster.kubelet(1).startFault());
        cluster.runUntil(36);
        assertTrue(cluster.kernel.trace().format().contains("node-1"));
        assertEquals(MicroTime.of(at(35)), lease("node-1").spec().renewTime());
    }

    @Test
    void powerCycleRecreatesTheContainers() {
        cluster.createPod("web-1", "node-2", "nginx:1.25", null);
        cluster.runUntil(3);
        cluster.kernel.injectFault(java.time.Duration.ZERO, cluster.kubelet(2).powerOffFault());
        cluster.runUntil(100);
        assertTrue(PodConditions.isPodReady(cluster.pod("web-1"))); // nobody reports otherwise
        cluster.kernel.injectFault(java.time.Duration.ZERO, cluster.kubelet(2).powerOnFault());
        cluster.runUntil(103);
        Pod pod = cluster.pod("web-1");
        assertEquals(1, pod.status().containerStatuses().get(0).restartCount());
        assertEquals(at(100.5), pod.status().containerStatuses().get(0).state().running().startedAt());
        assertTrue(PodConditions.isPodReady(pod));
    }

    @Test
    void sameSeedGivesTheSameTrace() {
        assertEquals(scenarioTrace(7), scenarioTrace(7));
    }

    private static String scenarioTrace(long seed) {
        TestCluster c = new TestCluster(seed);
        c.createPod("web-1", "node-1", "nginx:1.25", null);
        c.createPod("crash-1", "node-2", "crasher:1", null);
        c.createPod("job-1", "node-3", "job:1", RestartPolicy.NEVER);
        c.runUntil(30);
        c.api.delete(BuiltinResources.PODS, "default", "web-1", DeleteOptions.defaults());
        c.runUntil(120);
        return c.kernel.trace().format() + c.pod("crash-1").status();
    }

    private Lease lease(String node) {
        return cluster.api.get(BuiltinResources.LEASES, "kube-node-lease", node);
    }

    private int restarts(String pod) {
        return cluster.pod(pod).status().containerStatuses().get(0).restartCount();
    }

    private void assertPodGone(String name) {
        try {
            cluster.pod(name);
            throw new AssertionError(name + " still exists");
        } catch (ApiException e) {
            assertEquals(404, e.code());
        }
    }

    private List<String> eventMessages(String pod) {
        return cluster.api.list(BuiltinResources.EVENTS, "default").items().stream()
                .filter(e -> e.involvedObject().name().equals(pod))
                .sorted(java.util.Comparator.comparing(Event::firstTimestamp, java.util.Comparator.nullsFirst(
                        java.util.Comparator.naturalOrder())))
                .map(Event::message).collect(Collectors.toList());
    }
}
