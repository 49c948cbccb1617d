package io.ksim.apiserver.patch;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.ksim.apiserver.patch.GoJson.Kind;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;
import java.util.Map;

/**
 * JSON merge patch (RFC 7386, {@code application/merge-patch+json}), as kube-apiserver applies it with
 * evanphx/json-patch v4: a patch object is merged into the target key by key, {@code null} deletes a key,
 * and any non-object value (arrays included) replaces what was there.
 *
 * <pre>
 * target {"metadata":{"labels":{"a":"1","b":"2"}},"spec":{"ports":[1,2]}}
 * patch  {"metadata":{"labels":{"a":null,"c":"3"}},"spec":{"ports":[3]}}
 * result {"metadata":{"labels":{"b":"2","c":"3"}},"spec":{"ports":[3]}}
 * </pre>
 *
 * <p>As upstream, nulls are also dropped from objects nested in a value that is put where there was no
 * object (a new key, or a key that held a scalar or an array), objects inside arrays included:
 * {@code {"a":[{"b":null}]}} on {@code {}} gives {@code {"a":[{}]}}. A value put over an object keeps its
 * nulls when it is not an object itself.
 */
public final class JsonMergePatch {

    private JsonMergePatch() {
    }

    /**
     * Applies {@code patch} to {@code target} and returns the result; neither input is changed.
     *
     * @throws PatchException {@code Invalid JSON Patch} (bad request) when the patch is null or a scalar,
     *     {@code Invalid JSON Document} when the target is null
     */
    public static JsonNode apply(JsonNode target, JsonNode patch) {
        if (GoJson.isNull(patch)) {
            throw PatchException.badRequest("Invalid JSON Patch");
        }
        if (GoJson.isNull(target)) {
            throw PatchException.unknown("Invalid JSON Document");
        }
        if (patch.isObject() && target.isObject()) {
            ObjectNode doc = target.deepCopy();
            mergeInto(doc, (ObjectNode) patch.deepCopy());
            return doc;
        }
        // Not two objects: the result is the patch itself, without its nulls.
        if (patch.isObject() || patch.isArray()) {
            JsonNode out = patch.deepCopy();
            pruneNulls(out);
            return out;
        }
        throw PatchException.badRequest("Invalid JSON Patch");
    }

    /**
     * The merge patch that turns {@code original} into {@code modified}, both objects: changed and new keys
     * with their new values (objects recursively), removed keys as {@code null}, arrays whole. Numbers
     * compare by value. A null in {@code modified} cannot be expressed and comes out as a deletion.
     *
     * @throws PatchException {@code Invalid JSON Document} when either is not an object
     */
    public static ObjectNode createMergePatch(JsonNode original, JsonNode modified) {
        if (original == null || modified == null || !original.isObject() || !modified.isObject()) {
            throw PatchException.unknown("Invalid JSON Document");
        }
        return diff((ObjectNode) original, (ObjectNode) modified);
    }

    private static void mergeInto(ObjectNode doc, ObjectNode patch) {
        for (Iterator<Map.Entry<String, JsonNode>> it = patch.fields(); it.hasNext(); ) {
            Map.Entry<String, JsonNode> e = it.next();
            String key = e.getKey();
            JsonNode value = e.getValue();
            if (value.isNull()) {
                doc.remove(key);
                continue;
            }
            JsonNode current = doc.get(key);
            if (current == null || current.isNull()) {
                pruneNulls(value);
                doc.set(key, value);
            } else if (!current.isObject()) {
                pruneNulls(value);
                doc.set(key, value);
            } else if (!value.isObject()) {
                doc.set(key, value);
            } else {
                mergeInto((ObjectNode) current, (ObjectNode) value);
            }
        }
    }

    /** Removes null members of objects, recursively, through arrays too; null array elements stay. */
    private static void pruneNulls(JsonNode node) {
        if (node.isObject()) {
            List<String> nulls = new ArrayList<>();
            node.fields().forEachRemaining(e -> {
                if (e.getValue().isNull()) {
                    nulls.add(e.getKey());
                } else {
                    pruneNulls(e.getValue());
                }
            });
            ((ObjectNode) node).remove(nulls);
        } else if (node.isArray()) {
            for (JsonNode element : (ArrayNode) node) {
                pruneNulls(element);
            }
        }
    }

    private static ObjectNode diff(ObjectNode a, ObjectNode b) {
        ObjectNode into = GoJson.NODES.objectNode();
        for (Iterator<Map.Entry<String, JsonNode>> it = b.fields(); it.hasNext(); ) {
            Map.Entry<String, JsonNode> e = it.next();
            String key = e.getKey();
            JsonNode bv = e.getValue();
            JsonNode av = a.get(key);
            if (av == null || kind(av) != kind(bv)) {
                into.set(key, bv.deepCopy());
            } else if (av.isObject()) {
                ObjectNode sub = diff((ObjectNode) av, (ObjectNode) bv);
                if (!sub.isEmpty()) {
                    into.set(key, sub);
                }
            } else if (!matches(av, bv)) {
                into.set(key, bv.deepCopy());
            }
        }
        a.fieldNames().forEachRemaining(key -> {
            if (!b.has(key)) {
                into.putNull(key);
            }
        });
        return into;
    }

    /** The merge patch library decodes every number as float64: 1 and 1.0 are the same value. */
    private static Kind kind(JsonNode n) {
        Kind k = GoJson.kind(n);
        return k == Kind.INT ? Kind.FLOAT : k;
    }

    private static boolean matches(JsonNode a, JsonNode b) {
        Kind k = kind(a);
        if (k != kind(b)) {
            return false;
        }
        switch (k) {
            case FLOAT:
                return a.doubleValue() == b.doubleValue();
            case SLICE:
                if (a.size() != b.size()) {
                    return false;
                }
                for (int i = 0; i < a.size(); i++) {
                    if (!matches(a.get(i), b.get(i))) {
                        return false;
                    }
                }
                return true;
            case MAP:
                if (a.size() != b.size()) {
                    return false;
                }
                for (Iterator<String> it = b.fieldNames(); it.hasNext(); ) {
                    String key = it.next();
                    if (!a.has(key) || !matches(a.get(key), b.get(key))) {
                        return false;
                    }
                }
                return true;
            default:
                return GoJson.deepEqual(a, b);
        }
    }
}
