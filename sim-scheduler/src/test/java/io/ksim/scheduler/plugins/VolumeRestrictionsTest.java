package io.ksim.scheduler.plugins;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.ObjectMapper;
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
import java.util.function.BiFunction;
import org.junit.jupiter.api.Test;

/**
 * VolumeRestrictions with upstream's vectors (pkg/scheduler/framework/plugins/volumerestrictions/
 * volume_restrictions_test.go: TestGCEDiskConflicts, TestAWSDiskConflicts, TestRBDDiskConflicts,
 * TestISCSIDiskConflicts, TestAccessModeConflicts).
 */
class VolumeRestrictionsTest {

    private static final ObjectMapper JSON = new ObjectMapper();

    private final Kernel kernel = Kernel.builder().seed(3).build();
    private final ApiServer api = KubeApiServer.start(kernel, MvccStore.builder(kernel).build());
    private final VolumeRestrictions plugin = new VolumeRestrictions(api);
    private final Node node = TestObjects.node("node-1").build();

    private static Opaque json(String text) {
        try {
            return Opaque.of(JSON.readTree(text));
        } catch (java.io.IOException e) {
            throw new IllegalArgumentException(e);
        }
    }

    private static Pod podWith(String name, Volume... volumes) {
        return TestObjects.pod(name).spec(b -> b.volumes(List.of(volumes))).build();
    }

    /** PreFilter, then Filter on a node holding {@code existing}; the first status that is not success. */
    private Status run(Pod pod, Pod... existing) {
        NodeInfo ni = PluginTesting.nodeInfo(node, existing);
        CycleState state = new CycleState();
        PodInfo pi = PodInfo.of(pod);
        Status pre = plugin.preFilter(state, pi, Snapshot.of(List.of(ni)));
        if (pre.isSkip()) {
            return Status.SUCCESS;
        }
        if (!pre.isSuccess()) {
            return pre;
        }
        return plugin.filter(state, pi, ni);
    }

    private void diskConflicts(BiFunction<String, String, Volume> volume) {
        Pod one = podWith("one", volume.apply("v", "foo"));
        Pod two = podWith("two", volume.apply("v", "bar"));
        Pod empty = TestObjects.pod("empty").build();
        assertTrue(run(empty).isSuccess(), "nothing");
        assertTrue(run(empty, one).isSuccess(), "one state");
        Status conflict = run(podWith("x", volume.apply("v", "foo")), one);
        assertEquals(Code.UNSCHEDULABLE, conflict.code(), "same state");
        assertEquals(List.of("node(s) had no available disk"), conflict.reasons());
        assertTrue(run(two, one).isSuccess(), "different state");
    }

    @Test
    void gceDiskConflicts() {
        diskConflicts((n, id) -> Volume.builder().name(n).gcePersistentDisk(json("{\"pdName\":\"" + id + "\"}")).build());
    }

    @Test
    void awsDiskConflicts() {
        diskConflicts((n, id) -> Volume.builder().name(n).awsElasticBlockStore(json("{\"volumeID\":\"" + id + "\"}"))
                .build());
    }

    @Test
    void rbdDiskConflicts() {
        // same pool and image: "foo" shares a monitor with itself, "bar" uses other monitors
        diskConflicts((n, id) -> Volume.builder().name(n).rbd(json("{\"monitors\":" + ("foo".equals(id)
                ? "[\"a\",\"b\"]" : "[\"c\",\"d\"]") + ",\"pool\":\"foo\",\"image\":\"bar\"}")).build());
    }

    @Test
    void iscsiDiskConflicts() {
        diskConflicts((n, id) -> Volume.builder().name(n).iscsi(json("{\"targetPortal\":\"127.0.0.1:3260\","
                + "\"iqn\":\"iqn.2016-12.server:storage.target" + ("foo".equals(id) ? "01" : "02") + "\",\"lun\":0}"))
                .build());
    }

    @Test
    void readOnlyMountsShareAGceDiskButNotAnEbsVolume() {
        Volume roPd = Volume.builder().name("v").gcePersistentDisk(json("{\"pdName\":\"foo\",\"readOnly\":true}")).build();
        Volume rwPd = Volume.builder().name("v").gcePersistentDisk(json("{\"pdName\":\"foo\"}")).build();
        assertTrue(run(podWith("a", roPd), podWith("b", roPd)).isSuccess());
        assertEquals(Code.UNSCHEDULABLE, run(podWith("a", rwPd), podWith("b", roPd)).code());
        Volume roEbs = Volume.builder().name("v").awsElasticBlockStore(json("{\"volumeID\":\"foo\",\"readOnly\":true}"))
                .build();
        assertEquals(Code.UNSCHEDULABLE, run(podWith("a", roEbs), podWith("b", roEbs)).code());
    }

    private void claim(String name, String mode) {
        api.create(BuiltinResources.PERSISTENT_VOLUME_CLAIMS, "default", new PersistentVolumeClaim(null, null,
                ObjectMeta.of("default", name), new PersistentVolumeClaimSpec(List.of(mode), null,
                        new VolumeResourceRequirements(null, new TreeMap<>(Map.of("storage", Quantity.parse("1Gi")))),
                        null, null, null, null, null, null), null));
    }

