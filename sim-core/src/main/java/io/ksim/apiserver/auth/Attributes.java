package io.ksim.apiserver.auth;

/**
 * What a request asks to do, as an authorizer judges it (upstream's authorizer.Attributes): for a resource
 * request the verb, namespace ("" for cluster-scoped or all-namespace requests), API group, resource,
 * subresource and object name; for a non-resource request the verb and the URL path.
 */
public record Attributes(UserInfo user, String verb, String namespace, String apiGroup, String resource,
        String subresource, String name, String path, boolean resourceRequest) {

    public Attributes {
        verb = orEmpty(verb);
        namespace = orEmpty(namespace);
        apiGroup = orEmpty(apiGroup);
        resource = orEmpty(resource);
        subresource = orEmpty(subresource);
        name = orEmpty(name);
        path = orEmpty(path);
    }

    /** A request on {@code resource} of {@code apiGroup} ("" for the core group). */
    public static Attributes resource(UserInfo user, String verb, String namespace, String apiGroup, String resource,
            String subresource, String name) {
        return new Attributes(user, verb, namespace, apiGroup, resource, subresource, name, "", true);
    }

    /** A request on {@code resource} of {@code apiGroup}, neither subresource nor name. */
    public static Attributes resource(UserInfo user, String verb, String namespace, String apiGroup, String resource) {
        return resource(user, verb, namespace, apiGroup, resource, "", "");
    }

    /** A request on a URL outside the resource tree, e.g. "get" of "/healthz". */
    public static Attributes nonResource(UserInfo user, String verb, String path) {
        return new Attributes(user, verb, "", "", "", "", "", path, false);
    }

    /** "pods" or, with a subresource, "pods/log": the form rules and messages use. */
    public String combinedResource() {
        return subresource.isEmpty() ? resource : resource + "/" + subresource;
    }

    private static String orEmpty(String s) {
        return s == null ? "" : s;
    }
}
