package io.ksim.scheduler.plugins;

import com.fasterxml.jackson.databind.JsonNode;
import io.ksim.api.core.PersistentVolume;
import io.ksim.api.core.PersistentVolumeClaim;
import io.ksim.api.core.Pod;
import io.ksim.api.core.Volume;
import io.ksim.api.meta.Opaque;
import io.ksim.apiserver.ApiServer;
import io.ksim.scheduler.framework.ClusterEvent;
import io.ksim.scheduler.framework.CycleState;
import io.ksim.scheduler.framework.FilterPlugin;
import io.ksim.scheduler.framework.NodeInfo;
import io.ksim.scheduler.framework.PodInfo;
import io.ksim.scheduler.framework.PreFilterPlugin;
import io.ksim.scheduler.framework.Snapshot;
import io.ksim.scheduler.framework.Status;
import java.util.HashSet;
import java.util.LinkedHashSet;
import java.util.Objects;
import java.util.Set;

/**
 * The VolumeRestrictions plugin (pkg/scheduler/framework/plugins/volumerestrictions): volumes two pods may not
 * share.
 *
 * <p>Disk conflicts: a GCE persistent disk (same pdName) unless both mounts are read-only, an AWS EBS volume
 * (same volumeID) always, an iSCSI volume (same iqn) unless both are read-only, a Ceph RBD image (a monitor in
 * common, same pool and image) unless both are read-only; a node holding a conflicting pod is
 * {@value #ERR_DISK_CONFLICT}. ksim keeps these sources as opaque JSON and reads just those fields.
 *
 * <p>ReadWriteOncePod: PreFilter reads the pod's claims (a missing one is UnschedulableAndUnresolvable,
 * {@code persistentvolumeclaim "x" not found}) and counts how many of its ReadWriteOncePod claims some pod on
 * some node already uses. While that count is above zero every node is Unschedulable with
 * {@value #ERR_READ_WRITE_ONCE_POD_CONFLICT}: not unresolvable, so preemption may evict the pod holding the
 * claim. PreFilter skips the pod when it has no disk-conflict volume and no claim in use.
 *
 * <p>Claims are read from the API server at PreFilter (upstream reads its informer cache), as VolumeBinding does.
 */
public final class VolumeRestrictions implements PreFilterPlugin, FilterPlugin {

    public static final String NAME = "VolumeRestrictions";
    public static final String ERR_DISK_CONFLICT = "node(s) had no available disk";
    public static final String ERR_READ_WRITE_ONCE_POD_CONFLICT = "node has pod using PersistentVolumeClaim with the "
            + "same name and ReadWriteOncePod access mode";

    private static final String STATE_KEY = "PreFilter" + NAME;

    /**
     * What PreFilter found (upstream preFilterState).
     *
     * @param readWriteOncePodClaims names of the pod's claims with the ReadWriteOncePod access mode
     * @param conflictingRefCount    how many of them pods on nodes already use
     */
    record State(Set<String> readWriteOncePodClaims, int conflictingRefCount) {
    }

    private final ApiServer api;

    public VolumeRestrictions(ApiServer api) {
        this.api = api;
    }

    @Override
    public String name() {
        return NAME;
    }

    /** upstream: a deleted pod releases its volumes; a new node or a created claim may help. */
    @Override
    public Set<ClusterEvent> events() {
        return Set.of(ClusterEvent.ASSIGNED_POD_DELETE, ClusterEvent.NODE_ADD, ClusterEvent.PVC_ADD);
    }

    @Override
    public Status preFilter(CycleState state, PodInfo podInfo, Snapshot snapshot) {
        Pod pod = podInfo.pod();
        boolean needsCheck = pod.spec().volumes().stream().anyMatch(VolumeRestrictions::isDiskConflictVolume);
        PodClaims read = PodClaims.read(api, pod, claim -> Status.SUCCESS);
        if (!read.status().isSuccess()) {
            return read.status();
        }
        Set<String> rwop = new LinkedHashSet<>();
        for (PersistentVolumeClaim claim : read.claims()) {
            if (claim.spec().accessModes().contains(PersistentVolume.READ_WRITE_ONCE_POD)) {
                rwop.add(claim.metadata().name());
            }
        }
        int conflicts = 0;
        for (String claim : rwop) {
            if (usedByPods(snapshot, pod.metadata().namespace(), claim)) {
                // at most one pod can be using a ReadWriteOncePod claim
                conflicts++;
            }
        }
        if (!needsCheck && conflicts == 0) {
            return Status.SKIP;
        }
        state.write(STATE_KEY, new State(Set.copyOf(rwop), conflicts));
        return Status.SUCCESS;
    }

