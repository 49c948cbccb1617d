package io.ksim.scheduler.plugins;

import io.ksim.api.core.PersistentVolume;
import io.ksim.api.core.PersistentVolumeClaim;
import io.ksim.api.core.Pod;
import io.ksim.api.core.Volume;
import io.ksim.api.core.WellKnownLabels;
import io.ksim.api.storage.StorageClass;
import io.ksim.api.storage.VolumeMatching;
import io.ksim.apiserver.ApiServer;
import io.ksim.apiserver.registry.BuiltinResources;
import io.ksim.scheduler.framework.ClusterEvent;
import io.ksim.scheduler.framework.CycleState;
import io.ksim.scheduler.framework.FilterPlugin;
import io.ksim.scheduler.framework.NodeInfo;
import io.ksim.scheduler.framework.PodInfo;
import io.ksim.scheduler.framework.PreFilterPlugin;
import io.ksim.scheduler.framework.Snapshot;
import io.ksim.scheduler.framework.Status;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * The VolumeZone plugin (pkg/scheduler/framework/plugins/volumezone/volume_zone.go): a pod whose claims are bound
 * to volumes labelled with a zone or region fits only nodes in that zone or region.
 *
 * <p>PreFilter reads the pod's claims in volume order and, for each bound one, the volume's topology labels
 * ({@code failure-domain.beta.kubernetes.io/zone}, {@code .../region}, {@code topology.kubernetes.io/zone},
 * {@code .../region}); a value may name several zones joined by {@code __} ({@code us-west1-c__us-west1-a}), and a
 * value with an empty part is ignored, as upstream's LabelZonesToSet parse failure is. An unbound claim of a
 * WaitForFirstConsumer class is skipped (its volume does not exist yet); an unbound claim without a class, of any
 * other class, or a missing claim, volume or class is UnschedulableAndUnresolvable with upstream's text. A pod with
 * no labelled volume is skipped.
 *
 * <p>Filter: a node with none of the four labels fits (a single-zone cluster); otherwise every volume label must
 * find its value among the volume's zones in the node's label of the same key, or for a beta key in the node's GA
 * label, else the node is {@value #ERR_REASON_CONFLICT} (UnschedulableAndUnresolvable).
 *
 * <p>Claims, volumes and classes are read from the API server at PreFilter (upstream reads informer caches), as
 * VolumeBinding and VolumeRestrictions do.
 */
public final class VolumeZone implements PreFilterPlugin, FilterPlugin {

    public static final String NAME = "VolumeZone";
    public static final String ERR_REASON_CONFLICT = "node(s) had no available volume zone";

    /** The keys upstream looks at, in its order. */
    static final List<String> TOPOLOGY_LABELS = List.of(WellKnownLabels.FAILURE_DOMAIN_BETA_ZONE, WellKnownLabels.FAILURE_DOMAIN_BETA_REGION, WellKnownLabels.TOPOLOGY_ZONE, WellKnownLabels.TOPOLOGY_REGION);
    /** How a volume label lists several zones (upstream LabelMultiZoneDelimiter). */
    static final String MULTI_ZONE_DELIMITER = "__";

    private static final String STATE_KEY = "PreFilter" + NAME;

    /** One topology label of one volume: the key and the zones its value names (upstream pvTopology). */
    record PvTopology(String pvName, String key, Set<String> values) {
    }

    private final ApiServer api;

    public VolumeZone(ApiServer api) {
        this.api = api;
    }

    @Override
    public String name() {
        return NAME;
    }

    /**
     * upstream: a new WaitForFirstConsumer class, a node added or relabelled (and, without queueing hints, a
     * node's taints changing), a claim added or bound, a volume added or relabelled. ksim's node update event is
     * coarse and covers labels and taints.
     */
    @Override
    public Set<ClusterEvent> events() {
        return Set.of(ClusterEvent.STORAGE_CLASS_ADD, ClusterEvent.NODE_ADD, ClusterEvent.NODE_UPDATE,
                ClusterEvent.PVC_ADD, ClusterEvent.PVC_UPDATE, ClusterEvent.PV_ADD, ClusterEvent.PV_UPDATE);
    }

    @Override
    public Status preFilter(CycleState state, PodInfo podInfo, Snapshot snapshot) {
        List<PvTopology> topologies = new ArrayList<>();
        Status s = topologiesOf(podInfo.pod(), topologies);
        if (!s.isSuccess()) {
            return s;
        }
        if (topologies.isEmpty()) {
            return Status.SKIP;
        }
        state.write(STATE_KEY, List.copyOf(topologies));
        return Status.SUCCESS;
    }

    /** upstream getPVbyPod: the topology labels of the volumes the pod's bound claims name, or why there are none. */
    private Status topologiesOf(Pod pod, List<PvTopology> out) {
        String ns = pod.metadata().namespace();
        for (Volume v : pod.spec().volumes()) {
            if (v.persistentVolumeClaim() == null) {
                continue;
            }
            String claimName = v.persistentVolumeClaim().claimName();
            if (claimName == null || claimName.isEmpty()) {
                return Status.unresolvable("PersistentVolumeClaim had no name");
            }
            PersistentVolumeClaim claim = ApiObjects.getOrNull(api, BuiltinResources.PERSISTENT_VOLUME_CLAIMS, ns,
                    claimName);
            if (claim == null) {
                return Status.unresolvable("persistentvolumeclaim \"" + claimName + "\" not found");
            }
            String pvName = claim.spec().volumeName();
            if (pvName == null || pvName.isEmpty()) {
                String scName = VolumeMatching.claimClass(claim);
                if (scName.isEmpty()) {
                    return Status.unresolvable("PersistentVolumeClaim had no pv name and storageClass name");
                }
                StorageClass sc = ApiObjects.getOrNull(api, BuiltinResources.STORAGE_CLASSES, null, scName);
                if (sc == null) {
                    return Status.unresolvable("storageclass.storage.k8s.io \"" + scName + "\" not found");
                }
                if (sc.volumeBindingMode() == null) {
                    return Status.unresolvable("VolumeBindingMode not set for StorageClass \"" + scName + "\"");
                }
                if (StorageClass.BINDING_WAIT_FOR_FIRST_CONSUMER.equals(sc.volumeBindingMode())) {
                    continue; // its volume is provisioned or chosen for the node the pod lands on
                }
                return Status.unresolvable("PersistentVolume had no name");
            }
            PersistentVolume pv = ApiObjects.getOrNull(api, BuiltinResources.PERSISTENT_VOLUMES, null, pvName);
            if (pv == null) {
                return Status.unresolvable("persistentvolume \"" + pvName + "\" not found");
            }
            out.addAll(topologies(pv));
        }
        return Status.SUCCESS;
    }

    /** upstream getPVTopologies: the volume's topology labels whose values parse, in {@link #TOPOLOGY_LABELS} order. */
    static List<PvTopology> topologies(PersistentVolume pv) {
        List<PvTopology> out = new ArrayList<>();
        Map<String, String> labels = pv.metadata().labels();
        for (String key : TOPOLOGY_LABELS) {
            String value = labels.get(key);
            if (value == null) {
                continue;
            }
            Set<String> zones = labelZonesToSet(value);
            if (zones != null) {
                out.add(new PvTopology(pv.metadata().name(), key, zones));
            }
        }
        return out;
    }

    /**
     * upstream volumehelpers.LabelZonesToSet: the {@code __}-separated zones of a label value, each trimmed; null
     * when one is empty ({@code "a____b"}, {@code "a__"}, {@code ""}), which upstream reports as a parse error and
     * the plugin ignores.
     */
    static Set<String> labelZonesToSet(String value) {
        Set<String> zones = new LinkedHashSet<>();
        for (String zone : value.split(MULTI_ZONE_DELIMITER, -1)) {
            String trimmed = zone.strip();
            if (trimmed.isEmpty()) {
                return null;
            }
            zones.add(trimmed);
        }
        return zones;
    }

    @Override
    public Status filter(CycleState state, PodInfo podInfo, NodeInfo nodeInfo) {
        if (podInfo.pod().spec().volumes().isEmpty()) {
            return Status.SUCCESS;
        }
        List<PvTopology> topologies = state.read(STATE_KEY);
        if (topologies == null) {
            // As upstream, compute here when PreFilter did not run.
            List<PvTopology> computed = new ArrayList<>();
            Status s = topologiesOf(podInfo.pod(), computed);
            if (!s.isSuccess()) {
                return s;
            }
            topologies = computed;
        }
        Map<String, String> labels = nodeInfo.node().metadata().labels();
        if (!hasAnyTopologyLabel(labels)) {
            return Status.SUCCESS; // a node without zone labels: a single-zone cluster
        }
        for (PvTopology t : topologies) {
            String v = labels.get(t.key());
            if (v == null) {
                // a volume with a beta label matches a node with the GA label
                v = labels.get(toGaLabel(t.key()));
            }
            if (v == null || !t.values().contains(v)) {
                return Status.unresolvable(ERR_REASON_CONFLICT);
            }
        }
        return Status.SUCCESS;
    }

    private static boolean hasAnyTopologyLabel(Map<String, String> labels) {
        for (String key : TOPOLOGY_LABELS) {
            if (labels.containsKey(key)) {
                return true;
            }
        }
        return false;
    }

    /** upstream translateToGALabel. */
    static String toGaLabel(String key) {
        if (WellKnownLabels.FAILURE_DOMAIN_BETA_REGION.equals(key)) {
            return WellKnownLabels.TOPOLOGY_REGION;
        }
        if (WellKnownLabels.FAILURE_DOMAIN_BETA_ZONE.equals(key)) {
            return WellKnownLabels.TOPOLOGY_ZONE;
        }
        return key;
    }
}
