package io.ksim.scheduler.plugins;

import static io.ksim.api.storage.VolumeMatching.ANN_BOUND_BY_CONTROLLER;
import static io.ksim.api.storage.VolumeMatching.ANN_SELECTED_NODE;

import io.ksim.api.core.Node;
import io.ksim.api.core.ObjectReference;
import io.ksim.api.core.PersistentVolume;
import io.ksim.api.core.PersistentVolumeClaim;
import io.ksim.api.core.Pod;
import io.ksim.api.core.TopologySelectorLabelRequirement;
import io.ksim.api.core.TopologySelectorTerm;
import io.ksim.api.core.WellKnownLabels;
import io.ksim.api.storage.StorageClass;
import io.ksim.api.storage.VolumeMatching;
import io.ksim.apiserver.ApiException;
import io.ksim.apiserver.ApiServer;
import io.ksim.apiserver.registry.BuiltinResources;
import io.ksim.scheduler.framework.ClusterEvent;
import io.ksim.scheduler.framework.CycleState;
import io.ksim.scheduler.framework.FilterPlugin;
import io.ksim.scheduler.framework.NodeInfo;
import io.ksim.scheduler.framework.PodInfo;
import io.ksim.scheduler.framework.PreBindPlugin;
import io.ksim.scheduler.framework.PreFilterPlugin;
import io.ksim.scheduler.framework.Snapshot;
import io.ksim.scheduler.framework.Status;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;

/**
 * The VolumeBinding plugin (pkg/scheduler/framework/plugins/volumebinding, binder.go). PreFilter reads the pod's
 * claims: a missing one, one being deleted, or an unbound claim of an Immediate class makes the pod
 * UnschedulableAndUnresolvable; bound local volumes (node affinity on {@code kubernetes.io/hostname In}, as a
 * local-path volume has) narrow the nodes to filter to theirs. Filter checks, per node, that bound claims' volumes admit the node by their node
 * affinity and that each WaitForFirstConsumer claim either finds an available volume on the node or can be
 * provisioned there (a class with a provisioner other than kubernetes.io/no-provisioner, whose
 * allowedTopologies admit the node). PreBind writes what was decided for the chosen node: a matched volume gets
 * the claim in its claimRef, a claim to provision gets {@code volume.kubernetes.io/selected-node}; the
 * PersistentVolume controller and the provisioner do the rest.
 *
 * <p>Claims, volumes and classes are read from the API server at PreFilter (upstream reads informer caches).
 * Upstream's PreBind then waits for the bindings to complete; ksim's returns at once. Storage capacity
 * tracking (CSIStorageCapacity) and generic ephemeral volumes are not modeled.
 */
public final class VolumeBinding implements PreFilterPlugin, FilterPlugin, PreBindPlugin {

    public static final String NAME = "VolumeBinding";

    public static final String ERR_UNBOUND_IMMEDIATE = "pod has unbound immediate PersistentVolumeClaims";
    public static final String ERR_BIND_CONFLICT = "node(s) didn't find available persistent volumes to bind";
    public static final String ERR_NODE_CONFLICT = "node(s) had volume node affinity conflict";
    public static final String ERR_PV_NOT_EXIST = "node(s) unavailable due to one or more pvc(s) bound to "
            + "non-existent pv(s)";
    static final String NO_PROVISIONER = "kubernetes.io/no-provisioner";

    private static final String STATE_KEY = "PreFilter" + NAME;

    private final ApiServer api;

    public VolumeBinding(ApiServer api) {
        this.api = api;
    }

    @Override
    public String name() {
        return NAME;
    }

    @Override
    public Set<ClusterEvent> events() {
        return Set.of(ClusterEvent.PVC_ADD, ClusterEvent.PVC_UPDATE, ClusterEvent.PV_ADD, ClusterEvent.PV_UPDATE,
                ClusterEvent.STORAGE_CLASS_ADD, ClusterEvent.NODE_ADD, ClusterEvent.NODE_UPDATE);
    }

