package io.ksim.controller.volume;

import static io.ksim.api.storage.VolumeMatching.ANN_PROVISIONED_BY;
import static io.ksim.api.storage.VolumeMatching.ANN_SELECTED_NODE;
import static io.ksim.api.storage.VolumeMatching.ANN_STORAGE_PROVISIONER;

import io.ksim.api.core.HostPathVolumeSource;
import io.ksim.api.core.NodeSelector;
import io.ksim.api.core.NodeSelectorRequirement;
import io.ksim.api.core.NodeSelectorTerm;
import io.ksim.api.core.ObjectReference;
import io.ksim.api.core.PersistentVolume;
import io.ksim.api.core.PersistentVolumeClaim;
import io.ksim.api.core.VolumeNodeAffinity;
import io.ksim.api.core.WellKnownLabels;
import io.ksim.api.meta.ObjectMeta;
import io.ksim.api.resource.Quantity;
import io.ksim.api.storage.StorageClass;
import io.ksim.api.storage.VolumeMatching;
import io.ksim.apiserver.ApiException;
import io.ksim.apiserver.registry.BuiltinResources;
import io.ksim.client.EventRecorder;
import io.ksim.client.Informer;
import io.ksim.client.ResourceEventHandler;
import io.ksim.controller.Controller;
import io.ksim.controller.ControllerContext;
import io.ksim.controller.ReconcileResult;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

/**
 * The dynamic provisioner kind ships (rancher/local-path-provisioner, built on
 * sig-storage-lib-external-provisioner), simulated: for a claim the PersistentVolume controller handed to
 * {@code rancher.io/local-path} and on which the scheduler has set {@code volume.kubernetes.io/selected-node},
 * it creates volume {@code pvc-<claim uid>}: a hostPath under /opt/local-path-provisioner on that node, pinned
 * there by node affinity, pre-bound to the claim, with the claim's size and access modes, volume mode Filesystem
 * and the class's reclaim policy. Events: Provisioning, then ProvisioningSucceeded, or ProvisioningFailed for a
 * claim with a selector or an access mode other than ReadWriteOnce (retried every 15 s). The controller then
 * binds the pair.
 * Without a selected node it does nothing (local-path supports WaitForFirstConsumer classes only).
 */
public final class LocalPathProvisioner extends Controller {

    public static final String NAME = "local-path-provisioner";
    public static final String PROVISIONER = "rancher.io/local-path";
    static final String BASE_PATH = "/opt/local-path-provisioner";

    private final Informer<PersistentVolumeClaim> claims;
    private final Informer<PersistentVolume> volumes;
    private final Informer<StorageClass> classes;
    private final EventRecorder recorder;

    public LocalPathProvisioner(ControllerContext context) {
        super(context, NAME);
        this.claims = informer(BuiltinResources.PERSISTENT_VOLUME_CLAIMS);
        this.volumes = informer(BuiltinResources.PERSISTENT_VOLUMES);
        this.classes = informer(BuiltinResources.STORAGE_CLASSES);
        this.recorder = context.recorder(PROVISIONER + "_" + NAME);
        claims.addEventHandler(new ResourceEventHandler<>() {
            @Override
            public void onAdd(PersistentVolumeClaim claim, boolean inInitialList) {
                enqueue(claim);
            }

            @Override
            public void onUpdate(PersistentVolumeClaim oldClaim, PersistentVolumeClaim newClaim) {
                enqueue(newClaim);
            }
        });
    }

    @Override
    protected ReconcileResult reconcile(String key) {
        PersistentVolumeClaim claim = claims.indexer().get(key);
        if (claim == null || claim.metadata().isBeingDeleted()) {
            return ReconcileResult.done();
        }
        Map<String, String> ann = claim.metadata().annotations();
        String volumeName = claim.spec().volumeName();
        if (!PROVISIONER.equals(ann.get(ANN_STORAGE_PROVISIONER)) || (volumeName != null && !volumeName.isEmpty())) {
            return ReconcileResult.done();
        }
        String node = ann.get(ANN_SELECTED_NODE);
        StorageClass sc = classes.indexer().get(VolumeMatching.claimClass(claim));
        String name = "pvc-" + claim.metadata().uid();
        if (node == null || sc == null || volumes.indexer().get(name) != null) {
            return ReconcileResult.done();
        }
        recorder.normal(claim, "Provisioning", "External provisioner is provisioning volume for claim \""
                + claim.metadata().namespace() + "/" + claim.metadata().name() + "\"");
        String refusal = refusal(claim);
        if (refusal != null) {
            // The provisioning library reports the provisioner's error and retries with backoff.
            recorder.warning(claim, "ProvisioningFailed", "failed to provision volume with StorageClass \""
                    + sc.metadata().name() + "\": " + refusal);
            return ReconcileResult.requeueAfter(java.time.Duration.ofSeconds(15));
        }
        try {
            api.create(BuiltinResources.PERSISTENT_VOLUMES, null, volumeFor(claim, sc, name, node));
        } catch (ApiException e) {
            if (!"AlreadyExists".equals(e.reason())) {
                throw e;
            }
        }
        recorder.normal(claim, "ProvisioningSucceeded", "Successfully provisioned volume " + name);
        kernel.trace().record(context.component(), "VolumeProvisioned", name, PROVISIONER + ": provisioned " + name
                + " on " + node + " for claim " + claim.metadata().namespace() + "/" + claim.metadata().name());
        return ReconcileResult.done();
    }

    /** What local-path refuses: a selector, or an access mode other than ReadWriteOnce. */
    static String refusal(PersistentVolumeClaim claim) {
        if (claim.spec().selector() != null) {
            return "claim.Spec.Selector is not supported";
        }
        for (String mode : claim.spec().accessModes()) {
            if (!PersistentVolume.READ_WRITE_ONCE.equals(mode)) {
                return "Only support ReadWriteOnce access mode";
            }
        }
        return null;
    }

    static PersistentVolume volumeFor(PersistentVolumeClaim claim, StorageClass sc, String name, String node) {
        Quantity size = VolumeMatching.requestedStorage(claim);
        String path = BASE_PATH + "/" + name + "_" + claim.metadata().namespace() + "_" + claim.metadata().name();
        NodeSelectorTerm onNode = new NodeSelectorTerm(List.of(new NodeSelectorRequirement(WellKnownLabels.HOSTNAME,
                "In", List.of(node))), null);
        String policy = sc.reclaimPolicy() == null ? PersistentVolume.RECLAIM_DELETE : sc.reclaimPolicy();
        PersistentVolume.PersistentVolumeSpec spec = PersistentVolume.PersistentVolumeSpec.builder()
                .capacity(new TreeMap<>(Map.of("storage", size)))
                .accessModes(claim.spec().accessModes())
                .persistentVolumeReclaimPolicy(policy)
                .storageClassName(sc.metadata().name())
                // local-path always makes a directory: Filesystem, whatever the claim asked.
                .volumeMode(PersistentVolume.VOLUME_MODE_FILESYSTEM)
                .mountOptions(sc.mountOptions())
                .hostPath(new HostPathVolumeSource(path, "DirectoryOrCreate"))
                .nodeAffinity(new VolumeNodeAffinity(new NodeSelector(List.of(onNode))))
                .claimRef(ObjectReference.to(claim))
                .build();
        ObjectMeta meta = ObjectMeta.builder().name(name)
                .annotations(Map.of(ANN_PROVISIONED_BY, PROVISIONER)).build();
        return new PersistentVolume(null, null, meta, spec, null);
    }
}
