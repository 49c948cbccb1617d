package io.ksim.controller.statefulset;

import io.ksim.api.apps.StatefulSet;
import io.ksim.api.apps.StatefulSet.StatefulSetPersistentVolumeClaimRetentionPolicy;
import io.ksim.api.core.PersistentVolumeClaim;
import io.ksim.api.core.Pod;
import io.ksim.api.meta.KubeObject;
import io.ksim.api.meta.OwnerReference;
import io.ksim.apiserver.ApiException;
import io.ksim.apiserver.ApiServer;
import io.ksim.apiserver.registry.BuiltinResources;
import io.ksim.controller.ControllerUtils;
import java.util.ArrayList;
import java.util.List;

/**
 * {@code persistentVolumeClaimRetentionPolicy} (StatefulSetAutoDeletePVC, GA in 1.32) as owner references on
 * the claims, which the garbage collector then acts on (upstream updateClaimOwnerRefForSetAndPod):
 * <pre>
 *   whenScaled  whenDeleted   claim of a replica      claim of a scaled-down pod
 *   Retain      Retain        no reference            no reference
 *   Retain      Delete        -> StatefulSet          -> StatefulSet
 *   Delete      Retain        no reference            -> Pod (goes with the pod)
 *   Delete      Delete        -> StatefulSet          -> Pod
 * </pre>
 * A claim controlled by some other object is left alone.
 */
final class ClaimRetention {

    private final ApiServer api;

    ClaimRetention(ApiServer api) {
        this.api = api;
    }

    void reconcile(StatefulSet set, List<Pod> pods) {
        StatefulSetPersistentVolumeClaimRetentionPolicy policy = set.spec().persistentVolumeClaimRetentionPolicy();
        boolean deleteWithSet = policy != null && StatefulSet.DELETE.equals(policy.whenDeleted());
        boolean deleteWhenScaled = policy != null && StatefulSet.DELETE.equals(policy.whenScaled());
        int start = set.spec().startOrdinal();
        int end = start + StatefulSetUtils.replicas(set);
        for (Pod pod : pods) {
            int ord = StatefulSetUtils.ordinal(pod);
            if (ord < 0 || pod.metadata().uid() == null) {
                continue;
            }
            boolean condemned = ord >= end || ord < start;
            KubeObject owner = condemned && deleteWhenScaled ? pod : deleteWithSet ? set : null;
            for (PersistentVolumeClaim wanted : StatefulSetUtils.claims(set, ord).values()) {
                update(set, pod, wanted.metadata().name(), owner);
            }
        }
    }

    private void update(StatefulSet set, Pod pod, String claimName, KubeObject owner) {
        PersistentVolumeClaim claim;
        try {
            claim = api.get(BuiltinResources.PERSISTENT_VOLUME_CLAIMS, set.metadata().namespace(), claimName);
        } catch (ApiException e) {
            if (e.code() == 404) {
                return;
            }
            throw e;
        }
        OwnerReference controller = claim.metadata().controllerRef();
        String setUid = set.metadata().uid();
        String podUid = pod.metadata().uid();
        if (controller != null && !controller.uid().equals(setUid) && !controller.uid().equals(podUid)) {
            return;
        }
        List<OwnerReference> refs = new ArrayList<>(claim.metadata().ownerReferences());
        refs.removeIf(r -> r.uid().equals(setUid) || r.uid().equals(podUid));
        if (owner != null) {
            refs.add(ControllerUtils.controllerRef(owner));
        }
        if (refs.equals(claim.metadata().ownerReferences())) {
            return;
        }
        api.update(BuiltinResources.PERSISTENT_VOLUME_CLAIMS,
                claim.withMetadata(claim.metadata().toBuilder().ownerReferences(refs).build()));
    }
}
