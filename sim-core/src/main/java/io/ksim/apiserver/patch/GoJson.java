package io.ksim.apiserver.patch;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.math.BigDecimal;
import java.util.ArrayList;
import java.util.Collections;
import java.util.Comparator;
import java.util.Iterator;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.function.Function;

/**
 * JSON values as the upstream Go libraries see them once decoded: {@code map[string]interface{}},
 * {@code []interface{}}, string, bool, nil, and numbers as {@code int64} when the literal is an integer
 * that fits, else {@code float64}. Equality, type names and {@code %v} text follow Go, because upstream
 * compares, sorts and reports values through them.
 */
final class GoJson {

    static final JsonNodeFactory NODES = JsonNodeFactory.instance;

    /** The dynamic Go type of a decoded value. */
    enum Kind {
        NULL("%!s(<nil>)"), BOOL("bool"), INT("int64"), FLOAT("float64"), STRING("string"),
        MAP("map[string]interface {}"), SLICE("[]interface {}");

        private final String goName;

        Kind(String goName) {
            this.goName = goName;
        }

        /** {@code reflect.TypeOf(v)} printed with {@code %s}. */
        String goName() {
            return goName;
        }
    }

    private GoJson() {
    }

    static Kind kind(JsonNode n) {
        if (n == null || n.isNull() || n.isMissingNode()) {
            return Kind.NULL;
        }
        if (n.isObject()) {
            return Kind.MAP;
        }
        if (n.isArray()) {
            return Kind.SLICE;
        }
        if (n.isBoolean()) {
            return Kind.BOOL;
        }
        if (n.isIntegralNumber() && n.canConvertToLong()) {
            return Kind.INT;
        }
        if (n.isNumber()) {
            return Kind.FLOAT;
        }
        return Kind.STRING;
    }

    static boolean isNull(JsonNode n) {
        return kind(n) == Kind.NULL;
    }

    /** {@code reflect.DeepEqual} of two decoded values: same Go types, equal contents, map order ignored. */
    static boolean deepEqual(JsonNode a, JsonNode b) {
        Kind ka = kind(a);
        if (ka != kind(b)) {
            return false;
        }
        switch (ka) {
            case NULL:
                return true;
            case BOOL:
                return a.booleanValue() == b.booleanValue();
            case INT:
                return a.longValue() == b.longValue();
            case FLOAT:
                return a.doubleValue() == b.doubleValue();
            case STRING:
                return a.asText().equals(b.asText());
            case SLICE:
                if (a.size() != b.size()) {
                    return false;
                }
                for (int i = 0; i < a.size(); i++) {
                    if (!deepEqual(a.get(i), b.get(i))) {
                        return false;
                    }
                }
                return true;
            default:
                if (a.size() != b.size()) {
                    return false;
                }
                for (Iterator<Map.Entry<String, JsonNode>> it = a.fields(); it.hasNext(); ) {
                    Map.Entry<String, JsonNode> e = it.next();
                    if (!b.has(e.getKey()) || !deepEqual(e.getValue(), b.get(e.getKey()))) {
                        return false;
                    }
                }
                return true;
        }
    }

    /** Go's {@code fmt.Sprintf("%v", v)}: {@code map[a:1 b:[x y]]}, {@code <nil>}, {@code 1e+06}. */
    static String v(JsonNode n) {
        switch (kind(n)) {
            case NULL:
                return "<nil>";
            case INT:
                return Long.toString(n.longValue());
            case FLOAT:
                return formatFloat(n.doubleValue());
            case BOOL:
            case STRING:
                return n.asText();
            case SLICE: {
                List<String> parts = new ArrayList<>();
                n.forEach(e -> parts.add(v(e)));
                return "[" + String.join(" ", parts) + "]";
            }
            default: {
                Map<String, JsonNode> sorted = new TreeMap<>();
                n.fields().forEachRemaining(e -> sorted.put(e.getKey(), e.getValue()));
                List<String> parts = new ArrayList<>();
                sorted.forEach((k, val) -> parts.add(k + ":" + v(val)));
                return "map[" + String.join(" ", parts) + "]";
            }
        }
    }

