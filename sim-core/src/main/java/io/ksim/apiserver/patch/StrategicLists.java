package io.ksim.apiserver.patch;

import static io.ksim.apiserver.patch.SmpSupport.DELETE;
import static io.ksim.apiserver.patch.SmpSupport.DIRECTIVE;
import static io.ksim.apiserver.patch.SmpSupport.MERGE;
import static io.ksim.apiserver.patch.SmpSupport.REPLACE;
import static io.ksim.apiserver.patch.SmpSupport.SET_ELEMENT_ORDER;
import static io.ksim.apiserver.patch.SmpSupport.SLICE_TYPE;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.ksim.apiserver.patch.GoJson.Kind;
import io.ksim.apiserver.patch.StrategicMergePatch.MergeOptions;
import java.util.ArrayList;
import java.util.List;

/** How a strategic merge patch merges lists: by merge key, as sets of scalars, and in which order. */
final class StrategicLists {

    private StrategicLists() {
    }

    /**
     * Merges each list that has a {@code $setElementOrder/<list>} in the patch, then orders it: the items
     * the directive names in its order, the live object's other items kept in place between them.
     *
     * <pre>
     * live  [{name: a}, {name: b}, {name: c}]
     * patch containers: [{name: d}]  $setElementOrder/containers: [{name: c}, {name: d}, {name: a}]
     * gives [{name: c}, {name: d}, {name: a}, {name: b}]   (b follows a as it did)
     * </pre>
     *
     * When merging two patches (three-way), the directive is kept in {@code original} instead.
     */
    static void mergeOrderedLists(ObjectNode original, ObjectNode patch, PatchMeta schema, MergeOptions options) {
        for (String key : StrategicMergePatch.fieldNames(patch)) {
            if (!key.startsWith(SET_ELEMENT_ORDER)) {
                continue;
            }
            JsonNode order = patch.remove(key);
            if (!options.mergeParallelList()) {
                JsonNode existing = original.get(key);
                if (existing == null) {
                    original.set(key, order);
                } else if (!GoJson.deepEqual(existing, order)) {
                    throw SmpSupport.badSetElementOrder();
                }
            }
            if (!order.isArray()) {
                throw SmpSupport.badArgType(SLICE_TYPE, order);
            }
            List<JsonNode> orderList = GoJson.elements(order);
            String listKey = SmpSupport.extractKey(key, SET_ELEMENT_ORDER);
            JsonNode originalList = original.get(listKey);
            JsonNode patchList = patch.get(listKey);
            if (originalList != null && !originalList.isArray()) {
                throw SmpSupport.badArgType(SLICE_TYPE, originalList);
            }
            if (patchList != null && !patchList.isArray()) {
                throw SmpSupport.badArgType(SLICE_TYPE, patchList);
            }
            // Merging may rearrange originalItems as Go rearranges the live list's array (see mergeSlice).
            List<JsonNode> originalItems = GoJson.elements(originalList);
            List<JsonNode> patchItems = GoJson.elements(patchList);
            PatchMeta.Field field = schema.lookupForSlice(listKey);
            String strategy = SmpSupport.strategy(field.strategies()).strategy();
            String mergeKey = field.mergeKey();
            validateOrder(patchItems, orderList, mergeKey);

            List<JsonNode> merged;
            if (originalList != null && patchList == null) {
                merged = originalItems;
            } else if (originalList == null && patchList != null) {
                merged = GoJson.elements(StrategicMergePatch.removeDirectives(patchList));
            } else if (originalList != null) {
                merged = MERGE.equals(strategy)
                        ? GoJson.elements(mergeSlice(originalItems, patchItems, field.schema(), mergeKey, options, false))
                        : patchItems;
            } else {
                continue;
            }
            List<List<JsonNode>> parts = SmpSupport.partition(merged, orderList, mergeKey);
            Kind kind = SmpSupport.elementKind(originalItems, patchItems);
            original.set(listKey, GoJson.array(SmpSupport.normalizeElementOrder(parts.get(0), parts.get(1),
                    orderList, originalItems, mergeKey, kind)));
            patch.remove(listKey);
        }
    }

    /**
     * Checks that the patch list's items appear in {@code $setElementOrder} in the same relative order
     * (items deleted by the patch aside).
     */
    private static void validateOrder(List<JsonNode> patchList, List<JsonNode> order, String mergeKey) {
        if (order.isEmpty() || patchList.isEmpty()) {
            return;
        }
        List<JsonNode> items = new ArrayList<>();
        for (JsonNode v : patchList) {
            if (!mergeKey.isEmpty() && !v.isObject()) {
                throw SmpSupport.badArgType(SmpSupport.MAP_TYPE, v);
            }
            if (mergeKey.isEmpty() || !SmpSupport.isDeleteDirective(v)) {
                items.add(v);
            }
        }
        int p = 0;
        int o = 0;
        while (p < items.size() && o < order.size()) {
            if (items.get(p).isObject() && items.get(p).has(DIRECTIVE)) {
                p++;
                continue;
            }
            if (SmpSupport.sameItem(items.get(p), order.get(o), mergeKey)) {
                p++;
            }
            o++;
        }
        if (p < items.size() && o >= order.size()) {
            throw PatchException.unknown("The order in patch list:\n" + GoJson.v(GoJson.array(patchList))
                    + "\n doesn't match " + SET_ELEMENT_ORDER + " list:\n" + GoJson.v(GoJson.array(order)) + "\n");
        }
    }

