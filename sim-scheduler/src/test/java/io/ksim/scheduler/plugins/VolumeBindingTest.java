package io.ksim.scheduler.plugins;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.ksim.api.core.NodeSelector;
import io.ksim.api.core.NodeSelectorRequirement;
import io.ksim.api.core.NodeSelectorTerm;
import io.ksim.api.core.Node;
import io.ksim.api.core.PersistentVolume;
import io.ksim.api.core.PersistentVolumeClaim;
import io.ksim.api.core.PersistentVolumeClaim.PersistentVolumeClaimSpec;
import io.ksim.api.core.PersistentVolumeClaim.VolumeResourceRequirements;
import io.ksim.api.core.Pod;
import io.ksim.api.core.Volume;
import io.ksim.api.core.VolumeNodeAffinity;
import io.ksim.api.meta.ObjectMeta;
import io.ksim.api.resource.Quantity;
import io.ksim.api.storage.StorageClass;
import io.ksim.api.storage.VolumeMatching;
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
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import org.junit.jupiter.api.Test;

/** VolumeBinding against claims, volumes and classes in an API server (volume_binding_test.go, binder_test.go). */
class VolumeBindingTest {

    private final Kernel kernel = Kernel.builder().seed(3).build();
    private final ApiServer api = KubeApiServer.start(kernel, MvccStore.builder(kernel).build());
    private final VolumeBinding plugin = new VolumeBinding(api);
    private final Node node1 = TestObjects.node("node-1").label("kubernetes.io/hostname", "node-1").build();
    private final Node node2 = TestObjects.node("node-2").label("kubernetes.io/hostname", "node-2").build();

    private void storageClass(String name, String mode, String provisioner) {
        api.create(BuiltinResources.STORAGE_CLASSES, null, new StorageClass(null, null, ObjectMeta.builder().name(name)
                .build(), provisioner, null, null, null, null, mode, null));
    }

    private PersistentVolumeClaim claim(String name, String cls, String volumeName) {
        // A claim created with a volume name stands for one the controller has bound (bind-completed).
        ObjectMeta meta = volumeName == null ? ObjectMeta.of("default", name) : ObjectMeta.builder().namespace("default")
                .name(name).annotations(Map.of(VolumeMatching.ANN_BIND_COMPLETED, "yes")).build();
        return api.create(BuiltinResources.PERSISTENT_VOLUME_CLAIMS, "default", new PersistentVolumeClaim(null, null,
                meta, new PersistentVolumeClaimSpec(List.of(PersistentVolume.READ_WRITE_ONCE),
                        null, new VolumeResourceRequirements(null, new TreeMap<>(Map.of("storage", Quantity.parse("1Gi")))),
                        volumeName, cls, null, null, null, null), null));
    }

    private void localVolume(String name, String cls, String onNode) {
        NodeSelectorTerm term = new NodeSelectorTerm(List.of(new NodeSelectorRequirement("kubernetes.io/hostname",
                "In", List.of(onNode))), null);
        api.create(BuiltinResources.PERSISTENT_VOLUMES, null, new PersistentVolume(null, null,
                ObjectMeta.builder().name(name).build(), PersistentVolume.PersistentVolumeSpec.builder()
                        .capacity(new TreeMap<>(Map.of("storage", Quantity.parse("5Gi"))))
                        .accessModes(List.of(PersistentVolume.READ_WRITE_ONCE)).storageClassName(cls)
                        .local(new io.ksim.api.core.LocalVolumeSource("/mnt/" + name, null))
                        .nodeAffinity(new VolumeNodeAffinity(new NodeSelector(List.of(term)))).build(), null));
    }

    private static Pod podWith(String... claims) {
        List<Volume> vols = new java.util.ArrayList<>();
        for (String c : claims) {
            vols.add(Volume.persistentVolumeClaim("v-" + c, c));
        }
        return TestObjects.pod("p").spec(b -> b.volumes(vols)).build();
    }

    private record Run(Status preFilter, Status node1, Status node2, CycleState state, PodInfo pod) {
    }

    private Run run(Pod pod) {
        CycleState state = new CycleState();
        PodInfo pi = PodInfo.of(pod);
        List<NodeInfo> nodes = List.of(new NodeInfo(node1), new NodeInfo(node2));
        Status pre = plugin.preFilter(state, pi, Snapshot.of(nodes));
        if (!pre.isSuccess()) {
            return new Run(pre, null, null, state, pi);
        }
        return new Run(pre, plugin.filter(state, pi, nodes.get(0)), plugin.filter(state, pi, nodes.get(1)), state, pi);
    }

    @Test
    void aPodWithoutClaimsIsSkipped() {
        assertTrue(run(TestObjects.pod("p").build()).preFilter().isSkip());
    }

