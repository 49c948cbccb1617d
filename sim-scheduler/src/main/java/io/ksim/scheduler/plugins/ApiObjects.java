package io.ksim.scheduler.plugins;

import io.ksim.api.meta.KubeObject;
import io.ksim.apiserver.ApiException;
import io.ksim.apiserver.ApiServer;
import io.ksim.apiserver.ResourceType;

/**
 * Reads the volume plugins share: an object that may not exist (a claim not created yet, a volume or class
 * deleted) is null rather than an exception, which each plugin turns into its own upstream reason.
 */
final class ApiObjects {

    private ApiObjects() {
    }

    /** The object, or null when the API server answers 404; any other refusal is thrown. */
    static <T extends KubeObject> T getOrNull(ApiServer api, ResourceType<T> type, String namespace, String name) {
        try {
            return api.get(type, namespace, name);
        } catch (ApiException notFound) {
            if (notFound.code() != 404) {
                throw notFound;
            }
            return null;
        }
    }
}
