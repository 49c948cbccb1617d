package io.ksim.controller.volume;

import io.ksim.api.meta.KubeObject;
import io.ksim.apiserver.ApiServer;
import io.ksim.apiserver.ResourceType;
import java.util.ArrayList;
import java.util.List;

/**
 * What the two storage protection controllers share (upstream pkg/controller/util/protectionutil): when an object
 * needs its protection finalizer, when it is a candidate for having it removed, and the writes that add or
 * remove it. Writes are updates of the object the cache holds; a stale one is a Conflict and the key is retried.
 */
final class StorageProtection {

    private StorageProtection() {
    }

    /** Being deleted and still holding the finalizer (IsDeletionCandidate). */
    static boolean isDeletionCandidate(KubeObject obj, String finalizer) {
        return obj.metadata().isBeingDeleted() && obj.metadata().finalizers().contains(finalizer);
    }

    /** Not being deleted and without the finalizer (NeedToAddFinalizer): one created before the admission plugin. */
    static boolean needToAddFinalizer(KubeObject obj, String finalizer) {
        return !obj.metadata().isBeingDeleted() && !obj.metadata().finalizers().contains(finalizer);
    }

    static <T extends KubeObject> void addFinalizer(ApiServer api, ResourceType<T> type, T obj, String finalizer) {
        List<String> finalizers = new ArrayList<>(obj.metadata().finalizers());
        finalizers.add(finalizer);
        api.update(type, type.cast(obj.withMetadata(obj.metadata().toBuilder().finalizers(finalizers).build())));
    }

    static <T extends KubeObject> void removeFinalizer(ApiServer api, ResourceType<T> type, T obj, String finalizer) {
        List<String> finalizers = new ArrayList<>(obj.metadata().finalizers());
        finalizers.remove(finalizer);
        api.update(type, type.cast(obj.withMetadata(obj.metadata().toBuilder().finalizers(finalizers).build())));
    }
}
