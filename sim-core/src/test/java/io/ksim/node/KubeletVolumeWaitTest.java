package io.ksim.node;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.ksim.api.core.ConfigMap;
import io.ksim.api.core.ConfigMapVolumeSource;
import io.ksim.api.core.Container;
import io.ksim.api.core.PersistentVolumeClaim;
import io.ksim.api.core.Pod;
import io.ksim.api.core.PodPhase;
import io.ksim.api.core.PodSpec;
import io.ksim.api.core.Volume;
import io.ksim.api.meta.ObjectMeta;
import io.ksim.apiserver.registry.BuiltinResources;
import java.time.Duration;
import java.util.List;
import org.junit.jupiter.api.Test;

/** The kubelet keeps a pod ContainerCreating until its volumes can be mounted, with v1.32's FailedMount texts. */
class KubeletVolumeWaitTest {

    private static final String NOT_BOUND = "Unable to attach or mount volumes: unmounted volumes=[data], unattached "
            + "volumes=[], failed to process volumes=[data]: error processing PVC default/data: PVC is not bound";
    private static final String NO_CONFIG_MAP =
            "MountVolume.SetUp failed for volume \"config\" : configmap \"settings\" not found";

    private final TestCluster cluster = new TestCluster(9);

    private Pod createPod(String name, Volume... volumes) {
        Container c = Container.builder().name("web").image("nginx:1.25").build();
        PodSpec spec = PodSpec.builder().containers(List.of(c)).nodeName("node-1").volumes(List.of(volumes)).build();
        return cluster.api.create(BuiltinResources.PODS, "default", Pod.of(ObjectMeta.of("default", name), spec));
    }

    private void createClaim() {
        cluster.api.createObject("default", cluster.api.scheme().decodeAll("""
                apiVersion: v1
                kind: PersistentVolumeClaim
                metadata: {name: data}
                spec:
                  accessModes: [ReadWriteOnce]
                  resources: {requests: {storage: 1Gi}}
                """).get(0));
    }

    private void assertContainerCreating(Pod pod) {
        assertEquals(PodPhase.PENDING, pod.status().phase());
        assertNull(pod.status().podIP());
        assertEquals("ContainerCreating", pod.status().containerStatuses().get(0).state().waiting().reason());
    }

    @Test
    void aPodWhoseClaimIsNotBoundWaitsAndStartsOnceItIs() {
        createClaim();
        createPod("web", Volume.persistentVolumeClaim("data", "data"));
        cluster.runUntil(25);
        assertContainerCreating(cluster.pod("web"));
        assertEquals(3, cluster.eventCount("web", NOT_BOUND), cluster.eventMessages("web").toString());
        PersistentVolumeClaim pvc = cluster.api.get(BuiltinResources.PERSISTENT_VOLUME_CLAIMS, "default", "data");
        cluster.api.updateStatus(BuiltinResources.PERSISTENT_VOLUME_CLAIMS,
                pvc.withStatus(pvc.status().withPhase(PersistentVolumeClaim.PersistentVolumeClaimStatus.BOUND)));
        cluster.runUntil(45);
        Pod running = cluster.pod("web");
        assertEquals(PodPhase.RUNNING, running.status().phase());
        assertTrue(running.status().podIP() != null);
        assertEquals(3, cluster.eventCount("web", NOT_BOUND));
    }

    @Test
    void aMissingClaimIsNamedInTheEvent() {
        createPod("web", Volume.persistentVolumeClaim("data", "gone"));
        cluster.runUntil(1);
        assertEquals(List.of("Unable to attach or mount volumes: unmounted volumes=[data], unattached volumes=[], "
                + "failed to process volumes=[data]: error processing PVC default/gone: failed to fetch PVC from API "
                + "server: persistentvolumeclaims \"gone\" not found"), cluster.eventMessages("web"));
    }

    @Test
    void aMissingConfigMapFailsSetUpWithBackOffUntilItExists() {
        createPod("web", Volume.configMap("config", "settings"));
        cluster.runUntil(10);
        assertContainerCreating(cluster.pod("web"));
        // Attempts at 0, 0.5, 1.5, 3.5 and 7.5 s: the operation executor's delay doubles from 500 ms.
        assertEquals(5, cluster.eventCount("web", NO_CONFIG_MAP));
        cluster.api.create(BuiltinResources.CONFIG_MAPS, "default", new ConfigMap(null, null,
                ObjectMeta.of("default", "settings"), null, null, null));
        cluster.runUntil(40);
        // The next attempt, at 15.5 s, finds the ConfigMap: no sixth event.
        assertEquals(PodPhase.RUNNING, cluster.pod("web").status().phase());
        assertEquals(5, cluster.eventCount("web", NO_CONFIG_MAP));
    }

    @Test
    void aMissingSecretIsNamedAndAnOptionalConfigMapDoesNotBlock() {
        createPod("web", Volume.secret("creds", "db-password"), Volume.builder().name("opt")
                .configMap(new ConfigMapVolumeSource("absent", null, null, true)).build());
        cluster.runUntil(1);
        assertEquals(List.of("MountVolume.SetUp failed for volume \"creds\" : secret \"db-password\" not found"),
                cluster.eventMessages("web").stream().distinct().toList());
    }

    @Test
    void mountRetriesDoubleFromHalfASecondUpToTwoMinutesTwoSeconds() {
        assertEquals(Duration.ofMillis(500), VolumeManager.mountRetryDelay(1));
        assertEquals(Duration.ofSeconds(1), VolumeManager.mountRetryDelay(2));
        assertEquals(Duration.ofSeconds(64), VolumeManager.mountRetryDelay(8));
        assertEquals(Duration.ofSeconds(122), VolumeManager.mountRetryDelay(9));
        assertEquals(Duration.ofSeconds(122), VolumeManager.mountRetryDelay(40));
    }
}
