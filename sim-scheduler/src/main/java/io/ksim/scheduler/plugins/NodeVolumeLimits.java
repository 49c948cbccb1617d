package io.ksim.scheduler.plugins;

import io.ksim.api.core.PersistentVolume;
import io.ksim.api.core.PersistentVolumeClaim;
import io.ksim.api.core.Pod;
import io.ksim.api.core.Volume;
import io.ksim.api.resource.Quantity;
import io.ksim.api.storage.CSINode;
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
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;

/**
 * The NodeVolumeLimits plugin (pkg/scheduler/framework/plugins/nodevolumelimits/csi.go, CSILimits): a node takes
 * no more volumes of a CSI driver than it can attach.
 *
 * <p>A pod's volume counts for a driver when its claim is bound to a PersistentVolume with a CSI source (driver and
 * volume handle), or when the claim is unbound, or bound to a volume that does not exist, and its class names a
 * provisioner: the provisioner is taken as the driver (an in-tree one, such as {@code kubernetes.io/gce-pd}, as the
 * CSI driver it migrated to), and the volume as one of its own. Other volumes do not count: ksim's hostPath and
 * local-path volumes are not CSI. A volume several pods share counts once.
 *
 * <p>A node's limits are its CSINode's {@code spec.drivers[].allocatable.count} and the node's allocatable
 * {@code attachable-volumes-*} resources, keyed by {@code attachable-volumes-csi-<driver>}. Filter rejects a node
 * where the volumes of its pods plus the pod's new ones exceed a limit with {@value #ERR_REASON_MAX_VOLUME_COUNT}
 * (Unschedulable: evicting pods frees attachments). A claim of the pod that does not exist is UnschedulableAndUnresolvable
 * {@code looking up PVC ns/x: persistentvolumeclaim "x" not found}; an existing pod's missing claim is not counted.
 *
 * <p>CSINodes are read from the scheduler's informer cache, as upstream's lister; claims, volumes and classes from
 * the API server (the pod's own once, at PreFilter), as VolumeBinding reads them. Not modeled: in-tree volume sources translated to CSI (inline or in a
 * PersistentVolume) and generic ephemeral volumes.
 */
public final class NodeVolumeLimits implements PreFilterPlugin, FilterPlugin {

    public static final String NAME = "NodeVolumeLimits";
    public static final String ERR_REASON_MAX_VOLUME_COUNT = "node(s) exceed max volume count";

    /** The prefix of node resources that limit attachments (v1helper.IsAttachableVolumeResourceName). */
    static final String ATTACHABLE_VOLUMES_PREFIX = "attachable-volumes-";
    static final String CSI_ATTACH_LIMIT_PREFIX = "attachable-volumes-csi-";
    /** The longest resource name; longer limit keys are shortened with a hash. */
    static final int RESOURCE_NAME_LENGTH_LIMIT = 63;

    /** The in-tree provisioners that migrated to CSI, and their drivers (csi-translation-lib). */
    static final Map<String, String> MIGRATED_DRIVERS = Map.of(
            "kubernetes.io/aws-ebs", "ebs.csi.aws.com",
            "kubernetes.io/gce-pd", "pd.csi.storage.gke.io",
            "kubernetes.io/cinder", "cinder.csi.openstack.org",
            "kubernetes.io/azure-disk", "disk.csi.azure.com",
            "kubernetes.io/azure-file", "file.csi.azure.com",
            "kubernetes.io/vsphere-volume", "csi.vsphere.vmware.com",
            "kubernetes.io/portworx-volume", "pxd.portworx.com");

    private static final String STATE_KEY = "PreFilter" + NAME;

    /** One claim of a pod with what counting it needs: its volume (null if none or missing) and class (or null). */
    record ClaimVolume(PersistentVolumeClaim claim, PersistentVolume pv, StorageClass storageClass) {
    }

    /** The pod's claims as PreFilter read them, or the status Filter answers on every node. */
    record PodClaimVolumes(List<ClaimVolume> claims, Status failure) {
    }

