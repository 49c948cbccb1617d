package io.ksim.apiserver.patch;

import static io.ksim.apiserver.patch.SmpSupport.DELETE;
import static io.ksim.apiserver.patch.SmpSupport.DELETE_FROM_PRIMITIVE_LIST;
import static io.ksim.apiserver.patch.SmpSupport.DIRECTIVE;
import static io.ksim.apiserver.patch.SmpSupport.MERGE;
import static io.ksim.apiserver.patch.SmpSupport.REPLACE;
import static io.ksim.apiserver.patch.SmpSupport.RETAIN_KEYS;
import static io.ksim.apiserver.patch.SmpSupport.SET_ELEMENT_ORDER;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.ksim.apiserver.patch.GoJson.Kind;
import io.ksim.apiserver.patch.StrategicMergePatch.MergeOptions;
import java.util.ArrayList;
import java.util.List;

/**
 * Computes strategic merge patches, as upstream's CreateTwoWayMergePatch and CreateThreeWayMergePatch.
 *
 * <p>A two-way patch takes {@code original} to {@code modified}: new and changed fields, {@code null} for
 * removed fields, {@code {name: x, $patch: delete}} for items removed from a merging list,
 * {@code $deleteFromPrimitiveList/<field>} for scalars removed from a merging list, and
 * {@code $setElementOrder/<field>} whenever a merging list changes or is reordered:
 *
 * <pre>
 * original {"containers":[{"name":"a","image":"a:1"},{"name":"b"}],"finalizers":["x","y"]}
 * modified {"containers":[{"name":"a","image":"a:2"}],"finalizers":["y"]}
 * patch    {"$setElementOrder/containers":[{"name":"a"}],
 *           "containers":[{"name":"a","image":"a:2"},{"name":"b","$patch":"delete"}],
 *           "$setElementOrder/finalizers":["y"],"$deleteFromPrimitiveList/finalizers":["x"]}
 * </pre>
 *
 * <p>A three-way patch ({@code kubectl apply}) takes deletions from original (the last-applied
 * configuration) to modified (the new configuration) only, so fields that other writers set on the live
 * object survive; and changes and additions from current (the live object) to modified.
 */
final class StrategicDiff {

    /** What a diff reports, as upstream's DiffOptions. */
    record Options(boolean setElementOrder, boolean ignoreChangesAndAdditions, boolean ignoreDeletions,
            boolean buildRetainKeys) {

        Options withRetainKeys(boolean retainKeys) {
            return new Options(setElementOrder, ignoreChangesAndAdditions, ignoreDeletions, retainKeys);
        }
    }

    private StrategicDiff() {
    }

    /** The patch that yields {@code modified} when applied to {@code original}; keys sorted. */
    static ObjectNode twoWay(ObjectNode original, ObjectNode modified, PatchMeta schema) {
        return (ObjectNode) GoJson.sortedCopy(diffMaps(original, modified, schema,
                new Options(true, false, false, false)));
    }

    /**
     * Deletions from original to modified merged with changes from current to modified. Without
     * {@code overwrite}, fails if the patch touches what was changed from original to current.
     */
    static ObjectNode threeWay(ObjectNode original, ObjectNode modified, ObjectNode current, PatchMeta schema,
            boolean overwrite) {
        ObjectNode delta = diffMaps(current, modified, schema, new Options(true, false, true, false));
        ObjectNode deletions = diffMaps(original, modified, schema, new Options(true, true, false, false));
        ObjectNode patch = StrategicMergePatch.mergeMap(deletions, delta, schema, MergeOptions.MERGE_PATCHES);
        if (!overwrite) {
            ObjectNode changed = diffMaps(original, current, schema, new Options(false, false, false, false));
            if (StrategicConflicts.haveConflicts(patch, changed, schema)) {
                throw new PatchException(PatchException.Kind.CONFLICT, "patch:\n" + StrategicConflicts.yaml(patch)
                        + "\nconflicts with changes made from original to current:\n"
                        + StrategicConflicts.yaml(changed) + "\n");
            }
        }
        return (ObjectNode) GoJson.sortedCopy(patch);
    }

