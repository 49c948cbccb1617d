package io.ksim.apiserver.patch;

import static io.ksim.apiserver.patch.SmpSupport.DELETE;
import static io.ksim.apiserver.patch.SmpSupport.DELETE_FROM_PRIMITIVE_LIST;
import static io.ksim.apiserver.patch.SmpSupport.DIRECTIVE;
import static io.ksim.apiserver.patch.SmpSupport.REPLACE;
import static io.ksim.apiserver.patch.SmpSupport.RETAIN_KEYS;
import static io.ksim.apiserver.patch.SmpSupport.SET_ELEMENT_ORDER;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.ksim.apiserver.patch.GoJson.Kind;
import io.ksim.apiserver.patch.SmpSupport.Strategy;
import java.lang.reflect.Type;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;

/**
 * Strategic merge patch ({@code application/strategic-merge-patch+json}), as
 * k8s.io/apimachinery/pkg/util/strategicpatch applies and computes it. A merge patch whose lists merge
 * where the type says so ({@link io.ksim.api.meta.PatchStrategy}), with directives:
 *
 * <pre>
 * live   {"spec":{"containers":[{"name":"a","image":"a:1"},{"name":"b","image":"b:1"}]}}
 * patch  {"spec":{"containers":[{"name":"b","image":"b:2"},{"name":"c","image":"c:1"}]}}
 * result containers a (a:1), b (b:2), c (c:1): b merged by name, c appended
 *
 * {"name":"b","$patch":"delete"}                 in a merging list: removes the item named b
 * [{"$patch":"replace"},{"name":"x"}]           a merging list replaced whole by [{"name":"x"}]
 * {"$patch":"replace","a":1}                    an object replaced whole by {"a":1}
 * {"$patch":"delete"}                           an object emptied
 * "$deleteFromPrimitiveList/finalizers":["f"]   removes f from a list of scalars
 * "$setElementOrder/containers":[{"name":"c"},{"name":"a"}]   the order of the patched list
 * "$retainKeys":["type","rollingUpdate"]        clears the other keys of the object (union types)
 * </pre>
 *
 * <p>Ordering: items of a merging list that the patch names take the patch's order (or that of
 * {@code $setElementOrder}); items only the live object has stay where they were relative to them. When
 * none of the patch's items is in the live list, they all go first: live {@code [a, b]} and patch
 * {@code [c]} give {@code [c, a, b]}, as upstream.
 *
 * <p>{@code $patch: merge} is rejected, as upstream: in a list ({@code merging lists cannot yet be
 * specified in the patch}) and in an object ({@code unknown patch type: merge in map: ...}).
 */
public final class StrategicMergePatch {

    /** How mergeMap treats parallel lists and nulls: applying, or merging two patches (three-way). */
    record MergeOptions(boolean mergeParallelList, boolean ignoreUnmatchedNulls) {
        static final MergeOptions APPLY = new MergeOptions(true, true);
        static final MergeOptions MERGE_PATCHES = new MergeOptions(false, false);
    }

    private StrategicMergePatch() {
    }

    /** Applies {@code patch} to {@code original}, both objects of the record type {@code type}. */
    public static ObjectNode apply(JsonNode original, JsonNode patch, Type type) {
        return apply(original, patch, PatchMeta.of(type));
    }

    /**
     * Applies {@code patch} to {@code original} and returns the result; neither input is changed. A null
     * (or JSON null) input counts as {@code {}}.
     *
     * @throws PatchException with upstream's message when the patch is malformed for the type
     */
    public static ObjectNode apply(JsonNode original, JsonNode patch, PatchMeta schema) {
        return mergeMap(document(original), document(patch), schema, MergeOptions.APPLY);
    }

    /** {@link StrategicDiff#twoWay}: the patch that turns {@code original} into {@code modified}. */
    public static ObjectNode createTwoWayMergePatch(JsonNode original, JsonNode modified, Type type) {
        return StrategicDiff.twoWay(document(original), document(modified), PatchMeta.of(type));
    }

    /**
     * {@link StrategicDiff#threeWay} with overwrite, as {@code kubectl apply} computes its patch:
     * deletions from {@code original} (the last-applied configuration) to {@code modified} (the new
     * configuration), changes and additions from {@code current} (the live object) to {@code modified}.
     */
    public static ObjectNode createThreeWayMergePatch(JsonNode original, JsonNode modified, JsonNode current,
            Type type) {
        return createThreeWayMergePatch(original, modified, current, type, true);
    }

    /** As above; without {@code overwrite}, fails with a conflict where the live object was changed. */
    public static ObjectNode createThreeWayMergePatch(JsonNode original, JsonNode modified, JsonNode current,
            Type type, boolean overwrite) {
        return StrategicDiff.threeWay(document(original), document(modified), document(current),
                PatchMeta.of(type), overwrite);
    }

    /** A private copy of an input document, which must be an object. */
    static ObjectNode document(JsonNode n) {
        if (n == null || n.isNull() || n.isMissingNode()) {
            return GoJson.NODES.objectNode();
        }
        if (!n.isObject()) {
            throw SmpSupport.badJsonDoc();
        }
        return ((ObjectNode) n).deepCopy();
    }

