package io.ksim.scheduler.plugins;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.ksim.api.core.CSIPersistentVolumeSource;
import io.ksim.api.core.Node;
import io.ksim.api.core.PersistentVolume;
import io.ksim.api.core.PersistentVolumeClaim;
import io.ksim.api.core.PersistentVolumeClaim.PersistentVolumeClaimSpec;
import io.ksim.api.core.PersistentVolumeClaim.VolumeResourceRequirements;
import io.ksim.api.core.Pod;
import io.ksim.api.core.Volume;
import io.ksim.api.meta.ObjectMeta;
import io.ksim.api.meta.Opaque;
import io.ksim.api.resource.Quantity;
import io.ksim.api.storage.CSINode;
import io.ksim.api.storage.StorageClass;
import io.ksim.apiserver.ApiServer;
import io.ksim.apiserver.registry.BuiltinResources;
import io.ksim.apiserver.registry.KubeApiServer;
import io.ksim.kernel.Kernel;
import io.ksim.scheduler.TestObjects;
import io.ksim.scheduler.framework.Code;
import io.ksim.scheduler.framework.CycleState;
import io.ksim.scheduler.framework.NodeInfo;
import io.ksim.scheduler.framework.PodInfo;
import io.ksim.scheduler.framework.Snapshot;
import io.ksim.scheduler.framework.Status;
import io.ksim.store.MvccStore;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import org.junit.jupiter.api.Test;

/**
 * NodeVolumeLimits with upstream's TestCSILimits cases that ksim's model expresses (csi_test.go, without
 * VolumeAttachments, in-tree translation or ephemeral volumes): volumes {@code csi-<driver>-<0..3>} with CSI sources
 * bound to claims of the same names, {@code csi-4} unbound of class {@code csi-sc} (provisioner: the first driver),
 * {@code csi-5} without a class, {@code csi-6} of class {@code csi-sc} bound to a missing volume.
 */
class NodeVolumeLimitsTest {

    private static final String EBS = "ebs.csi.aws.com";
    private static final String GCE = "pd.csi.storage.gke.io";
    private static final String NODE = "node-for-max-pd-test-1";

    private final Kernel kernel = Kernel.builder().seed(9).build();
    private final ApiServer api = KubeApiServer.start(kernel, MvccStore.builder(kernel).build());
    private final NodeVolumeLimits plugin = new NodeVolumeLimits(api);

    /** upstream's fixtures for {@code drivers} (the first one is csi-sc's provisioner). */
    private void fixtures(String... drivers) {
        api.create(BuiltinResources.STORAGE_CLASSES, null, new StorageClass(null, null,
                ObjectMeta.builder().name("csi-sc").build(), drivers[0], null, null, null, null,
                StorageClass.BINDING_WAIT_FOR_FIRST_CONSUMER, null));
        for (String driver : drivers) {
            for (int j = 0; j < 4; j++) {
                String name = "csi-" + driver + "-" + j;
                csiVolume(name, driver, name);
                claim(name, name, null);
            }
        }
        claim("csi-4", null, "csi-sc");
        claim("csi-5", null, null);
        claim("csi-6", "missing-in-action", "csi-sc");
    }

    private void csiVolume(String name, String driver, String handle) {
        api.create(BuiltinResources.PERSISTENT_VOLUMES, null, new PersistentVolume(null, null,
                ObjectMeta.builder().name(name).build(), PersistentVolume.PersistentVolumeSpec.builder()
                        .capacity(new TreeMap<>(Map.of("storage", Quantity.parse("1Gi"))))
                        .accessModes(List.of(PersistentVolume.READ_WRITE_ONCE))
                        .csi(new CSIPersistentVolumeSource(driver, handle, null, null, null, null, null, null, null,
                                null)).build(), null));
    }

    private void claim(String name, String volumeName, String storageClass) {
        api.create(BuiltinResources.PERSISTENT_VOLUME_CLAIMS, "default", new PersistentVolumeClaim(null, null,
                ObjectMeta.of("default", name), new PersistentVolumeClaimSpec(List.of(PersistentVolume.READ_WRITE_ONCE),
                        null, new VolumeResourceRequirements(null, new TreeMap<>(Map.of("storage",
                                Quantity.parse("1Gi")))), volumeName, storageClass, null, null, null, null), null));
    }

    /** upstream getNodeWithPodAndVolumeLimits: "csinode" (limit per driver), "csinode-with-no-limit" or none. */
    private void csiNode(String limitSource, int limit, String... drivers) {
        if (limitSource == null) {
            return;
        }
        List<CSINode.CSINodeDriver> list = new ArrayList<>();
        for (String d : drivers) {
            list.add(new CSINode.CSINodeDriver(d, NODE, null,
                    "csinode".equals(limitSource) ? new CSINode.VolumeNodeResources(limit) : null));
        }
        api.create(BuiltinResources.CSI_NODES, null, new CSINode(null, null, ObjectMeta.builder().name(NODE).build(),
                new CSINode.CSINodeSpec(list)));
    }

