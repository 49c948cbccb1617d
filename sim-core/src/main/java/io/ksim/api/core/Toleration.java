package io.ksim.api.core;

/**
 * A toleration of node taints (core/v1 Toleration). An empty key with operator Exists tolerates every
 * taint; an empty effect matches every effect; {@code tolerationSeconds} bounds how long a NoExecute taint
 * is tolerated. Operators in {@link TolerationOperator}, effects in {@link TaintEffect}.
 */
public record Toleration(String key, String operator, String value, String effect, Long tolerationSeconds) {

    /**
     * Whether this toleration tolerates {@code taint}, as k8s.io/api's ToleratesTaint decides: the effect is
     * empty or equal, the key is empty or equal, and with Exists any value matches while with Equal (or no
     * operator) the values must be equal; an unknown operator tolerates nothing. The scheduler, the taint
     * eviction controller and the DaemonSet controller all ask this one question.
     */
    public boolean toleratesTaint(Taint taint) {
        if (effect != null && !effect.isEmpty() && !effect.equals(taint.effect())) {
            return false;
        }
        if (key != null && !key.isEmpty() && !key.equals(taint.key())) {
            return false;
        }
        String op = operator == null || operator.isEmpty() ? TolerationOperator.EQUAL : operator;
        return switch (op) {
            case TolerationOperator.EXISTS -> true;
            case TolerationOperator.EQUAL -> (value == null ? "" : value).equals(taint.value() == null ? "" : taint.value());
            default -> false;
        };
    }
}
