package io.ksim.kubectl;

import com.fasterxml.jackson.databind.JsonNode;
import io.ksim.api.resource.Quantity;
import io.ksim.kubectl.printers.JsonPath;
import io.ksim.kubectl.printers.JsonPathException;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.function.Function;

/**
 * {@code --sort-by}: orders objects by the first value a JSONPath finds in each, as kubectl's sorter does:
 * objects without the field first, integers and floats by value, strings by quantity when both parse as
 * quantities ({@code 500m} before {@code 1}) and by text otherwise. The sort is stable (kubectl's is not,
 * so objects with equal keys may print in another order there).
 */
final class Sorting {

    private Sorting() {
    }

    static <T> List<T> sort(List<T> items, Function<T, JsonNode> json, String sortBy) {
        String field;
        try {
            field = OutputFormat.relaxedPath(sortBy);
        } catch (KubectlException e) {
            field = sortBy;
        }
        JsonPath path;
        try {
            path = JsonPath.parse(field).allowMissingKeys(true);
        } catch (JsonPathException e) {
            throw new KubectlException("error: " + e.getMessage());
        }
        List<JsonNode> keys = new ArrayList<>();
        boolean found = false;
        for (T item : items) {
            List<List<JsonNode>> results = path.findResults(json.apply(item));
            JsonNode key = results.isEmpty() || results.get(0).isEmpty() ? null : results.get(0).get(0);
            keys.add(key);
            found |= key != null;
        }
        if (!found) {
            throw new KubectlException("error: couldn't find any field with path \"" + field + "\" in the list of objects");
        }
        List<Integer> order = new ArrayList<>();
        for (int i = 0; i < items.size(); i++) {
            order.add(i);
        }
        String spec = field;
        Comparator<Integer> byKey = (a, b) -> compare(keys.get(a), keys.get(b), spec);
        order.sort(byKey);
        List<T> sorted = new ArrayList<>();
        order.forEach(i -> sorted.add(items.get(i)));
        return sorted;
    }

    private static int compare(JsonNode a, JsonNode b, String field) {
        if (a == null || b == null) {
            return a == null && b == null ? 0 : a == null ? -1 : 1;
        }
        if (a.isIntegralNumber() && b.isIntegralNumber()) {
            return a.bigIntegerValue().compareTo(b.bigIntegerValue());
        }
        if (a.isNumber() && b.isNumber() && !a.isIntegralNumber() && !b.isIntegralNumber()) {
            return Double.compare(a.doubleValue(), b.doubleValue());
        }
        if (a.isTextual() && b.isTextual()) {
            try {
                return Quantity.parse(a.textValue()).compareTo(Quantity.parse(b.textValue()));
            } catch (RuntimeException notQuantities) {
                return a.textValue().compareTo(b.textValue());
            }
        }
        if (a.isArray() && b.isArray()) {
            for (int i = 0; i < Math.min(a.size(), b.size()); i++) {
                int c = compare(a.get(i), b.get(i), field);
                if (c != 0) {
                    return c;
                }
            }
            return 0;
        }
        throw new KubectlException("error: field " + field + " is an unsortable type: " + a.getNodeType().name().toLowerCase());
    }
}