    private static Pod podWithClaims(String name, String... claims) {
        List<Volume> vols = new ArrayList<>();
        for (String c : claims) {
            vols.add(Volume.persistentVolumeClaim("v-" + c, c));
        }
        return TestObjects.pod(name).spec(b -> b.volumes(vols)).build();
    }

    @Test
    void accessModeConflicts() {
        claim("claim-with-rwop-1", PersistentVolume.READ_WRITE_ONCE_POD);
        claim("claim-with-rwop-2", PersistentVolume.READ_WRITE_ONCE_POD);
        claim("claim-with-rwx", "ReadWriteMany");
        Pod onePvc = podWithClaims("pod-with-one-pvc", "claim-with-rwop-1");
        Pod twoPvcs = podWithClaims("pod-with-two-pvcs", "claim-with-rwop-1", "claim-with-rwop-2");
        Pod oneConflict = podWithClaims("pod-with-one-conflict", "claim-with-rwop-1");
        Pod twoConflicts = podWithClaims("pod-with-two-conflicts", "claim-with-rwop-1", "claim-with-rwop-2");
        Pod rwx = podWithClaims("pod-with-rwx", "claim-with-rwx");
        Pod missing = podWithClaims("pod-with-missing-pvc", "claim-not-exists");

        assertTrue(run(onePvc).isSuccess(), "nothing");
        Status notFound = run(missing);
        assertEquals(Code.UNSCHEDULABLE_AND_UNRESOLVABLE, notFound.code(), "failed to get PVC");
        assertEquals("persistentvolumeclaim \"claim-not-exists\" not found", notFound.message());
        assertTrue(run(rwx, podWithClaims("other-rwx", "claim-with-rwx")).isSuccess(), "no access mode conflict");
        Status conflict = run(onePvc, oneConflict);
        assertEquals(Code.UNSCHEDULABLE, conflict.code(), "access mode conflict, unschedulable");
        assertEquals("node has pod using PersistentVolumeClaim with the same name and ReadWriteOncePod access mode",
                conflict.message());
        assertEquals(Code.UNSCHEDULABLE, run(twoPvcs, twoConflicts).code(), "two conflicts");
        assertEquals(Code.UNSCHEDULABLE, run(twoPvcs, oneConflict).code(), "one of two claims in use");
    }

    @Test
    void aClaimInUseAnywhereRejectsEveryNode() {
        claim("db", PersistentVolume.READ_WRITE_ONCE_POD);
        NodeInfo holder = PluginTesting.nodeInfo(TestObjects.node("node-1").build(), podWithClaims("old", "db"));
        NodeInfo other = PluginTesting.nodeInfo(TestObjects.node("node-2").build());
        CycleState state = new CycleState();
        PodInfo pi = PodInfo.of(podWithClaims("new", "db"));
        assertTrue(plugin.preFilter(state, pi, Snapshot.of(List.of(holder, other))).isSuccess());
        assertEquals(Code.UNSCHEDULABLE, plugin.filter(state, pi, other).code());
        // a claim of the same name in another namespace is another claim
        NodeInfo elsewhere = PluginTesting.nodeInfo(TestObjects.node("node-1").build(),
                TestObjects.pod("old").namespace("other").spec(b -> b.volumes(List.of(Volume.persistentVolumeClaim("v",
                        "db")))).build());
        assertTrue(plugin.preFilter(new CycleState(), pi, Snapshot.of(List.of(elsewhere))).isSkip());
    }

    @Test
    void podsWithoutRestrictedVolumesAreSkipped() {
        claim("rwo", PersistentVolume.READ_WRITE_ONCE);
        assertTrue(plugin.preFilter(new CycleState(), PodInfo.of(podWithClaims("p", "rwo")),
                Snapshot.of(List.of(new NodeInfo(node)))).isSkip());
        assertTrue(plugin.preFilter(new CycleState(), PodInfo.of(TestObjects.pod("p").build()),
                Snapshot.of(List.of(new NodeInfo(node)))).isSkip());
    }

    @Test
    void aPodNominatedWithTheClaimCountsAsUsingIt() {
        claim("db", PersistentVolume.READ_WRITE_ONCE_POD);
        NodeInfo ni = new NodeInfo(node);
        CycleState state = new CycleState();
        // a disk volume keeps PreFilter from skipping (a skipped plugin's AddPod is not called, as upstream)
        PodInfo pi = PodInfo.of(podWith("new", Volume.persistentVolumeClaim("v", "db"),
                Volume.builder().name("pd").gcePersistentDisk(json("{\"pdName\":\"x\"}")).build()));
        assertTrue(plugin.preFilter(state, pi, Snapshot.of(List.of(ni))).isSuccess());
        assertTrue(plugin.filter(state, pi, ni).isSuccess());
        CycleState copy = state.copy();
        plugin.addPod(copy, pi, PodInfo.of(podWithClaims("waiting", "db")), ni);
        assertEquals(Code.UNSCHEDULABLE, plugin.filter(copy, pi, ni).code());
        assertTrue(plugin.filter(state, pi, ni).isSuccess(), "the cycle's own state is unchanged");
    }
}
