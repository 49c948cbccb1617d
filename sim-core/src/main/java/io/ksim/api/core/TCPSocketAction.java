package io.ksim.api.core;

import io.ksim.api.resource.IntOrString;

/** A TCP connection to the pod (core/v1 TCPSocketAction); {@code port} is a number or a port's name. */
public record TCPSocketAction(IntOrString port, String host) {
}
