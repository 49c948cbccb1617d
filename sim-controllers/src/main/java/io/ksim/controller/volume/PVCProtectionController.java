package io.ksim.controller.volume;

import io.ksim.api.core.PersistentVolumeClaim;
import io.ksim.api.core.Pod;
import io.ksim.api.core.Volume;
import io.ksim.apiserver.Finalizers;
import io.ksim.apiserver.registry.BuiltinResources;
import io.ksim.client.Indexer;
import io.ksim.client.Informer;
import io.ksim.client.ResourceEventHandler;
import io.ksim.controller.Controller;
import io.ksim.controller.ControllerContext;
import io.ksim.controller.ReconcileResult;
import java.util.List;

/**
 * kube-controller-manager's PVC protection controller (pkg/controller/volume/pvcprotection). A claim being
 * deleted keeps its {@code kubernetes.io/pvc-protection} finalizer, and so stays Terminating, while a pod uses
 * it; once none does, the finalizer goes and the claim with it. A claim without the finalizer that is not being
 * deleted gets it. As upstream, a pod uses a claim when it is scheduled (has a node) and names the claim in a
 * volume, whatever its phase: a finished pod that still exists keeps the claim (an unscheduled pod cannot start,
 * since the scheduler refuses a claim being deleted). The cache is asked first, then the API server with a live
 * list, so a pod the cache has not seen yet still counts.
 */
public final class PVCProtectionController extends Controller {

    /** The name kube-controller-manager registers it under. */
    public static final String NAME = "persistentvolumeclaim-protection-controller";

    private final Informer<PersistentVolumeClaim> claims;
    private final Informer<Pod> pods;

    public PVCProtectionController(ControllerContext context) {
        super(context, NAME);
        this.claims = informer(BuiltinResources.PERSISTENT_VOLUME_CLAIMS);
        this.pods = informer(BuiltinResources.PODS);
        claims.addEventHandler(new ResourceEventHandler<>() {
            @Override
            public void onAdd(PersistentVolumeClaim pvc, boolean initial) {
                enqueueIfActionable(pvc);
            }

            @Override
            public void onUpdate(PersistentVolumeClaim old, PersistentVolumeClaim pvc) {
                enqueueIfActionable(pvc);
            }
        });
        pods.addEventHandler(new ResourceEventHandler<>() {
            @Override
            public void onAdd(Pod pod, boolean initial) {
                enqueueClaimsOf(pod);
            }

            @Override
            public void onUpdate(Pod old, Pod pod) {
                enqueueClaimsOf(pod);
                if (!old.metadata().uid().equals(pod.metadata().uid())) {
                    enqueueClaimsOf(old);
                }
            }

            @Override
            public void onDelete(Pod pod) {
                enqueueClaimsOf(pod);
            }
        });
    }

    private void enqueueIfActionable(PersistentVolumeClaim pvc) {
        if (StorageProtection.needToAddFinalizer(pvc, Finalizers.PVC_PROTECTION)
                || StorageProtection.isDeletionCandidate(pvc, Finalizers.PVC_PROTECTION)) {
            enqueue(pvc);
        }
    }

    private void enqueueClaimsOf(Pod pod) {
        for (Volume v : pod.spec().volumes()) {
            if (v.persistentVolumeClaim() != null) {
                enqueue(pod.metadata().namespace() + "/" + v.persistentVolumeClaim().claimName());
            }
        }
    }

    @Override
    protected ReconcileResult reconcile(String key) {
        PersistentVolumeClaim pvc = claims.indexer().get(key);
        if (pvc == null) {
            return ReconcileResult.done();
        }
        if (StorageProtection.isDeletionCandidate(pvc, Finalizers.PVC_PROTECTION)) {
            if (!isBeingUsed(pvc)) {
                StorageProtection.removeFinalizer(api, BuiltinResources.PERSISTENT_VOLUME_CLAIMS, pvc,
                        Finalizers.PVC_PROTECTION);
                return ReconcileResult.done();
            }
        }
        if (StorageProtection.needToAddFinalizer(pvc, Finalizers.PVC_PROTECTION)) {
            StorageProtection.addFinalizer(api, BuiltinResources.PERSISTENT_VOLUME_CLAIMS, pvc,
                    Finalizers.PVC_PROTECTION);
        }
        return ReconcileResult.done();
    }

    private boolean isBeingUsed(PersistentVolumeClaim pvc) {
        String namespace = pvc.metadata().namespace();
        if (anyUses(pods.indexer().byIndex(Indexer.NAMESPACE, namespace), pvc)) {
            return true;
        }
        return anyUses(api.list(BuiltinResources.PODS, namespace).items(), pvc);
    }

    private static boolean anyUses(List<Pod> candidates, PersistentVolumeClaim pvc) {
        for (Pod pod : candidates) {
            if (podUsesClaim(pod, pvc.metadata().name())) {
                return true;
            }
        }
        return false;
    }

    /** Upstream podUsesPVC for persistentVolumeClaim volumes: only a scheduled pod uses a claim. */
    static boolean podUsesClaim(Pod pod, String claimName) {
        String node = pod.spec().nodeName();
        if (node == null || node.isEmpty()) {
            return false;
        }
        for (Volume v : pod.spec().volumes()) {
            if (v.persistentVolumeClaim() != null && claimName.equals(v.persistentVolumeClaim().claimName())) {
                return true;
            }
        }
        return false;
    }
}
