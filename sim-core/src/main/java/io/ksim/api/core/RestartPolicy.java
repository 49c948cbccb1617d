package io.ksim.api.core;

/**
 * Values of a pod's {@code restartPolicy} (core/v1 RestartPolicy). {@link #ALWAYS} is also the only value of
 * a container's {@code restartPolicy} (ContainerRestartPolicy), which makes an init container a sidecar.
 */
public final class RestartPolicy {

    public static final String ALWAYS = "Always";
    public static final String ON_FAILURE = "OnFailure";
    public static final String NEVER = "Never";

    private RestartPolicy() {
    }
}
