package io.ksim.api.core;

import io.ksim.api.resource.Quantity;

/**
 * A container's resource limit or request for the downward API (core/v1 ResourceFieldSelector), e.g.
 * {@code limits.cpu}. {@code divisor} is never absent: upstream's zero value {@code "0"} (which means 1) is
 * what an unset divisor decodes to and prints as.
 */
public record ResourceFieldSelector(String containerName, String resource, Quantity divisor) {

    public ResourceFieldSelector {
        divisor = divisor == null ? Quantity.ZERO : divisor;
    }
}
