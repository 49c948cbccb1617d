package io.ksim.api.core;

/**
 * A toleration of node taints (core/v1 Toleration). An empty key with operator Exists tolerates every
 * taint; an empty effect matches every effect; {@code tolerationSeconds} bounds how long a NoExecute taint
 * is tolerated. Operators in {@link TolerationOperator}, effects in {@link TaintEffect}.
 */
public record Toleration(String key, String operator, String value, String effect, Long tolerationSeconds) {
}