    static ObjectNode diffMaps(ObjectNode original, ObjectNode modified, PatchMeta schema, Options options) {
        ObjectNode patch = GoJson.NODES.objectNode();
        List<JsonNode> retainKeys = new ArrayList<>();
        for (String key : StrategicMergePatch.fieldNames(modified)) {
            JsonNode modifiedValue = modified.get(key);
            if (options.buildRetainKeys() && !modifiedValue.isNull()) {
                retainKeys.add(GoJson.NODES.textNode(key));
            }
            JsonNode originalValue = original.get(key);
            if (originalValue == null) {
                if (!options.ignoreChangesAndAdditions()) {
                    patch.set(key, modifiedValue);
                }
                continue;
            }
            if (key.equals(DIRECTIVE)) {
                if (!originalValue.isTextual() || !modifiedValue.isTextual()) {
                    throw PatchException.unknown("invalid value for special key: " + DIRECTIVE);
                }
                if (!originalValue.asText().equals(modifiedValue.asText())) {
                    patch.set(DIRECTIVE, modifiedValue);
                }
                continue;
            }
            if (GoJson.kind(originalValue) != GoJson.kind(modifiedValue)) {
                if (!options.ignoreChangesAndAdditions()) {
                    patch.set(key, modifiedValue);
                }
                continue;
            }
            if (originalValue.isObject()) {
                diffMapField(key, (ObjectNode) originalValue, (ObjectNode) modifiedValue, patch, schema, options);
            } else if (originalValue.isArray()) {
                diffListField(key, originalValue, modifiedValue, patch, schema, options);
            } else {
                replaceIfChanged(key, originalValue, modifiedValue, patch, options);
            }
        }
        if (!options.ignoreDeletions()) {
            for (String key : StrategicMergePatch.fieldNames(original)) {
                if (!modified.has(key)) {
                    patch.putNull(key);
                }
            }
        }
        if (!retainKeys.isEmpty() && (!patch.isEmpty() || hasFieldNotIn(original, modified))) {
            patch.set(RETAIN_KEYS, GoJson.array(GoJson.sortedByText(retainKeys)));
        }
        return patch;
    }

    private static void diffMapField(String key, ObjectNode original, ObjectNode modified, ObjectNode patch,
            PatchMeta schema, Options options) {
        PatchMeta.Field field;
        try {
            field = schema.lookupForStruct(key);
        } catch (PatchException e) {
            if (GoJson.deepEqual(original, modified)) {
                return;
            }
            throw e;
        }
        SmpSupport.Strategy strategy = SmpSupport.strategy(field.strategies());
        if (REPLACE.equals(strategy.strategy())) {
            if (!options.ignoreChangesAndAdditions()) {
                patch.set(key, modified);
            }
            return;
        }
        ObjectNode sub = diffMaps(original, modified, field.schema(), options.withRetainKeys(strategy.retainKeys()));
        if (!sub.isEmpty()) {
            patch.set(key, sub);
        }
    }

    private static void diffListField(String key, JsonNode original, JsonNode modified, ObjectNode patch,
            PatchMeta schema, Options options) {
        PatchMeta.Field field;
        try {
            field = schema.lookupForSlice(key);
        } catch (PatchException e) {
            if (GoJson.deepEqual(original, modified)) {
                return;
            }
            throw e;
        }
        SmpSupport.Strategy strategy = SmpSupport.strategy(field.strategies());
        if (!MERGE.equals(strategy.strategy())) {
            replaceIfChanged(key, original, modified, patch, options);
            return;
        }
        List<List<JsonNode>> lists = diffLists(GoJson.elements(original), GoJson.elements(modified), field.schema(),
                field.mergeKey(), options.withRetainKeys(strategy.retainKeys()));
        if (!lists.get(0).isEmpty()) {
            patch.set(key, GoJson.array(lists.get(0)));
        }
        if (!lists.get(1).isEmpty()) {
            patch.set(DELETE_FROM_PRIMITIVE_LIST + "/" + key, GoJson.array(lists.get(1)));
        }
        if (!lists.get(2).isEmpty()) {
            patch.set(SET_ELEMENT_ORDER + "/" + key, GoJson.array(lists.get(2)));
        }
    }

    private static void replaceIfChanged(String key, JsonNode original, JsonNode modified, ObjectNode patch,
            Options options) {
        if (!options.ignoreChangesAndAdditions() && !GoJson.deepEqual(original, modified)) {
            patch.set(key, modified);
        }
    }

    /** Whether original has a non-null key that modified lacks. */
    private static boolean hasFieldNotIn(ObjectNode original, ObjectNode modified) {
        for (String key : StrategicMergePatch.fieldNames(original)) {
            if (!original.get(key).isNull() && !modified.has(key)) {
                return true;
            }
        }
        return false;
    }

