package io.ksim.apiserver;

import io.ksim.api.meta.KubeObject;
import java.util.List;

/**
 * The answer to a list: the items in key order (namespace, then name) and the store revision they were
 * read at, to start a watch from. {@code continueToken} is set when a limit cut the list.
 */
public record ObjectList<T extends KubeObject>(List<T> items, String resourceVersion, String continueToken,
        Long remainingItemCount) {

    public ObjectList {
        items = List.copyOf(items);
    }
}
