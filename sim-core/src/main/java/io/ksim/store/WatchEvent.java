package io.ksim.store;

import java.util.Objects;

/**
 * One change seen by a watch, as etcd's mvccpb.Event.
 *
 * <p>For a PUT, {@code kv} is the new version and {@code prevKv} the one it replaced (null for a create, or
 * when the watch did not ask for previous values). For a DELETE, {@code kv} is a tombstone carrying only the
 * key and the deletion's revision, and {@code prevKv} the deleted version when asked for.
 */
public record WatchEvent(Type type, KeyValue kv, KeyValue prevKv) {

    public enum Type { PUT, DELETE }

    public WatchEvent {
        Objects.requireNonNull(type, "type");
        Objects.requireNonNull(kv, "kv");
    }

    public long revision() {
        return kv.modRevision();
    }

    public String key() {
        return kv.key();
    }

    WatchEvent withoutPrevKv() {
        return prevKv == null ? this : new WatchEvent(type, kv, null);
    }
}
