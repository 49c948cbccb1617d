package io.ksim.api.core;

/** Values of a condition's {@code status} (core/v1 ConditionStatus). */
public final class ConditionStatus {

    public static final String TRUE = "True";
    public static final String FALSE = "False";
    public static final String UNKNOWN = "Unknown";

    private ConditionStatus() {
    }
}
