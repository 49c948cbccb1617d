package io.ksim.controller.volume;

import io.ksim.api.core.PersistentVolume;
import io.ksim.api.core.PersistentVolume.PersistentVolumeStatus;
import io.ksim.apiserver.Finalizers;
import io.ksim.apiserver.registry.BuiltinResources;
import io.ksim.client.Informer;
import io.ksim.client.ResourceEventHandler;
import io.ksim.controller.Controller;
import io.ksim.controller.ControllerContext;
import io.ksim.controller.ReconcileResult;

/**
 * kube-controller-manager's PV protection controller (pkg/controller/volume/pvprotection). A volume being deleted
 * keeps its {@code kubernetes.io/pv-protection} finalizer while its phase is Bound; once it is not (the PV
 * controller marks it Released when its claim is gone), the finalizer goes and the volume with it. A volume
 * without the finalizer that is not being deleted gets it.
 */
public final class PVProtectionController extends Controller {

    /** The name kube-controller-manager registers it under. */
    public static final String NAME = "persistentvolume-protection-controller";

    private final Informer<PersistentVolume> volumes;

    public PVProtectionController(ControllerContext context) {
        super(context, NAME);
        this.volumes = informer(BuiltinResources.PERSISTENT_VOLUMES);
        volumes.addEventHandler(new ResourceEventHandler<>() {
            @Override
            public void onAdd(PersistentVolume pv, boolean initial) {
                enqueueIfActionable(pv);
            }

            @Override
            public void onUpdate(PersistentVolume old, PersistentVolume pv) {
                enqueueIfActionable(pv);
            }
        });
    }

    private void enqueueIfActionable(PersistentVolume pv) {
        if (StorageProtection.needToAddFinalizer(pv, Finalizers.PV_PROTECTION)
                || StorageProtection.isDeletionCandidate(pv, Finalizers.PV_PROTECTION)) {
            enqueue(pv);
        }
    }

    @Override
    protected ReconcileResult reconcile(String key) {
        PersistentVolume pv = volumes.indexer().get(key);
        if (pv == null) {
            return ReconcileResult.done();
        }
        if (StorageProtection.isDeletionCandidate(pv, Finalizers.PV_PROTECTION)
                && !PersistentVolumeStatus.BOUND.equals(pv.status().phase())) {
            StorageProtection.removeFinalizer(api, BuiltinResources.PERSISTENT_VOLUMES, pv, Finalizers.PV_PROTECTION);
            return ReconcileResult.done();
        }
        if (StorageProtection.needToAddFinalizer(pv, Finalizers.PV_PROTECTION)) {
            StorageProtection.addFinalizer(api, BuiltinResources.PERSISTENT_VOLUMES, pv, Finalizers.PV_PROTECTION);
        }
        return ReconcileResult.done();
    }
}
