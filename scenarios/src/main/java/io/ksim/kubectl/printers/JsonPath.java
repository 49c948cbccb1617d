package io.ksim.kubectl.printers;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.TextNode;
import io.ksim.kubectl.printers.JsonPathNode.ArrayNodeT;
import io.ksim.kubectl.printers.JsonPathNode.FieldNode;
import io.ksim.kubectl.printers.JsonPathNode.FilterNode;
import io.ksim.kubectl.printers.JsonPathNode.IdentifierNode;
import io.ksim.kubectl.printers.JsonPathNode.ListNode;
import io.ksim.kubectl.printers.JsonPathNode.LiteralNode;
import io.ksim.kubectl.printers.JsonPathNode.RecursiveNode;
import io.ksim.kubectl.printers.JsonPathNode.TextNodeT;
import io.ksim.kubectl.printers.JsonPathNode.UnionNode;
import io.ksim.kubectl.printers.JsonPathNode.WildcardNode;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/**
 * kubectl's JSONPath templates (client-go util/jsonpath) over a JSON tree: text outside braces is printed as
 * is; inside braces {@code .a.b}, {@code ['a.b']}, {@code [0]}, {@code [1:3]}, {@code [-1:]}, {@code [*]},
 * {@code [0,2]}, {@code ..name} (recursive descent), {@code [?(@.type=="Ready")]} filters (==, !=, <, >, <=,
 * >=, or existence), quoted literals {@code {"\t"}}, and {@code {range ...}...{end}}.
 *
 * <pre>{@code
 * JsonPath.parse("{range .items[*]}{.metadata.name}{\"\\n\"}{end}").execute(list)  // "web-1\nweb-2\n"
 * JsonPath.parse("{.items[*].metadata.name}").execute(list)                       // "web-1 web-2"
 * }</pre>
 *
 * Each brace's results are printed separated by single spaces; objects and arrays as compact JSON, strings
 * bare. One choice differs from upstream: where Go walks a map in random order ({@code .labels[*]},
 * {@code ..}), this walks its keys sorted, so output is repeatable.
 */
public final class JsonPath {


    private final List<JsonPathNode> nodes;
    private boolean allowMissingKeys;
    private boolean outputJson;

    private JsonPath(List<JsonPathNode> nodes) {
        this.nodes = nodes;
    }

    /** Parses a template; a syntax error is a {@link JsonPathException} with upstream's words ("unterminated array"). */
    public static JsonPath parse(String template) {
        return new JsonPath(new JsonPathParser(template).parse());
    }

    /** Whether a missing field yields nothing instead of "x is not found" (kubectl's default is to allow). */
    public JsonPath allowMissingKeys(boolean allow) {
        this.allowMissingKeys = allow;
        return this;
    }

    /** Prints each brace's results as an indented JSON array ({@code -o jsonpath-as-json}). */
    public JsonPath outputJson(boolean json) {
        this.outputJson = json;
        return this;
    }

    /** The printed template for {@code data}. */
    public String execute(JsonNode data) {
        StringBuilder sb = new StringBuilder();
        for (List<JsonNode> results : findResults(data)) {
            print(sb, results);
        }
        return sb.toString();
    }

    /** The results of each top-level brace (and text), in order, ranges expanded. */
    public List<List<JsonNode>> findResults(JsonNode data) {
        List<List<JsonNode>> out = new ArrayList<>();
        run(0, data, out, 0);
        return out;
    }

    /** Runs nodes from {@code start} against {@code data}; returns the index of the {@code end} that stopped it. */
    private int run(int start, JsonNode data, List<List<JsonNode>> out, int depth) {
        for (int i = start; i < nodes.size(); i++) {
            JsonPathNode node = nodes.get(i);
            if (node instanceof ListNode list && !list.nodes().isEmpty()
                    && list.nodes().get(0) instanceof IdentifierNode id) {
                if (id.name().equals("end")) {
                    if (depth == 0) {
                        throw new JsonPathException("not in range, nothing to end");
                    }
                    return i;
                }
                if (id.name().equals("range")) {
                    List<JsonNode> items = evalList(List.of(data), list.nodes().subList(1, list.nodes().size()));
                    int end = matchingEnd(i);
                    for (JsonNode item : items) {
                        run(i + 1, item, out, depth + 1);
                    }
                    i = end;
                    continue;
                }
                throw new JsonPathException("unrecognized identifier " + id.name());
            }
            out.add(walk(List.of(data), node));
        }
        return nodes.size();
    }

