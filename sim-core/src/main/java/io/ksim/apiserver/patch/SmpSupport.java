package io.ksim.apiserver.patch;

import com.fasterxml.jackson.databind.JsonNode;
import io.ksim.apiserver.patch.GoJson.Kind;
import java.util.ArrayList;
import java.util.List;

/**
 * Directive names, error texts and the list ordering rules shared by applying and computing strategic
 * merge patches.
 */
final class SmpSupport {

    static final String DIRECTIVE = "$patch";
    static final String DELETE = "delete";
    static final String REPLACE = "replace";
    static final String MERGE = "merge";
    static final String RETAIN_KEYS_STRATEGY = "retainKeys";
    static final String DELETE_FROM_PRIMITIVE_LIST = "$deleteFromPrimitiveList";
    static final String RETAIN_KEYS = "$retainKeys";
    static final String SET_ELEMENT_ORDER = "$setElementOrder";

    static final String MAP_TYPE = Kind.MAP.goName();
    static final String SLICE_TYPE = Kind.SLICE.goName();

    private SmpSupport() {
    }

    // Upstream's errors (k8s.io/apimachinery/pkg/util/mergepatch), sorted as the API server sorts them.

    static PatchException badJsonDoc() {
        return PatchException.badRequest("invalid JSON document");
    }

    static PatchException noListOfLists() {
        return PatchException.unprocessable("lists of lists are not supported");
    }

    static PatchException badPrimitiveList() {
        return PatchException.badRequest("invalid patch format of primitive list");
    }

    static PatchException badRetainKeys() {
        return PatchException.badRequest("invalid patch format of retainKeys");
    }

    static PatchException badSetElementOrder() {
        return PatchException.badRequest("invalid patch format of setElementOrder list");
    }

    static PatchException noMergeKey(JsonNode map, String key) {
        return PatchException.unknown("map: " + GoJson.v(map) + " does not contain declared merge key: " + key);
    }

    static PatchException badArgType(String expected, JsonNode actual) {
        return PatchException.unknown("expected a " + expected + ", but received a " + GoJson.kind(actual).goName());
    }

    static PatchException badPatchType(JsonNode type, JsonNode map) {
        return PatchException.unknown("unknown patch type: " + GoJson.s(type) + " in map: " + GoJson.v(map));
    }

    /** A field's strategies split into retainKeys and the other one ("", merge or replace). */
    record Strategy(boolean retainKeys, String strategy) {
    }

    static Strategy strategy(List<String> strategies) {
        switch (strategies.size()) {
            case 0:
                return new Strategy(false, "");
            case 1:
                return RETAIN_KEYS_STRATEGY.equals(strategies.get(0))
                        ? new Strategy(true, "") : new Strategy(false, strategies.get(0));
            case 2:
                if (RETAIN_KEYS_STRATEGY.equals(strategies.get(0))) {
                    return new Strategy(true, strategies.get(1));
                }
                if (RETAIN_KEYS_STRATEGY.equals(strategies.get(1))) {
                    return new Strategy(true, strategies.get(0));
                }
                throw unexpectedStrategy(strategies);
            default:
                throw unexpectedStrategy(strategies);
        }
    }

    private static PatchException unexpectedStrategy(List<String> strategies) {
        return PatchException.unknown("unexpected patch strategy: [" + String.join(" ", strategies) + "]");
    }

    /** The list field a parallel-list key names: {@code $setElementOrder/containers} gives containers. */
    static String extractKey(String key, String prefix) {
        int slash = key.indexOf('/');
        if (slash < 0 || !key.substring(0, slash).equals(prefix)) {
            if (prefix.equals(DELETE_FROM_PRIMITIVE_LIST)) {
                throw badPrimitiveList();
            }
            throw badSetElementOrder();
        }
        return key.substring(slash + 1);
    }

