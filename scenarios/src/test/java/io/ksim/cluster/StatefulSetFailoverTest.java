package io.ksim.cluster;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.ksim.api.core.PersistentVolumeClaim;
import io.ksim.api.core.Pod;
import io.ksim.apiserver.DeleteOptions;
import io.ksim.apiserver.registry.BuiltinResources;
import java.time.Duration;
import java.time.Instant;
import org.junit.jupiter.api.Test;

/**
 * Scenario 2 of node failover: the at-most-one guarantee. A StatefulSet pod on a powered-off node is evicted
 * after the 300 s unreachable toleration but stays Terminating, and the StatefulSet does not recreate it, until
 * the Node object is deleted; PodGC then force-deletes it after its 40 s quarantine (pkg/controller/podgc/
 * gc_controller.go gcCheckPeriod 20 s, quarantineTime 40 s) and it comes back with the same name and PVC. The claim's
 * volume came from kind's local-path provisioner and is pinned to the lost node, so the new pod stays Pending
 * with "node(s) didn't satisfy plugin(s) [VolumeBinding]" (VolumeBinding narrows the nodes to the volume's, which is
 * gone), until the claim is deleted.
 */
class StatefulSetFailoverTest {

    static final String DB = """
            apiVersion: v1
            kind: Service
            metadata:
              name: db
            spec:
              clusterIP: None
              selector: {app: db}
              ports:
              - port: 80
            ---
            apiVersion: apps/v1
            kind: StatefulSet
            metadata:
              name: db
            spec:
              serviceName: db
              replicas: 3
              selector:
                matchLabels: {app: db}
              template:
                metadata:
                  labels: {app: db}
                spec:
                  containers:
                  - name: nginx
                    image: nginx:1.25
              volumeClaimTemplates:
              - metadata:
                  name: data
                spec:
                  accessModes: [ReadWriteOnce]
                  resources:
                    requests:
                      storage: 1Gi
            """;

    private static Pod find(Cluster c, String name) {
        return c.pods("default").stream().filter(p -> name.equals(p.metadata().name())).findFirst().orElse(null);
    }

    @Test
    void theFailedNodesPodIsNotReplacedUntilTheNodeObjectIsDeleted() {
        Cluster c = Cluster.builder().seed(5).nodes(3, n -> n.cpu("4").memory("8Gi"))
                .image("nginx:1.25 size=20Mi start=500ms ready=1s").build();
        c.create(DB);
        assertTrue(c.runUntil(() -> c.pods("default").stream().filter(p -> !p.metadata().isBeingDeleted()
                && c.isReady("default", p.metadata().name())).count() == 3, Duration.ofMinutes(3)));
        Pod victim = find(c, "db-1");
        String node = victim.spec().nodeName();
        String pvcUid = c.api().get(BuiltinResources.PERSISTENT_VOLUME_CLAIMS, "default", "data-db-1").metadata().uid();

        c.powerOff(node);
        assertTrue(c.runUntil(() -> find(c, "db-1").metadata().isBeingDeleted(), Duration.ofMinutes(8)));
        c.advance(Duration.ofMinutes(3));
        Pod stuck = find(c, "db-1");
        assertEquals(victim.metadata().uid(), stuck.metadata().uid(), "not recreated while the old one exists");
        assertTrue(stuck.metadata().isBeingDeleted(), "still Terminating");

        Instant deleted = c.now();
        c.api().delete(BuiltinResources.NODES, null, node, DeleteOptions.defaults());
        assertTrue(c.runUntil(() -> {
            Pod p = find(c, "db-1");
            return p == null || !p.metadata().uid().equals(victim.metadata().uid());
        }, Duration.ofMinutes(2)));
        Duration gcAfter = Duration.between(deleted, c.now());
        assertTrue(gcAfter.compareTo(Duration.ofSeconds(40)) >= 0 && gcAfter.compareTo(Duration.ofSeconds(80)) <= 0,
                "PodGC force-deleted it " + gcAfter + " after the node went");
        assertTrue(c.runUntil(() -> {
            Pod p = find(c, "db-1");
            return p != null && !p.metadata().isBeingDeleted();
        }, Duration.ofMinutes(2)));
        c.advance(Duration.ofSeconds(30));
        Pod back = find(c, "db-1");
        assertNotEquals(victim.metadata().uid(), back.metadata().uid());
        PersistentVolumeClaim pvc = c.api().get(BuiltinResources.PERSISTENT_VOLUME_CLAIMS, "default", "data-db-1");
        assertNotNull(pvc);
        assertEquals(pvcUid, pvc.metadata().uid(), "the same claim");
        // kind's local-path volume lives on the lost node and is pinned there: the new pod cannot be placed.
        assertEquals(null, back.spec().nodeName(), "Pending: its volume is on the deleted node");
        assertTrue(c.api().list(BuiltinResources.EVENTS, "default").items().stream()
                .anyMatch(e -> e.involvedObject().name().equals("db-1") && "FailedScheduling".equals(e.reason())
                        && e.message().contains("node(s) didn't satisfy plugin(s) [VolumeBinding]")));
    }
}
