package io.ksim.node;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.ksim.api.coordination.Lease;
import io.ksim.api.core.ContainerStatus;
import io.ksim.api.core.Node;
import io.ksim.api.core.PodPhase;
import io.ksim.api.core.RestartPolicy;
import io.ksim.api.meta.MicroTime;
import io.ksim.apiserver.ApiException;
import io.ksim.apiserver.DeleteOptions;
import io.ksim.apiserver.registry.BuiltinResources;
import java.time.Duration;
import org.junit.jupiter.api.Test;

/** A network partition between a node and the API server: the node runs on blind, then catches up. */
class KubeletPartitionTest {

    private final TestCluster cluster = new TestCluster(11);

    private void partition(int node, double from, double to) {
        cluster.kernel.injectFault(Duration.ofMillis(Math.round(from * 1000)), cluster.kubelet(node).partitionFault());
        cluster.kernel.injectFault(Duration.ofMillis(Math.round(to * 1000)), cluster.kubelet(node).healPartitionFault());
    }

    @Test
    void noLeaseRenewalsNorStatusWhilePartitionedThenCatchUpOnHeal() {
        cluster.createPod("job-1", "node-3", "job:1", RestartPolicy.NEVER); // exits 0 at 7 s
        partition(3, 5, 35);
        cluster.runUntil(34.9);
        assertEquals(MicroTime.of(at(0)), lease("node-3").spec().renewTime());
        assertEquals(MicroTime.of(at(30)), lease("node-2").spec().renewTime());
        assertEquals(PodPhase.RUNNING, cluster.pod("job-1").status().phase());
        cluster.runUntil(35);
        assertEquals(MicroTime.of(at(35)), lease("node-3").spec().renewTime());
        assertEquals(PodPhase.SUCCEEDED, cluster.pod("job-1").status().phase());
        assertEquals(at(7), cluster.pod("job-1").status().containerStatuses().get(0).state().terminated().finishedAt());
        Node node = cluster.api.get(BuiltinResources.NODES, null, "node-3");
        assertEquals(at(35), node.status().condition(Node.NodeCondition.READY).lastHeartbeatTime());
        assertTrue(cluster.kernel.trace().format().contains("PartitionHealed"));
    }

    /**
     * crasher:1 runs from 2 s and fails 3 s after each start: exits at 5 (restarted at once), 9 (back-off
     * 10 s: restarted at 19), 23 (back-off 20 s). The partition from 3 to 30 hides all of it; on heal the
     * API shows the two restarts and the back-off.
     */
    @Test
    void containersRestartDuringThePartitionAndTheStatusCatchesUp() {
        cluster.createPod("crash-1", "node-1", "crasher:1", null);
        partition(1, 3, 30);
        cluster.runUntil(29.9);
        assertEquals(0, status("crash-1").restartCount());
        assertNotNull(status("crash-1").state().running());
        cluster.runUntil(30);
        assertEquals(2, status("crash-1").restartCount());
        assertEquals("CrashLoopBackOff", status("crash-1").state().waiting().reason());
        assertEquals(at(23), status("crash-1").lastState().terminated().finishedAt());
        // What happened meanwhile is in the trace, though no Event object was written.
        assertTrue(cluster.kernel.trace().format().contains("Back-off restarting failed container crash in pod "
                + "crash-1_default(" + cluster.pod("crash-1").metadata().uid() + ") (event not delivered: no API server)"));
        assertEquals(0, cluster.eventCount("crash-1", "Back-off restarting failed container crash in pod crash-1_default("
                + cluster.pod("crash-1").metadata().uid() + ")"));
    }

    @Test
    void aDeletionDuringThePartitionIsCarriedOutOnHeal() {
        cluster.createPod("web-1", "node-2", "nginx:1.25", null);
        partition(2, 5, 20);
        cluster.kernel.runUntil(Duration.ofSeconds(10));
        cluster.api.delete(BuiltinResources.PODS, "default", "web-1", DeleteOptions.defaults());
        cluster.runUntil(19.9);
        assertNotNull(cluster.pod("web-1").metadata().deletionTimestamp());
        cluster.runUntil(20);
        ApiException gone = org.junit.jupiter.api.Assertions.assertThrows(ApiException.class,
                () -> cluster.pod("web-1"));
        assertEquals(404, gone.code());
    }

    @Test
    void aStoppedKubeletThatIsHealedStaysStoppedUntilStarted() {
        partition(1, 5, 15);
        cluster.kernel.injectFault(Duration.ofSeconds(7), cluster.kubelet(1).stopFault());
        cluster.runUntil(40);
        assertEquals(MicroTime.of(at(0)), lease("node-1").spec().renewTime());
        cluster.kubelet(1).start();
        cluster.runUntil(40);
        assertEquals(MicroTime.of(at(40)), lease("node-1").spec().renewTime());
    }

    private java.time.Instant at(double seconds) {
        return cluster.kernel.epoch().plusMillis(Math.round(seconds * 1000));
    }

    private Lease lease(String node) {
        return cluster.api.get(BuiltinResources.LEASES, "kube-node-lease", node);
    }

    private ContainerStatus status(String pod) {
        return cluster.pod(pod).status().containerStatuses().get(0);
    }
}
