package io.ksim.store;

import java.util.Objects;

/**
 * A write of one key, as etcd's PutRequest.
 *
 * @param lease       0 for none; otherwise the key is attached to that lease (and detached from any other)
 * @param prevKv      return the version the put replaced
 * @param ignoreValue keep the current value (the key must exist; {@code value} must be empty)
 * @param ignoreLease keep the current lease (the key must exist; {@code lease} must be 0)
 */
public record PutRequest(String key, Value value, long lease, boolean prevKv, boolean ignoreValue, boolean ignoreLease)
        implements RequestOp {

    public PutRequest {
        Objects.requireNonNull(key, "key");
        Objects.requireNonNull(value, "value");
    }

    public static PutRequest of(String key, Value value) {
        return new PutRequest(key, value, 0, false, false, false);
    }

    public static PutRequest of(String key, String utf8Value) {
        return of(key, Value.ofUtf8(utf8Value));
    }

    public PutRequest withLease(long leaseId) {
        return new PutRequest(key, value, leaseId, prevKv, ignoreValue, ignoreLease);
    }

    public PutRequest withPrevKv(boolean on) {
        return new PutRequest(key, value, lease, on, ignoreValue, ignoreLease);
    }

    public PutRequest withIgnoreValue(boolean on) {
        return new PutRequest(key, value, lease, prevKv, on, ignoreLease);
    }

    public PutRequest withIgnoreLease(boolean on) {
        return new PutRequest(key, value, lease, prevKv, ignoreValue, on);
    }
}
