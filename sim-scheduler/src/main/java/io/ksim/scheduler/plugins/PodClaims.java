package io.ksim.scheduler.plugins;

import io.ksim.api.core.PersistentVolumeClaim;
import io.ksim.api.core.Pod;
import io.ksim.api.core.Volume;
import io.ksim.apiserver.ApiException;
import io.ksim.apiserver.ApiServer;
import io.ksim.apiserver.registry.BuiltinResources;
import io.ksim.scheduler.framework.Status;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;
import java.util.function.Function;

/**
 * The PersistentVolumeClaims a pod's volumes name, read from the API server as the volume plugins' PreFilters read
 * them (VolumeBinding and VolumeRestrictions share the lookup and its not-found answer).
 *
 * @param claims the pod's claims in volume order, each once; empty when {@code status} is not a success
 * @param status {@link Status#SUCCESS}, or the answer for the first claim that is missing or rejected
 */
record PodClaims(List<PersistentVolumeClaim> claims, Status status) {

    /** The names of the claims the pod's volumes use, in volume order, each once. */
    static Set<String> names(Pod pod) {
        Set<String> names = new LinkedHashSet<>();
        for (Volume v : pod.spec().volumes()) {
            if (v.persistentVolumeClaim() != null) {
                names.add(v.persistentVolumeClaim().claimName());
            }
        }
        return names;
    }

    /**
     * Reads each claim of the pod and stops at the first failure: a claim that does not exist is
     * UnschedulableAndUnresolvable {@code persistentvolumeclaim "x" not found}; one that exists is passed to
     * {@code check}, which answers {@link Status#SUCCESS} to accept it. Claims are checked as they are read, so the
     * answer is the one for the first claim in volume order that fails, as upstream's loops give it.
     */
    static PodClaims read(ApiServer api, Pod pod, Function<PersistentVolumeClaim, Status> check) {
        String ns = pod.metadata().namespace();
        List<PersistentVolumeClaim> claims = new ArrayList<>();
        for (String name : names(pod)) {
            PersistentVolumeClaim claim;
            try {
                claim = api.get(BuiltinResources.PERSISTENT_VOLUME_CLAIMS, ns, name);
            } catch (ApiException notFound) {
                return new PodClaims(List.of(), Status.unresolvable("persistentvolumeclaim \"" + name
                        + "\" not found"));
            }
            Status verdict = check.apply(claim);
            if (!verdict.isSuccess()) {
                return new PodClaims(List.of(), verdict);
            }
            claims.add(claim);
        }
        return new PodClaims(List.copyOf(claims), Status.SUCCESS);
    }
}
