package io.ksim.scheduler.plugins;

import static io.ksim.api.core.WellKnownLabels.FAILURE_DOMAIN_BETA_REGION;
import static io.ksim.api.core.WellKnownLabels.FAILURE_DOMAIN_BETA_ZONE;
import static io.ksim.api.core.WellKnownLabels.TOPOLOGY_REGION;
import static io.ksim.api.core.WellKnownLabels.TOPOLOGY_ZONE;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.ksim.api.core.Node;
import io.ksim.api.core.PersistentVolume;
import io.ksim.api.core.PersistentVolumeClaim;
import io.ksim.api.core.PersistentVolumeClaim.PersistentVolumeClaimSpec;
import io.ksim.api.core.PersistentVolumeClaim.VolumeResourceRequirements;
import io.ksim.api.core.Pod;
import io.ksim.api.core.Volume;
import io.ksim.api.meta.ObjectMeta;
import io.ksim.api.resource.Quantity;
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
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import org.junit.jupiter.api.Test;

/**
 * VolumeZone with upstream's test vectors (volume_zone_test.go TestSingleZone, TestMultiZone, TestWithBinding),
 * names lower-cased to pass ksim's name validation (Vol_1 is vol-1, PVC_Stable_1 is pvc-stable-1).
 */
class VolumeZoneTest {

    private final Kernel kernel = Kernel.builder().seed(5).build();
    private final ApiServer api = KubeApiServer.start(kernel, MvccStore.builder(kernel).build());
    private final VolumeZone plugin = new VolumeZone(api);

    private void volume(String name, Map<String, String> labels) {
        api.create(BuiltinResources.PERSISTENT_VOLUMES, null, new PersistentVolume(null, null,
                ObjectMeta.builder().name(name).labels(labels).build(), PersistentVolume.PersistentVolumeSpec.builder()
                        .capacity(new TreeMap<>(Map.of("storage", Quantity.parse("1Gi"))))
                        .accessModes(List.of(PersistentVolume.READ_WRITE_ONCE))
                        .hostPath(new io.ksim.api.core.HostPathVolumeSource("/data/" + name, null)).build(), null));
    }

    private void claim(String name, String volumeName, String storageClass) {
        api.create(BuiltinResources.PERSISTENT_VOLUME_CLAIMS, "default", new PersistentVolumeClaim(null, null,
                ObjectMeta.of("default", name), new PersistentVolumeClaimSpec(List.of(PersistentVolume.READ_WRITE_ONCE),
                        null, new VolumeResourceRequirements(null, new TreeMap<>(Map.of("storage",
                                Quantity.parse("1Gi")))), volumeName, storageClass, null, null, null, null), null));
    }

    private void storageClass(String name, String mode) {
        api.create(BuiltinResources.STORAGE_CLASSES, null, new StorageClass(null, null, ObjectMeta.builder().name(name)
                .build(), "example.com/disk", null, null, null, null, mode, null));
    }

    private static Pod podWith(String claim) {
        return TestObjects.pod("pod-1").spec(b -> b.volumes(List.of(Volume.persistentVolumeClaim("data", claim))))
                .build();
    }

    private static Node node(Map<String, String> labels) {
        TestObjects.NodeBuilder b = TestObjects.node("host1");
        labels.forEach(b::label);
        return b.build();
    }

    /** PreFilter, then Filter on the node (as upstream's tests, Filter also runs after a failed PreFilter). */
    private Status[] run(Pod pod, Node node) {
        CycleState state = new CycleState();
        PodInfo pi = PodInfo.of(pod);
        NodeInfo ni = new NodeInfo(node);
        Status pre = plugin.preFilter(state, pi, Snapshot.of(List.of(ni)));
        Status filter = pre.isSkip() ? Status.SUCCESS : plugin.filter(state, pi, ni);
        return new Status[] {pre, filter};
    }

    private static final Status CONFLICT = Status.unresolvable(VolumeZone.ERR_REASON_CONFLICT);

    private void assertCase(String name, Pod pod, Map<String, String> nodeLabels, Status wantPre, Status wantFilter) {
        Status[] got = run(pod, node(nodeLabels));
        assertStatus(name + " (PreFilter)", wantPre, got[0]);
        assertStatus(name + " (Filter)", wantFilter, got[1]);
    }

    private static void assertStatus(String name, Status want, Status got) {
        assertEquals(want.code(), got.code(), name);
        assertEquals(want.reasons(), got.reasons(), name);
    }

