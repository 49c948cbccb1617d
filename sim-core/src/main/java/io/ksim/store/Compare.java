package io.ksim.store;

import java.util.Objects;

/**
 * One guard of a txn, as etcd's Compare: {@code target(key) result operand}, for example
 * {@code mod("/registry/pods/default/web") == 42}.
 *
 * <p>Semantics carried over from etcd's {@code applyCompare}: with a {@code rangeEnd}, every key in the
 * range must satisfy the compare. A missing key compares as a version with all numbers 0, so
 * {@code version(k) == 0} and {@code create(k) == 0} are true for absent keys ("create if absent");
 * but any VALUE compare on a missing key is false, whatever the operator.
 *
 * @param operand the number to compare with (VERSION, CREATE, MOD, LEASE); ignored for VALUE
 * @param value   the bytes to compare with (VALUE); ignored otherwise
 */
public record Compare(Target target, Result result, String key, String rangeEnd, long operand, Value value) {

    public enum Target { VERSION, CREATE, MOD, VALUE, LEASE }

    /** The operator, named as in etcd's proto; applied as {@code actual OP operand}. */
    public enum Result { EQUAL, GREATER, LESS, NOT_EQUAL }

    public Compare {
        Objects.requireNonNull(target, "target");
        Objects.requireNonNull(result, "result");
        Objects.requireNonNull(key, "key");
        Objects.requireNonNull(rangeEnd, "rangeEnd");
        Objects.requireNonNull(value, "value");
    }

    public static Compare version(String key, Result result, long version) {
        return new Compare(Target.VERSION, result, key, "", version, Value.EMPTY);
    }

    public static Compare createRevision(String key, Result result, long revision) {
        return new Compare(Target.CREATE, result, key, "", revision, Value.EMPTY);
    }

    public static Compare modRevision(String key, Result result, long revision) {
        return new Compare(Target.MOD, result, key, "", revision, Value.EMPTY);
    }

    public static Compare lease(String key, Result result, long leaseId) {
        return new Compare(Target.LEASE, result, key, "", leaseId, Value.EMPTY);
    }

    public static Compare value(String key, Result result, Value value) {
        return new Compare(Target.VALUE, result, key, "", 0, value);
    }

    /** The same compare over {@code [key, rangeEnd)}. */
    public Compare overRange(String end) {
        return new Compare(target, result, key, end, operand, value);
    }

    /** Evaluates this compare against one existing version (a missing key is handled by the caller). */
    boolean holdsFor(KeyValue kv) {
        int cmp = switch (target) {
            case VALUE -> Value.compare(kv.value(), value);
            case VERSION -> Long.compare(kv.version(), operand);
            case CREATE -> Long.compare(kv.createRevision(), operand);
            case MOD -> Long.compare(kv.modRevision(), operand);
            case LEASE -> Long.compare(kv.lease(), operand);
        };
        return switch (result) {
            case EQUAL -> cmp == 0;
            case NOT_EQUAL -> cmp != 0;
            case GREATER -> cmp > 0;
            case LESS -> cmp < 0;
        };
    }

    /** Evaluates this compare for a range with no keys in it. */
    boolean holdsForMissing() {
        return target != Target.VALUE && holdsFor(new KeyValue(key, Value.EMPTY, 0, 0, 0, 0));
    }
}
