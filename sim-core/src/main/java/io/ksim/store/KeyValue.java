package io.ksim.store;

import java.util.Objects;

/**
 * One version of a key, as etcd's mvccpb.KeyValue.
 *
 * <ul>
 *   <li>{@code createRevision}: revision of the put that created the key in its current life (a put after
 *       a delete starts a new life);</li>
 *   <li>{@code modRevision}: revision of the last write to the key;</li>
 *   <li>{@code version}: 1 on create, +1 per put, back to 1 after a delete and re-create;</li>
 *   <li>{@code lease}: the attached lease's ID, or 0.</li>
 * </ul>
 *
 * <p>A deletion is represented (in watch events and history) by a tombstone: only {@code key} and
 * {@code modRevision} set, everything else zero or empty, exactly as etcd sends a DELETE event's kv.
 */
public record KeyValue(String key, Value value, long createRevision, long modRevision, long version, long lease) {

    public KeyValue {
        Objects.requireNonNull(key, "key");
        Objects.requireNonNull(value, "value");
    }

    static KeyValue tombstone(String key, long revision) {
        return new KeyValue(key, Value.EMPTY, 0, revision, 0, 0);
    }

    /** True for the marker of a deletion. */
    public boolean isTombstone() {
        return version == 0;
    }

    /** The same version without its value, for keys-only ranges. */
    KeyValue withoutValue() {
        return value.size() == 0 ? this : new KeyValue(key, Value.EMPTY, createRevision, modRevision, version, lease);
    }
}
