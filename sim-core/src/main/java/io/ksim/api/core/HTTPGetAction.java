package io.ksim.api.core;

import io.ksim.api.resource.IntOrString;
import java.util.List;

/**
 * An HTTP GET request to the pod (core/v1 HTTPGetAction); {@code port} is a number or a container port's
 * name. Defaulting sets path {@code /} and scheme {@code HTTP}.
 */
public record HTTPGetAction(String path, IntOrString port, String host, String scheme, List<HTTPHeader> httpHeaders) {

    public HTTPGetAction {
        httpHeaders = httpHeaders == null ? List.of() : List.copyOf(httpHeaders);
    }

    public static final String SCHEME_HTTP = "HTTP";
    public static final String SCHEME_HTTPS = "HTTPS";
}