    /** The one Go type of the elements of the lists, which must not be lists themselves. */
    @SafeVarargs
    static Kind elementKind(List<JsonNode>... lists) {
        Kind found = null;
        for (List<JsonNode> list : lists) {
            for (JsonNode v : list) {
                Kind k = GoJson.kind(v);
                if (found == null) {
                    found = k;
                    if (k == Kind.SLICE) {
                        throw noListOfLists();
                    }
                } else if (found != k) {
                    List<String> parts = new ArrayList<>();
                    for (List<JsonNode> l : lists) {
                        parts.add(GoJson.v(GoJson.array(l)));
                    }
                    throw PatchException.unknown(
                            "list element types are not identical: [" + String.join(" ", parts) + "]");
                }
            }
        }
        if (found == null) {
            throw PatchException.unknown("no elements in any of the given slices");
        }
        return found;
    }

    /** Whether two list elements are the same item: by merge key for maps, by value for scalars. */
    static boolean sameItem(JsonNode left, JsonNode right, String mergeKey) {
        if (mergeKey.isEmpty()) {
            return GoJson.deepEqual(left, right);
        }
        if (!left.isObject()) {
            throw badArgType(MAP_TYPE, left);
        }
        if (!right.isObject()) {
            throw badArgType(MAP_TYPE, right);
        }
        if (!left.has(mergeKey)) {
            throw noMergeKey(left, mergeKey);
        }
        if (!right.has(mergeKey)) {
            throw noMergeKey(right, mergeKey);
        }
        return GoJson.deepEqual(left.get(mergeKey), right.get(mergeKey));
    }

    /** The position of {@code item} in {@code list}, matched by merge key value for maps; -1 if absent. */
    static int index(List<JsonNode> list, JsonNode item, String mergeKey, Kind kind) {
        JsonNode wanted = keyOf(item, mergeKey, kind);
        for (int i = 0; i < list.size(); i++) {
            if (GoJson.deepEqual(wanted, keyOf(list.get(i), mergeKey, kind))) {
                return i;
            }
        }
        return -1;
    }

    private static JsonNode keyOf(JsonNode item, String mergeKey, Kind kind) {
        if (kind != Kind.MAP) {
            return item;
        }
        return item.isObject() ? item.get(mergeKey) : null;
    }

    /** Upstream's de-duplication, which moves the last element into each duplicate's place. */
    static List<JsonNode> deduplicateScalars(List<JsonNode> values) {
        return deduplicateInPlace(new ArrayList<>(values));
    }

    /**
     * As {@link #deduplicateScalars}, on {@code backing} itself as Go does on its array: the items of the
     * result are written to the front of {@code backing}, which keeps its length.
     */
    static List<JsonNode> deduplicateInPlace(List<JsonNode> backing) {
        int last = backing.size() - 1;
        for (int i = 0; i < last; i++) {
            for (int j = i + 1; j <= last; j++) {
                if (GoJson.deepEqual(backing.get(i), backing.get(j))) {
                    backing.set(j, backing.get(last));
                    last--;
                    j--;
                }
            }
        }
        return new ArrayList<>(backing.subList(0, last + 1));
    }

    /**
     * Orders the patch's items by {@code patchOrder} and the server-only items by {@code serverOrder},
     * then interleaves them: each server-only item goes before the first patch item that the live list
     * has after it. So the patch decides the order of its items, and items only the server has keep
     * their place relative to them.
     */
    static List<JsonNode> normalizeElementOrder(List<JsonNode> patch, List<JsonNode> serverOnly,
            List<JsonNode> patchOrder, List<JsonNode> serverOrder, String mergeKey, Kind kind) {
        List<JsonNode> sortedPatch = normalizeSliceOrder(patch, patchOrder, mergeKey, kind);
        List<JsonNode> sortedServer = normalizeSliceOrder(serverOnly, serverOrder, mergeKey, kind);
        return mergeSortedSlice(sortedServer, sortedPatch, serverOrder, mergeKey, kind);
    }

