package io.ksim.apiserver.patch;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.NullNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.util.ArrayList;
import java.util.List;

/**
 * JSON patch (RFC 6902, {@code application/json-patch+json}) with JSON pointers (RFC 6901), as
 * kube-apiserver applies it with evanphx/json-patch v4, messages included:
 *
 * <pre>
 * [{"op":"test","path":"/metadata/labels/app","value":"web"},
 *  {"op":"add","path":"/spec/containers/-","value":{"name":"sidecar"}},
 *  {"op":"remove","path":"/metadata/annotations/a~1b"}]     removes the annotation "a/b"
 * </pre>
 *
 * <p>The library's own ways, kept because clients meet them:
 * <ul>
 *   <li>Array indexes may be negative, counted from the end ({@code /items/-1} is the last); {@code -}
 *       appends, for add (and the destination of move and copy) only.</li>
 *   <li>{@code replace} of a missing object key adds it; of a missing array index fails. {@code replace}
 *       of the whole document ({@code ""}) with a scalar or null does nothing.</li>
 *   <li>{@code add} of the whole document fails ({@code doc is missing path: ""}); an add without a
 *       value adds null; {@code copy} from a missing object key copies null.</li>
 *   <li>The first token of a pointer is not checked to be empty: {@code a/b} means {@code /b}.</li>
 *   <li>A null on the way of a pointer counts as a missing path.</li>
 * </ul>
 */
public final class JsonPatch {

    private static final String MISSING = ": missing value";
    private static final String BAD_INDEX = ": invalid index referenced";

    private final List<JsonNode> operations;

    private JsonPatch(List<JsonNode> operations) {
        this.operations = operations;
    }

    /**
     * Decodes a patch: an array of operation objects (or null, the empty patch).
     *
     * @throws PatchException (bad request) with Go's decoding message otherwise, e.g.
     *     {@code json: cannot unmarshal object into Go value of type jsonpatch.Patch}
     */
    public static JsonPatch decode(JsonNode patch) {
        if (GoJson.isNull(patch)) {
            return new JsonPatch(List.of());
        }
        if (!patch.isArray()) {
            throw PatchException.badRequest(typeError(patch, "jsonpatch.Patch"));
        }
        List<JsonNode> ops = new ArrayList<>();
        for (JsonNode op : patch) {
            if (!op.isObject() && !op.isNull()) {
                throw PatchException.badRequest(typeError(op, "jsonpatch.Operation"));
            }
            ops.add(op.deepCopy());
        }
        return new JsonPatch(List.copyOf(ops));
    }

    /** Decodes and applies {@code patch} to {@code doc}; see {@link #apply(JsonNode)}. */
    public static JsonNode apply(JsonNode doc, JsonNode patch) {
        return decode(patch).apply(doc);
    }

    /** How many operations the patch has (the API server allows at most 10,000). */
    public int size() {
        return operations.size();
    }

    /**
     * Applies the operations in order to a copy of {@code doc} and returns it; {@code doc} is not changed.
     *
     * @throws PatchException (unprocessable entity) at the first operation that does not apply, with the
     *     library's message, e.g. {@code testing value /spec/replicas failed: test failed}
     */
    public JsonNode apply(JsonNode doc) {
        Holder root = new Holder(doc.deepCopy());
        for (JsonNode op : operations) {
            String kind = text(op, "op");
            switch (kind == null ? "unknown" : kind) {
                case "add" -> add(root, op);
                case "remove" -> remove(root, op);
                case "replace" -> replace(root, op);
                case "move" -> move(root, op);
                case "copy" -> copy(root, op);
                case "test" -> test(root, op);
                default -> throw fail("Unexpected kind: " + (kind == null ? "unknown" : kind));
            }
        }
        return root.doc;
    }

    /** The document, which replace of {@code ""} swaps. */
    private static final class Holder {
        JsonNode doc;

        Holder(JsonNode doc) {
            this.doc = doc;
        }
    }

    private static void add(Holder root, JsonNode op) {
        String path = text(op, "path");
        if (path == null) {
            throw fail("add operation failed to decode path" + MISSING);
        }
        Target t = find(root.doc, path);
        if (t == null) {
            throw fail("add operation does not apply: doc is missing path: \"" + path + "\"" + MISSING);
        }
        String err = t.add(value(op));
        if (err != null) {
            throw fail("error in add for path: '" + path + "': " + err);
        }
    }

