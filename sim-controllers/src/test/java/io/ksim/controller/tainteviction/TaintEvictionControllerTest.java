package io.ksim.controller.tainteviction;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.ksim.api.core.Container;
import io.ksim.api.core.Event;
import io.ksim.api.core.Node;
import io.ksim.api.core.Pod;
import io.ksim.api.core.PodSpec;
import io.ksim.api.core.Taint;
import io.ksim.api.core.Toleration;
import io.ksim.api.meta.ObjectMeta;
import io.ksim.apiserver.registry.BuiltinResources;
import io.ksim.controller.TestCluster;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * {@code kubectl taint nodes node-1 k=v:NoExecute} by hand (upstream pkg/controller/tainteviction/
 * taint_eviction_test.go TestCreatePod, TestUpdateNodeWithMultipleTaints, TestDeletePod): a pod that does not
 * tolerate the taint goes at once, one that tolerates it for 20 s goes 20 s later, one that tolerates it for
 * ever stays; removing the taint in time cancels the deletion.
 */
class TaintEvictionControllerTest {

    private final TestCluster cluster = new TestCluster(3, 2);

    TaintEvictionControllerTest() {
        cluster.manager.register(TaintEvictionController.NAME, TaintEvictionController::new);
        cluster.manager.start(TaintEvictionController.NAME);
    }

    private void pod(String name, Long seconds, boolean tolerate) {
        List<Toleration> tolerations = tolerate ? List.of(new Toleration("k", "Equal", "v", "NoExecute", seconds))
                : List.of();
        PodSpec spec = PodSpec.builder().nodeName("node-1").tolerations(tolerations)
                .containers(List.of(Container.builder().name("web").image("nginx:1.25").build())).build();
        cluster.api.create(BuiltinResources.PODS, "default", Pod.of(ObjectMeta.of("default", name), spec));
    }

    private void setTaints(List<Taint> taints) {
        Node n = cluster.api.get(BuiltinResources.NODES, null, "node-1");
        cluster.api.update(BuiltinResources.NODES, n.withSpec(n.spec().withTaints(taints)));
    }

    private boolean deleting(String name) {
        return cluster.pods("default").stream().filter(p -> p.metadata().name().equals(name))
                .allMatch(p -> p.metadata().isBeingDeleted());
    }

    private List<String> events(String reason) {
        List<String> out = new ArrayList<>();
        for (Event e : cluster.api.list(BuiltinResources.EVENTS, "default").items()) {
            if (reason.equals(e.reason())) {
                out.add(e.message());
            }
        }
        return out;
    }

    @Test
    void untoleratedGoesAtOnceToleratedAfterItsSecondsForeverStays() {
        pod("plain", null, false);
        pod("twenty", 20L, true);
        pod("forever", null, true);
        cluster.run(5);
        setTaints(List.of(new Taint("k", "v", "NoExecute", cluster.kernel.instant())));
        cluster.run(0.1);
        assertTrue(deleting("plain"));
        assertFalse(deleting("twenty"));
        cluster.run(19.8);
        assertFalse(deleting("twenty"));
        cluster.run(0.2);
        assertTrue(deleting("twenty"));
        cluster.run(60);
        assertFalse(deleting("forever"));
        assertTrue(events("TaintManagerEviction").contains("Marking for deletion Pod default/plain"));
        assertTrue(events("TaintManagerEviction").contains("Marking for deletion Pod default/twenty"));
    }

    @Test
    void removingTheTaintInTimeCancelsTheDeletion() {
        pod("twenty", 20L, true);
        cluster.run(5);
        setTaints(List.of(new Taint("k", "v", "NoExecute", cluster.kernel.instant())));
        cluster.run(10);
        setTaints(List.of());
        cluster.run(30);
        assertFalse(deleting("twenty"));
        assertEquals(List.of("Cancelling deletion of Pod default/twenty"), events("TaintManagerEviction"));
    }

    @Test
    void aPodAlreadyTerminatingIsStillMarkedOnceAndLeftToItsGracePeriod() {
        pod("leaving", null, false);
        cluster.run(5);
        // A stopped kubelet cannot finish the deletion: the pod stays Terminating.
        cluster.kubelets.stream().filter(k -> "node-1".equals(k.nodeName())).forEach(io.ksim.node.Kubelet::stop);
        cluster.api.delete(BuiltinResources.PODS, "default", "leaving", io.ksim.apiserver.DeleteOptions.defaults());
        java.time.Instant deletionTimestamp = cluster.api.get(BuiltinResources.PODS, "default", "leaving").metadata()
                .deletionTimestamp();
        cluster.run(1);
        setTaints(List.of(new Taint("k", "v", "NoExecute", cluster.kernel.instant())));
        cluster.run(60);
        Pod pod = cluster.api.get(BuiltinResources.PODS, "default", "leaving");
        assertEquals(List.of("Marking for deletion Pod default/leaving"), events("TaintManagerEviction"));
        assertTrue(pod.status().conditions().stream().anyMatch(c -> "DisruptionTarget".equals(c.type())
                && TaintEvictionController.CONDITION_REASON.equals(c.reason())));
        assertEquals(deletionTimestamp, pod.metadata().deletionTimestamp(), "the pending deletion is left as it is");
    }

    @Test
    void aFinishedPodOnTheTaintedNodeIsDeletedToo() {
        cluster.kubelets.stream().filter(k -> "node-1".equals(k.nodeName())).forEach(io.ksim.node.Kubelet::stop);
        pod("done", null, false);
        Pod pod = cluster.api.get(BuiltinResources.PODS, "default", "done");
        cluster.api.updateStatus(BuiltinResources.PODS, pod.withStatus(pod.status().toBuilder().phase("Succeeded").build()));
        cluster.run(1);
        setTaints(List.of(new Taint("k", "v", "NoExecute", cluster.kernel.instant())));
        cluster.run(1);
        assertTrue(deleting("done"));
        assertEquals(List.of("Marking for deletion Pod default/done"), events("TaintManagerEviction"));
    }
}