    @Test
    void aMissingClaimIsUnresolvable() {
        Status s = run(podWith("nope")).preFilter();
        assertEquals(Code.UNSCHEDULABLE_AND_UNRESOLVABLE, s.code());
        assertEquals("persistentvolumeclaim \"nope\" not found", s.message());
    }

    @Test
    void anUnboundImmediateClaimIsUnresolvable() {
        storageClass("fast", StorageClass.BINDING_IMMEDIATE, "example.com/fast");
        claim("c", "fast", null);
        Status s = run(podWith("c")).preFilter();
        assertEquals(Code.UNSCHEDULABLE_AND_UNRESOLVABLE, s.code());
        assertEquals(VolumeBinding.ERR_UNBOUND_IMMEDIATE, s.message());
    }

    @Test
    void aBoundClaimsVolumeMustAdmitTheNode() {
        localVolume("local-1", "local", "node-1");
        claim("c", "local", "local-1");
        Run r = run(podWith("c"));
        assertTrue(r.node1().isSuccess());
        assertEquals(Code.UNSCHEDULABLE_AND_UNRESOLVABLE, r.node2().code());
        assertEquals(VolumeBinding.ERR_NODE_CONFLICT, r.node2().message());
    }

    @Test
    void aClaimBoundToAMissingVolumeFitsNowhere() {
        claim("c", "local", "ghost");
        assertEquals(VolumeBinding.ERR_PV_NOT_EXIST, run(podWith("c")).node1().message());
    }

    @Test
    void waitForFirstConsumerFindsALocalVolumeAndPreBindsIt() {
        storageClass("local", StorageClass.BINDING_WAIT_FOR_FIRST_CONSUMER, VolumeBinding.NO_PROVISIONER);
        localVolume("local-2", "local", "node-2");
        PersistentVolumeClaim c = claim("c", "local", null);
        Run r = run(podWith("c"));
        assertEquals(VolumeBinding.ERR_BIND_CONFLICT, r.node1().message());
        assertEquals(Code.UNSCHEDULABLE_AND_UNRESOLVABLE, r.node1().code());
        assertTrue(r.node2().isSuccess());
        assertTrue(plugin.preBind(r.state(), r.pod(), "node-2").isSuccess());
        PersistentVolume pv = api.get(BuiltinResources.PERSISTENT_VOLUMES, null, "local-2");
        assertEquals(c.metadata().uid(), pv.spec().claimRef().uid());
        assertEquals("yes", pv.metadata().annotations().get(VolumeMatching.ANN_BOUND_BY_CONTROLLER));
    }

    @Test
    void waitForFirstConsumerWithAProvisionerSelectsTheNode() {
        storageClass("standard", StorageClass.BINDING_WAIT_FOR_FIRST_CONSUMER, "rancher.io/local-path");
        claim("c", "standard", null);
        Run r = run(podWith("c"));
        assertTrue(r.node1().isSuccess());
        assertTrue(r.node2().isSuccess());
        assertTrue(plugin.preBind(r.state(), r.pod(), "node-1").isSuccess());
        PersistentVolumeClaim c = api.get(BuiltinResources.PERSISTENT_VOLUME_CLAIMS, "default", "c");
        assertEquals("node-1", c.metadata().annotations().get(VolumeMatching.ANN_SELECTED_NODE));
    }

    @Test
    void aClaimPreBoundByNameButNotYetBoundCountsAsUnboundImmediate() {
        localVolume("local-1", "local", "node-1");
        claim("c", "local", "local-1");
        PersistentVolumeClaim c = api.get(BuiltinResources.PERSISTENT_VOLUME_CLAIMS, "default", "c");
        api.update(BuiltinResources.PERSISTENT_VOLUME_CLAIMS, c.withMetadata(c.metadata().withAnnotations(Map.of())));
        assertEquals(VolumeBinding.ERR_UNBOUND_IMMEDIATE, run(podWith("c")).preFilter().message());
    }

    @Test
    void aLostClaimIsUnresolvable() {
        PersistentVolumeClaim c = claim("c", "local", "gone");
        api.updateStatus(BuiltinResources.PERSISTENT_VOLUME_CLAIMS, c.withStatus(c.status().withPhase("Lost")));
        Status s = run(podWith("c")).preFilter();
        assertEquals(Code.UNSCHEDULABLE_AND_UNRESOLVABLE, s.code());
        assertEquals("persistentvolumeclaim \"c\" bound to non-existent persistentvolume \"gone\"", s.message());
    }

