package io.ksim.apiserver;

import com.fasterxml.jackson.core.JsonProcessingException;
import io.ksim.api.meta.KubeObject;
import io.ksim.store.Value;

/**
 * An API object as a store value. The store keeps the object itself; its JSON encoding (what a real
 * kube-apiserver writes to etcd) is produced only when someone asks for the bytes or their size, once.
 * This keeps a cluster of 150,000 pods cheap while byte accounting stays exact.
 */
final class StoredObject implements Value {

    private final KubeObject object;
    private byte[] encoded;

    StoredObject(KubeObject object) {
        this.object = object;
    }

    KubeObject object() {
        return object;
    }

    @Override
    public int size() {
        return encoded().length;
    }

    @Override
    public byte[] toBytes() {
        return encoded().clone();
    }

    private byte[] encoded() {
        if (encoded == null) {
            try {
                encoded = StorageEncoding.encode(object);
            } catch (JsonProcessingException e) {
                throw new IllegalStateException("cannot encode " + object.kind() + " " + object.metadata().name(), e);
            }
        }
        return encoded;
    }

    @Override
    public String toString() {
        return object.kind() + "/" + object.metadata().name();
    }
}
