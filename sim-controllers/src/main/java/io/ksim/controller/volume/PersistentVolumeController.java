package io.ksim.controller.volume;

import static io.ksim.api.storage.VolumeMatching.ANN_BETA_STORAGE_PROVISIONER;
import static io.ksim.api.storage.VolumeMatching.ANN_BIND_COMPLETED;
import static io.ksim.api.storage.VolumeMatching.ANN_BOUND_BY_CONTROLLER;
import static io.ksim.api.storage.VolumeMatching.ANN_PROVISIONED_BY;
import static io.ksim.api.storage.VolumeMatching.ANN_SELECTED_NODE;
import static io.ksim.api.storage.VolumeMatching.ANN_STORAGE_PROVISIONER;

import io.ksim.api.core.ObjectReference;
import io.ksim.api.core.PersistentVolume;
import io.ksim.api.core.PersistentVolume.PersistentVolumeStatus;
import io.ksim.api.core.PersistentVolumeClaim;
import io.ksim.api.core.PersistentVolumeClaim.PersistentVolumeClaimStatus;
import io.ksim.api.core.Pod;
import io.ksim.api.core.Volume;
import io.ksim.api.meta.KubeObject;
import io.ksim.api.meta.ObjectMeta;
import io.ksim.api.storage.StorageClass;
import io.ksim.api.storage.VolumeMatching;
import io.ksim.apiserver.ApiException;
import io.ksim.apiserver.DeleteOptions;
import io.ksim.apiserver.registry.BuiltinResources;
import io.ksim.client.EventRecorder;
import io.ksim.client.Indexer;
import io.ksim.client.Informer;
import io.ksim.client.ResourceEventHandler;
import io.ksim.controller.Controller;
import io.ksim.controller.ControllerContext;
import io.ksim.controller.ReconcileResult;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;

/**
 * kube-controller-manager's PersistentVolume binder (pkg/controller/volume/persistentvolume/pv_controller.go).
 * Keys are {@code claim:<namespace>/<name>} and {@code volume:<name>}.
 *
 * <p>An unbound claim without a class gets the default StorageClass (retroactive default class, GA in 1.28).
 * It is bound to the smallest Available volume that fits ({@link VolumeMatching}); both sides get the
 * bind annotations and phase Bound. With no volume: a WaitForFirstConsumer claim waits for the scheduler's
 * {@code volume.kubernetes.io/selected-node}; a claim of class "" gets FailedBinding; otherwise the claim is
 * handed to its class's external provisioner (ExternalProvisioning). A volume whose claim is gone is
 * Released; reclaim policy Delete deletes a provisioned volume, Retain keeps it Released. Every claim and volume
 * is synced again every {@link #SYNC_PERIOD}, so a Pending claim binds to a volume created after it.
 */
public final class PersistentVolumeController extends Controller {

    /** The name kube-controller-manager registers it under. */
    public static final String NAME = "persistentvolume-binder-controller";
    /** The source its events carry. */
    public static final String EVENT_SOURCE = "persistentvolume-controller";

    /**
     * kube-controller-manager's --pvclaimbinder-sync-period default: every claim and volume is synced again this
     * often, which is how a Pending claim finds a volume created after it.
     */
    public static final java.time.Duration SYNC_PERIOD = java.time.Duration.ofSeconds(15);

    static final String CLAIM_PREFIX = "claim:";
    static final String VOLUME_PREFIX = "volume:";

    private final Informer<PersistentVolume> volumes;
    private final Informer<PersistentVolumeClaim> claims;
    private final Informer<StorageClass> classes;
    private final Informer<Pod> pods;
    private final EventRecorder recorder;

    public PersistentVolumeController(ControllerContext context) {
        super(context, NAME);
        this.volumes = informer(BuiltinResources.PERSISTENT_VOLUMES);
        this.claims = informer(BuiltinResources.PERSISTENT_VOLUME_CLAIMS);
        this.classes = informer(BuiltinResources.STORAGE_CLASSES);
        this.pods = informer(BuiltinResources.PODS);
        this.recorder = newRecorder();
        kernel.schedule(SYNC_PERIOD, context.component(), this::resync);
        volumes.addEventHandler(handler(pv -> {
            enqueue(VOLUME_PREFIX + pv.metadata().name());
            ObjectReference ref = pv.spec().claimRef();
            if (ref != null) {
                enqueue(CLAIM_PREFIX + ref.namespace() + "/" + ref.name());
            }
        }));
        claims.addEventHandler(handler(pvc -> {
            enqueue(CLAIM_PREFIX + pvc.metadata().namespace() + "/" + pvc.metadata().name());
            String vol = pvc.spec().volumeName();
            if (vol != null && !vol.isEmpty()) {
                enqueue(VOLUME_PREFIX + vol);
            }
        }));
    }

