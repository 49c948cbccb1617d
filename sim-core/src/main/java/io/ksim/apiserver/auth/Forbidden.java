package io.ksim.apiserver.auth;

import io.ksim.apiserver.ApiErrors;
import io.ksim.apiserver.ApiException;
import io.ksim.apiserver.GroupResource;

/**
 * The 403 an unauthorized request gets, with the text of upstream's responsewriters.Forbidden:
 * {@code pods "web-1" is forbidden: User "bob" cannot get resource "pods" in API group "" in the namespace
 * "default"}, {@code ... at the cluster scope} without a namespace, {@code resource "pods/log"} for a
 * subresource, and {@code forbidden: User "bob" cannot get path "/healthz"} for a non-resource URL. A
 * non-empty authorizer reason is appended after ": ".
 */
public final class Forbidden {

    private Forbidden() {
    }

    /** The sentence naming who cannot do what. */
    public static String message(Attributes request) {
        String user = request.user() == null ? "" : request.user().name();
        if (!request.resourceRequest()) {
            return String.format("User \"%s\" cannot %s path \"%s\"", user, request.verb(), request.path());
        }
        if (!request.namespace().isEmpty()) {
            return String.format("User \"%s\" cannot %s resource \"%s\" in API group \"%s\" in the namespace \"%s\"",
                    user, request.verb(), request.combinedResource(), request.apiGroup(), request.namespace());
        }
        return String.format("User \"%s\" cannot %s resource \"%s\" in API group \"%s\" at the cluster scope",
                user, request.verb(), request.combinedResource(), request.apiGroup());
    }

    /** The Forbidden error of a denied request, with the authorizer's reason if any. */
    public static ApiException error(Attributes request, String reason) {
        String msg = sanitize(message(request));
        String text = reason == null || reason.isEmpty() ? msg : msg + ": " + reason;
        return ApiErrors.forbidden(new GroupResource(request.apiGroup(), request.resource()), request.name(), text);
    }

    /** The HTML escaping upstream applies to the sentence (&amp;, &lt;, &gt;). */
    private static String sanitize(String s) {
        return s.replace("&", "&amp;").replace("<", "&lt;").replace(">", "&gt;");
    }
}
