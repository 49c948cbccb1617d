package io.ksim.api.core;

import io.ksim.api.meta.PatchStrategy;
import io.ksim.api.meta.KubeObject;
import io.ksim.api.meta.ObjectMeta;
import java.util.List;

/** An identity for pods (core/v1 ServiceAccount). */
public record ServiceAccount(String apiVersion, String kind, ObjectMeta metadata, @PatchStrategy(mergeKey = "name") List<ObjectReference> secrets,
        List<LocalObjectReference> imagePullSecrets, Boolean automountServiceAccountToken) implements KubeObject {

    public static final String API_VERSION = "v1";
    public static final String KIND = "ServiceAccount";

    /** The service account every namespace gets and pods use unless they name another. */
    public static final String DEFAULT_NAME = "default";

    public ServiceAccount {
        apiVersion = apiVersion == null ? API_VERSION : apiVersion;
        kind = kind == null ? KIND : kind;
        metadata = metadata == null ? ObjectMeta.builder().build() : metadata;
        secrets = secrets == null ? List.of() : List.copyOf(secrets);
        imagePullSecrets = imagePullSecrets == null ? List.of() : List.copyOf(imagePullSecrets);
    }

    public static ServiceAccount of(String namespace, String name) {
        return new ServiceAccount(null, null, ObjectMeta.of(namespace, name), null, null, null);
    }

    @Override
    public ServiceAccount withMetadata(ObjectMeta newMetadata) {
        return new ServiceAccount(apiVersion, kind, newMetadata, secrets, imagePullSecrets,
                automountServiceAccountToken);
    }
}