    /** The periodic resync: queue every cached claim and volume, then come back after the period. */
    private void resync() {
        if (!isRunning()) {
            return;
        }
        for (PersistentVolumeClaim c : claims.indexer().list()) {
            enqueue(CLAIM_PREFIX + c.metadata().namespace() + "/" + c.metadata().name());
        }
        for (PersistentVolume pv : volumes.indexer().list()) {
            enqueue(VOLUME_PREFIX + pv.metadata().name());
        }
        kernel.schedule(SYNC_PERIOD, context.component(), this::resync);
    }

    private static <T extends KubeObject> ResourceEventHandler<T> handler(java.util.function.Consumer<T> sink) {
        return new ResourceEventHandler<>() {
            @Override
            public void onAdd(T obj, boolean inInitialList) {
                sink.accept(obj);
            }

            @Override
            public void onUpdate(T oldObj, T newObj) {
                sink.accept(newObj);
            }

            @Override
            public void onDelete(T obj) {
                sink.accept(obj);
            }
        };
    }

    @Override
    protected ReconcileResult reconcile(String key) {
        if (key.startsWith(CLAIM_PREFIX)) {
            PersistentVolumeClaim claim = claims.indexer().get(key.substring(CLAIM_PREFIX.length()));
            if (claim != null) {
                syncClaim(claim);
            }
        } else if (key.startsWith(VOLUME_PREFIX)) {
            PersistentVolume pv = volumes.indexer().get(key.substring(VOLUME_PREFIX.length()));
            if (pv != null) {
                syncVolume(pv);
            }
        }
        return ReconcileResult.done();
    }

    // ---- claims

    private void syncClaim(PersistentVolumeClaim claim) {
        if (claim.metadata().isBeingDeleted()) {
            return;
        }
        // A claim is "bound" once the controller has completed a binding, whatever its volumeName says now.
        if (!claim.metadata().annotations().containsKey(ANN_BIND_COMPLETED)) {
            String volumeName = claim.spec().volumeName();
            if (volumeName == null || volumeName.isEmpty()) {
                syncUnboundClaim(claim);
            } else {
                syncClaimAskingForVolume(claim, volumeName);
            }
        } else {
            syncBoundClaim(claim);
        }
    }

    /** The user named a volume in spec.volumeName: bind to it when it is free or reserved for this claim. */
    private void syncClaimAskingForVolume(PersistentVolumeClaim claim, String volumeName) {
        PersistentVolume pv = volumes.indexer().get(volumeName);
        if (pv != null && (pv.spec().claimRef() == null || VolumeMatching.isPreBoundTo(pv, claim))) {
            bind(pv, claim);
            return;
        }
        // Missing, or claimed by someone else: stay Pending and retry on the next change.
        markClaimPending(claim);
    }

    private void markClaimPending(PersistentVolumeClaim claim) {
        if (!PersistentVolumeClaimStatus.PENDING.equals(claim.status().phase())) {
            api.updateStatus(BuiltinResources.PERSISTENT_VOLUME_CLAIMS,
                    claim.withStatus(claim.status().withPhase(PersistentVolumeClaimStatus.PENDING)));
        }
    }

    private void syncUnboundClaim(PersistentVolumeClaim claim) {
        if (claim.spec().storageClassName() == null) {
            StorageClass def = defaultClass();
            if (def != null) {
                // Retroactive default StorageClass assignment: the claim predates the default class.
                api.update(BuiltinResources.PERSISTENT_VOLUME_CLAIMS, claim.withSpec(withClass(claim, def)));
                return;
            }
        }
        StorageClass sc = classes.indexer().get(VolumeMatching.claimClass(claim));
        boolean delayBinding = sc != null && StorageClass.BINDING_WAIT_FOR_FIRST_CONSUMER.equals(sc.volumeBindingMode());
        PersistentVolume pv = VolumeMatching.findMatchingVolume(claim, volumes.indexer().list(), null, Set.of(),
                delayBinding);
        if (pv != null) {
            bind(pv, claim);
            return;
        }
        if (delayBinding && !claim.metadata().annotations().containsKey(ANN_SELECTED_NODE)) {
            emitEventForUnboundDelayBindingClaim(claim);
            markClaimPending(claim);
            return;
        }
        String className = VolumeMatching.claimClass(claim);
        if (className.isEmpty()) {
            recorder.normal(claim, "FailedBinding", "no persistent volumes available for this claim and no storage "
                    + "class is set");
            markClaimPending(claim);
            return;
        }
        if (sc == null) {
            recorder.warning(claim, "ProvisioningFailed", "storageclass.storage.k8s.io \"" + className
                    + "\" not found");
            return;
        }
        handOverToProvisioner(claim, sc);
    }

