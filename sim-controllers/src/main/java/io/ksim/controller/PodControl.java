package io.ksim.controller;

import io.ksim.api.core.Pod;
import io.ksim.api.core.PodTemplateSpec;
import io.ksim.api.meta.KubeObject;
import io.ksim.apiserver.ApiException;
import io.ksim.apiserver.ApiServer;
import io.ksim.apiserver.DeleteOptions;
import io.ksim.apiserver.registry.BuiltinResources;
import io.ksim.client.EventRecorder;

/**
 * Creates and deletes a controller's pods and records upstream's events about them on the controller's
 * object (upstream RealPodControl): {@code SuccessfulCreate "Created pod: web-7c9f8d-x2kqb"},
 * {@code FailedCreate "Error creating: ..."}, {@code SuccessfulDelete "Deleted pod: ..."},
 * {@code FailedDelete "Error deleting: ..."}.
 */
public final class PodControl {

    public static final String SUCCESSFUL_CREATE = "SuccessfulCreate";
    public static final String FAILED_CREATE = "FailedCreate";
    public static final String SUCCESSFUL_DELETE = "SuccessfulDelete";
    public static final String FAILED_DELETE = "FailedDelete";

    private final ApiServer api;
    private final EventRecorder recorder;

    public PodControl(ApiServer api, EventRecorder recorder) {
        this.api = api;
        this.recorder = recorder;
    }

    /** Creates a pod from {@code template} controlled by {@code owner}; throws what the API server refused. */
    public Pod createPod(PodTemplateSpec template, KubeObject owner) {
        return createPod(ControllerUtils.podFromTemplate(template, owner), owner);
    }

    /** Creates {@code pod}, already made from the owner's template and adjusted (a daemon pod pinned to its node). */
    public Pod createPod(Pod pod, KubeObject owner) {
        try {
            Pod created = api.create(BuiltinResources.PODS, owner.metadata().namespace(), pod);
            recorder.normal(owner, SUCCESSFUL_CREATE, "Created pod: " + created.metadata().name());
            return created;
        } catch (ApiException e) {
            recorder.warning(owner, FAILED_CREATE, "Error creating: " + e.getMessage());
            throw e;
        }
    }

    /** Deletes pod {@code name} with default (graceful) options on behalf of {@code owner}. */
    public void deletePod(String namespace, String name, KubeObject owner) {
        try {
            api.delete(BuiltinResources.PODS, namespace, name, DeleteOptions.defaults());
            recorder.normal(owner, SUCCESSFUL_DELETE, "Deleted pod: " + name);
        } catch (ApiException e) {
            if (e.code() != 404) {
                recorder.warning(owner, FAILED_DELETE, "Error deleting: " + e.getMessage());
            }
            throw e;
        }
    }
}