    /** Merges {@code patch} into {@code original}; both are private copies, changed in place. */
    static ObjectNode mergeMap(ObjectNode original, ObjectNode patch, PatchMeta schema, MergeOptions options) {
        JsonNode directive = patch.get(DIRECTIVE);
        if (directive != null) {
            if (directive.isTextual() && directive.asText().equals(REPLACE)) {
                patch.remove(DIRECTIVE);
                return patch;
            }
            if (directive.isTextual() && directive.asText().equals(DELETE)) {
                return GoJson.NODES.objectNode();
            }
            throw SmpSupport.badPatchType(directive, patch);
        }
        applyRetainKeys(original, patch, options);
        StrategicLists.mergeOrderedLists(original, patch, schema, options);

        for (String patchKey : fieldNames(patch)) {
            JsonNode patchValue = patch.get(patchKey);
            if (patchValue == null) {
                continue;
            }
            String key = patchKey;
            boolean isDeleteList = false;
            if (patchKey.startsWith(DELETE_FROM_PRIMITIVE_LIST)) {
                if (!options.mergeParallelList()) {
                    original.set(patchKey, patchValue);
                    continue;
                }
                String listKey = SmpSupport.extractKey(patchKey, DELETE_FROM_PRIMITIVE_LIST);
                isDeleteList = true;
                if (!listKey.isEmpty()) {
                    key = listKey;
                }
            }
            if (patchValue.isNull()) {
                original.remove(key);
                if (options.ignoreUnmatchedNulls()) {
                    continue;
                }
            }
            JsonNode originalValue = original.get(key);
            if (originalValue == null || GoJson.kind(originalValue) != GoJson.kind(patchValue)) {
                if (!isDeleteList) {
                    if (options.ignoreUnmatchedNulls()) {
                        discardNulls(patchValue);
                    }
                    setOrRemove(original, key, removeDirectives(patchValue));
                }
                continue;
            }
            if (originalValue.isObject()) {
                PatchMeta.Field field = schema.lookupForStruct(key);
                Strategy strategy = SmpSupport.strategy(field.strategies());
                original.set(key, REPLACE.equals(strategy.strategy()) ? patchValue
                        : mergeMap((ObjectNode) originalValue, (ObjectNode) patchValue, field.schema(), options));
            } else if (originalValue.isArray()) {
                PatchMeta.Field field = schema.lookupForSlice(key);
                Strategy strategy = SmpSupport.strategy(field.strategies());
                if (SmpSupport.MERGE.equals(strategy.strategy()) || isDeleteList) {
                    original.set(key, StrategicLists.mergeSlice(GoJson.elements(originalValue),
                            GoJson.elements(patchValue), field.schema(), field.mergeKey(), options, isDeleteList));
                } else {
                    original.set(key, patchValue);
                }
            } else {
                setOrRemove(original, key, removeDirectives(patchValue));
            }
        }
        return original;
    }

    /**
     * Applies {@code $retainKeys}: the keys of {@code original} not listed are cleared, and every key the
     * patch sets must be listed. When merging two patches, the directive is carried over instead.
     */
    private static void applyRetainKeys(ObjectNode original, ObjectNode patch, MergeOptions options) {
        JsonNode retain = patch.remove(RETAIN_KEYS);
        if (retain == null) {
            return;
        }
        if (!options.mergeParallelList()) {
            JsonNode existing = original.get(RETAIN_KEYS);
            if (existing == null) {
                original.set(RETAIN_KEYS, retain);
            } else if (!GoJson.deepEqual(existing, retain)) {
                throw PatchException.unknown(GoJson.v(existing) + " and " + GoJson.v(retain)
                        + " are not deep equal: this may happen when calculating the 3-way diff patch");
            }
            return;
        }
        if (!retain.isArray()) {
            throw SmpSupport.badRetainKeys();
        }
        Set<String> keep = new HashSet<>();
        retain.forEach(v -> {
            if (v.isTextual()) {
                keep.add(v.asText());
            }
        });
        for (String key : fieldNames(patch)) {
            if (patch.get(key).isNull() || key.startsWith(DELETE_FROM_PRIMITIVE_LIST)
                    || key.startsWith(SET_ELEMENT_ORDER)) {
                continue;
            }
            if (!keep.contains(key)) {
                throw SmpSupport.badRetainKeys();
            }
        }
        for (String key : fieldNames(original)) {
            if (!keep.contains(key)) {
                original.remove(key);
            }
        }
    }

    /** Drops maps carrying {@code $patch} (and the fields holding them); null means "drop this too". */
    static JsonNode removeDirectives(JsonNode value) {
        if (value.isObject()) {
            if (value.has(DIRECTIVE)) {
                return null;
            }
            ObjectNode map = (ObjectNode) value;
            for (String key : fieldNames(map)) {
                setOrRemove(map, key, removeDirectives(map.get(key)));
            }
            return map;
        }
        if (value.isArray()) {
            ArrayNode out = GoJson.NODES.arrayNode();
            for (JsonNode element : value) {
                JsonNode kept = removeDirectives(element);
                if (kept != null) {
                    out.add(kept);
                }
            }
            return out;
        }
        return value;
    }

    /** Removes null members of objects, recursively, through lists too. */
    private static void discardNulls(JsonNode value) {
        if (value.isObject()) {
            for (String key : fieldNames(value)) {
                if (value.get(key).isNull()) {
                    ((ObjectNode) value).remove(key);
                } else {
                    discardNulls(value.get(key));
                }
            }
        } else if (value.isArray()) {
            value.forEach(StrategicMergePatch::discardNulls);
        }
    }

    static void setOrRemove(ObjectNode map, String key, JsonNode value) {
        if (value == null) {
            map.remove(key);
        } else {
            map.set(key, value);
        }
    }

    static List<String> fieldNames(JsonNode map) {
        List<String> names = new ArrayList<>();
        map.fieldNames().forEachRemaining(names::add);
        return names;
    }

    static boolean isKind(JsonNode n, Kind kind) {
        return GoJson.kind(n) == kind;
    }
}