    /** The patch list, the parallel deletion list and the element order of a merging list. */
    private static List<List<JsonNode>> diffLists(List<JsonNode> original, List<JsonNode> modified, PatchMeta schema,
            String mergeKey, Options options) {
        if (original.isEmpty()) {
            if (modified.isEmpty() || options.ignoreChangesAndAdditions()) {
                return List.of(List.of(), List.of(), List.of());
            }
            return List.of(modified, List.of(), List.of());
        }
        Kind kind = SmpSupport.elementKind(original, modified);
        List<JsonNode> patchList;
        List<JsonNode> deleteList = List.of();
        List<JsonNode> order = List.of();
        if (kind == Kind.MAP) {
            List<List<JsonNode>> diff = diffListsOfMaps(original, modified, schema, mergeKey, options);
            patchList = new ArrayList<>(SmpSupport.normalizeSliceOrder(diff.get(0), modified, mergeKey, kind));
            boolean sameOrder = original.size() == modified.size();
            for (int i = 0; sameOrder && i < modified.size(); i++) {
                sameOrder = SmpSupport.sameItem(original.get(i), modified.get(i), mergeKey);
            }
            patchList.addAll(diff.get(1));
            if (options.setElementOrder() && (!options.ignoreChangesAndAdditions() && (!patchList.isEmpty() || !sameOrder)
                    || !options.ignoreDeletions() && !patchList.isEmpty())) {
                List<JsonNode> keys = new ArrayList<>();
                for (JsonNode v : modified) {
                    ObjectNode key = GoJson.NODES.objectNode();
                    key.set(mergeKey, v.get(mergeKey));
                    keys.add(key);
                }
                order = keys;
            }
        } else {
            // Upstream sorts the original list in place here, so the order check below sees it sorted.
            List<JsonNode> sortedOriginal = GoJson.sortedByText(original);
            List<JsonNode> sortedModified = GoJson.sortedByText(modified);
            List<JsonNode> additions = new ArrayList<>();
            List<JsonNode> deletions = new ArrayList<>();
            int o = 0;
            int m = 0;
            while (o < sortedOriginal.size() || m < sortedModified.size()) {
                String os = o < sortedOriginal.size() ? GoJson.v(sortedOriginal.get(o)) : null;
                String ms = m < sortedModified.size() ? GoJson.v(sortedModified.get(m)) : null;
                if (os != null && ms != null && os.equals(ms)) {
                    o++;
                    m++;
                } else if (os == null || ms != null && os.compareTo(ms) > 0) {
                    if (!options.ignoreChangesAndAdditions()) {
                        additions.add(sortedModified.get(m));
                    }
                    m++;
                } else {
                    if (!options.ignoreDeletions()) {
                        deletions.add(sortedOriginal.get(o));
                    }
                    o++;
                }
            }
            patchList = SmpSupport.normalizeSliceOrder(additions, modified, mergeKey, kind);
            deleteList = SmpSupport.deduplicateScalars(deletions);
            if (options.setElementOrder() && (!options.ignoreDeletions() && !deleteList.isEmpty()
                    || !options.ignoreChangesAndAdditions()
                    && !GoJson.deepEqual(GoJson.array(sortedOriginal), GoJson.array(modified)))) {
                order = modified;
            }
        }
        return List.of(patchList, deleteList, order);
    }

    /** Changed and added maps (recursive patches, merge key kept) and delete directives, by merge key. */
    private static List<List<JsonNode>> diffListsOfMaps(List<JsonNode> original, List<JsonNode> modified,
            PatchMeta schema, String mergeKey, Options options) {
        List<JsonNode> patch = new ArrayList<>();
        List<JsonNode> deletions = new ArrayList<>();
        List<JsonNode> sortedOriginal = sortByMergeKey(original, mergeKey);
        List<JsonNode> sortedModified = sortByMergeKey(modified, mergeKey);
        int o = 0;
        int m = 0;
        while (o < sortedOriginal.size() || m < sortedModified.size()) {
            JsonNode oe = o < sortedOriginal.size() ? mapWithKey(sortedOriginal.get(o), mergeKey) : null;
            JsonNode me = m < sortedModified.size() ? mapWithKey(sortedModified.get(m), mergeKey) : null;
            String os = oe == null ? null : GoJson.v(oe.get(mergeKey));
            String ms = me == null ? null : GoJson.v(me.get(mergeKey));
            if (oe != null && me != null && os.equals(ms)) {
                ObjectNode sub = diffMaps((ObjectNode) oe, (ObjectNode) me, schema, options);
                if (!sub.isEmpty()) {
                    sub.set(mergeKey, me.get(mergeKey));
                    patch.add(sub);
                }
                o++;
                m++;
            } else if (oe == null || me != null && os.compareTo(ms) > 0) {
                if (!options.ignoreChangesAndAdditions()) {
                    patch.add(me);
                }
                m++;
            } else {
                if (!options.ignoreDeletions()) {
                    ObjectNode delete = GoJson.NODES.objectNode();
                    delete.set(mergeKey, oe.get(mergeKey));
                    delete.put(DIRECTIVE, DELETE);
                    deletions.add(delete);
                }
                o++;
            }
        }
        return List.of(patch, deletions);
    }

    private static JsonNode mapWithKey(JsonNode v, String mergeKey) {
        if (!v.isObject()) {
            throw SmpSupport.badArgType(SmpSupport.MAP_TYPE, v);
        }
        if (!v.has(mergeKey)) {
            throw SmpSupport.noMergeKey(v, mergeKey);
        }
        return v;
    }

    /** Maps sorted by the text of their merge key value (a map without the key sorts as {@code <nil>}). */
    private static List<JsonNode> sortByMergeKey(List<JsonNode> list, String mergeKey) {
        if (list.isEmpty() || SmpSupport.elementKind(list) != Kind.MAP) {
            return list;
        }
        return GoJson.goSort(list, m -> GoJson.v(m.get(mergeKey)));
    }
}