    /** A volume as the limit counts it: its CSI driver and handle ({@code driver/handle} names it uniquely). */
    record DriverVolume(String driver, String handle) {
        String uniqueName() {
            return driver + "/" + handle;
        }
    }

    private final ApiServer api;
    /**
     * Prefixes the made-up handle of a volume not provisioned yet, so that it cannot be taken for a real one
     * (upstream: 32 random characters); from the plugin's own seeded stream, drawn when first needed.
     */
    private String randomVolumeIdPrefix;

    /** Node name to CSINode, or null to read them from the API server. */
    private final java.util.function.Function<String, CSINode> csiNodes;

    public NodeVolumeLimits(ApiServer api) {
        this(api, null);
    }

    /** Reads CSINodes through {@code csiNodes} (the scheduler's informer cache, as upstream's lister) if not null. */
    public NodeVolumeLimits(ApiServer api, java.util.function.Function<String, CSINode> csiNodes) {
        this.api = api;
        this.csiNodes = csiNodes;
    }

    @Override
    public String name() {
        return NAME;
    }

    /** upstream: a new CSINode, a deleted pod (its attachments go), a created claim. */
    @Override
    public Set<ClusterEvent> events() {
        return Set.of(ClusterEvent.CSI_NODE_ADD, ClusterEvent.ASSIGNED_POD_DELETE, ClusterEvent.PVC_ADD);
    }

    /**
     * Skips a pod with no claim, generic ephemeral volume or in-tree inline volume CSI migration could count, as
     * upstream does (ksim then counts only the claims); reads the pod's claims for Filter.
     */
    @Override
    public Status preFilter(CycleState state, PodInfo podInfo, Snapshot snapshot) {
        Pod pod = podInfo.pod();
        boolean counts = false;
        for (Volume v : pod.spec().volumes()) {
            if (v.persistentVolumeClaim() != null || v.ephemeral() != null || isInlineMigratable(v)) {
                counts = true;
                break;
            }
        }
        if (!counts) {
            return Status.SKIP;
        }
        state.write(STATE_KEY, readClaims(pod, true));
        return Status.SUCCESS;
    }

    /** The in-tree inline sources csi-translation-lib can translate (counted upstream, not by ksim). */
    static boolean isInlineMigratable(Volume v) {
        return v.gcePersistentDisk() != null || v.awsElasticBlockStore() != null || v.cinder() != null
                || v.azureDisk() != null || v.azureFile() != null || v.vsphereVolume() != null
                || v.portworxVolume() != null;
    }

    /**
     * The pod's claims with their volumes and classes. For the pod being scheduled a missing claim fails
     * ({@code newPod}); for a pod already on the node it is left out, as upstream does not count it.
     */
    private PodClaimVolumes readClaims(Pod pod, boolean newPod) {
        List<ClaimVolume> out = new ArrayList<>();
        String ns = pod.metadata().namespace();
        for (Volume v : pod.spec().volumes()) {
            if (v.persistentVolumeClaim() == null) {
                continue;
            }
            String claimName = v.persistentVolumeClaim().claimName();
            if (claimName == null || claimName.isEmpty()) {
                return new PodClaimVolumes(List.of(), Status.error("PersistentVolumeClaim had no name"));
            }
            PersistentVolumeClaim claim = ApiObjects.getOrNull(api, BuiltinResources.PERSISTENT_VOLUME_CLAIMS, ns,
                    claimName);
            if (claim == null) {
                if (newPod) {
                    return new PodClaimVolumes(List.of(), Status.unresolvable("looking up PVC " + ns + "/" + claimName
                            + ": persistentvolumeclaim \"" + claimName + "\" not found"));
                }
                continue;
            }
            String pvName = claim.spec().volumeName();
            PersistentVolume pv = pvName == null || pvName.isEmpty() ? null
                    : ApiObjects.getOrNull(api, BuiltinResources.PERSISTENT_VOLUMES, null, pvName);
            String scName = VolumeMatching.claimClass(claim);
            StorageClass sc = pv != null || scName.isEmpty() ? null
                    : ApiObjects.getOrNull(api, BuiltinResources.STORAGE_CLASSES, null, scName);
            out.add(new ClaimVolume(claim, pv, sc));
        }
        return new PodClaimVolumes(List.copyOf(out), Status.SUCCESS);
    }

