package io.ksim.api.core;

import static io.ksim.api.core.ManifestRoundTrip.decode;
import static io.ksim.api.core.ManifestRoundTrip.roundTrip;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.ksim.api.KubeJson;
import io.ksim.api.core.PersistentVolume.PersistentVolumeSpec;
import io.ksim.api.core.PersistentVolumeClaim.PersistentVolumeClaimSpec;
import io.ksim.api.resource.Quantity;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

class VolumeYamlTest {

    /** task-pv-volume of kubernetes.io/docs/tasks/configure-pod-container/configure-persistent-volume-storage. */
    @Test
    void hostPathVolumeRoundTrips() throws Exception {
        PersistentVolume pv = roundTrip("""
                apiVersion: v1
                kind: PersistentVolume
                metadata:
                  name: task-pv-volume
                  labels:
                    type: local
                spec:
                  storageClassName: manual
                  capacity:
                    storage: 10Gi
                  accessModes:
                    - ReadWriteOnce
                  hostPath:
                    path: "/mnt/data"
                    type: DirectoryOrCreate
                  claimRef:
                    apiVersion: v1
                    kind: PersistentVolumeClaim
                    name: task-pv-claim
                    namespace: default
                    resourceVersion: "1027"
                    uid: 9d3c1a0e-0000-4000-8000-00000000000a
                  persistentVolumeReclaimPolicy: Retain
                  volumeMode: Filesystem
                status:
                  lastPhaseTransitionTime: "2025-01-01T00:00:05Z"
                  phase: Bound
                """, PersistentVolume.class);
        PersistentVolumeSpec spec = pv.spec();
        assertEquals(Quantity.parse("10Gi"), spec.capacity().get("storage"));
        assertEquals("/mnt/data", spec.hostPath().path());
        assertEquals(HostPathVolumeSource.TYPE_DIRECTORY_OR_CREATE, spec.hostPath().type());
        assertEquals(List.of(PersistentVolume.READ_WRITE_ONCE), spec.accessModes());
        assertEquals("task-pv-claim", spec.claimRef().name());
        assertEquals(PersistentVolume.PersistentVolumeStatus.BOUND, pv.status().phase());
        assertEquals(Instant.parse("2025-01-01T00:00:05Z"), pv.status().lastPhaseTransitionTime());
    }

    /** Defaulting sets an absent hostPath type to "" (no check), which upstream writes out. */
    @Test
    void anEmptyHostPathTypeIsWritten() throws Exception {
        PersistentVolume pv = new PersistentVolume(null, null, null, PersistentVolumeSpec.builder()
                .hostPath(new HostPathVolumeSource("/data", HostPathVolumeSource.TYPE_UNSET)).build(), null);
        assertTrue(KubeJson.yaml().writeValueAsString(pv).contains("""
                  hostPath:
                    path: /data
                    type: ""
                """));
        assertEquals("", KubeJson.yaml().readValue(KubeJson.yaml().writeValueAsString(pv), PersistentVolume.class)
                .spec().hostPath().type());
    }

    /** The local volume example of kubernetes.io/docs/concepts/storage/volumes/#local. */
    @Test
    void localVolumeWithNodeAffinityRoundTrips() throws Exception {
        PersistentVolume pv = roundTrip("""
                apiVersion: v1
                kind: PersistentVolume
                metadata:
                  name: example-pv
                spec:
                  capacity:
                    storage: 100Gi
                  volumeMode: Filesystem
                  accessModes:
                  - ReadWriteOnce
                  persistentVolumeReclaimPolicy: Delete
                  storageClassName: local-storage
                  mountOptions:
                  - noatime
                  local:
                    path: /mnt/disks/ssd1
                    fsType: ext4
                  nodeAffinity:
                    required:
                      nodeSelectorTerms:
                      - matchExpressions:
                        - key: kubernetes.io/hostname
                          operator: In
                          values:
                          - example-node
                  volumeAttributesClassName: gold
                """, PersistentVolume.class);
        assertEquals("/mnt/disks/ssd1", pv.spec().local().path());
        assertEquals("ext4", pv.spec().local().fsType());
        assertEquals(List.of("noatime"), pv.spec().mountOptions());
        assertEquals("gold", pv.spec().volumeAttributesClassName());
        assertNodeAffinity(pv.spec().nodeAffinity(), "kubernetes.io/hostname", "example-node");
    }

    static void assertNodeAffinity(VolumeNodeAffinity affinity, String key, String value) {
        NodeSelectorRequirement req = affinity.required().nodeSelectorTerms().get(0).matchExpressions().get(0);
        assertEquals(key, req.key());
        assertEquals("In", req.operator());
        assertEquals(List.of(value), req.values());
    }