    private int matchingEnd(int rangeIndex) {
        int depth = 0;
        for (int k = rangeIndex + 1; k < nodes.size(); k++) {
            if (nodes.get(k) instanceof ListNode l && !l.nodes().isEmpty() && l.nodes().get(0) instanceof IdentifierNode id) {
                if (id.name().equals("range")) {
                    depth++;
                } else if (id.name().equals("end")) {
                    if (depth == 0) {
                        return k;
                    }
                    depth--;
                }
            }
        }
        return nodes.size();
    }

    private void print(StringBuilder sb, List<JsonNode> results) {
        if (outputJson) {
            var array = JsonNodeFactory.instance.arrayNode();
            results.forEach(array::add);
            sb.append(GoJson.indent(array, "    ")).append('\n');
            return;
        }
        for (int i = 0; i < results.size(); i++) {
            JsonNode r = results.get(i);
            sb.append(r != null && r.isContainerNode() ? GoJson.compact(r) : GoJson.text(r));
            if (i != results.size() - 1) {
                sb.append(' ');
            }
        }
    }

    private List<JsonNode> walk(List<JsonNode> input, JsonPathNode node) {
        if (node instanceof ListNode list) {
            return evalList(input, list.nodes());
        } else if (node instanceof TextNodeT t) {
            return List.of(TextNode.valueOf(t.text()));
        } else if (node instanceof FieldNode f) {
            return evalField(input, f.name());
        } else if (node instanceof ArrayNodeT a) {
            return evalArray(input, a);
        } else if (node instanceof FilterNode f) {
            return evalFilter(input, f);
        } else if (node instanceof LiteralNode l) {
            List<JsonNode> r = new ArrayList<>();
            input.forEach(v -> r.add(l.value()));
            return r;
        } else if (node instanceof WildcardNode) {
            return children(input);
        } else if (node instanceof RecursiveNode) {
            return evalRecursive(input);
        } else if (node instanceof UnionNode u) {
            List<JsonNode> r = new ArrayList<>();
            for (List<JsonPathNode> alternative : u.alternatives()) {
                r.addAll(evalList(input, alternative));
            }
            return r;
        } else if (node instanceof IdentifierNode id) {
            if (id.name().equals("range") || id.name().equals("end")) {
                throw new JsonPathException(id.name().equals("end") ? "not in range, nothing to end"
                        : "unrecognized identifier range");
            }
            throw new JsonPathException("unrecognized identifier " + id.name());
        }
        throw new JsonPathException("unexpected JsonPathNode " + node);
    }

    private List<JsonNode> evalList(List<JsonNode> input, List<JsonPathNode> list) {
        List<JsonNode> current = input;
        for (JsonPathNode n : list) {
            current = walk(current, n);
        }
        return current;
    }

    private static boolean isNil(JsonNode v) {
        return v == null || v.isNull() || v.isMissingNode();
    }

    private List<JsonNode> evalField(List<JsonNode> input, String name) {
        List<JsonNode> results = new ArrayList<>();
        if (input.isEmpty()) {
            return results;
        }
        for (JsonNode v : input) {
            if (!isNil(v) && v.isObject() && v.has(name)) {
                results.add(v.get(name));
            }
        }
        if (results.isEmpty() && !allowMissingKeys) {
            throw new JsonPathException(name + " is not found");
        }
        return results;
    }

    private List<JsonNode> evalArray(List<JsonNode> input, ArrayNodeT node) {
        List<JsonNode> result = new ArrayList<>();
        for (JsonNode v : input) {
            if (isNil(v)) {
                continue;
            }
            if (!v.isArray()) {
                throw new JsonPathException(goType(v) + " is not array or slice");
            }
            int length = v.size();
            int from = node.known()[0] ? node.values()[0] : 0;
            if (from < 0) {
                from += length;
            }
            int to = node.known()[1] ? node.values()[1] : length;
            if (node.known()[1] && (to < 0 || (to == 0 && node.derived()))) {
                to += length;
            }
            if (to == from) {
                return result;
            }
            if (from >= length || from < 0) {
                throw new JsonPathException("array index out of bounds: index " + from + ", length " + length);
            }
            if (to > length || to < 0) {
                throw new JsonPathException("array index out of bounds: index " + (to - 1) + ", length " + length);
            }
            if (from > to) {
                throw new JsonPathException("starting index " + from + " is greater than ending index " + to);
            }
            int step = 1;
            if (node.known()[2]) {
                if (node.values()[2] <= 0) {
                    throw new JsonPathException("step must be > 0");
                }
                step = node.values()[2];
            }
            for (int i = from; i < to; i += step) {
                result.add(v.get(i));
            }
        }
        return result;
    }

