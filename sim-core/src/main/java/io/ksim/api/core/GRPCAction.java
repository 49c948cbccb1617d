package io.ksim.api.core;

import com.fasterxml.jackson.annotation.JsonInclude;

/**
 * A gRPC health check (core/v1 GRPCAction). {@code service} is always printed once set; defaulting sets it
 * to the empty string, as upstream's declarative default does.
 */
public record GRPCAction(int port, @JsonInclude(JsonInclude.Include.NON_NULL) String service) {
}
