package io.ksim.controller.statefulset;

import io.ksim.api.apps.StatefulSet;
import io.ksim.api.core.PersistentVolumeClaim;
import io.ksim.api.core.Pod;
import io.ksim.apiserver.ApiException;
import io.ksim.apiserver.ApiServer;
import io.ksim.apiserver.DeleteOptions;
import io.ksim.apiserver.registry.BuiltinResources;
import io.ksim.client.EventRecorder;

/**
 * Writes a StatefulSet's pods and claims and records upstream's events about them (upstream
 * stateful_pod_control.go): {@code SuccessfulCreate "create Pod web-0 in StatefulSet web successful"},
 * {@code SuccessfulCreate "create Claim www-web-0 Pod web-0 in StatefulSet web success"},
 * {@code SuccessfulDelete "delete Pod web-1 in StatefulSet web successful"}, and the Failed* variants
 * ending in {@code failed error: <message>}.
 */
final class StatefulPodControl {

    private final ApiServer api;
    private final EventRecorder recorder;

    StatefulPodControl(ApiServer api, EventRecorder recorder) {
        this.api = api;
        this.recorder = recorder;
    }

    /** Creates the pod's missing claims, then the pod (upstream CreateStatefulPod). */
    void createPod(StatefulSet set, Pod pod, int ordinal) {
        createMissingClaims(set, pod, ordinal);
        try {
            api.create(BuiltinResources.PODS, set.metadata().namespace(), pod);
            podEvent("create", set, pod, null);
        } catch (ApiException e) {
            if (e.code() != 409) {
                podEvent("create", set, pod, e);
            }
            throw e;
        }
    }

    /** Creates the claims of {@code pod} that do not exist; existing claims are reused, never changed. */
    void createMissingClaims(StatefulSet set, Pod pod, int ordinal) {
        for (PersistentVolumeClaim claim : StatefulSetUtils.claims(set, ordinal).values()) {
            String name = claim.metadata().name();
            if (!claimExists(set.metadata().namespace(), name)) {
                try {
                    api.create(BuiltinResources.PERSISTENT_VOLUME_CLAIMS, set.metadata().namespace(), claim);
                    claimEvent(set, pod, name, null);
                } catch (ApiException e) {
                    if (e.code() != 409) {
                        claimEvent(set, pod, name, e);
                        throw e;
                    }
                }
            }
        }
    }

    private boolean claimExists(String namespace, String name) {
        try {
            api.get(BuiltinResources.PERSISTENT_VOLUME_CLAIMS, namespace, name);
            return true;
        } catch (ApiException e) {
            if (e.code() == 404) {
                return false;
            }
            throw e;
        }
    }

    void deletePod(StatefulSet set, Pod pod) {
        try {
            api.delete(BuiltinResources.PODS, pod.metadata().namespace(), pod.metadata().name(),
                    DeleteOptions.defaults());
            podEvent("delete", set, pod, null);
        } catch (ApiException e) {
            podEvent("delete", set, pod, e);
            throw e;
        }
    }

    /** Writes an identity or storage fix of an existing pod (upstream UpdateStatefulPod). */
    void updatePod(StatefulSet set, Pod pod) {
        try {
            api.update(BuiltinResources.PODS, pod);
            podEvent("update", set, pod, null);
        } catch (ApiException e) {
            podEvent("update", set, pod, e);
            throw e;
        }
    }

    private void podEvent(String verb, StatefulSet set, Pod pod, ApiException error) {
        String title = Character.toUpperCase(verb.charAt(0)) + verb.substring(1);
        if (error == null) {
            recorder.normal(set, "Successful" + title, verb + " Pod " + pod.metadata().name() + " in StatefulSet "
                    + set.metadata().name() + " successful");
        } else {
            recorder.warning(set, "Failed" + title, verb + " Pod " + pod.metadata().name() + " in StatefulSet "
                    + set.metadata().name() + " failed error: " + error.getMessage());
        }
    }

    private void claimEvent(StatefulSet set, Pod pod, String claim, ApiException error) {
        if (error == null) {
            recorder.normal(set, "SuccessfulCreate", "create Claim " + claim + " Pod " + pod.metadata().name()
                    + " in StatefulSet " + set.metadata().name() + " success");
        } else {
            recorder.warning(set, "FailedCreate", "create Claim " + claim + " for Pod " + pod.metadata().name()
                    + " in StatefulSet " + set.metadata().name() + " failed error: " + error.getMessage());
        }
    }
}
