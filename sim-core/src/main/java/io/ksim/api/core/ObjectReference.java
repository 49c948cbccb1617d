package io.ksim.api.core;

import io.ksim.api.meta.KubeObject;
import io.ksim.api.meta.ObjectMeta;

/**
 * A reference to an object, or a part of one ({@code fieldPath}), by kind, namespace, name and uid
 * (core/v1 ObjectReference): an Event's involvedObject, a PersistentVolume's claimRef, an endpoint's
 * targetRef.
 */
public record ObjectReference(String kind, String namespace, String name, String uid, String apiVersion,
        String resourceVersion, String fieldPath) {

    /** A reference to a whole object, as {@code reference.GetReference} makes it. */
    public static ObjectReference to(KubeObject object) {
        ObjectMeta meta = object.metadata();
        return new ObjectReference(object.kind(), meta.namespace(), meta.name(), meta.uid(), object.apiVersion(),
                meta.resourceVersion(), null);
    }

    /** The same reference to a part of the object, e.g. {@code spec.containers{web}}. */
    public ObjectReference withFieldPath(String path) {
        return new ObjectReference(kind, namespace, name, uid, apiVersion, resourceVersion, path);
    }
}
