package io.ksim.scheduler.plugins;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.ksim.api.core.CSIPersistentVolumeSource;
import io.ksim.api.core.PersistentVolume;
import io.ksim.api.core.PersistentVolumeClaim;
import io.ksim.api.core.Pod;
import io.ksim.api.core.Volume;
import io.ksim.api.meta.ObjectMeta;
import io.ksim.api.resource.Quantity;
import io.ksim.api.storage.CSINode;
import io.ksim.apiserver.ApiServer;
import io.ksim.apiserver.registry.BuiltinResources;
import io.ksim.apiserver.registry.KubeApiServer;
import io.ksim.kernel.Kernel;
import io.ksim.scheduler.TestObjects;
import io.ksim.scheduler.framework.CycleState;
import io.ksim.scheduler.framework.NodeInfo;
import io.ksim.scheduler.framework.PodInfo;
import io.ksim.scheduler.framework.Snapshot;
import io.ksim.scheduler.framework.Status;
import io.ksim.store.MvccStore;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.SplittableRandom;
import java.util.TreeMap;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;

/**
 * NodeVolumeLimits over random pods on a node, drawing from twelve CSI volumes of two drivers (claims bound to
 * them), with random attach limits: a node rejects the pod exactly when, for a driver of one of the pod's volumes
 * not yet on the node, the node's distinct volumes of that driver plus the pod's new ones exceed its limit; a pod
 * whose volumes are all on the node already always fits; raising a limit never turns a fit into a rejection.
 */
class NodeVolumeLimitsProperties {

    private static final List<String> DRIVERS = List.of("ebs.csi.aws.com", "pd.csi.storage.gke.io");
    private static final int PER_DRIVER = 6;

    private final ApiServer api;

    NodeVolumeLimitsProperties() {
        Kernel kernel = Kernel.builder().seed(17).build();
        api = KubeApiServer.start(kernel, MvccStore.builder(kernel).build());
        for (int d = 0; d < DRIVERS.size(); d++) {
            for (int h = 0; h < PER_DRIVER; h++) {
                String name = claimName(d * PER_DRIVER + h);
                api.create(BuiltinResources.PERSISTENT_VOLUMES, null, new PersistentVolume(null, null,
                        ObjectMeta.builder().name(name).build(), PersistentVolume.PersistentVolumeSpec.builder()
                                .capacity(new TreeMap<>(Map.of("storage", Quantity.parse("1Gi"))))
                                .accessModes(List.of(PersistentVolume.READ_WRITE_ONCE))
                                .csi(new CSIPersistentVolumeSource(DRIVERS.get(d), "handle-" + h, null, null, null, null,
                                        null, null, null, null)).build(), null));
                api.create(BuiltinResources.PERSISTENT_VOLUME_CLAIMS, "default", new PersistentVolumeClaim(null, null,
                        ObjectMeta.of("default", name), new PersistentVolumeClaim.PersistentVolumeClaimSpec(
                                List.of(PersistentVolume.READ_WRITE_ONCE), null,
                                new PersistentVolumeClaim.VolumeResourceRequirements(null, new TreeMap<>(Map.of(
                                        "storage", Quantity.parse("1Gi")))), name, null, null, null, null, null),
                        null));
            }
        }
    }

    private static String claimName(int volume) {
        return "v" + volume;
    }

    private static List<Integer> someVolumes(SplittableRandom r, int min, int max) {
        List<Integer> out = new ArrayList<>();
        int n = min + r.nextInt(max - min + 1);
        for (int i = 0; i < n; i++) {
            out.add(r.nextInt(DRIVERS.size() * PER_DRIVER));
        }
        return out;
    }

    private static Pod pod(String name, List<Integer> volumes) {
        List<Volume> vols = new ArrayList<>();
        for (int v : new LinkedHashSet<>(volumes)) {
            vols.add(Volume.persistentVolumeClaim("d" + v, claimName(v)));
        }
        return TestObjects.pod(name).spec(b -> b.volumes(vols)).build();
    }