    /** WaitForFirstConsumer, or WaitForPodScheduled naming the unscheduled pods that use the claim. */
    private void emitEventForUnboundDelayBindingClaim(PersistentVolumeClaim claim) {
        List<String> waiting = new ArrayList<>();
        for (Pod pod : pods.indexer().byIndex(Indexer.NAMESPACE, claim.metadata().namespace())) {
            if ((pod.spec().nodeName() == null || pod.spec().nodeName().isEmpty()) && uses(pod, claim)) {
                waiting.add(pod.metadata().name());
            }
        }
        Collections.sort(waiting);
        if (waiting.isEmpty()) {
            recorder.normal(claim, "WaitForFirstConsumer", "waiting for first consumer to be created before binding");
        } else if (waiting.size() == 1) {
            recorder.normal(claim, "WaitForPodScheduled", "waiting for pod " + waiting.get(0) + " to be scheduled");
        } else {
            recorder.normal(claim, "WaitForPodScheduled", "waiting for pods " + String.join(",", waiting)
                    + " to be scheduled");
        }
    }

    private static boolean uses(Pod pod, PersistentVolumeClaim claim) {
        for (Volume v : pod.spec().volumes()) {
            if (v.persistentVolumeClaim() != null && claim.metadata().name().equals(v.persistentVolumeClaim().claimName())) {
                return true;
            }
        }
        return false;
    }

    private StorageClass defaultClass() {
        return StorageClass.defaultClass(classes.indexer().list());
    }

    private static PersistentVolumeClaim.PersistentVolumeClaimSpec withClass(PersistentVolumeClaim claim,
            StorageClass sc) {
        var s = claim.spec();
        return new PersistentVolumeClaim.PersistentVolumeClaimSpec(s.accessModes(), s.selector(), s.resources(),
                s.volumeName(), sc.metadata().name(), s.volumeMode(), s.dataSource(), s.dataSourceRef(),
                s.volumeAttributesClassName());
    }

    private void handOverToProvisioner(PersistentVolumeClaim claim, StorageClass sc) {
        Map<String, String> ann = claim.metadata().annotations();
        if (!sc.provisioner().equals(ann.get(ANN_STORAGE_PROVISIONER))) {
            Map<String, String> next = new TreeMap<>(ann);
            next.put(ANN_BETA_STORAGE_PROVISIONER, sc.provisioner());
            next.put(ANN_STORAGE_PROVISIONER, sc.provisioner());
            claim = api.update(BuiltinResources.PERSISTENT_VOLUME_CLAIMS,
                    claim.withMetadata(claim.metadata().withAnnotations(next)));
        }
        recorder.normal(claim, "ExternalProvisioning", "Waiting for a volume to be created either by the external "
                + "provisioner '" + sc.provisioner() + "' or manually by the system administrator. If volume "
                + "creation is delayed, please verify that the provisioner is running and correctly registered.");
    }