    private static int podCount;

    private static Pod pod(String... claims) {
        List<Volume> vols = new ArrayList<>();
        for (int i = 0; i < claims.length; i++) {
            vols.add(Volume.persistentVolumeClaim("v" + i, claims[i]));
        }
        return TestObjects.pod("p" + (podCount++)).spec(b -> b.volumes(vols)).build();
    }

    private static Pod ebsOne() {
        return pod("csi-" + EBS + "-0");
    }

    private static Pod ebsTwo() {
        return pod("csi-" + EBS + "-1", "csi-" + EBS + "-2");
    }

    private static Pod running() {
        return pod("csi-" + EBS + "-3");
    }

    private static Pod gceTwo() {
        return pod("csi-" + GCE + "-1", "csi-" + GCE + "-2");
    }

    /** PreFilter, then (unless skipped) Filter on the node holding {@code existing}. */
    private Status run(Pod newPod, Node node, Pod... existing) {
        CycleState state = new CycleState();
        PodInfo pi = PodInfo.of(newPod);
        NodeInfo ni = PluginTesting.nodeInfo(node, existing);
        Status pre = plugin.preFilter(state, pi, Snapshot.of(List.of(ni)));
        return pre.isSkip() ? pre : plugin.filter(state, pi, ni);
    }

    private Status run(Pod newPod, Pod... existing) {
        return run(newPod, TestObjects.node(NODE).build(), existing);
    }

    private static void assertExceeded(Status s, String name) {
        assertEquals(Code.UNSCHEDULABLE, s.code(), name);
        assertEquals(List.of(NodeVolumeLimits.ERR_REASON_MAX_VOLUME_COUNT), s.reasons(), name);
    }

    @Test
    void fitsWhenNodeVolumeLimitIsAtLeastThePodsCsiVolumes() {
        fixtures(EBS);
        csiNode("csinode", 4, EBS);
        assertTrue(run(ebsOne(), running(), ebsTwo()).isSuccess());
    }

    @Test
    void doesNotWhenNodeVolumeLimitIsBelowThePodsCsiVolumes() {
        fixtures(EBS);
        csiNode("csinode", 2, EBS);
        assertExceeded(run(ebsOne(), running(), ebsTwo()), "3 volumes, limit 2");
    }

    @Test
    void fitsWhenTheDriverDoesNotReportALimit() {
        fixtures(EBS);
        csiNode("csinode-with-no-limit", 2, EBS);
        assertTrue(run(ebsOne(), running(), ebsTwo()).isSuccess());
    }

    @Test
    void countsPendingClaimsByTheirClassesProvisioner() {
        fixtures(EBS);
        csiNode("csinode", 2, EBS);
        assertExceeded(run(ebsOne(), pod("csi-4"), ebsTwo()), "count pending PVCs");
    }

    @Test
    void countsTwoPodsSharingAPendingClaimOnce() {
        fixtures(EBS);
        csiNode("csinode", 4, EBS);
        assertTrue(run(ebsOne(), pod("csi-4"), pod("csi-4"), ebsTwo()).isSuccess());
    }

    @Test
    void countsAClaimBoundToAMissingVolumeByItsClass() {
        fixtures(EBS);
        csiNode("csinode", 2, EBS);
        assertExceeded(run(ebsOne(), pod("csi-6"), ebsTwo()), "invalid PV name but valid SC");
    }

    @Test
    void doesNotCountAClaimWithoutAClass() {
        fixtures(EBS);
        csiNode("csinode", 2, EBS);
        assertTrue(run(ebsOne(), running(), pod("csi-5")).isSuccess());
    }

    @Test
    void countsVolumesOfTheSameDriverOnly() {
        fixtures(EBS, GCE);
        csiNode("csinode", 2, EBS, GCE);
        assertExceeded(run(ebsOne(), gceTwo(), ebsTwo()), "same type");
        assertTrue(run(gceTwo(), ebsTwo(), running()).isSuccess(), "different type");
    }

    @Test
    void aVolumeAlreadyOnTheNodeIsNotCountedAgain() {
        fixtures(EBS);
        csiNode("csinode", 2, EBS);
        assertTrue(run(pod("csi-" + EBS + "-1"), ebsTwo()).isSuccess());
    }