    /** What PreFilter found: bound claims with their volumes (null if missing), claims waiting for a node. */
    record PodVolumes(Map<String, PersistentVolume> bound, List<PersistentVolumeClaim> delayed,
            Map<String, StorageClass> classes, List<PersistentVolume> allVolumes, Map<String, NodeDecision> perNode) {
    }

    /** What Filter decided for one node: volumes to bind to claims, claims to provision. */
    record NodeDecision(Map<PersistentVolumeClaim, PersistentVolume> bindings, List<PersistentVolumeClaim> provisions) {
    }

    /** podHasPVCs' checks of a claim that exists: it must not be Lost nor being deleted. */
    private static Status usable(PersistentVolumeClaim claim) {
        String name = claim.metadata().name();
        if (PersistentVolumeClaim.PersistentVolumeClaimStatus.LOST.equals(claim.status().phase())) {
            return Status.unresolvable("persistentvolumeclaim \"" + name + "\" bound to non-existent "
                    + "persistentvolume \"" + claim.spec().volumeName() + "\"");
        }
        if (claim.metadata().isBeingDeleted()) {
            return Status.unresolvable("persistentvolumeclaim \"" + name + "\" is being deleted");
        }
        return Status.SUCCESS;
    }

    @Override
    public Status preFilter(CycleState state, PodInfo podInfo, Snapshot snapshot) {
        Pod pod = podInfo.pod();
        if (PodClaims.names(pod).isEmpty()) {
            return Status.SKIP;
        }
        // podHasPVCs: every claim must exist, not be Lost and not be terminating.
        PodClaims read = PodClaims.read(api, pod, VolumeBinding::usable);
        if (!read.status().isSuccess()) {
            return read.status();
        }
        List<PersistentVolumeClaim> claims = read.claims();
        Map<String, PersistentVolume> bound = new TreeMap<>();
        List<PersistentVolumeClaim> delayed = new ArrayList<>();
        Map<String, StorageClass> classes = new HashMap<>();
        boolean unboundImmediate = false;
        for (PersistentVolumeClaim claim : claims) {
            String volumeName = claim.spec().volumeName();
            boolean hasVolume = volumeName != null && !volumeName.isEmpty();
            // Fully bound: the controller finished (bind-completed); a claim pre-bound by name counts as immediate.
            if (hasVolume && claim.metadata().annotations().containsKey(VolumeMatching.ANN_BIND_COMPLETED)) {
                bound.put(claim.metadata().name(), volume(volumeName));
                continue;
            }
            StorageClass sc = storageClass(VolumeMatching.claimClass(claim));
            if (!hasVolume && sc != null && StorageClass.BINDING_WAIT_FOR_FIRST_CONSUMER.equals(sc.volumeBindingMode())) {
                classes.put(sc.metadata().name(), sc);
                delayed.add(claim);
            } else {
                unboundImmediate = true;
            }
        }
        if (unboundImmediate) {
            return Status.unresolvable(ERR_UNBOUND_IMMEDIATE);
        }
        // Smallest requests first, so that each gets the smallest volume that fits (byPVCSize).
        delayed.sort(java.util.Comparator.comparing(VolumeMatching::requestedStorage));
        List<PersistentVolume> all = delayed.isEmpty() ? List.of()
                : api.list(BuiltinResources.PERSISTENT_VOLUMES, null).items();
        state.write(STATE_KEY, new PodVolumes(bound, delayed, classes, all, new HashMap<>()));
        return Status.SUCCESS;
    }

    /**
     * upstream GetEligibleNodes: the nodes the pod's bound local volumes pin it to, intersected over the
     * volumes, so that only those are filtered (the others count as {@code node(s) didn't satisfy plugin(s)
     * [VolumeBinding]}); null, for all nodes, when no bound volume pins a node or one of them is missing.
     * Node names are the volumes' {@code kubernetes.io/hostname} values, as upstream takes them.
     */
    @Override
    public Set<String> preFilterNodeNames(CycleState state) {
        PodVolumes volumes = state.read(STATE_KEY);
        if (volumes == null) {
            return null;
        }
        Set<String> eligible = null;
        for (PersistentVolume pv : volumes.bound().values()) {
            if (pv == null) {
                // upstream gives up narrowing when a volume cannot be read
                return null;
            }
            Set<String> names = localVolumeNodeNames(pv);
            if (names.isEmpty()) {
                continue;
            }
            if (eligible == null) {
                eligible = new java.util.TreeSet<>(names);
            } else {
                eligible.retainAll(names);
            }
        }
        return eligible;
    }