    /** Binds both ways: the volume first (claimRef), then the claim (volumeName), then both statuses. */
    private void bind(PersistentVolume pv, PersistentVolumeClaim claim) {
        if (pv.spec().claimRef() == null || pv.spec().claimRef().uid() == null
                || !claim.metadata().uid().equals(pv.spec().claimRef().uid())) {
            boolean byController = pv.spec().claimRef() == null;
            ObjectMeta meta = pv.metadata();
            if (byController) {
                meta = meta.withAnnotations(put(meta.annotations(), ANN_BOUND_BY_CONTROLLER, "yes"));
            }
            pv = api.update(BuiltinResources.PERSISTENT_VOLUMES, pv.withMetadata(meta)
                    .withSpec(pv.spec().toBuilder().claimRef(ObjectReference.to(claim)).build()));
        }
        if (!PersistentVolumeStatus.BOUND.equals(pv.status().phase())) {
            pv = api.updateStatus(BuiltinResources.PERSISTENT_VOLUMES, pv.withStatus(phase(pv, PersistentVolumeStatus.BOUND)));
        }
        boolean wasBound = PersistentVolumeClaimStatus.BOUND.equals(claim.status().phase());
        if (!pv.metadata().name().equals(claim.spec().volumeName())
                || !claim.metadata().annotations().containsKey(ANN_BIND_COMPLETED)) {
            Map<String, String> ann = put(claim.metadata().annotations(), ANN_BIND_COMPLETED, "yes");
            if (claim.spec().volumeName() == null || claim.spec().volumeName().isEmpty()) {
                // bound-by-controller on the claim: the controller chose the volume.
                ann = put(ann, ANN_BOUND_BY_CONTROLLER, "yes");
            }
            claim = api.update(BuiltinResources.PERSISTENT_VOLUME_CLAIMS, claim.withMetadata(
                    claim.metadata().withAnnotations(ann)).withSpec(claim.spec().withVolumeName(pv.metadata().name())));
        }
        markClaimBound(claim, pv);
        if (wasBound) {
            return;
        }
        kernel.trace().record(context.component(), "VolumeBound", claim.metadata().namespace() + "/"
                + claim.metadata().name(), "persistentvolume-controller: claim " + claim.metadata().namespace() + "/"
                + claim.metadata().name() + " bound to volume " + pv.metadata().name());
    }

    private void markClaimBound(PersistentVolumeClaim claim, PersistentVolume pv) {
        PersistentVolumeClaimStatus s = claim.status();
        if (PersistentVolumeClaimStatus.BOUND.equals(s.phase()) && s.capacity().equals(pv.spec().capacity())) {
            return;
        }
        PersistentVolumeClaimStatus bound = new PersistentVolumeClaimStatus(PersistentVolumeClaimStatus.BOUND,
                pv.spec().accessModes(), pv.spec().capacity(), s.conditions(), s.allocatedResources(),
                s.allocatedResourceStatuses(), s.currentVolumeAttributesClassName(), s.modifyVolumeStatus());
        api.updateStatus(BuiltinResources.PERSISTENT_VOLUME_CLAIMS, claim.withStatus(bound));
    }

    private void syncBoundClaim(PersistentVolumeClaim claim) {
        String volumeName = claim.spec().volumeName();
        if (volumeName == null || volumeName.isEmpty()) {
            markClaimLost(claim, "ClaimLost", "Bound claim has lost reference to PersistentVolume. Data on the volume "
                    + "is lost!");
            return;
        }
        PersistentVolume pv = volumes.indexer().get(volumeName);
        if (pv == null) {
            markClaimLost(claim, "ClaimLost", "Bound claim has lost its PersistentVolume. Data on the volume is lost!");
            return;
        }
        ObjectReference ref = pv.spec().claimRef();
        if (ref == null || claim.metadata().uid().equals(ref.uid())) {
            // The volume came unbound, or all is well: (re)bind, which writes only what differs.
            bind(pv, claim);
            return;
        }
        markClaimLost(claim, "ClaimMisbound", "Two claims are bound to the same volume, this one is bound incorrectly");
    }

    private void markClaimLost(PersistentVolumeClaim claim, String reason, String message) {
        if (!PersistentVolumeClaimStatus.LOST.equals(claim.status().phase())) {
            api.updateStatus(BuiltinResources.PERSISTENT_VOLUME_CLAIMS,
                    claim.withStatus(claim.status().withPhase(PersistentVolumeClaimStatus.LOST)));
            recorder.warning(claim, reason, message);
        }
    }

    // ---- volumes

