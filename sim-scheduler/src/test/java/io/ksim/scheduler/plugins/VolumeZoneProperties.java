package io.ksim.scheduler.plugins;

import static org.junit.jupiter.api.Assertions.assertEquals;

import io.ksim.api.core.HostPathVolumeSource;
import io.ksim.api.core.PersistentVolume;
import io.ksim.api.core.PersistentVolumeClaim;
import io.ksim.api.core.Pod;
import io.ksim.api.core.Volume;
import io.ksim.api.meta.ObjectMeta;
import io.ksim.api.resource.Quantity;
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
import java.util.List;
import java.util.Map;
import java.util.SplittableRandom;
import java.util.TreeMap;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;

/**
 * VolumeZone over random zone and region labels (GA and beta keys, single zones and {@code __}-joined sets) on a
 * bound volume and on a node: the node fits exactly when it has none of the four topology labels, or when every
 * topology label of the volume finds the node's value for that key (for a beta key, else the GA key's) among the
 * volume's zones.
 */
class VolumeZoneProperties {

    private static final List<String> KEYS = VolumeZone.TOPOLOGY_LABELS;
    private static final List<String> VALUES = List.of("a", "b", "a__b", "b__c");

    private final ApiServer api;
    private int tries;

    VolumeZoneProperties() {
        Kernel kernel = Kernel.builder().seed(19).build();
        api = KubeApiServer.start(kernel, MvccStore.builder(kernel).build());
    }

    private static Map<String, String> labels(SplittableRandom r) {
        Map<String, String> out = new TreeMap<>();
        for (String key : KEYS) {
            if (r.nextInt(3) == 0) {
                out.put(key, VALUES.get(r.nextInt(VALUES.size())));
            }
        }
        return out;
    }

    /** The model: each of the volume's labels must be matched by the node's, as stated above. */
    private static boolean fits(Map<String, String> pvLabels, Map<String, String> nodeLabels) {
        if (KEYS.stream().noneMatch(nodeLabels::containsKey)) {
            return true;
        }
        for (Map.Entry<String, String> e : pvLabels.entrySet()) {
            String nodeValue = nodeLabels.containsKey(e.getKey()) ? nodeLabels.get(e.getKey())
                    : nodeLabels.get(e.getKey().replace("failure-domain.beta.kubernetes.io", "topology.kubernetes.io"));
            if (nodeValue == null || !List.of(e.getValue().split("__")).contains(nodeValue)) {
                return false;
            }
        }
        return true;
    }

    @Property
    void aNodeFitsExactlyWhenItsLabelsNameOneOfEachVolumeLabelsZones(@ForAll long seed) {
        SplittableRandom r = new SplittableRandom(seed);
        Map<String, String> pvLabels = labels(r);
        Map<String, String> nodeLabels = labels(r);
        String name = "t" + (tries++);
        api.create(BuiltinResources.PERSISTENT_VOLUMES, null, new PersistentVolume(null, null,
                ObjectMeta.builder().name(name).labels(pvLabels).build(), PersistentVolume.PersistentVolumeSpec.builder()
                        .capacity(new TreeMap<>(Map.of("storage", Quantity.parse("1Gi"))))
                        .accessModes(List.of(PersistentVolume.READ_WRITE_ONCE))
                        .hostPath(new HostPathVolumeSource("/data", null)).build(), null));
        api.create(BuiltinResources.PERSISTENT_VOLUME_CLAIMS, "default", new PersistentVolumeClaim(null, null,
                ObjectMeta.of("default", name), new PersistentVolumeClaim.PersistentVolumeClaimSpec(
                        List.of(PersistentVolume.READ_WRITE_ONCE), null,
                        new PersistentVolumeClaim.VolumeResourceRequirements(null, new TreeMap<>(Map.of("storage",
                                Quantity.parse("1Gi")))), name, null, null, null, null, null), null));
        TestObjects.NodeBuilder nb = TestObjects.node("node-1");
        nodeLabels.forEach(nb::label);
        NodeInfo node = new NodeInfo(nb.build());
        Pod pod = TestObjects.pod("p").spec(b -> b.volumes(List.of(Volume.persistentVolumeClaim("data", name))))
                .build();
        VolumeZone plugin = new VolumeZone(api);
        CycleState state = new CycleState();
        PodInfo pi = PodInfo.of(pod);
        Status pre = plugin.preFilter(state, pi, Snapshot.of(List.of(node)));
        Status filter = pre.isSkip() ? Status.SUCCESS : plugin.filter(state, pi, node);
        assertEquals(fits(pvLabels, nodeLabels), filter.isSuccess(), pvLabels + " on " + nodeLabels);
        assertEquals(pvLabels.isEmpty(), pre.isSkip(), "a volume without topology labels is skipped");
    }
}