    @Test
    void csiNfsAndOpaqueSourcesRoundTrip() throws Exception {
        PersistentVolume csi = roundTrip("""
                apiVersion: v1
                kind: PersistentVolume
                metadata:
                  annotations:
                    pv.kubernetes.io/provisioned-by: ebs.csi.aws.com
                  name: pvc-6b9c8e1a
                spec:
                  accessModes:
                  - ReadWriteOnce
                  capacity:
                    storage: 4Gi
                  csi:
                    controllerExpandSecretRef:
                      name: expand
                      namespace: kube-system
                    driver: ebs.csi.aws.com
                    fsType: ext4
                    nodePublishSecretRef:
                      name: publish
                      namespace: kube-system
                    readOnly: true
                    volumeAttributes:
                      storage.kubernetes.io/csiProvisionerIdentity: 1735689600000-8081-ebs.csi.aws.com
                    volumeHandle: vol-0a1b2c3d4e5f
                  persistentVolumeReclaimPolicy: Delete
                  storageClassName: gp3
                  volumeMode: Block
                """, PersistentVolume.class);
        assertEquals("ebs.csi.aws.com", csi.spec().csi().driver());
        assertEquals("vol-0a1b2c3d4e5f", csi.spec().csi().volumeHandle());
        assertEquals("publish", csi.spec().csi().nodePublishSecretRef().name());
        assertEquals(Boolean.TRUE, csi.spec().csi().readOnly());
        PersistentVolume nfs = roundTrip("""
                apiVersion: v1
                kind: PersistentVolume
                metadata:
                  name: nfs
                spec:
                  capacity:
                    storage: 1Mi
                  accessModes:
                  - ReadWriteMany
                  nfs:
                    server: nfs-server.default.svc.cluster.local
                    path: "/"
                    readOnly: false
                  mountOptions:
                  - nfsvers=4.2
                """, PersistentVolume.class);
        assertEquals("nfs-server.default.svc.cluster.local", nfs.spec().nfs().server());
        PersistentVolume gce = roundTrip("""
                apiVersion: v1
                kind: PersistentVolume
                metadata:
                  name: pd
                spec:
                  capacity:
                    storage: 500Gi
                  accessModes:
                  - ReadWriteOnce
                  gcePersistentDisk:
                    pdName: my-data-disk
                    fsType: ext4
                """, PersistentVolume.class);
        assertEquals("my-data-disk", gce.spec().gcePersistentDisk().text("pdName"));
    }

    /** task-pv-claim of the same task page, with the status the binder writes. */
    @Test
    void claimRoundTrips() throws Exception {
        PersistentVolumeClaim pvc = roundTrip("""
                apiVersion: v1
                kind: PersistentVolumeClaim
                metadata:
                  name: task-pv-claim
                  namespace: default
                spec:
                  storageClassName: manual
                  accessModes:
                    - ReadWriteOnce
                  resources:
                    requests:
                      storage: 3Gi
                    limits:
                      storage: 5Gi
                  selector:
                    matchLabels:
                      type: local
                    matchExpressions:
                    - key: environment
                      operator: In
                      values: [dev]
                  volumeMode: Filesystem
                  volumeName: task-pv-volume
                  volumeAttributesClassName: silver
                status:
                  accessModes:
                  - ReadWriteOnce
                  allocatedResourceStatuses:
                    storage: ControllerResizeInProgress
                  allocatedResources:
                    storage: 5Gi
                  capacity:
                    storage: 10Gi
                  conditions:
                  - lastProbeTime: "2025-01-01T00:00:00Z"
                    lastTransitionTime: "2025-01-01T00:00:01Z"
                    status: "True"
                    type: Resizing
                  currentVolumeAttributesClassName: bronze
                  modifyVolumeStatus:
                    status: InProgress
                    targetVolumeAttributesClassName: silver
                  phase: Bound
                """, PersistentVolumeClaim.class);
        PersistentVolumeClaimSpec spec = pvc.spec();
        assertEquals("manual", spec.storageClassName());
        assertEquals(Quantity.parse("3Gi"), spec.resources().requests().get("storage"));
        assertEquals("local", spec.selector().matchLabels().get("type"));
        assertEquals("task-pv-volume", spec.volumeName());
        assertEquals(PersistentVolumeClaim.PersistentVolumeClaimStatus.BOUND, pvc.status().phase());
        assertEquals(Quantity.parse("10Gi"), pvc.status().capacity().get("storage"));
        assertEquals("ControllerResizeInProgress", pvc.status().allocatedResourceStatuses().get("storage"));
        assertEquals("InProgress", pvc.status().modifyVolumeStatus().status());
    }

    /** A claim restored from a snapshot: dataSource and dataSourceRef with apiGroup, and a core one without. */
    @Test
    void dataSourcesKeepANullApiGroupAsUpstreamPrintsIt() throws Exception {
        PersistentVolumeClaim pvc = roundTrip("""
                apiVersion: v1
                kind: PersistentVolumeClaim
                metadata:
                  name: restore
                  namespace: default
                spec:
                  accessModes:
                  - ReadWriteOnce
                  dataSource:
                    apiGroup: snapshot.storage.k8s.io
                    kind: VolumeSnapshot
                    name: new-snapshot-test
                  dataSourceRef:
                    apiGroup: snapshot.storage.k8s.io
                    kind: VolumeSnapshot
                    name: new-snapshot-test
                    namespace: snaps
                  resources:
                    requests:
                      storage: 10Gi
                """, PersistentVolumeClaim.class);
        assertEquals("snaps", pvc.spec().dataSourceRef().namespace());
        PersistentVolumeClaim clone = KubeJson.yaml().readValue("""
                spec:
                  dataSource:
                    kind: PersistentVolumeClaim
                    name: pvc-1
                """, PersistentVolumeClaim.class);
        assertNull(clone.spec().dataSource().apiGroup());
        assertTrue(KubeJson.yaml().writeValueAsString(clone).contains("""
                  dataSource:
                    apiGroup: null
                    kind: PersistentVolumeClaim
                    name: pvc-1
                """));
    }

    @Test
    void unknownVolumeFieldsAreReportedWithTheirPaths() throws Exception {
        List<String> unknown = new ArrayList<>();
        decode("""
                apiVersion: v1
                kind: PersistentVolume
                metadata:
                  name: pv
                spec:
                  hostPath:
                    path: /x
                    kind: Directory
                  reclaimPolicy: Retain
                  nodeAffinity:
                    required:
                      nodeSelectorTerms:
                      - matchExpressions:
                        - key: a
                          operator: In
                          value: [b]
                """, PersistentVolume.class, unknown);
        assertEquals(List.of("spec.hostPath.kind", "spec.reclaimPolicy",
                "spec.nodeAffinity.required.nodeSelectorTerms[0].matchExpressions[0].value"), unknown);
    }
}
