package io.ksim.api.core;

/** Operators of node selector requirements (core/v1 NodeSelectorOperator). */
public final class NodeSelectorOperator {

    public static final String IN = "In";
    public static final String NOT_IN = "NotIn";
    public static final String EXISTS = "Exists";
    public static final String DOES_NOT_EXIST = "DoesNotExist";
    /** The single value, an integer, is less than the label's. */
    public static final String GT = "Gt";
    /** The single value, an integer, is greater than the label's. */
    public static final String LT = "Lt";

    private NodeSelectorOperator() {
    }
}