    @Override
    public Status filter(CycleState state, PodInfo podInfo, NodeInfo nodeInfo) {
        Pod pod = podInfo.pod();
        if (pod.spec().volumes().isEmpty()) {
            return Status.SUCCESS;
        }
        PodClaimVolumes mine = state.read(STATE_KEY);
        if (mine == null) {
            mine = readClaims(pod, true);
        }
        if (!mine.failure().isSuccess()) {
            return mine.failure();
        }
        CSINode csiNode = csiNodes != null ? csiNodes.apply(nodeInfo.name())
                : ApiObjects.getOrNull(api, BuiltinResources.CSI_NODES, null, nodeInfo.name());
        Map<String, String> newVolumes = new HashMap<>();
        attachable(mine.claims(), csiNode, newVolumes);
        if (newVolumes.isEmpty()) {
            return Status.SUCCESS;
        }
        Map<String, Long> limits = volumeLimits(nodeInfo, csiNode);
        if (limits.isEmpty()) {
            return Status.SUCCESS;
        }
        Map<String, String> attached = new HashMap<>();
        for (PodInfo existing : nodeInfo.pods()) {
            PodClaimVolumes theirs = readClaims(existing.pod(), false);
            if (!theirs.failure().isSuccess()) {
                return theirs.failure();
            }
            attachable(theirs.claims(), csiNode, attached);
        }
        Map<String, Integer> attachedCount = new HashMap<>();
        for (Map.Entry<String, String> e : attached.entrySet()) {
            newVolumes.remove(e.getKey()); // a volume already on the node is not attached twice
            attachedCount.merge(e.getValue(), 1, Integer::sum);
        }
        Map<String, Integer> newCount = new TreeMap<>();
        newVolumes.values().forEach(key -> newCount.merge(key, 1, Integer::sum));
        for (Map.Entry<String, Integer> e : newCount.entrySet()) {
            Long max = limits.get(e.getKey());
            if (max != null && attachedCount.getOrDefault(e.getKey(), 0) + e.getValue() > max) {
                return Status.unschedulable(ERR_REASON_MAX_VOLUME_COUNT);
            }
        }
        return Status.SUCCESS;
    }

    /** upstream filterAttachableVolumes: adds "driver/handle" to limit key for each claim that counts. */
    private void attachable(List<ClaimVolume> claims, CSINode csiNode, Map<String, String> result) {
        for (ClaimVolume c : claims) {
            DriverVolume v = driverInfo(c, csiNode);
            if (v != null) {
                result.put(v.uniqueName(), csiAttachLimitKey(v.driver()));
            }
        }
    }

    /** upstream getCSIDriverInfo: the claim's driver and volume handle, or null when its volume does not count. */
    private DriverVolume driverInfo(ClaimVolume c, CSINode csiNode) {
        String pvName = c.claim().spec().volumeName();
        if (pvName == null || pvName.isEmpty() || c.pv() == null) {
            // Not bound yet, or bound to a volume that is gone or not created yet: count by the class.
            return driverInfoFromClass(c, csiNode);
        }
        if (c.pv().spec().csi() == null) {
            return null; // hostPath, local, nfs; in-tree sources would be translated upstream
        }
        String driver = c.pv().spec().csi().driver();
        String handle = c.pv().spec().csi().volumeHandle();
        return empty(driver) || empty(handle) ? null : new DriverVolume(driver, handle);
    }

