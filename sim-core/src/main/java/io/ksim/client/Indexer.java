package io.ksim.client;

import io.ksim.api.meta.KubeObject;
import java.util.ArrayList;
import java.util.Collections;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.NavigableMap;
import java.util.TreeMap;
import java.util.TreeSet;
import java.util.function.Function;

/**
 * An informer's cache: objects by key ({@code namespace/name}, or {@code name} for cluster-scoped ones),
 * plus named indexes (client-go's cache.Indexer). Everything it returns is in key order, so what a
 * controller does with it does not depend on hash order.
 *
 * <p>Built-in indexes: {@link #NAMESPACE}. Add others with {@link #addIndex}, e.g. pods by spec.nodeName.
 */
public final class Indexer<T extends KubeObject> {

    public static final String NAMESPACE = "namespace";

    private final TreeMap<String, T> items = new TreeMap<>();
    /** index name -> function giving an object's index values. */
    private final Map<String, Function<T, List<String>>> indexFunctions = new HashMap<>();
    /** index name -> index value -> keys. */
    private final Map<String, Map<String, TreeSet<String>>> indices = new HashMap<>();

    public Indexer() {
        addIndex(NAMESPACE, o -> o.metadata().namespace() == null ? List.of() : List.of(o.metadata().namespace()));
    }

    /** client-go's MetaNamespaceKeyFunc. */
    public static String keyOf(KubeObject obj) {
        String ns = obj.metadata().namespace();
        return ns == null || ns.isEmpty() ? obj.metadata().name() : ns + "/" + obj.metadata().name();
    }

    /** Adds an index; existing objects are indexed at once. */
    public void addIndex(String name, Function<T, List<String>> function) {
        if (indexFunctions.putIfAbsent(name, function) != null) {
            throw new IllegalArgumentException("index " + name + " exists");
        }
        indices.put(name, new HashMap<>());
        items.forEach((key, obj) -> indexOne(name, key, function.apply(obj)));
    }

    /** Stores or replaces an object; returns the one it replaced, or null. */
    T put(T obj) {
        String key = keyOf(obj);
        T old = items.put(key, obj);
        for (Map.Entry<String, Function<T, List<String>>> e : indexFunctions.entrySet()) {
            List<String> values = e.getValue().apply(obj);
            if (old != null) {
                List<String> oldValues = e.getValue().apply(old);
                if (oldValues.equals(values)) {
                    // most updates keep the indexed values (a pod keeps its namespace): the sets stay as they are
                    continue;
                }
                unindexOne(e.getKey(), key, oldValues);
            }
            indexOne(e.getKey(), key, values);
        }
        return old;
    }

    T remove(String key) {
        T old = items.remove(key);
        if (old != null) {
            unindex(key, old);
        }
        return old;
    }

    public T get(String key) {
        return items.get(key);
    }

    public T get(String namespace, String name) {
        return items.get(namespace == null || namespace.isEmpty() ? name : namespace + "/" + name);
    }

    /** All objects in key order. */
    public List<T> list() {
        return List.copyOf(items.values());
    }

    /** Keys in order. */
    public NavigableMap<String, T> asMap() {
        return Collections.unmodifiableNavigableMap(items);
    }

    public int size() {
        return items.size();
    }

    /** Objects whose {@code index} has {@code value}, in key order. */
    public List<T> byIndex(String index, String value) {
        Map<String, TreeSet<String>> idx = indices.get(index);
        if (idx == null) {
            throw new IllegalArgumentException("no index " + index);
        }
        TreeSet<String> keys = idx.get(value);
        if (keys == null) {
            return List.of();
        }
        List<T> out = new ArrayList<>(keys.size());
        for (String key : keys) {
            out.add(items.get(key));
        }
        return out;
    }

    private void indexOne(String name, String key, List<String> values) {
        Map<String, TreeSet<String>> idx = indices.get(name);
        for (String value : values) {
            idx.computeIfAbsent(value, v -> new TreeSet<>()).add(key);
        }
    }

    private void unindex(String key, T obj) {
        indexFunctions.forEach((name, fn) -> unindexOne(name, key, fn.apply(obj)));
    }

    private void unindexOne(String name, String key, List<String> values) {
        Map<String, TreeSet<String>> idx = indices.get(name);
        for (String value : values) {
            TreeSet<String> keys = idx.get(value);
            if (keys != null) {
                keys.remove(key);
                if (keys.isEmpty()) {
                    idx.remove(value);
                }
            }
        }
    }
}
