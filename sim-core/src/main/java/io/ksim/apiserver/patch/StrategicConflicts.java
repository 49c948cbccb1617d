package io.ksim.apiserver.patch;

import static io.ksim.apiserver.patch.SmpSupport.DELETE_FROM_PRIMITIVE_LIST;
import static io.ksim.apiserver.patch.SmpSupport.DIRECTIVE;
import static io.ksim.apiserver.patch.SmpSupport.MERGE;
import static io.ksim.apiserver.patch.SmpSupport.REPLACE;
import static io.ksim.apiserver.patch.SmpSupport.RETAIN_KEYS;
import static io.ksim.apiserver.patch.SmpSupport.SET_ELEMENT_ORDER;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import io.ksim.api.KubeJson;
import io.ksim.apiserver.patch.GoJson.Kind;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Whether two strategic merge patches change the same thing differently (upstream's
 * MergingMapsHaveConflicts), for a three-way merge without overwrite: the patch to apply against the
 * changes made to the live object since the last apply.
 */
final class StrategicConflicts {

    private StrategicConflicts() {
    }

    static boolean haveConflicts(JsonNode left, JsonNode right, PatchMeta schema) {
        return fieldsConflict(left, right, schema, "", "");
    }

    private static boolean fieldsConflict(JsonNode left, JsonNode right, PatchMeta schema, String strategy,
            String mergeKey) {
        switch (GoJson.kind(left)) {
            case MAP: {
                if (!right.isObject()) {
                    return true;
                }
                JsonNode leftMarker = left.get(DIRECTIVE);
                JsonNode rightMarker = right.get(DIRECTIVE);
                if (leftMarker != null || rightMarker != null) {
                    if (leftMarker == null || rightMarker == null || !GoJson.deepEqual(leftMarker, rightMarker)) {
                        return true;
                    }
                }
                return !REPLACE.equals(strategy) && mapsConflict(left, right, schema);
            }
            case SLICE:
                return !right.isArray() || slicesConflict(left, right, schema, strategy, mergeKey);
            default:
                return !GoJson.deepEqual(left, right);
        }
    }

    private static boolean mapsConflict(JsonNode left, JsonNode right, PatchMeta schema) {
        for (String key : StrategicMergePatch.fieldNames(left)) {
            // Upstream also looks up parallel-list keys as fields here, and fails if it meets one before
            // it finds a conflict (in Go's random map order); they change lists of scalars, which never
            // conflict, so they are skipped.
            if (key.equals(DIRECTIVE) || key.equals(RETAIN_KEYS) || key.startsWith(DELETE_FROM_PRIMITIVE_LIST)
                    || key.startsWith(SET_ELEMENT_ORDER) || !right.has(key)) {
                continue;
            }
            JsonNode leftValue = left.get(key);
            PatchMeta sub = null;
            String strategy = "";
            String mergeKey = "";
            if (leftValue.isArray() || leftValue.isObject()) {
                PatchMeta.Field field = leftValue.isArray() ? schema.lookupForSlice(key) : schema.lookupForStruct(key);
                sub = field.schema();
                strategy = SmpSupport.strategy(field.strategies()).strategy();
                mergeKey = field.mergeKey();
            }
            if (fieldsConflict(leftValue, right.get(key), sub, strategy, mergeKey)) {
                return true;
            }
        }
        return false;
    }

    private static boolean slicesConflict(JsonNode left, JsonNode right, PatchMeta schema, String strategy,
            String mergeKey) {
        List<JsonNode> l = GoJson.elements(left);
        List<JsonNode> r = GoJson.elements(right);
        Kind kind = SmpSupport.elementKind(l, r);
        if (MERGE.equals(strategy)) {
            if (kind != Kind.MAP) {
                return false;
            }
            Map<String, JsonNode> leftMap = byMergeKey(l, mergeKey);
            Map<String, JsonNode> rightMap = byMergeKey(r, mergeKey);
            for (Map.Entry<String, JsonNode> e : leftMap.entrySet()) {
                JsonNode other = rightMap.get(e.getKey());
                if (other != null && fieldsConflict(e.getValue(), other, schema, "", "")) {
                    return true;
                }
            }
            return false;
        }
        if (l.size() != r.size()) {
            return true;
        }
        if (kind != Kind.MAP) {
            l = GoJson.sortedByText(SmpSupport.deduplicateScalars(l));
            r = GoJson.sortedByText(SmpSupport.deduplicateScalars(r));
        }
        for (int i = 0; i < l.size() && i < r.size(); i++) {
            if (fieldsConflict(l.get(i), r.get(i), schema, "", "")) {
                return true;
            }
        }
        return l.size() != r.size();
    }

    private static Map<String, JsonNode> byMergeKey(List<JsonNode> list, String mergeKey) {
        Map<String, JsonNode> out = new LinkedHashMap<>();
        for (JsonNode v : list) {
            if (!v.isObject()) {
                throw PatchException.unknown("invalid element type in merging list:" + GoJson.v(GoJson.array(list)));
            }
            if (!v.has(mergeKey)) {
                throw PatchException.unknown("cannot find merge key `" + mergeKey + "` in merging list element:"
                        + GoJson.v(v));
            }
            out.put(GoJson.s(v.get(mergeKey)), v);
        }
        return out;
    }

    /** A patch printed for the conflict message, keys sorted. */
    static String yaml(JsonNode patch) {
        try {
            return KubeJson.yaml().writeValueAsString(GoJson.sortedCopy(patch));
        } catch (JsonProcessingException e) {
            return e.getMessage();
        }
    }
}