    private static List<JsonNode> mergeSortedSlice(List<JsonNode> left, List<JsonNode> right,
            List<JsonNode> serverOrder, String mergeKey, Kind kind) {
        List<JsonNode> out = new ArrayList<>(left.size() + right.size());
        int i = 0;
        int j = 0;
        while (i < left.size() || j < right.size()) {
            if (i >= left.size()) {
                out.add(right.get(j++));
            } else if (j >= right.size()) {
                out.add(left.get(i++));
            } else {
                int li = index(serverOrder, left.get(i), mergeKey, kind);
                int ri = index(serverOrder, right.get(j), mergeKey, kind);
                if (li >= 0 && ri >= 0 && li < ri) {
                    out.add(left.get(i++));
                } else {
                    out.add(right.get(j++));
                }
            }
        }
        return out;
    }

    /**
     * Sorts {@code toSort} by the positions of its items in {@code order}, stably; for maps every item must
     * carry the merge key and {@code $patch: delete} items go last. Items missing from {@code order} sort
     * as upstream's comparator has them (always "less"), with its insertion sort.
     */
    static List<JsonNode> normalizeSliceOrder(List<JsonNode> toSort, List<JsonNode> order, String mergeKey,
            Kind kind) {
        List<JsonNode> items = new ArrayList<>(toSort);
        List<JsonNode> deletes = new ArrayList<>();
        if (kind == Kind.MAP) {
            validateMergeKey(mergeKey, toSort);
            validateMergeKey(mergeKey, order);
            items.clear();
            for (JsonNode v : toSort) {
                (isDeleteDirective(v) ? deletes : items).add(v);
            }
        }
        int[] positions = new int[items.size()];
        for (int i = 0; i < items.size(); i++) {
            positions[i] = index(order, items.get(i), mergeKey, kind);
        }
        for (int i = 1; i < items.size(); i++) {
            for (int j = i; j > 0 && less(positions[j], positions[j - 1]); j--) {
                JsonNode t = items.get(j);
                items.set(j, items.get(j - 1));
                items.set(j - 1, t);
                int p = positions[j];
                positions[j] = positions[j - 1];
                positions[j - 1] = p;
            }
        }
        items.addAll(deletes);
        return items;
    }

    private static boolean less(int a, int b) {
        return a < 0 || b < 0 || a < b;
    }

    static boolean isDeleteDirective(JsonNode v) {
        JsonNode d = v.get(DIRECTIVE);
        return d != null && d.isTextual() && d.asText().equals(DELETE);
    }

    static void validateMergeKey(String mergeKey, List<JsonNode> list) {
        for (JsonNode item : list) {
            if (!item.isObject()) {
                throw badArgType(MAP_TYPE, item);
            }
            if (!item.has(mergeKey)) {
                throw noMergeKey(item, mergeKey);
            }
        }
    }

    /** Splits {@code list} into the items that {@code by} has (by merge key for maps) and the others. */
    static List<List<JsonNode>> partition(List<JsonNode> list, List<JsonNode> by, String mergeKey) {
        List<JsonNode> in = new ArrayList<>();
        List<JsonNode> out = new ArrayList<>();
        for (JsonNode v : list) {
            boolean found;
            if (mergeKey.isEmpty()) {
                found = by.stream().anyMatch(b -> GoJson.deepEqual(b, v));
            } else {
                if (!v.isObject()) {
                    throw badArgType(MAP_TYPE, v);
                }
                if (!v.has(mergeKey)) {
                    throw noMergeKey(v, mergeKey);
                }
                found = findByKey(by, mergeKey, v.get(mergeKey)) >= 0;
            }
            (found ? in : out).add(v);
        }
        return List.of(in, out);
    }

    /** The index of the first map in {@code list} whose {@code key} is {@code value}; every item a map. */
    static int findByKey(List<JsonNode> list, String key, JsonNode value) {
        for (int i = 0; i < list.size(); i++) {
            JsonNode v = list.get(i);
            if (!v.isObject()) {
                throw PatchException.unknown("value for key " + i + " is not a map");
            }
            if (v.has(key) && GoJson.deepEqual(v.get(key), value)) {
                return i;
            }
        }
        return -1;
    }
}
