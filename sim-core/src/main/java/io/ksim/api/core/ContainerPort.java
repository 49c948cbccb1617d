package io.ksim.api.core;

/**
 * A port a container listens on (core/v1 ContainerPort). {@code hostPort} absent means 0: not exposed on
 * the node (with {@code hostNetwork} defaulting makes it equal to {@code containerPort}).
 */
public record ContainerPort(String name, Integer hostPort, int containerPort, String protocol, String hostIP) {

    /** A TCP port by number. */
    public static ContainerPort of(int containerPort) {
        return new ContainerPort(null, null, containerPort, null, null);
    }

    /** A named port. */
    public static ContainerPort named(String name, int containerPort) {
        return new ContainerPort(name, null, containerPort, null, null);
    }
}