    private static void remove(Holder root, JsonNode op) {
        String path = text(op, "path");
        if (path == null) {
            throw fail("remove operation failed to decode path" + MISSING);
        }
        Target t = find(root.doc, path);
        if (t == null) {
            throw fail("remove operation does not apply: doc is missing path: \"" + path + "\"" + MISSING);
        }
        String err = t.remove();
        if (err != null) {
            throw fail("error in remove for path: '" + path + "': " + err);
        }
    }

    private static void replace(Holder root, JsonNode op) {
        String path = text(op, "path");
        if (path == null) {
            throw fail("replace operation failed to decode path: " + missingField(op, "path"));
        }
        if (path.isEmpty()) {
            JsonNode v = value(op);
            if (v.isObject() || v.isArray()) {
                root.doc = v;
            }
            return;
        }
        Target t = find(root.doc, path);
        if (t == null) {
            throw fail("replace operation does not apply: doc is missing path: " + path + MISSING);
        }
        if (t.array() && t.index() == null) {
            throw fail("replace operation does not apply: doc is missing key: " + path + MISSING);
        }
        t.set(value(op));
    }

    private static void move(Holder root, JsonNode op) {
        String from = text(op, "from");
        if (from == null) {
            throw fail("move operation failed to decode from: " + missingField(op, "from"));
        }
        Target source = find(root.doc, from);
        if (source == null) {
            throw fail("move operation does not apply: doc is missing from path: " + from + MISSING);
        }
        String err = source.getError();
        JsonNode val = err == null ? source.get() : null;
        if (err == null) {
            err = source.remove();
        }
        if (err != null) {
            throw fail("error in move for path: '" + source.key + "': " + err);
        }
        String path = text(op, "path");
        if (path == null) {
            throw fail("move operation failed to decode path: " + missingField(op, "path"));
        }
        Target dest = find(root.doc, path);
        if (dest == null) {
            throw fail("move operation does not apply: doc is missing destination path: " + path + MISSING);
        }
        err = dest.add(val);
        if (err != null) {
            throw fail("error in move for path: '" + path + "': " + err);
        }
    }

    private static void copy(Holder root, JsonNode op) {
        String from = text(op, "from");
        if (from == null) {
            throw fail("copy operation failed to decode from: " + missingField(op, "from"));
        }
        Target source = find(root.doc, from);
        if (source == null) {
            throw fail("copy operation does not apply: doc is missing from path: " + from + MISSING);
        }
        String err = source.getError();
        if (err != null) {
            throw fail("error in copy for from: '" + from + "': " + err);
        }
        JsonNode val = source.get();
        String path = text(op, "path");
        if (path == null) {
            throw fail("copy operation failed to decode path" + MISSING);
        }
        Target dest = find(root.doc, path);
        if (dest == null) {
            throw fail("copy operation does not apply: doc is missing destination path: " + path + MISSING);
        }
        err = dest.add(val == null ? NullNode.getInstance() : val.deepCopy());
        if (err != null) {
            throw fail("error while adding value during copy: " + err);
        }
    }

    private static void test(Holder root, JsonNode op) {
        String path = text(op, "path");
        if (path == null) {
            throw fail("test operation failed to decode path: " + missingField(op, "path"));
        }
        JsonNode expected = value(op);
        if (path.isEmpty()) {
            if (!GoJson.deepEqual(root.doc, expected)) {
                throw fail("testing value  failed: test failed");
            }
            return;
        }
        Target t = find(root.doc, path);
        if (t == null) {
            throw fail("test operation does not apply: is missing path: " + path + MISSING);
        }
        String err = t.getError();
        if (err != null) {
            throw fail("error in test for path: '" + path + "': " + err);
        }
        JsonNode actual = t.get();
        if (!GoJson.deepEqual(actual == null ? NullNode.getInstance() : actual, expected)) {
            throw fail("testing value " + path + " failed: test failed");
        }
    }

    /** The container a pointer ends in, and the last token (decoded). */
    private record Target(JsonNode container, String key) {

        boolean array() {
            return container.isArray();
        }

        /** The element index the key names in an array, negatives counted from the end; null if none. */
        Integer index() {
            Long idx = parseIndex(key);
            int size = container.size();
            if (idx == null || idx >= size || idx < -size) {
                return null;
            }
            return (int) (idx < 0 ? idx + size : idx);
        }

        /** Why get would fail (arrays only), or null. */
        String getError() {
            if (!array()) {
                return null;
            }
            Long idx = parseIndex(key);
            if (idx == null) {
                return atoiError(key);
            }
            return index() == null ? "Unable to access invalid index: " + idx + BAD_INDEX : null;
        }

