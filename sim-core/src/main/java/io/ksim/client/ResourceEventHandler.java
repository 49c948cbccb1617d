package io.ksim.client;

import io.ksim.api.meta.KubeObject;

/**
 * What an informer tells its users, as client-go's ResourceEventHandler. Controllers usually turn each
 * call into a key on their work queue and look at the cache when they reconcile (level-triggered).
 */
public interface ResourceEventHandler<T extends KubeObject> {

    /** An object appeared (from the initial list, a relist, or a watch). */
    default void onAdd(T obj, boolean inInitialList) {
    }

    /** An object changed; on a resync {@code oldObj == newObj}. */
    default void onUpdate(T oldObj, T newObj) {
    }

    /** An object is gone; {@code obj} is its last known state. */
    default void onDelete(T obj) {
    }
}
