package io.ksim.api.core;

/** Operators of tolerations (core/v1 TolerationOperator); an empty operator means Equal. */
public final class TolerationOperator {

    public static final String EXISTS = "Exists";
    public static final String EQUAL = "Equal";

    private TolerationOperator() {
    }
}
