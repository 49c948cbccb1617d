package io.ksim.api.core;

/** Values of a container's {@code imagePullPolicy} (core/v1 PullPolicy). */
public final class PullPolicy {

    public static final String ALWAYS = "Always";
    public static final String NEVER = "Never";
    public static final String IF_NOT_PRESENT = "IfNotPresent";

    private PullPolicy() {
    }
}