    @Test
    void skipsPodsWithoutClaimsOrMigratableVolumes() {
        Pod configOnly = TestObjects.pod("c").spec(b -> b.volumes(List.of(Volume.configMap("a", "cm"),
                Volume.secret("b", "s")))).build();
        assertTrue(plugin.preFilter(new CycleState(), PodInfo.of(configOnly), Snapshot.of(List.of())).isSkip());
        Pod inline = TestObjects.pod("i").spec(b -> b.volumes(List.of(Volume.configMap("a", "cm"),
                Volume.builder().name("ebs").awsElasticBlockStore(Opaque.of(
                        new com.fasterxml.jackson.databind.ObjectMapper().valueToTree(Map.of("volumeID", "aws-inline1"))))
                        .build()))).build();
        assertFalse(plugin.preFilter(new CycleState(), PodInfo.of(inline), Snapshot.of(List.of())).isSkip(),
                "don't skip Filter when the pod has inline migratable volumes");
    }

    @Test
    void aPodWithClaimsBesideConfigMapsIsFiltered() {
        fixtures(EBS);
        csiNode("csinode", 2, EBS);
        Pod p = TestObjects.pod("c").spec(b -> b.volumes(List.of(Volume.configMap("a", "cm"), Volume.secret("b", "s"),
                Volume.persistentVolumeClaim("c", "csi-" + EBS + "-0")))).build();
        CycleState state = new CycleState();
        assertTrue(plugin.preFilter(state, PodInfo.of(p), Snapshot.of(List.of())).isSuccess());
        assertTrue(plugin.filter(state, PodInfo.of(p), new NodeInfo(TestObjects.node(NODE).build())).isSuccess());
    }

    @Test
    void withoutACsiNodeThereIsNoLimit() {
        fixtures(EBS);
        assertTrue(run(ebsOne(), running(), ebsTwo()).isSuccess());
    }

    @Test
    void aMissingClaimOfThePodIsUnresolvableAnExistingPodsIsNotCounted() {
        fixtures(EBS);
        csiNode("csinode", 2, EBS);
        Status s = run(pod("nope"));
        assertEquals(Code.UNSCHEDULABLE_AND_UNRESOLVABLE, s.code());
        assertEquals("looking up PVC default/nope: persistentvolumeclaim \"nope\" not found", s.message());
        assertTrue(run(ebsOne(), pod("gone"), running()).isSuccess());
    }

    @Test
    void nodeAllocatableAttachLimitsCountToo() {
        fixtures(EBS);
        Node node = TestObjects.node(NODE).resource("attachable-volumes-csi-" + EBS, "2").build();
        assertExceeded(run(ebsOne(), node, running(), ebsTwo()), "allocatable limit");
        assertTrue(run(ebsOne(), node, running()).isSuccess());
    }

    @Test
    void inTreeProvisionersCountAsTheirCsiDrivers() {
        // A class of kubernetes.io/aws-ebs counts under ebs.csi.aws.com once the node has a CSINode.
        api.create(BuiltinResources.STORAGE_CLASSES, null, new StorageClass(null, null,
                ObjectMeta.builder().name("csi-sc").build(), "kubernetes.io/aws-ebs", null, null, null, null,
                StorageClass.BINDING_WAIT_FOR_FIRST_CONSUMER, null));
        claim("csi-4", null, "csi-sc");
        csiVolume("csi-" + EBS + "-1", EBS, "h1");
        claim("c1", "csi-" + EBS + "-1", null);
        csiNode("csinode", 1, EBS);
        assertExceeded(run(pod("csi-4"), pod("c1")), "migrated provisioner");
        assertTrue(NodeVolumeLimits.isCsiMigrationOn(new CSINode(null, null, null, null), "kubernetes.io/gce-pd"));
        assertFalse(NodeVolumeLimits.isCsiMigrationOn(null, "kubernetes.io/gce-pd"));
        assertFalse(NodeVolumeLimits.isCsiMigrationOn(new CSINode(null, null, null, null), "kubernetes.io/azure-file"));
        CSINode annotated = new CSINode(null, null, ObjectMeta.builder().name("n").annotations(Map.of(
                CSINode.MIGRATED_PLUGINS_ANNOTATION, "kubernetes.io/aws-ebs,kubernetes.io/portworx-volume")).build(),
                null);
        assertTrue(NodeVolumeLimits.isCsiMigrationOn(annotated, "kubernetes.io/portworx-volume"));
        assertFalse(NodeVolumeLimits.isCsiMigrationOn(new CSINode(null, null, null, null),
                "kubernetes.io/portworx-volume"));
    }

    @Test
    void longDriverNamesGetAHashedLimitKey() {
        assertEquals("attachable-volumes-csi-ebs.csi.aws.com", NodeVolumeLimits.csiAttachLimitKey(EBS));
        String longName = "a-very-long-csi-driver-name.storage.example.com";
        String key = NodeVolumeLimits.csiAttachLimitKey(longName);
        // the prefix, the first 23 characters, then 16 hex digits of the name's SHA-1
        assertEquals("attachable-volumes-csi-a-very-long-csi-driver-", key.substring(0, 46));
        assertEquals(46 + 16, key.length());
        assertTrue(key.substring(46).matches("[0-9a-f]{16}"), key);
    }
}
