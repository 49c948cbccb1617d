package io.ksim.api.core;

/** How a container takes an in-place change of one resource (core/v1 ContainerResizePolicy). */
public record ContainerResizePolicy(String resourceName, String restartPolicy) {

    public static final String NOT_REQUIRED = "NotRequired";
    public static final String RESTART_CONTAINER = "RestartContainer";
}