    /**
     * Merges two lists of a field with the merge strategy: maps by merge key (recursively), scalars as a
     * set; a parallel deletion list removes scalars instead. The result is ordered as the patch orders its
     * items, with items only the original has kept in place.
     *
     * <p>{@code original} is changed as upstream changes the array of its Go slice, which
     * {@code $setElementOrder} then reads the live order from: a deleted item shifts the later ones down
     * (the last slot keeps its old value), appended items fill the slots so freed, and de-duplicating
     * with an empty patch rearranges it. For example, live {@code [1, 2, 4]} with the patch
     * {@code [3, {name: 1, $patch: delete}]} leaves {@code [2, 4, 3]} in it, so that
     * {@code $setElementOrder [2, 3]} puts 4 before 3.
     */
    static ArrayNode mergeSlice(List<JsonNode> original, List<JsonNode> patch, PatchMeta schema, String mergeKey,
            MergeOptions options, boolean isDeleteList) {
        if (original.isEmpty() && patch.isEmpty()) {
            return GoJson.array(original);
        }
        Kind kind = SmpSupport.elementKind(original, patch);
        List<JsonNode> merged;
        List<JsonNode> serverOrder;
        if (kind != Kind.MAP) {
            if (options.mergeParallelList() && isDeleteList) {
                List<JsonNode> kept = new ArrayList<>();
                for (JsonNode v : original) {
                    if (patch.stream().noneMatch(d -> GoJson.deepEqual(d, v))) {
                        kept.add(v);
                    }
                }
                return GoJson.array(kept);
            }
            if (patch.isEmpty()) {
                // Appending nothing leaves Go on the original's own array, de-duplicated in place.
                merged = SmpSupport.deduplicateInPlace(original);
            } else {
                List<JsonNode> both = new ArrayList<>(original);
                both.addAll(patch);
                merged = SmpSupport.deduplicateInPlace(both);
            }
            serverOrder = original;
        } else {
            if (mergeKey.isEmpty()) {
                throw PatchException.unknown("cannot merge lists without merge key for " + schema.name());
            }
            int length = original.size();
            List<JsonNode> patchItems = new ArrayList<>();
            boolean replace = false;
            for (JsonNode v : patch) {
                JsonNode directive = v.get(DIRECTIVE);
                if (directive == null) {
                    patchItems.add(v);
                } else if (directive.isTextual() && directive.asText().equals(DELETE)) {
                    if (!v.has(mergeKey)) {
                        throw SmpSupport.noMergeKey(v, mergeKey);
                    }
                    for (int i; (i = SmpSupport.findByKey(original.subList(0, length), mergeKey, v.get(mergeKey))) >= 0; ) {
                        for (int j = i; j < length - 1; j++) {
                            original.set(j, original.get(j + 1));
                        }
                        length--;
                    }
                } else if (directive.isTextual() && directive.asText().equals(REPLACE)) {
                    replace = true;
                } else if (directive.isTextual() && directive.asText().equals(MERGE)) {
                    throw PatchException.unknown("merging lists cannot yet be specified in the patch");
                } else {
                    throw SmpSupport.badPatchType(directive, v);
                }
            }
            if (replace) {
                serverOrder = patchItems;
                merged = patchItems;
                patch = List.of();
            } else {
                serverOrder = new ArrayList<>(original.subList(0, length));
                merged = new ArrayList<>(serverOrder);
                patch = patchItems;
                boolean shared = true;
                for (JsonNode v : patchItems) {
                    if (!v.has(mergeKey)) {
                        throw SmpSupport.noMergeKey(v, mergeKey);
                    }
                    int i = SmpSupport.findByKey(merged, mergeKey, v.get(mergeKey));
                    JsonNode item = v;
                    if (i >= 0) {
                        item = StrategicMergePatch.mergeMap((ObjectNode) merged.get(i), (ObjectNode) v, schema, options);
                        merged.set(i, item);
                    } else {
                        merged.add(v);
                        i = merged.size() - 1;
                        // Go's append writes into the original array while it has room, then moves out.
                        shared &= i < original.size();
                    }
                    if (shared) {
                        original.set(i, item);
                    }
                }
            }
        }
        List<List<JsonNode>> parts = SmpSupport.partition(merged, patch, mergeKey);
        return GoJson.array(SmpSupport.normalizeElementOrder(parts.get(0), parts.get(1), patch, serverOrder, mergeKey,
                kind));
    }
}