    @Override
    public Status filter(CycleState state, PodInfo podInfo, NodeInfo node) {
        if (!satisfiesVolumeConflicts(podInfo.pod(), node)) {
            return Status.unschedulable(ERR_DISK_CONFLICT);
        }
        State s = state.read(STATE_KEY);
        if (s == null) {
            return Status.error("cannot read \"" + STATE_KEY + "\" from cycleState");
        }
        return s.conflictingRefCount() > 0 ? Status.unschedulable(ERR_READ_WRITE_ONCE_POD_CONFLICT) : Status.SUCCESS;
    }

    /**
     * upstream AddPod: a pod nominated to a node that mounts one of the pod's ReadWriteOncePod claims (matched by
     * claim name only, as upstream) adds to the conflict count.
     */
    @Override
    public Status addPod(CycleState state, PodInfo podToSchedule, PodInfo added, NodeInfo node) {
        State s = state.read(STATE_KEY);
        if (s == null) {
            return Status.SUCCESS;
        }
        int more = 0;
        for (Volume v : added.pod().spec().volumes()) {
            if (v.persistentVolumeClaim() != null
                    && s.readWriteOncePodClaims().contains(v.persistentVolumeClaim().claimName())) {
                more++;
            }
        }
        if (more > 0) {
            state.write(STATE_KEY, new State(s.readWriteOncePodClaims(), s.conflictingRefCount() + more));
        }
        return Status.SUCCESS;
    }

    /** upstream StorageInfos().IsPVCUsedByPods: some pod counted on some node mounts the claim. */
    static boolean usedByPods(Snapshot snapshot, String namespace, String claim) {
        for (NodeInfo n : snapshot.nodes()) {
            for (PodInfo p : n.pods()) {
                if (!Objects.equals(namespace, p.pod().metadata().namespace())) {
                    continue;
                }
                for (Volume v : p.pod().spec().volumes()) {
                    if (v.persistentVolumeClaim() != null && claim.equals(v.persistentVolumeClaim().claimName())) {
                        return true;
                    }
                }
            }
        }
        return false;
    }

    static boolean isDiskConflictVolume(Volume v) {
        return v.gcePersistentDisk() != null || v.awsElasticBlockStore() != null || v.rbd() != null
                || v.iscsi() != null;
    }

    static boolean satisfiesVolumeConflicts(Pod pod, NodeInfo node) {
        for (Volume v : pod.spec().volumes()) {
            if (!isDiskConflictVolume(v)) {
                continue;
            }
            for (PodInfo existing : node.pods()) {
                if (isVolumeConflict(v, existing.pod())) {
                    return false;
                }
            }
        }
        return true;
    }

    /** upstream isVolumeConflict: whether {@code volume} clashes with one of {@code pod}'s volumes. */
    static boolean isVolumeConflict(Volume volume, Pod pod) {
        for (Volume other : pod.spec().volumes()) {
            if (volume.gcePersistentDisk() != null && other.gcePersistentDisk() != null
                    && Objects.equals(volume.gcePersistentDisk().text("pdName"), other.gcePersistentDisk().text("pdName"))
                    && !(readOnly(volume.gcePersistentDisk()) && readOnly(other.gcePersistentDisk()))) {
                return true;
            }
            if (volume.awsElasticBlockStore() != null && other.awsElasticBlockStore() != null
                    && Objects.equals(volume.awsElasticBlockStore().text("volumeID"),
                            other.awsElasticBlockStore().text("volumeID"))) {
                return true;
            }
            if (volume.iscsi() != null && other.iscsi() != null
                    && Objects.equals(volume.iscsi().text("iqn"), other.iscsi().text("iqn"))
                    && !(readOnly(volume.iscsi()) && readOnly(other.iscsi()))) {
                return true;
            }
            if (volume.rbd() != null && other.rbd() != null && sameRbdImage(volume.rbd(), other.rbd())
                    && !(readOnly(volume.rbd()) && readOnly(other.rbd()))) {
                return true;
            }
        }
        return false;
    }

    /** Two RBD sources name the same image when they share a Ceph monitor and have the same pool and image. */
    private static boolean sameRbdImage(Opaque a, Opaque b) {
        return Objects.equals(a.text("pool"), b.text("pool")) && Objects.equals(a.text("image"), b.text("image"))
                && haveOverlap(monitors(a), monitors(b));
    }

    private static Set<String> monitors(Opaque rbd) {
        Set<String> out = new HashSet<>();
        JsonNode m = rbd.tree().get("monitors");
        if (m != null && m.isArray()) {
            m.forEach(n -> out.add(n.asText()));
        }
        return out;
    }

    private static boolean haveOverlap(Set<String> a, Set<String> b) {
        for (String s : a) {
            if (b.contains(s)) {
                return true;
            }
        }
        return false;
    }

    private static boolean readOnly(Opaque source) {
        return "true".equals(source.text("readOnly"));
    }
}
