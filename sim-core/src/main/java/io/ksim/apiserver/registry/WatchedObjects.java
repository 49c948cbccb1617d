package io.ksim.apiserver.registry;

import io.ksim.api.meta.KubeObject;
import io.ksim.apiserver.ApiServer;
import io.ksim.apiserver.ResourceType;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import java.util.TreeMap;

/**
 * The objects of one resource as an admission plugin's informer lister sees them (upstream's plugins read
 * PriorityClasses, ResourceQuotas, LimitRanges and StorageClasses from listers, not from the store): listed
 * once, on first use, then kept by a watch. The store delivers watch events on the simulation thread right
 * after each write, so the view is never behind a request that follows the write. A watch that ends with an
 * error is replaced by a new list at the next use.
 */
final class WatchedObjects<T extends KubeObject> {

    private final ApiServer api;
    private final ResourceType<T> type;
    /** namespace/name (or name) -> object, in the store's key order; null until first used. */
    private TreeMap<String, T> objects;

    WatchedObjects(ApiServer api, ResourceType<T> type) {
        this.api = Objects.requireNonNull(api, "api");
        this.type = Objects.requireNonNull(type, "type");
    }

    /** Every object, in the order a list request returns them. */
    List<T> all() {
        return List.copyOf(view().values());
    }

    /** The object named {@code name} (in {@code namespace}, null for a cluster-scoped resource), or null. */
    T get(String namespace, String name) {
        return view().get(namespace == null || namespace.isEmpty() ? name : namespace + "/" + name);
    }

    /** The objects in {@code namespace}, sorted by name, as a list request in that namespace returns them. */
    List<T> in(String namespace) {
        String from = namespace + "/";
        return new ArrayList<>(view().subMap(from, true, namespace + "0", false).values());
    }

    private TreeMap<String, T> view() {
        if (objects == null) {
            TreeMap<String, T> cache = new TreeMap<>();
            objects = cache;
            api.watch(type, null, "", o -> true, e -> {
                switch (e.type()) {
                    case ADDED, MODIFIED -> cache.put(key(e.object()), e.object());
                    case DELETED -> cache.remove(key(e.object()));
                    case ERROR -> {
                        if (objects == cache) {
                            objects = null;
                        }
                    }
                    default -> {
                    }
                }
            });
        }
        return objects;
    }

    private static String key(KubeObject o) {
        String ns = o.metadata().namespace();
        return ns == null || ns.isEmpty() ? o.metadata().name() : ns + "/" + o.metadata().name();
    }
}