    @Test
    void aClaimWithASelectedNodeFitsOnlyThatNode() {
        storageClass("standard", StorageClass.BINDING_WAIT_FOR_FIRST_CONSUMER, "rancher.io/local-path");
        PersistentVolumeClaim c = claim("c", "standard", null);
        api.update(BuiltinResources.PERSISTENT_VOLUME_CLAIMS, c.withMetadata(c.metadata().withAnnotations(
                Map.of(VolumeMatching.ANN_SELECTED_NODE, "node-2"))));
        Run r = run(podWith("c"));
        assertEquals(VolumeBinding.ERR_BIND_CONFLICT, r.node1().message());
        assertTrue(r.node2().isSuccess());
    }

    @Test
    void aBoundConflictAndAnUnboundConflictAreReportedInUpstreamOrder() {
        storageClass("local", StorageClass.BINDING_WAIT_FOR_FIRST_CONSUMER, VolumeBinding.NO_PROVISIONER);
        localVolume("local-1", "local", "node-1");
        localVolume("local-1b", "local", "node-1");
        claim("bound", "local", "local-1");
        claim("waiting", "local", null);
        Run r = run(podWith("bound", "waiting"));
        assertTrue(r.node1().isSuccess());
        assertEquals(List.of(VolumeBinding.ERR_NODE_CONFLICT, VolumeBinding.ERR_BIND_CONFLICT), r.node2().reasons());
    }

    /** volume_binding.go PreFilter returns GetEligibleNodes as its PreFilterResult. */
    @Test
    void boundLocalVolumesNarrowTheNodesToTheirs() {
        localVolume("local-1", "local", "node-1");
        localVolume("local-2", "local", "node-2");
        claim("one", "local", "local-1");
        claim("two", "local", "local-2");
        Run r = run(podWith("one"));
        assertEquals(java.util.Set.of("node-1"), plugin.preFilterNodeNames(r.state()));
        // two volumes on different nodes: nothing is left, which the framework reports as unresolvable
        assertEquals(java.util.Set.of(), plugin.preFilterNodeNames(run(podWith("one", "two")).state()));
        // a volume that cannot be read stops the narrowing
        claim("lost", "local", "ghost");
        assertEquals(null, plugin.preFilterNodeNames(run(podWith("one", "lost")).state()));
    }

    @Test
    void volumesWithoutHostnameAffinityAndWaitingClaimsDoNotNarrow() {
        api.create(BuiltinResources.PERSISTENT_VOLUMES, null, new PersistentVolume(null, null,
                ObjectMeta.builder().name("nfs").build(), PersistentVolume.PersistentVolumeSpec.builder()
                        .capacity(new TreeMap<>(Map.of("storage", Quantity.parse("5Gi"))))
                        .accessModes(List.of(PersistentVolume.READ_WRITE_ONCE)).storageClassName("nfs").build(), null));
        claim("shared", "nfs", "nfs");
        assertEquals(null, plugin.preFilterNodeNames(run(podWith("shared")).state()));
        storageClass("wait", StorageClass.BINDING_WAIT_FOR_FIRST_CONSUMER, "rancher.io/local-path");
        claim("later", "wait", null);
        assertEquals(null, plugin.preFilterNodeNames(run(podWith("later")).state()));
    }

    /** GetLocalPersistentVolumeNodeNames: hostname In values intersected within a term, united across terms. */
    @Test
    void localVolumeNodeNamesFollowUpstreamsTermRules() {
        NodeSelectorTerm ab = new NodeSelectorTerm(List.of(
                new NodeSelectorRequirement("kubernetes.io/hostname", "In", List.of("a", "b")),
                new NodeSelectorRequirement("kubernetes.io/hostname", "In", List.of("b", "c"))), null);
        NodeSelectorTerm zone = new NodeSelectorTerm(List.of(
                new NodeSelectorRequirement("topology.kubernetes.io/zone", "In", List.of("z"))), null);
        NodeSelectorTerm notIn = new NodeSelectorTerm(List.of(
                new NodeSelectorRequirement("kubernetes.io/hostname", "NotIn", List.of("e"))), null);
        NodeSelectorTerm d = new NodeSelectorTerm(List.of(
                new NodeSelectorRequirement("kubernetes.io/hostname", "In", List.of("d"))), null);
        PersistentVolume pv = new PersistentVolume(null, null, ObjectMeta.builder().name("pv").build(),
                PersistentVolume.PersistentVolumeSpec.builder().nodeAffinity(new VolumeNodeAffinity(new NodeSelector(
                        List.of(ab, zone, notIn, d)))).build(), null);
        assertEquals(java.util.Set.of("b", "d"), VolumeBinding.localVolumeNodeNames(pv));
        PersistentVolume none = new PersistentVolume(null, null, ObjectMeta.builder().name("pv").build(),
                PersistentVolume.PersistentVolumeSpec.builder().build(), null);
        assertEquals(java.util.Set.of(), VolumeBinding.localVolumeNodeNames(none));
    }
}