    /** upstream getCSIDriverInfoFromSC: the class's provisioner and a handle made up for the claim. */
    private DriverVolume driverInfoFromClass(ClaimVolume c, CSINode csiNode) {
        StorageClass sc = c.storageClass();
        if (sc == null || empty(sc.provisioner())) {
            return null; // no class: an Immediate claim, bound before it is scheduled
        }
        if (randomVolumeIdPrefix == null) {
            randomVolumeIdPrefix = new io.ksim.apiserver.NameGenerator(api.kernel().random("default-scheduler/" + NAME))
                    .randomString(32);
        }
        String handle = randomVolumeIdPrefix + "-" + c.claim().metadata().namespace() + "/"
                + c.claim().metadata().name();
        String provisioner = sc.provisioner();
        String migrated = MIGRATED_DRIVERS.get(provisioner);
        if (migrated != null) {
            return isCsiMigrationOn(csiNode, provisioner) ? new DriverVolume(migrated, handle) : null;
        }
        return new DriverVolume(provisioner, handle);
    }

    /**
     * upstream isCSIMigrationOn in v1.32: needs the node's CSINode; AWS EBS, GCE PD, Azure Disk and Cinder are
     * migrated outright, Portworx when the CSINode's migrated-plugins annotation lists it, the others not.
     */
    static boolean isCsiMigrationOn(CSINode csiNode, String plugin) {
        if (csiNode == null || empty(plugin)) {
            return false;
        }
        switch (plugin) {
            case "kubernetes.io/aws-ebs", "kubernetes.io/gce-pd", "kubernetes.io/azure-disk", "kubernetes.io/cinder":
                return true;
            case "kubernetes.io/portworx-volume":
                String listed = csiNode.metadata().annotations().get(CSINode.MIGRATED_PLUGINS_ANNOTATION);
                return listed != null && List.of(listed.split(",")).contains(plugin);
            default:
                return false;
        }
    }

    /**
     * upstream getVolumeLimits: the node's allocatable {@code attachable-volumes-*} resources, then each CSINode
     * driver's allocatable count under its limit key.
     */
    static Map<String, Long> volumeLimits(NodeInfo nodeInfo, CSINode csiNode) {
        Map<String, Long> limits = new HashMap<>();
        if (nodeInfo.node().status() != null) {
            for (Map.Entry<String, Quantity> e : nodeInfo.node().status().allocatable().entrySet()) {
                if (e.getKey().startsWith(ATTACHABLE_VOLUMES_PREFIX)) {
                    limits.put(e.getKey(), e.getValue().value());
                }
            }
        }
        if (csiNode != null) {
            for (CSINode.CSINodeDriver d : csiNode.spec().driverList()) {
                if (d.allocatable() != null && d.allocatable().count() != null) {
                    limits.put(csiAttachLimitKey(d.name()), (long) d.allocatable().count());
                }
            }
        }
        return limits;
    }

    /**
     * upstream GetCSIAttachLimitKey: {@code attachable-volumes-csi-<driver>}; when that would reach 63 characters,
     * the driver's first 23 characters and the first 16 hex digits of its SHA-1.
     */
    static String csiAttachLimitKey(String driver) {
        if (CSI_ATTACH_LIMIT_PREFIX.length() + driver.length() < RESOURCE_NAME_LENGTH_LIMIT) {
            return CSI_ATTACH_LIMIT_PREFIX + driver;
        }
        try {
            byte[] sha = java.security.MessageDigest.getInstance("SHA-1")
                    .digest(driver.getBytes(java.nio.charset.StandardCharsets.UTF_8));
            return CSI_ATTACH_LIMIT_PREFIX + driver.substring(0, 23) + java.util.HexFormat.of().formatHex(sha)
                    .substring(0, 16);
        } catch (java.security.NoSuchAlgorithmException e) {
            throw new IllegalStateException("SHA-1 is a required JDK algorithm", e);
        }
    }

    private static boolean empty(String s) {
        return s == null || s.isEmpty();
    }
}
