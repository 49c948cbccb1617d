package io.ksim.cluster;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.ksim.api.core.PersistentVolume;
import io.ksim.api.core.PersistentVolumeClaim;
import io.ksim.api.core.Pod;
import io.ksim.api.core.PodPhase;
import io.ksim.api.storage.StorageClass;
import io.ksim.api.storage.VolumeMatching;
import io.ksim.apiserver.registry.BuiltinResources;
import java.time.Duration;
import java.util.List;
import org.junit.jupiter.api.Test;

/** Storage in the assembled cluster: kind's default class, dynamic provisioning for a StatefulSet's claims. */
class VolumesClusterTest {

    static final String DB = """
            apiVersion: apps/v1
            kind: StatefulSet
            metadata:
              name: db
            spec:
              serviceName: db
              replicas: 2
              selector:
                matchLabels: {app: db}
              template:
                metadata:
                  labels: {app: db}
                spec:
                  containers:
                  - name: db
                    image: nginx:1.25
                    volumeMounts:
                    - {name: data, mountPath: /data}
              volumeClaimTemplates:
              - metadata:
                  name: data
                spec:
                  accessModes: [ReadWriteOnce]
                  resources:
                    requests: {storage: 1Gi}
            """;

    @Test
    void theStandardClassIsTheDefaultAsKindShipsIt() {
        Cluster c = Cluster.builder().seed(1).nodes(1, n -> n.cpu("2").memory("4Gi")).build();
        StorageClass sc = c.api().get(BuiltinResources.STORAGE_CLASSES, null, "standard");
        assertTrue(sc.isDefaultClass());
        assertEquals("rancher.io/local-path", sc.provisioner());
        assertEquals("Delete", sc.reclaimPolicy());
        assertEquals("WaitForFirstConsumer", sc.volumeBindingMode());
    }

    @Test
    void aStatefulSetsClaimsAreProvisionedOnTheirPodsNodesAndBound() {
        Cluster c = Cluster.builder().seed(7).nodes(3, n -> n.cpu("2").memory("4Gi"))
                .image("nginx:1.25 size=20Mi start=500ms ready=2s").build();
        c.create(DB);
        c.advance(Duration.ofSeconds(60));
        List<Pod> pods = c.pods("default").stream().filter(p -> p.metadata().name().startsWith("db-")).toList();
        assertEquals(2, pods.size());
        for (Pod pod : pods) {
            assertEquals(PodPhase.RUNNING, pod.status().phase(), pod.metadata().name());
            String claimName = "data-" + pod.metadata().name();
            PersistentVolumeClaim claim = c.api().get(BuiltinResources.PERSISTENT_VOLUME_CLAIMS, "default", claimName);
            assertEquals("Bound", claim.status().phase(), claimName);
            assertEquals("standard", claim.spec().storageClassName());
            assertEquals(pod.spec().nodeName(), claim.metadata().annotations().get(VolumeMatching.ANN_SELECTED_NODE));
            assertEquals("pvc-" + claim.metadata().uid(), claim.spec().volumeName());
            PersistentVolume pv = c.api().get(BuiltinResources.PERSISTENT_VOLUMES, null, claim.spec().volumeName());
            assertEquals("Bound", pv.status().phase());
            assertEquals(List.of(pod.spec().nodeName()), pv.spec().nodeAffinity().required().nodeSelectorTerms().get(0)
                    .matchExpressions().get(0).values());
        }
    }

    @Test
    void aPodWithAMissingClaimStaysPendingWithTheSchedulersReason() {
        Cluster c = Cluster.builder().seed(3).nodes(2, n -> n.cpu("2").memory("4Gi"))
                .image("nginx:1.25 size=20Mi start=500ms ready=2s").build();
        c.advance(Duration.ofSeconds(1)); // the service-account controller creates default/default
        c.create("""
                apiVersion: v1
                kind: Pod
                metadata: {name: lonely}
                spec:
                  containers:
                  - {name: app, image: nginx:1.25}
                  volumes:
                  - name: data
                    persistentVolumeClaim: {claimName: nowhere}
                """);
        c.advance(Duration.ofSeconds(10));
        Pod pod = c.api().get(BuiltinResources.PODS, "default", "lonely");
        assertEquals(null, pod.spec().nodeName());
        List<String> messages = c.api().list(BuiltinResources.EVENTS, "default").items().stream()
                .filter(e -> e.involvedObject().name().equals("lonely")).map(e -> e.reason() + ": " + e.message())
                .toList();
        assertTrue(messages.stream().anyMatch(m -> m.startsWith("FailedScheduling: 0/2 nodes are available: "
                + "persistentvolumeclaim \"nowhere\" not found.")), messages.toString());
    }
}
