package io.ksim.apiserver;

/**
 * Decides whether the user behind a request may make it, before the request is served (kube-apiserver's
 * WithAuthorization filter in front of the REST handlers). An implementation throws the 403 Forbidden
 * {@link ApiException} with upstream's text to refuse; a refused request changes nothing.
 *
 * <p>The attributes are those of the request's URL: {@code namespace} is "" for a cluster-scoped resource and
 * for a request across all namespaces, {@code name} is "" for list, watch, create and deletecollection.
 */
@FunctionalInterface
public interface RequestAuthorizer {

    /** Returns if {@code verb} on the resource of {@code type} (and {@code subresource}, may be "") is allowed. */
    void authorize(String verb, ResourceType<?> type, String namespace, String subresource, String name);
}
