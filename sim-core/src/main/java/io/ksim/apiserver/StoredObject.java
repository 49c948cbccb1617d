package io.ksim.apiserver;

import com.fasterxml.jackson.core.JsonProcessingException;
import io.ksim.api.meta.KubeObject;
import io.ksim.store.Value;

/**
 * An API object as a store value. The store keeps the object itself; its JSON encoding (what a real
 * kube-apiserver writes to etcd) is counted, not kept: every write needs the size (etcd's request limit and
 * the database's bytes), while the bytes themselves are asked for only by value comparisons, which encode
 * again (the encoding is deterministic, so they are the same bytes every time). Keeping the bytes of every
 * version in the history was a third of a busy cluster's memory. This keeps a cluster of 150,000 pods cheap
 * while byte accounting stays exact.
 */
final class StoredObject implements Value {

    private final KubeObject object;
    /** The encoding's length in bytes, or -1 until first asked. */
    private int size = -1;

    StoredObject(KubeObject object) {
        this.object = object;
    }

    KubeObject object() {
        return object;
    }

    @Override
    public int size() {
        if (size < 0) {
            try {
                size = StorageEncoding.size(object);
            } catch (java.io.IOException e) {
                throw cannotEncode(e);
            }
        }
        return size;
    }

    @Override
    public byte[] toBytes() {
        try {
            return StorageEncoding.encode(object);
        } catch (JsonProcessingException e) {
            throw cannotEncode(e);
        }
    }

    private IllegalStateException cannotEncode(Exception e) {
        return new IllegalStateException("cannot encode " + object.kind() + " " + object.metadata().name(), e);
    }

    @Override
    public String toString() {
        return object.kind() + "/" + object.metadata().name();
    }
}