    /**
     * upstream GetLocalPersistentVolumeNodeNames: per required node selector term, the intersection of the
     * values of its {@code kubernetes.io/hostname In} expressions; the union over the terms. A local-path
     * volume (one term, one such expression) gives its node.
     */
    static Set<String> localVolumeNodeNames(PersistentVolume pv) {
        if (pv.spec().nodeAffinity() == null || pv.spec().nodeAffinity().required() == null) {
            return Set.of();
        }
        Set<String> result = new java.util.TreeSet<>();
        for (io.ksim.api.core.NodeSelectorTerm term : pv.spec().nodeAffinity().required().nodeSelectorTerms()) {
            Set<String> nodes = null;
            for (io.ksim.api.core.NodeSelectorRequirement e : term.matchExpressions()) {
                if (WellKnownLabels.HOSTNAME.equals(e.key()) && "In".equals(e.operator())) {
                    if (nodes == null) {
                        nodes = new HashSet<>(e.values());
                    } else {
                        nodes.retainAll(e.values());
                    }
                }
            }
            if (nodes != null) {
                result.addAll(nodes);
            }
        }
        return result;
    }

    private PersistentVolume volume(String name) {
        return ApiObjects.getOrNull(api, BuiltinResources.PERSISTENT_VOLUMES, null, name);
    }

    private StorageClass storageClass(String name) {
        if (name.isEmpty()) {
            return null;
        }
        return ApiObjects.getOrNull(api, BuiltinResources.STORAGE_CLASSES, null, name);
    }

    @Override
    public Status filter(CycleState state, PodInfo pod, NodeInfo nodeInfo) {
        PodVolumes volumes = state.read(STATE_KEY);
        if (volumes == null) {
            return Status.SUCCESS;
        }
        Node node = nodeInfo.node();
        boolean boundSatisfied = true;
        boolean boundVolumesFound = true;
        for (PersistentVolume pv : volumes.bound().values()) {
            // checkBoundClaims stops at the first missing or mismatched volume.
            if (pv == null) {
                boundVolumesFound = false;
                break;
            }
            if (!admits(pv, node)) {
                boundSatisfied = false;
                break;
            }
        }
        boolean unboundSatisfied = true;
        Map<PersistentVolumeClaim, PersistentVolume> bindings = new java.util.LinkedHashMap<>();
        List<PersistentVolumeClaim> provisions = new ArrayList<>();
        if (!volumes.delayed().isEmpty()) {
            unboundSatisfied = matchOrProvision(volumes, node, bindings, provisions);
        }
        // Upstream's reason order: node conflict, bind conflict, (not enough space,) missing volume.
        List<String> reasons = new ArrayList<>();
        if (!boundSatisfied) {
            reasons.add(ERR_NODE_CONFLICT);
        }
        if (!unboundSatisfied) {
            reasons.add(ERR_BIND_CONFLICT);
        }
        if (!boundVolumesFound) {
            reasons.add(ERR_PV_NOT_EXIST);
        }
        if (!reasons.isEmpty()) {
            return Status.unresolvable(reasons.toArray(String[]::new));
        }
        volumes.perNode().put(node.metadata().name(), new NodeDecision(bindings, provisions));
        return Status.SUCCESS;
    }

