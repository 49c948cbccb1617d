package io.ksim.api.core;

import com.fasterxml.jackson.annotation.JsonInclude;

/** A resolver option (core/v1 PodDNSConfigOption), e.g. {@code ndots: "2"}. */
public record PodDNSConfigOption(String name, @JsonInclude(JsonInclude.Include.NON_NULL) String value) {
}