    private void syncVolume(PersistentVolume pv) {
        ObjectReference ref = pv.spec().claimRef();
        if (pv.metadata().isBeingDeleted() && ref == null) {
            return;
        }
        if (ref == null) {
            setPhase(pv, PersistentVolumeStatus.AVAILABLE);
            return;
        }
        if (ref.uid() == null || ref.uid().isEmpty()) {
            // Pre-bound by a user or a provisioner; the claim's sync binds it.
            setPhase(pv, PersistentVolumeStatus.AVAILABLE);
            return;
        }
        PersistentVolumeClaim claim = claims.indexer().get(ref.namespace(), ref.name());
        if (claim != null && claim.metadata().uid().equals(ref.uid())) {
            String vol = claim.spec().volumeName();
            if (vol == null || vol.isEmpty()) {
                // Half-bound (or a provisioned volume): the claim's sync finishes it.
                enqueue(CLAIM_PREFIX + ref.namespace() + "/" + ref.name());
                return;
            }
            if (vol.equals(pv.metadata().name())) {
                setPhase(pv, PersistentVolumeStatus.BOUND);
                return;
            }
            // The claim went to another volume.
            if (!pv.metadata().annotations().containsKey(ANN_PROVISIONED_BY)
                    || !PersistentVolume.RECLAIM_DELETE.equals(pv.spec().persistentVolumeReclaimPolicy())) {
                unbind(pv);
                return;
            }
            // A volume provisioned for the claim and no longer needed: released and deleted below.
        }
        // The claim is gone: release and reclaim. A volume already being deleted (held by its pv-protection
        // finalizer while it was Bound) is only released, which lets the pv-protection controller finish it.
        if (!PersistentVolumeStatus.RELEASED.equals(pv.status().phase())
                && !PersistentVolumeStatus.FAILED.equals(pv.status().phase())) {
            pv = setPhase(pv, PersistentVolumeStatus.RELEASED);
        }
        if (!pv.metadata().isBeingDeleted()) {
            reclaim(pv);
        }
    }

    /**
     * unbindVolume: a binding the controller made is undone (claimRef cleared); one a user made keeps its
     * claimRef without the uid, so the volume stays reserved for a claim of that name.
     */
    private void unbind(PersistentVolume pv) {
        Map<String, String> ann = new TreeMap<>(pv.metadata().annotations());
        ObjectReference ref = pv.spec().claimRef();
        ObjectReference next = null;
        if (ann.remove(ANN_BOUND_BY_CONTROLLER) == null) {
            next = new ObjectReference(ref.kind(), ref.namespace(), ref.name(), null, ref.apiVersion(), null,
                    ref.fieldPath());
        }
        pv = api.update(BuiltinResources.PERSISTENT_VOLUMES, pv.withMetadata(pv.metadata().withAnnotations(ann))
                .withSpec(pv.spec().toBuilder().claimRef(next).build()));
        setPhase(pv, PersistentVolumeStatus.AVAILABLE);
    }

    private void reclaim(PersistentVolume pv) {
        String policy = pv.spec().persistentVolumeReclaimPolicy();
        if (PersistentVolume.RECLAIM_DELETE.equals(policy)) {
            if (pv.metadata().annotations().containsKey(ANN_PROVISIONED_BY)) {
                try {
                    api.delete(BuiltinResources.PERSISTENT_VOLUMES, null, pv.metadata().name(), DeleteOptions.defaults());
                    kernel.trace().record(context.component(), "VolumeDeleted", pv.metadata().name(),
                            "persistentvolume-controller: released volume " + pv.metadata().name()
                                    + " deleted (reclaim policy Delete)");
                } catch (ApiException e) {
                    if (!"NotFound".equals(e.reason())) {
                        throw e;
                    }
                }
                return;
            }
            if (!PersistentVolumeStatus.FAILED.equals(pv.status().phase())) {
                setPhase(pv, PersistentVolumeStatus.FAILED);
                recorder.warning(pv, "VolumeFailedDelete", "error getting deleter volume plugin for volume \""
                        + pv.metadata().name() + "\": no deletable volume plugin matched");
            }
        } else if (PersistentVolume.RECLAIM_RECYCLE.equals(policy)) {
            if (!PersistentVolumeStatus.FAILED.equals(pv.status().phase())) {
                setPhase(pv, PersistentVolumeStatus.FAILED);
                recorder.warning(pv, "VolumeFailedRecycle", "No recycler plugin found for the volume!");
            }
        }
        // Retain: the volume stays Released until an administrator acts.
    }

    private PersistentVolume setPhase(PersistentVolume pv, String phase) {
        if (phase.equals(pv.status().phase())) {
            return pv;
        }
        return api.updateStatus(BuiltinResources.PERSISTENT_VOLUMES, pv.withStatus(phase(pv, phase)));
    }

    private PersistentVolumeStatus phase(PersistentVolume pv, String phase) {
        return new PersistentVolumeStatus(phase, pv.status().message(), pv.status().reason(), kernel.instant());
    }

    private static Map<String, String> put(Map<String, String> m, String k, String v) {
        Map<String, String> next = new TreeMap<>(m);
        next.put(k, v);
        return next;
    }
}