        /** The value at the key; null if an object has no such key. */
        JsonNode get() {
            return array() ? container.get(index()) : container.get(key);
        }

        void set(JsonNode value) {
            if (array()) {
                ((ArrayNode) container).set(index(), value);
            } else {
                ((ObjectNode) container).set(key, value);
            }
        }

        String add(JsonNode value) {
            if (!array()) {
                ((ObjectNode) container).set(key, value);
                return null;
            }
            ArrayNode a = (ArrayNode) container;
            if (key.equals("-")) {
                a.add(value);
                return null;
            }
            Long idx = parseIndex(key);
            if (idx == null) {
                return "value was not a proper array index: '" + key + "': " + atoiError(key);
            }
            int size = a.size() + 1;
            if (idx >= size || idx < -size) {
                return "Unable to access invalid index: " + idx + BAD_INDEX;
            }
            a.insert((int) (idx < 0 ? idx + size : idx), value);
            return null;
        }

        String remove() {
            if (!array()) {
                if (!container.has(key)) {
                    return "Unable to remove nonexistent key: " + key + MISSING;
                }
                ((ObjectNode) container).remove(key);
                return null;
            }
            String err = getError();
            if (err != null) {
                return err;
            }
            ((ArrayNode) container).remove(index());
            return null;
        }
    }

    /** Walks all tokens but the last; null when a step is missing, out of range, null or a scalar. */
    private static Target find(JsonNode doc, String path) {
        String[] tokens = path.split("/", -1);
        if (tokens.length < 2) {
            return null;
        }
        JsonNode node = doc;
        for (int i = 1; i < tokens.length - 1; i++) {
            String token = unescape(tokens[i]);
            JsonNode next;
            if (node.isArray()) {
                Target step = new Target(node, token);
                next = step.getError() == null ? step.get() : null;
            } else {
                next = node.get(token);
            }
            if (next == null || !(next.isObject() || next.isArray())) {
                return null;
            }
            node = next;
        }
        if (!(node.isObject() || node.isArray())) {
            return null;
        }
        return new Target(node, unescape(tokens[tokens.length - 1]));
    }

    /** RFC 6901: {@code ~1} is {@code /}, {@code ~0} is {@code ~}, read left to right in one pass. */
    static String unescape(String token) {
        if (token.indexOf('~') < 0) {
            return token;
        }
        StringBuilder out = new StringBuilder(token.length());
        for (int i = 0; i < token.length(); i++) {
            char c = token.charAt(i);
            if (c == '~' && i + 1 < token.length() && (token.charAt(i + 1) == '0' || token.charAt(i + 1) == '1')) {
                out.append(token.charAt(++i) == '0' ? '~' : '/');
            } else {
                out.append(c);
            }
        }
        return out.toString();
    }

    /** Go's strconv.Atoi: optional sign, decimal digits; null when it fails. */
    private static Long parseIndex(String key) {
        if (!key.matches("[+-]?[0-9]+")) {
            return null;
        }
        try {
            return Long.parseLong(key.startsWith("+") ? key.substring(1) : key);
        } catch (NumberFormatException e) {
            return null;
        }
    }

    private static String atoiError(String key) {
        String why = key.matches("[+-]?[0-9]+") ? "value out of range" : "invalid syntax";
        return "strconv.Atoi: parsing \"" + key + "\": " + why;
    }

    /** A string member of an operation; null when absent, null or not a string. */
    private static String text(JsonNode op, String field) {
        JsonNode v = op.get(field);
        return v != null && v.isTextual() ? v.asText() : null;
    }

    /** Why a string member could not be read, as the library words it. */
    private static String missingField(JsonNode op, String field) {
        JsonNode v = op.get(field);
        if (v == null || v.isNull()) {
            return (field.equals("from") ? "operation, missing from field" : "operation missing path field")
                    + MISSING;
        }
        return typeError(v, "string");
    }

    private static JsonNode value(JsonNode op) {
        JsonNode v = op.get("value");
        return v == null ? NullNode.getInstance() : v.deepCopy();
    }

    /** Go's json.UnmarshalTypeError text. */
    private static String typeError(JsonNode value, String goType) {
        String what = switch (GoJson.kind(value)) {
            case MAP -> "object";
            case SLICE -> "array";
            case STRING -> "string";
            case BOOL -> "bool";
            case INT, FLOAT -> "number";
            case NULL -> "null";
        };
        return "json: cannot unmarshal " + what + " into Go value of type " + goType;
    }

    private static PatchException fail(String message) {
        return PatchException.unprocessable(message);
    }
}
