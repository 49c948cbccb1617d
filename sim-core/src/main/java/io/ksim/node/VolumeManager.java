package io.ksim.node;

import io.ksim.api.core.PersistentVolumeClaim;
import io.ksim.api.core.PersistentVolumeClaim.PersistentVolumeClaimStatus;
import io.ksim.api.core.Pod;
import io.ksim.api.core.Volume;
import io.ksim.apiserver.ApiException;
import io.ksim.apiserver.ApiServer;
import io.ksim.apiserver.registry.BuiltinResources;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;

/**
 * What the kubelet's volume manager (pkg/kubelet/volumemanager) decides before a pod's sandbox is created: every
 * volume must be mounted first. Two ways it can fail, with v1.32's texts:
 *
 * <ul>
 *   <li>the desired-state populator cannot process a persistentVolumeClaim volume (claim missing, being deleted,
 *       not Bound): WaitForAttachAndMount ends at once with those errors and SyncPod records FailedMount
 *       {@code Unable to attach or mount volumes: unmounted volumes=[data], unattached volumes=[], failed to
 *       process volumes=[data]: error processing PVC default/data: PVC is not bound}, seen at the wait's first
 *       poll after 300 ms; the pod worker tries again after its back-off;</li>
 *   <li>a configMap or secret volume whose object does not exist (and is not optional) fails its SetUp:
 *       FailedMount {@code MountVolume.SetUp failed for volume "config" : configmap "settings" not found},
 *       retried with the operation executor's exponential back-off ({@link #mountRetryDelay}).</li>
 * </ul>
 *
 * When the 2-minute wait runs out without such an error, v1.32's SyncPod records no event (the timeout is a
 * {@code wait.Interrupted} error, which it skips).
 */
final class VolumeManager {

    /** How often WaitForAttachAndMount looks (podAttachAndMountRetryInterval). */
    static final Duration POLL_INTERVAL = Duration.ofMillis(300);
    /** The operation executor's first delay after a failed mount (initialDurationBeforeRetry). */
    static final Duration INITIAL_MOUNT_RETRY = Duration.ofMillis(500);
    /** Its cap (maxDurationBeforeRetry). */
    static final Duration MAX_MOUNT_RETRY = Duration.ofMinutes(2).plusSeconds(2);

    /** The outcome of one look at a pod's volumes. */
    record Check(List<String> unmounted, List<String> notProcessed, List<String> processErrors,
            List<String> setUpFailures) {

        boolean ready() {
            return unmounted.isEmpty();
        }

        /** SyncPod's event message when the populator could not process some volumes; null otherwise. */
        String waitError() {
            if (processErrors.isEmpty()) {
                return null;
            }
            return "Unable to attach or mount volumes: unmounted volumes=" + goList(unmounted)
                    + ", unattached volumes=[], failed to process volumes=" + goList(notProcessed) + ": "
                    + String.join("; ", processErrors);
        }
    }

    private VolumeManager() {
    }

    /** Looks at every volume of {@code pod} as the kubelet sees the API now. */
    static Check check(ApiServer api, Pod pod) {
        List<String> unmounted = new ArrayList<>();
        List<String> notProcessed = new ArrayList<>();
        List<String> processErrors = new ArrayList<>();
        List<String> setUpFailures = new ArrayList<>();
        String ns = pod.metadata().namespace();
        for (Volume v : pod.spec().volumes()) {
            if (v.persistentVolumeClaim() != null) {
                String error = claimError(api, ns, v.persistentVolumeClaim().claimName());
                if (error != null) {
                    unmounted.add(v.name());
                    notProcessed.add(v.name());
                    processErrors.add("error processing PVC " + ns + "/" + v.persistentVolumeClaim().claimName()
                            + ": " + error);
                }
            } else if (v.configMap() != null && !Boolean.TRUE.equals(v.configMap().optional())
                    && !exists(api, BuiltinResources.CONFIG_MAPS, ns, v.configMap().name())) {
                unmounted.add(v.name());
                setUpFailures.add("MountVolume.SetUp failed for volume \"" + v.name() + "\" : configmap \""
                        + v.configMap().name() + "\" not found");
            } else if (v.secret() != null && !Boolean.TRUE.equals(v.secret().optional())
                    && !exists(api, BuiltinResources.SECRETS, ns, v.secret().secretName())) {
                unmounted.add(v.name());
                setUpFailures.add("MountVolume.SetUp failed for volume \"" + v.name() + "\" : secret \""
                        + v.secret().secretName() + "\" not found");
            }
        }
        unmounted.sort(null);
        return new Check(List.copyOf(unmounted), List.copyOf(notProcessed), List.copyOf(processErrors),
                List.copyOf(setUpFailures));
    }

    /** The populator's getPVCExtractPV: why the claim cannot be used, or null. */
    private static String claimError(ApiServer api, String namespace, String name) {
        PersistentVolumeClaim pvc;
        try {
            pvc = api.get(BuiltinResources.PERSISTENT_VOLUME_CLAIMS, namespace, name);
        } catch (ApiException e) {
            return "failed to fetch PVC from API server: " + e.getMessage();
        }
        if (pvc.metadata().isBeingDeleted()) {
            return "PVC is being deleted";
        }
        if (!PersistentVolumeClaimStatus.BOUND.equals(pvc.status().phase())) {
            return "PVC is not bound";
        }
        return null;
    }

    private static boolean exists(ApiServer api, io.ksim.apiserver.ResourceType<?> type, String ns, String name) {
        try {
            api.get(type, ns, name);
            return true;
        } catch (ApiException e) {
            return false;
        }
    }

    /** The delay before mount attempt {@code failures + 1}: 500 ms doubling, at most 2m2s. */
    static Duration mountRetryDelay(int failures) {
        Duration d = INITIAL_MOUNT_RETRY;
        for (int i = 1; i < failures && d.compareTo(MAX_MOUNT_RETRY) < 0; i++) {
            d = d.multipliedBy(2);
        }
        return d.compareTo(MAX_MOUNT_RETRY) > 0 ? MAX_MOUNT_RETRY : d;
    }

    /** Go's {@code %v} of a []string. */
    private static String goList(List<String> items) {
        return "[" + String.join(" ", items) + "]";
    }
}
