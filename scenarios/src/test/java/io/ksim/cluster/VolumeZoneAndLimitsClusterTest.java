package io.ksim.cluster;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.ksim.api.core.Pod;
import io.ksim.apiserver.registry.BuiltinResources;
import io.ksim.kubectl.KubectlResult;
import java.time.Duration;
import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * VolumeZone and NodeVolumeLimits in the assembled cluster: a statically bound zonal volume pulls its pod into the
 * volume's zone, and a CSI driver's attach limit on a node's CSINode keeps a second volume off the node until the
 * first pod is deleted.
 */
class VolumeZoneAndLimitsClusterTest {

    private static Cluster cluster(int nodes) {
        Cluster.Builder b = Cluster.builder().seed(11).image("nginx:1.25 size=20Mi start=500ms ready=2s");
        for (int i = 0; i < nodes; i++) {
            String zone = "zone-" + (char) ('a' + i);
            b.nodes(1, n -> n.cpu("2").memory("4Gi").zone(zone));
        }
        Cluster c = b.build();
        c.advance(Duration.ofSeconds(1)); // the service-account controller creates default/default
        return c;
    }

    /** A volume and a claim of no class (so the default class stays out) that the PV controller binds. */
    private static String volumeAndClaim(String name, String labels, String source) {
        return """
                apiVersion: v1
                kind: PersistentVolume
                metadata:
                  name: %1$s
                  labels: {%2$s}
                spec:
                  capacity: {storage: 1Gi}
                  accessModes: [ReadWriteOnce]
                  storageClassName: ""
                  %3$s
                ---
                apiVersion: v1
                kind: PersistentVolumeClaim
                metadata:
                  name: %1$s
                spec:
                  accessModes: [ReadWriteOnce]
                  storageClassName: ""
                  volumeName: %1$s
                  resources:
                    requests: {storage: 1Gi}
                """.formatted(name, labels, source);
    }

    private static String pod(String name, String claim) {
        return """
                apiVersion: v1
                kind: Pod
                metadata: {name: %s}
                spec:
                  containers:
                  - {name: app, image: nginx:1.25}
                  volumes:
                  - name: data
                    persistentVolumeClaim: {claimName: %s}
                """.formatted(name, claim);
    }

    private static List<String> schedulingEvents(Cluster c, String pod) {
        return c.api().list(BuiltinResources.EVENTS, "default").items().stream()
                .filter(e -> e.involvedObject().name().equals(pod) && e.reason().equals("FailedScheduling"))
                .map(e -> e.message()).toList();
    }

    @Test
    void aZonalVolumesPodLandsInTheVolumesZone() {
        Cluster c = cluster(3);
        c.create(volumeAndClaim("zonal", "topology.kubernetes.io/zone: zone-b", "hostPath: {path: /data/zonal}"));
        c.advance(Duration.ofSeconds(2));
        c.create(pod("app", "zonal"));
        c.advance(Duration.ofSeconds(10));
        assertEquals("node-2", c.api().get(BuiltinResources.PODS, "default", "app").spec().nodeName());

        // With zone-b's node cordoned, no node can take the pod.
        KubectlResult cordon = c.kubectl("cordon node-2");
        assertEquals(0, cordon.exitCode(), cordon.err());
        c.create(pod("second", "zonal"));
        c.advance(Duration.ofSeconds(10));
        assertNull(c.api().get(BuiltinResources.PODS, "default", "second").spec().nodeName());
        assertEquals(List.of("0/3 nodes are available: 1 node(s) were unschedulable, 2 node(s) had no available volume "
                + "zone. preemption: 0/3 nodes are available: 3 Preemption is not helpful for scheduling."),
                schedulingEvents(c, "second"));
    }

    @Test
    void aDriversAttachLimitHoldsTheSecondVolumeUntilTheFirstPodGoes() {
        Cluster c = cluster(1);
        String csi = "csi: {driver: ebs.csi.aws.com, volumeHandle: %s}";
        c.create(volumeAndClaim("vol-a", "", csi.formatted("vol-a")));
        c.create(volumeAndClaim("vol-b", "", csi.formatted("vol-b")));
        // The kubelet's CSINode has no drivers; give it one that attaches a single volume.
        KubectlResult patch = c.kubectl("patch csinode node-1 -p "
                + "'{\"spec\":{\"drivers\":[{\"name\":\"ebs.csi.aws.com\",\"nodeID\":\"i-1\",\"allocatable\":{\"count\":1},"
                + "\"topologyKeys\":[\"topology.ebs.csi.aws.com/zone\"]}]}}'");
        assertEquals(0, patch.exitCode(), patch.err());
        // kubectl's describeCSINode with a driver: the Allocatables line has no cell, so Count, Topology Keys and
        // Events align as one tabwriter block.
        assertEquals("""
                Name:               node-1
                Labels:             <none>
                Annotations:        storage.alpha.kubernetes.io/migrated-plugins:
                                      kubernetes.io/aws-ebs,kubernetes.io/azure-disk,kubernetes.io/azure-file,kubernetes.io/cinder,kubernetes.io/gce-pd,kubernetes.io/portworx-v...
                CreationTimestamp:  Wed, 01 Jan 2025 00:00:00 +0000
                Spec:
                  Drivers:
                    ebs.csi.aws.com:
                      Node ID:  i-1
                      Allocatables:
                        Count:        1
                      Topology Keys:  [topology.ebs.csi.aws.com/zone]
                Events:               <none>
                """, c.kubectl("describe csinode node-1").out());
        c.advance(Duration.ofSeconds(2));
        c.create(pod("first", "vol-a"));
        c.advance(Duration.ofSeconds(5));
        c.create(pod("second", "vol-b"));
        c.advance(Duration.ofSeconds(5));
        assertEquals("node-1", c.api().get(BuiltinResources.PODS, "default", "first").spec().nodeName());
        assertNull(c.api().get(BuiltinResources.PODS, "default", "second").spec().nodeName());
        assertEquals(List.of("0/1 nodes are available: 1 node(s) exceed max volume count. preemption: 0/1 nodes are "
                + "available: 1 No preemption victims found for incoming pod."), schedulingEvents(c, "second"));

        // Deleting the first pod is an event NodeVolumeLimits registered for: the second is retried and placed.
        c.kubectl("delete pod first");
        c.advance(Duration.ofSeconds(60));
        Pod second = c.api().get(BuiltinResources.PODS, "default", "second");
        assertEquals("node-1", second.spec().nodeName());
        assertTrue(c.kubectl("get csinode").out().contains("node-1   1         "), c.kubectl("get csinode").out());
    }
}
