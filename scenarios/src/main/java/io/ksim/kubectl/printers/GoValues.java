package io.ksim.kubectl.printers;

import com.fasterxml.jackson.databind.JsonNode;
import io.ksim.api.validation.GoFormat;
import java.util.Iterator;
import java.util.Map;

/**
 * Go's {@code fmt} renderings of a decoded JSON value ({@code map[string]interface{}}, {@code []interface{}},
 * strings, int64, float64, bool, nil), where kubectl prints values with {@code fmt}: custom columns use
 * {@code %v} ({@code map[app:web]}), jsonpath error reports use {@code %#v}. Map keys print sorted, as fmt sorts them.
 */
public final class GoValues {

    private GoValues() {
    }

    /** {@code fmt.Sprint(v)}. */
    public static String sprint(JsonNode v) {
        if (v == null || v.isNull() || v.isMissingNode()) {
            return "<nil>";
        }
        if (v.isObject()) {
            StringBuilder sb = new StringBuilder("map[");
            boolean first = true;
            for (Map.Entry<String, JsonNode> e : GoJson.fields(v)) {
                sb.append(first ? "" : " ").append(e.getKey()).append(':').append(sprint(e.getValue()));
                first = false;
            }
            return sb.append(']').toString();
        }
        if (v.isArray()) {
            StringBuilder sb = new StringBuilder("[");
            for (Iterator<JsonNode> it = v.elements(); it.hasNext(); ) {
                sb.append(sprint(it.next()));
                if (it.hasNext()) {
                    sb.append(' ');
                }
            }
            return sb.append(']').toString();
        }
        return GoJson.text(v);
    }

    /** {@code fmt.Sprintf("%#v", v)}. */
    public static String goSyntax(JsonNode v) {
        if (v == null || v.isNull() || v.isMissingNode()) {
            return "interface {}(nil)";
        }
        if (v.isObject()) {
            StringBuilder sb = new StringBuilder("map[string]interface {}{");
            boolean first = true;
            for (Map.Entry<String, JsonNode> e : GoJson.fields(v)) {
                sb.append(first ? "" : ", ");
                sb.append(GoFormat.quote(e.getKey())).append(':').append(goSyntax(e.getValue()));
                first = false;
            }
            return sb.append('}').toString();
        }
        if (v.isArray()) {
            StringBuilder sb = new StringBuilder("[]interface {}{");
            for (Iterator<JsonNode> it = v.elements(); it.hasNext(); ) {
                sb.append(goSyntax(it.next()));
                if (it.hasNext()) {
                    sb.append(", ");
                }
            }
            return sb.append('}').toString();
        }
        if (v.isTextual()) {
            // strconv.Quote, as %#v quotes strings: not JSON's escaping (<, > and & stay as they are)
            return GoFormat.quote(v.textValue());
        }
        return GoJson.text(v);
    }
}