    @Test
    void singleZone() {
        volume("vol-1", Map.of(FAILURE_DOMAIN_BETA_ZONE, "us-west1-a"));
        volume("vol-2", Map.of(FAILURE_DOMAIN_BETA_REGION, "us-west1", "uselessLabel", "none"));
        volume("vol-3", Map.of(FAILURE_DOMAIN_BETA_REGION, "us-west1"));
        volume("vol-stable-1", Map.of(TOPOLOGY_ZONE, "us-west1-a"));
        volume("vol-stable-2", Map.of(TOPOLOGY_REGION, "us-west1", "uselessLabel", "none"));
        volume("vol-stable-3", Map.of(TOPOLOGY_ZONE, "us-west1-a", TOPOLOGY_REGION, "us-west1-a"));
        claim("pvc-1", "vol-1", null);
        claim("pvc-2", "vol-2", null);
        claim("pvc-3", "vol-3", null);
        claim("pvc-4", "vol-not-exist", null);
        claim("pvc-stable-1", "vol-stable-1", null);
        claim("pvc-stable-2", "vol-stable-2", null);
        claim("pvc-stable-3", "vol-stable-3", null);
        Status ok = Status.SUCCESS;

        Status[] noVolume = run(TestObjects.pod("pod-1").build(), node(Map.of(FAILURE_DOMAIN_BETA_ZONE, "us-west1-a")));
        assertTrue(noVolume[0].isSkip(), "pod without volume");
        assertCase("node without labels", podWith("pvc-1"), Map.of(), ok, ok);
        assertCase("beta zone label matched", podWith("pvc-1"), Map.of(FAILURE_DOMAIN_BETA_ZONE, "us-west1-a",
                "uselessLabel", "none"), ok, ok);
        assertCase("beta region label matched", podWith("pvc-2"), Map.of(FAILURE_DOMAIN_BETA_REGION, "us-west1",
                "uselessLabel", "none"), ok, ok);
        assertCase("beta region label doesn't match", podWith("pvc-2"), Map.of(FAILURE_DOMAIN_BETA_REGION, "no_us-west1",
                "uselessLabel", "none"), ok, CONFLICT);
        assertCase("beta zone label doesn't match", podWith("pvc-1"), Map.of(FAILURE_DOMAIN_BETA_ZONE, "no_us-west1-a",
                "uselessLabel", "none"), ok, CONFLICT);
        assertCase("zone label matched", podWith("pvc-stable-1"), Map.of(TOPOLOGY_ZONE, "us-west1-a",
                "uselessLabel", "none"), ok, ok);
        assertCase("region label matched", podWith("pvc-stable-2"), Map.of(TOPOLOGY_REGION, "us-west1",
                "uselessLabel", "none"), ok, ok);
        assertCase("region label doesn't match", podWith("pvc-stable-2"), Map.of(TOPOLOGY_REGION, "no_us-west1",
                "uselessLabel", "none"), ok, CONFLICT);
        assertCase("zone label doesn't match", podWith("pvc-stable-1"), Map.of(TOPOLOGY_ZONE, "no_us-west1-a",
                "uselessLabel", "none"), ok, CONFLICT);
        assertCase("pv with zone and region, node with only zone", podWith("pvc-stable-3"),
                Map.of(TOPOLOGY_ZONE, "us-west1-a"), ok, CONFLICT);
        assertCase("pv with zone, node with beta zone", podWith("pvc-stable-1"), Map.of(FAILURE_DOMAIN_BETA_ZONE, "us-west1-a"),
                ok, CONFLICT);
        assertCase("pv with beta label, node with ga label, matched", podWith("pvc-1"), Map.of(TOPOLOGY_ZONE, "us-west1-a"),
                ok, ok);
        assertCase("pv with beta label, node with ga label, don't match", podWith("pvc-1"),
                Map.of(TOPOLOGY_ZONE, "us-west1-b"), ok, CONFLICT);
        Status missing = Status.unresolvable("persistentvolume \"vol-not-exist\" not found");
        assertCase("claim bound to a missing volume", podWith("pvc-4"), Map.of(TOPOLOGY_ZONE, "us-west1-a"), missing,
                missing);
    }

    @Test
    void multiZone() {
        volume("vol-1", Map.of(FAILURE_DOMAIN_BETA_ZONE, "us-west1-a"));
        volume("vol-2", Map.of(FAILURE_DOMAIN_BETA_ZONE, "us-west1-b", "uselessLabel", "none"));
        volume("vol-3", Map.of(FAILURE_DOMAIN_BETA_ZONE, "us-west1-c__us-west1-a"));
        volume("vol-stable-1", Map.of(TOPOLOGY_ZONE, "us-west1-a"));
        volume("vol-stable-2", Map.of(TOPOLOGY_ZONE, "us-west1-c__us-west1-a"));
        claim("pvc-1", "vol-1", null);
        claim("pvc-2", "vol-2", null);
        claim("pvc-3", "vol-3", null);
        claim("pvc-stable-1", "vol-stable-1", null);
        claim("pvc-stable-2", "vol-stable-2", null);
        Status ok = Status.SUCCESS;

        assertCase("node without labels", podWith("pvc-3"), Map.of(), ok, ok);
        assertCase("beta zone label matched", podWith("pvc-3"), Map.of(FAILURE_DOMAIN_BETA_ZONE, "us-west1-a",
                "uselessLabel", "none"), ok, ok);
        assertCase("beta zone label doesn't match", podWith("pvc-1"), Map.of(FAILURE_DOMAIN_BETA_ZONE, "us-west1-b",
                "uselessLabel", "none"), ok, CONFLICT);
        assertCase("zone label matched", podWith("pvc-stable-2"), Map.of(TOPOLOGY_ZONE, "us-west1-a",
                "uselessLabel", "none"), ok, ok);
        assertCase("zone label doesn't match", podWith("pvc-stable-1"), Map.of(TOPOLOGY_ZONE, "us-west1-b",
                "uselessLabel", "none"), ok, CONFLICT);
    }

