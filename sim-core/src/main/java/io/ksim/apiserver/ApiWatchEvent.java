package io.ksim.apiserver;

import io.ksim.api.meta.KubeObject;
import io.ksim.api.meta.Status;

/**
 * One event of an API watch: an object ADDED, MODIFIED or DELETED (the object as it was last, with the
 * resourceVersion of the deletion), or an ERROR carrying a Status (410 when history is gone).
 */
public record ApiWatchEvent<T extends KubeObject>(WatchEventType type, T object, Status error) {

    static <T extends KubeObject> ApiWatchEvent<T> of(WatchEventType type, T object) {
        return new ApiWatchEvent<>(type, object, null);
    }

    static <T extends KubeObject> ApiWatchEvent<T> error(Status status) {
        return new ApiWatchEvent<>(WatchEventType.ERROR, null, status);
    }
}