    private List<JsonNode> children(List<JsonNode> input) {
        List<JsonNode> results = new ArrayList<>();
        for (JsonNode v : input) {
            if (isNil(v)) {
                continue;
            }
            if (v.isObject()) {
                for (Map.Entry<String, JsonNode> e : GoJson.fields(v)) {
                    results.add(e.getValue());
                }
            } else if (v.isArray()) {
                v.forEach(results::add);
            }
        }
        return results;
    }

    private List<JsonNode> evalRecursive(List<JsonNode> input) {
        List<JsonNode> result = new ArrayList<>();
        for (JsonNode v : input) {
            if (isNil(v)) {
                continue;
            }
            List<JsonNode> kids = children(List.of(v));
            if (!kids.isEmpty()) {
                result.add(v);
                result.addAll(evalRecursive(kids));
            }
        }
        return result;
    }

    private List<JsonNode> evalFilter(List<JsonNode> input, FilterNode node) {
        List<JsonNode> results = new ArrayList<>();
        for (JsonNode v : input) {
            if (isNil(v) || !v.isArray()) {
                throw new JsonPathException((v == null ? "<nil>" : GoJson.compact(v)) + " is not array or slice and cannot be filtered");
            }
            for (JsonNode element : v) {
                List<JsonNode> one = List.of(element);
                List<JsonNode> lefts;
                try {
                    lefts = evalList(one, node.left());
                } catch (JsonPathException e) {
                    if (node.operator().equals("exists")) {
                        continue;
                    }
                    throw e;
                }
                if (node.operator().equals("exists")) {
                    if (!lefts.isEmpty()) {
                        results.add(element);
                    }
                    continue;
                }
                if (lefts.isEmpty()) {
                    continue;
                }
                if (lefts.size() > 1) {
                    throw new JsonPathException("can only compare one element at a time");
                }
                List<JsonNode> rights = evalList(one, node.right());
                if (rights.isEmpty()) {
                    continue;
                }
                if (rights.size() > 1) {
                    throw new JsonPathException("can only compare one element at a time");
                }
                if (compare(lefts.get(0), rights.get(0), node.operator())) {
                    results.add(element);
                }
            }
        }
        return results;
    }

    /** Go template's eq/ne/lt/...: same basic kinds only (integers with integers, floats with floats). */
    private static boolean compare(JsonNode left, JsonNode right, String op) {
        if (!List.of("==", "!=", "<", ">", "<=", ">=").contains(op)) {
            throw new JsonPathException("unrecognized filter operator " + op);
        }
        int kindL = kind(left);
        int kindR = kind(right);
        if (op.equals("==") || op.equals("!=")) {
            boolean eq;
            if (kindL != kindR) {
                throw new JsonPathException("incompatible types for comparison");
            }
            eq = switch (kindL) {
                case 1 -> left.booleanValue() == right.booleanValue();
                case 2 -> left.bigIntegerValue().equals(right.bigIntegerValue());
                case 3 -> left.doubleValue() == right.doubleValue();
                case 4 -> left.textValue().equals(right.textValue());
                default -> throw new JsonPathException("invalid type for comparison");
            };
            return op.equals("==") == eq;
        }
        if (kindL != kindR) {
            throw new JsonPathException("incompatible types for comparison");
        }
        int c = switch (kindL) {
            case 2 -> left.bigIntegerValue().compareTo(right.bigIntegerValue());
            case 3 -> Double.compare(left.doubleValue(), right.doubleValue());
            case 4 -> left.textValue().compareTo(right.textValue());
            default -> throw new JsonPathException("invalid type for comparison");
        };
        return switch (op) {
            case "<" -> c < 0;
            case ">" -> c > 0;
            case "<=" -> c <= 0;
            case ">=" -> c >= 0;
            default -> throw new JsonPathException("unrecognized filter operator " + op);
        };
    }

    private static int kind(JsonNode v) {
        if (v == null || v.isNull()) {
            return 0;
        }
        if (v.isBoolean()) {
            return 1;
        }
        if (v.isIntegralNumber()) {
            return 2;
        }
        if (v.isNumber()) {
            return 3;
        }
        if (v.isTextual()) {
            return 4;
        }
        return 0;
    }

    private static String goType(JsonNode v) {
        if (v.isObject()) {
            return "map[string]interface {}";
        }
        if (v.isTextual()) {
            return "string";
        }
        if (v.isIntegralNumber()) {
            return "int64";
        }
        if (v.isNumber()) {
            return "float64";
        }
        if (v.isBoolean()) {
            return "bool";
        }
        return "interface {}";
    }
}
