package io.ksim.api.core;

/** The operating system of a pod's containers (core/v1 PodOS). */
public record PodOS(String name) {

    public static final String LINUX = "linux";
    public static final String WINDOWS = "windows";
}