    /** Go's {@code %s} of an interface value: strings as they are, anything else as {@code %!s(type=v)}. */
    static String s(JsonNode n) {
        Kind k = kind(n);
        if (k == Kind.STRING) {
            return n.asText();
        }
        if (k == Kind.NULL) {
            return "%!s(<nil>)";
        }
        if (k == Kind.MAP || k == Kind.SLICE) {
            return v(n);
        }
        return "%!s(" + k.goName() + "=" + v(n) + ")";
    }

    /** {@code strconv.FormatFloat(f, 'g', -1, 64)}, which {@code %v} uses: shortest digits, exponent form
     *  below 1e-4 and from 1e+06 on ({@code 1e+06}, {@code 1.5e-05}, {@code 123456.5}). */
    static String formatFloat(double d) {
        if (d == 0) {
            return 1 / d < 0 ? "-0" : "0";
        }
        if (Double.isInfinite(d)) {
            return d > 0 ? "+Inf" : "-Inf";
        }
        String sign = d < 0 ? "-" : "";
        BigDecimal bd = new BigDecimal(Double.toString(Math.abs(d))).stripTrailingZeros();
        String digits = bd.unscaledValue().toString();
        int exp = digits.length() - 1 - bd.scale();
        if (exp < -4 || exp >= 6) {
            String mantissa = digits.length() == 1 ? digits : digits.charAt(0) + "." + digits.substring(1);
            String e = Integer.toString(Math.abs(exp));
            return sign + mantissa + "e" + (exp < 0 ? "-" : "+") + (e.length() < 2 ? "0" + e : e);
        }
        return sign + bd.toPlainString();
    }

    /** Go's {@code sort.Sort} over values by their {@code %v} text, which upstream uses for scalars. */
    static List<JsonNode> sortedByText(List<JsonNode> values) {
        return goSort(values, GoJson::v);
    }

    /**
     * Upstream's sort of list items by a text key, whose "less" is {@code a <= b}: Go sorts up to 12 items
     * by insertion, which with that comparator moves each item before the equal ones ahead of it (equal
     * keys come out reversed). Longer lists are sorted stably here; Go's pattern-defeating quicksort
     * would order their equal keys its own way.
     */
    static List<JsonNode> goSort(List<JsonNode> values, Function<JsonNode, String> key) {
        List<JsonNode> out = new ArrayList<>(values);
        if (out.size() > 12) {
            out.sort(Comparator.comparing(key));
            return out;
        }
        List<String> keys = new ArrayList<>();
        out.forEach(n -> keys.add(key.apply(n)));
        for (int i = 1; i < out.size(); i++) {
            for (int j = i; j > 0 && keys.get(j).compareTo(keys.get(j - 1)) <= 0; j--) {
                Collections.swap(out, j, j - 1);
                Collections.swap(keys, j, j - 1);
            }
        }
        return out;
    }

    static List<JsonNode> elements(JsonNode array) {
        List<JsonNode> out = new ArrayList<>();
        if (array != null && array.isArray()) {
            array.forEach(out::add);
        }
        return out;
    }

    static ArrayNode array(List<JsonNode> values) {
        ArrayNode out = NODES.arrayNode();
        values.forEach(out::add);
        return out;
    }

    /** A deep copy with every object's keys in sorted order, as Go's encoding/json writes maps. */
    static JsonNode sortedCopy(JsonNode n) {
        if (n == null) {
            return null;
        }
        if (n.isObject()) {
            Map<String, JsonNode> sorted = new TreeMap<>();
            n.fields().forEachRemaining(e -> sorted.put(e.getKey(), e.getValue()));
            ObjectNode out = NODES.objectNode();
            sorted.forEach((k, val) -> out.set(k, sortedCopy(val)));
            return out;
        }
        if (n.isArray()) {
            ArrayNode out = NODES.arrayNode();
            n.forEach(e -> out.add(sortedCopy(e)));
            return out;
        }
        return n.deepCopy();
    }
}