    /**
     * FindPodVolumes for the delayed claims: a claim that already names a node is provisioned there and fits
     * nowhere else; the others take the smallest fitting volume of their class on this node, and those left over
     * must be provisionable here.
     */
    private static boolean matchOrProvision(PodVolumes volumes, Node node,
            Map<PersistentVolumeClaim, PersistentVolume> bindings, List<PersistentVolumeClaim> provisions) {
        String nodeName = node.metadata().name();
        List<PersistentVolumeClaim> toProvision = new ArrayList<>();
        List<PersistentVolumeClaim> toMatch = new ArrayList<>();
        for (PersistentVolumeClaim claim : volumes.delayed()) {
            String selected = claim.metadata().annotations().get(ANN_SELECTED_NODE);
            if (selected != null) {
                if (!selected.equals(nodeName)) {
                    return false;
                }
                toProvision.add(claim);
            } else {
                toMatch.add(claim);
            }
        }
        Set<String> chosen = new HashSet<>();
        for (PersistentVolumeClaim claim : toMatch) {
            String cls = VolumeMatching.claimClass(claim);
            List<PersistentVolume> ofClass = volumes.allVolumes().stream()
                    .filter(v -> cls.equals(VolumeMatching.volumeClass(v))).toList();
            PersistentVolume pv = VolumeMatching.findMatchingVolume(claim, ofClass, v -> admits(v, node), chosen, true);
            if (pv == null) {
                toProvision.add(claim);
            } else {
                chosen.add(pv.metadata().name());
                bindings.put(claim, pv);
            }
        }
        for (PersistentVolumeClaim claim : toProvision) {
            if (!canProvision(volumes.classes().get(VolumeMatching.claimClass(claim)), node)) {
                return false;
            }
            provisions.add(claim);
        }
        return true;
    }

    private static boolean admits(PersistentVolume pv, Node node) {
        if (pv.spec().nodeAffinity() == null || pv.spec().nodeAffinity().required() == null) {
            return true;
        }
        return NodeSelectors.matches(pv.spec().nodeAffinity().required(), node);
    }

    private static boolean canProvision(StorageClass sc, Node node) {
        if (sc == null || sc.provisioner() == null || sc.provisioner().isEmpty()
                || NO_PROVISIONER.equals(sc.provisioner())) {
            return false;
        }
        if (sc.allowedTopologies().isEmpty()) {
            return true;
        }
        Map<String, String> labels = node.metadata().labels();
        for (TopologySelectorTerm term : sc.allowedTopologies()) {
            boolean all = true;
            for (TopologySelectorLabelRequirement r : term.matchLabelExpressions()) {
                if (!r.values().contains(labels.get(r.key()))) {
                    all = false;
                }
            }
            if (all) {
                return true;
            }
        }
        return false;
    }

    @Override
    public Status preBind(CycleState state, PodInfo pod, String nodeName) {
        PodVolumes volumes = state.read(STATE_KEY);
        if (volumes == null) {
            return Status.SUCCESS;
        }
        NodeDecision decision = volumes.perNode().get(nodeName);
        if (decision == null) {
            return Status.SUCCESS;
        }
        try {
            for (Map.Entry<PersistentVolumeClaim, PersistentVolume> e : decision.bindings().entrySet()) {
                PersistentVolume pv = api.get(BuiltinResources.PERSISTENT_VOLUMES, null, e.getValue().metadata().name());
                Map<String, String> ann = new TreeMap<>(pv.metadata().annotations());
                if (pv.spec().claimRef() == null) {
                    // GetBindVolumeToClaim marks a binding it made itself.
                    ann.put(ANN_BOUND_BY_CONTROLLER, "yes");
                }
                api.update(BuiltinResources.PERSISTENT_VOLUMES, pv.withMetadata(pv.metadata().withAnnotations(ann))
                        .withSpec(pv.spec().toBuilder().claimRef(ObjectReference.to(e.getKey())).build()));
            }
            for (PersistentVolumeClaim c : decision.provisions()) {
                PersistentVolumeClaim claim = api.get(BuiltinResources.PERSISTENT_VOLUME_CLAIMS,
                        c.metadata().namespace(), c.metadata().name());
                Map<String, String> ann = new TreeMap<>(claim.metadata().annotations());
                ann.put(ANN_SELECTED_NODE, nodeName);
                api.update(BuiltinResources.PERSISTENT_VOLUME_CLAIMS,
                        claim.withMetadata(claim.metadata().withAnnotations(ann)));
            }
        } catch (ApiException e) {
            return Status.error(e.getMessage());
        }
        return Status.SUCCESS;
    }
}