    /** A CSINode with each driver's limit, or none for a null limit. */
    private static CSINode csiNode(Integer[] limits) {
        List<CSINode.CSINodeDriver> drivers = new ArrayList<>();
        for (int d = 0; d < DRIVERS.size(); d++) {
            drivers.add(new CSINode.CSINodeDriver(DRIVERS.get(d), "n", null,
                    limits[d] == null ? null : new CSINode.VolumeNodeResources(limits[d])));
        }
        return new CSINode(null, null, ObjectMeta.builder().name("node-1").build(), new CSINode.CSINodeSpec(drivers));
    }

    private Status verdict(Pod newPod, List<Pod> existing, Integer[] limits) {
        CSINode csi = csiNode(limits);
        NodeVolumeLimits plugin = new NodeVolumeLimits(api, name -> csi);
        NodeInfo node = PluginTesting.nodeInfo(TestObjects.node("node-1").build(), existing.toArray(Pod[]::new));
        CycleState state = new CycleState();
        PodInfo pi = PodInfo.of(newPod);
        Status pre = plugin.preFilter(state, pi, Snapshot.of(List.of(node)));
        return pre.isSkip() ? pre : plugin.filter(state, pi, node);
    }

    private record Case(Pod newPod, List<Integer> newVolumes, List<Pod> existing, Set<Integer> onNode,
            Integer[] limits) {
    }

    private static Case randomCase(long seed) {
        SplittableRandom r = new SplittableRandom(seed);
        List<Pod> existing = new ArrayList<>();
        Set<Integer> onNode = new LinkedHashSet<>();
        int pods = r.nextInt(5);
        for (int i = 0; i < pods; i++) {
            List<Integer> vols = someVolumes(r, 0, 3);
            onNode.addAll(vols);
            existing.add(pod("e" + i, vols));
        }
        List<Integer> newVolumes = someVolumes(r, 1, 3);
        Integer[] limits = new Integer[DRIVERS.size()];
        for (int d = 0; d < limits.length; d++) {
            limits[d] = r.nextInt(4) == 0 ? null : r.nextInt(5);
        }
        return new Case(pod("new", newVolumes), newVolumes, existing, onNode, limits);
    }

    private static int driverOf(int volume) {
        return volume / PER_DRIVER;
    }

    @Property
    void aNodeRejectsExactlyWhenADriversDistinctVolumesExceedItsLimit(@ForAll long seed) {
        Case c = randomCase(seed);
        boolean reject = false;
        Set<Integer> fresh = new LinkedHashSet<>(c.newVolumes());
        fresh.removeAll(c.onNode());
        for (int d = 0; d < DRIVERS.size(); d++) {
            final int driver = d;
            long newOfDriver = fresh.stream().filter(v -> driverOf(v) == driver).count();
            long onNodeOfDriver = c.onNode().stream().filter(v -> driverOf(v) == driver).count();
            if (newOfDriver > 0 && c.limits()[d] != null && onNodeOfDriver + newOfDriver > c.limits()[d]) {
                reject = true;
            }
        }
        Status s = verdict(c.newPod(), c.existing(), c.limits());
        assertEquals(reject, !s.isSuccess(), s.toString());
        if (reject) {
            assertEquals(List.of(NodeVolumeLimits.ERR_REASON_MAX_VOLUME_COUNT), s.reasons());
        }
    }

    @Property
    void aPodOfVolumesAlreadyOnTheNodeAlwaysFits(@ForAll long seed) {
        Case c = randomCase(seed);
        if (c.onNode().isEmpty()) {
            return;
        }
        List<Integer> attached = new ArrayList<>(c.onNode());
        SplittableRandom r = new SplittableRandom(seed ^ 0x5DEECE66DL);
        List<Integer> reuse = new ArrayList<>();
        for (int i = 0; i <= r.nextInt(attached.size()); i++) {
            reuse.add(attached.get(r.nextInt(attached.size())));
        }
        assertTrue(verdict(pod("again", reuse), c.existing(), c.limits()).isSuccess());
    }

    @Property
    void raisingALimitNeverTurnsAFitIntoARejection(@ForAll long seed) {
        Case c = randomCase(seed);
        if (!verdict(c.newPod(), c.existing(), c.limits()).isSuccess()) {
            return;
        }
        Integer[] raised = c.limits().clone();
        int d = (int) Math.floorMod(seed, (long) raised.length);
        raised[d] = raised[d] == null ? null : raised[d] + 1;
        assertTrue(verdict(c.newPod(), c.existing(), raised).isSuccess());
    }
}