    @Test
    void withBinding() {
        storageClass("class-immediate", StorageClass.BINDING_IMMEDIATE);
        storageClass("class-wait", StorageClass.BINDING_WAIT_FOR_FIRST_CONSUMER);
        volume("vol-1", Map.of(FAILURE_DOMAIN_BETA_ZONE, "us-west1-a"));
        claim("pvc-1", "vol-1", null);
        claim("pvc-nosc", null, "class-0");
        claim("pvc-emptysc", null, null);
        claim("pvc-waitsc", null, "class-wait");
        claim("pvc-immediatesc", null, "class-immediate");
        Map<String, String> testNode = Map.of(FAILURE_DOMAIN_BETA_ZONE, "us-west1-a", "uselessLabel", "none");

        assertCase("label zone failure domain matched", podWith("pvc-1"), testNode, Status.SUCCESS, Status.SUCCESS);
        Status noName = Status.unresolvable("PersistentVolumeClaim had no pv name and storageClass name");
        assertCase("unbound volume empty storage class", podWith("pvc-emptysc"), testNode, noName, noName);
        // The real lister's NotFound names the resource in the singular ("storageclass.storage.k8s.io").
        Status noClass = Status.unresolvable("storageclass.storage.k8s.io \"class-0\" not found");
        assertCase("unbound volume no storage class", podWith("pvc-nosc"), testNode, noClass, noClass);
        // ksim's API server defaults volumeBindingMode to Immediate, so upstream's "VolumeBindingMode not set"
        // case reads as an unbound claim of an Immediate class.
        Status immediate = Status.unresolvable("PersistentVolume had no name");
        assertCase("unbound volume immediate binding mode", podWith("pvc-immediatesc"), testNode, immediate,
                immediate);
        Status[] wait = run(podWith("pvc-waitsc"), node(testNode));
        assertTrue(wait[0].isSkip(), "unbound volume wait binding mode");
        Status missingClaim = run(podWith("nope"), node(testNode))[0];
        assertEquals(Code.UNSCHEDULABLE_AND_UNRESOLVABLE, missingClaim.code());
        assertEquals("persistentvolumeclaim \"nope\" not found", missingClaim.message());
    }

    @Test
    void labelValuesParseAsUpstreamsLabelZonesToSet() {
        Map<String, Set<String>> cases = new LinkedHashMap<>();
        cases.put("us-west1-a", Set.of("us-west1-a"));
        cases.put("us-west1-c__us-west1-a", Set.of("us-west1-c", "us-west1-a"));
        cases.put(" a __ b ", Set.of("a", "b"));
        cases.put("a__a", Set.of("a"));
        cases.forEach((value, want) -> assertEquals(want, VolumeZone.labelZonesToSet(value), value));
        for (String bad : new String[] {"", "a____b", "a__", "__a", " "}) {
            assertNull(VolumeZone.labelZonesToSet(bad), bad);
        }
    }

    @Test
    void anUnparsableLabelIsIgnored() {
        volume("vol-bad", Map.of(TOPOLOGY_ZONE, "a____b"));
        claim("pvc-bad", "vol-bad", null);
        Status[] got = run(podWith("pvc-bad"), node(Map.of(TOPOLOGY_ZONE, "c")));
        assertTrue(got[0].isSkip(), "no usable topology: skipped");
    }

    @Test
    void aPodWithoutVolumesPassesFilterWithoutPreFilter() {
        NodeInfo ni = new NodeInfo(node(Map.of(TOPOLOGY_ZONE, "z")));
        assertTrue(plugin.filter(new CycleState(), PodInfo.of(TestObjects.pod("p").build()), ni).isSuccess());
        volume("vol-z", Map.of(TOPOLOGY_ZONE, "y"));
        claim("pvc-z", "vol-z", null);
        // Without PreFilter's state the filter computes the topologies itself, as upstream's fallback does.
        assertStatus("fallback", CONFLICT, plugin.filter(new CycleState(), PodInfo.of(podWith("pvc-z")), ni));
    }
}
