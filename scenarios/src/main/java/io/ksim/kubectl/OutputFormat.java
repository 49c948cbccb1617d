package io.ksim.kubectl;

import com.fasterxml.jackson.databind.JsonNode;
import io.ksim.kubectl.printers.GoJson;
import io.ksim.kubectl.printers.GoValues;
import io.ksim.kubectl.printers.GoYaml;
import io.ksim.kubectl.printers.JsonPath;
import io.ksim.kubectl.printers.JsonPathException;
import io.ksim.kubectl.printers.TabWriter;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * What {@code -o} asks for, and the printers for objects (as JSON trees) that are not tables: {@code yaml},
 * {@code json}, {@code name}, {@code jsonpath=...}, {@code jsonpath-as-json=...}, {@code custom-columns=...}.
 * The human-readable formats ({@code ""}, {@code wide}) print the server's tables instead. The commands that
 * write objects ({@link WriteCommand}) choose among {@code yaml}, {@code json} and {@code name} here too.
 */
final class OutputFormat {

    /** The formats {@code kubectl get -o} accepts, in the order its error message lists them. */
    static final List<String> GET_FORMATS = List.of("custom-columns", "custom-columns-file", "go-template",
            "go-template-file", "json", "jsonpath", "jsonpath-as-json", "jsonpath-file", "name", "template",
            "templatefile", "wide", "yaml");

    /**
     * The formats the commands that write objects ({@code create}, {@code apply}, {@code run}, ...) name in
     * the same error: their printer flags have no table, wide or custom-columns printers.
     */
    static final List<String> WRITE_FORMATS = List.of("go-template", "go-template-file", "json", "jsonpath",
            "jsonpath-as-json", "jsonpath-file", "name", "template", "templatefile", "yaml");

    private static final Pattern RELAXED_PATH = Pattern.compile("^\\{\\.?([^{}]+)\\}$|^\\.?([^{}]+)$");

    enum Kind { TABLE, WIDE, YAML, JSON, NAME, JSONPATH, JSONPATH_JSON, CUSTOM_COLUMNS }

    final Kind kind;
    final String raw;
    /** The template of a jsonpath format, as given. */
    private String template = "";
    private final JsonPath jsonPath;
    private final List<String> columnHeaders = new ArrayList<>();
    private final List<JsonPath> columnPaths = new ArrayList<>();
    private final boolean noHeaders;
    private int yamlDocuments;
    /** The writer custom columns share with a watch, so later rows keep the columns of earlier ones. */
    private TabWriter columnsWriter;
    private boolean printedColumnHeaders;

    private OutputFormat(Kind kind, String raw, JsonPath jsonPath, boolean noHeaders) {
        this.kind = kind;
        this.raw = raw;
        this.jsonPath = jsonPath;
        this.noHeaders = noHeaders;
    }

    /** Parses {@code -o}; {@code template} is {@code --template}'s value, or null. */
    static OutputFormat parse(String output, String template, boolean noHeaders) {
        String o = output == null ? "" : output;
        int eq = o.indexOf('=');
        String name = eq < 0 ? o : o.substring(0, eq);
        String arg = eq < 0 ? (template == null ? "" : template) : o.substring(eq + 1);
        switch (name.toLowerCase(Locale.ROOT)) {
            case "" -> {
                return new OutputFormat(Kind.TABLE, o, null, noHeaders);
            }
            case "wide" -> {
                return new OutputFormat(Kind.WIDE, o, null, noHeaders);
            }
            case "yaml" -> {
                return new OutputFormat(Kind.YAML, o, null, noHeaders);
            }
            case "json" -> {
                return new OutputFormat(Kind.JSON, o, null, noHeaders);
            }
            case "name" -> {
                return new OutputFormat(Kind.NAME, o, null, noHeaders);
            }
            case "jsonpath", "jsonpath-as-json" -> {
                if (arg.isEmpty()) {
                    throw new KubectlException("error: template format specified but no template given");
                }
                JsonPath p;
                try {
                    p = JsonPath.parse(arg).allowMissingKeys(true).outputJson(name.equals("jsonpath-as-json"));
                } catch (JsonPathException e) {
                    throw new KubectlException("error: error parsing jsonpath " + arg + ", " + e.getMessage());
                }
                OutputFormat f = new OutputFormat(name.equals("jsonpath") ? Kind.JSONPATH : Kind.JSONPATH_JSON, o, p, noHeaders);
                f.template = arg;
                return f;
            }
            case "custom-columns" -> {
                OutputFormat f = new OutputFormat(Kind.CUSTOM_COLUMNS, o, null, noHeaders);
                f.parseColumns(arg);
                return f;
            }
            case "go-template", "go-template-file", "template", "templatefile", "jsonpath-file", "custom-columns-file" ->
                    throw new KubectlException("error: ksim's kubectl does not print -o " + name
                            + "; use -o jsonpath or -o custom-columns");
            default -> throw noPrinter(o, GET_FORMATS);
        }
    }

    /**
     * Parses {@code -o} of a command that writes objects: {@code yaml}, {@code json} or {@code name}; null
     * when none is given.
     */
    static OutputFormat parseForWrite(String output) {
        if (output == null) {
            return null;
        }
        return switch (output) {
            case "yaml" -> new OutputFormat(Kind.YAML, output, null, false);
            case "json" -> new OutputFormat(Kind.JSON, output, null, false);
            case "name" -> new OutputFormat(Kind.NAME, output, null, false);
            default -> throw noPrinter(output, WRITE_FORMATS);
        };
    }

    /** kubectl's error for an {@code -o} no printer matches; {@code allowed} as the command's printer flags list them. */
    private static KubectlException noPrinter(String output, List<String> allowed) {
        return new KubectlException("error: unable to match a printer suitable for the output format \"" + output
                + "\", allowed formats are: " + String.join(",", allowed));
    }

    private void parseColumns(String spec) {
        if (spec.isEmpty()) {
            throw new KubectlException("error: custom-columns format specified but no custom columns given");
        }
        for (String part : spec.split(",", -1)) {
            String[] col = part.split(":", 2);
            if (col.length != 2) {
                throw new KubectlException("error: unexpected custom-columns spec: " + part
                        + ", expected <header>:<json-path-expr>");
            }
            columnHeaders.add(col[0]);
            String path = relaxedPath(col[1]);
            try {
                columnPaths.add(JsonPath.parse(path).allowMissingKeys(true));
            } catch (JsonPathException e) {
                throw new KubectlException("error: " + e.getMessage());
            }
        }
    }

    /** kubectl's RelaxedJSONPathExpression: {@code .a.b}, {@code a.b}, {@code {a.b}} all mean {@code {.a.b}}. */
    static String relaxedPath(String expression) {
        if (expression.isEmpty()) {
            return expression;
        }
        Matcher m = RELAXED_PATH.matcher(expression);
        if (!m.matches()) {
            throw new KubectlException("error: unexpected path string, expected a 'name1.name2' or '.name1.name2' "
                    + "or '{name1.name2}' or '{.name1.name2}'");
        }
        return "{." + (m.group(1) != null ? m.group(1) : m.group(2)) + "}";
    }

    /**
     * Prints one watch event ({@code --output-watch-events}): a metav1.WatchEvent of {@code type} and the
     * object; JSON prints it on one line with {@code type} first, as Go marshals the struct.
     */
    void printEvent(String type, JsonNode obj, StringBuilder out) {
        if (kind == Kind.JSON) {
            StringBuilder line = new StringBuilder("{\"type\":");
            line.append(GoJson.compact(com.fasterxml.jackson.databind.node.TextNode.valueOf(type)));
            line.append(",\"object\":").append(GoJson.compact(obj)).append("}\n");
            out.append(line);
            return;
        }
        if (kind == Kind.NAME) {
            printName(obj, out);
            return;
        }
        var event = com.fasterxml.jackson.databind.node.JsonNodeFactory.instance.objectNode();
        event.set("object", obj);
        event.put("type", type);
        print(event, out);
    }

    boolean humanReadable() {
        return kind == Kind.TABLE || kind == Kind.WIDE;
    }

    /** Prints one object or a {@code List} (a JSON tree) with a non-table format. */
    void print(JsonNode obj, StringBuilder out) {
        switch (kind) {
            case YAML -> {
                if (yamlDocuments++ > 0) {
                    out.append("---\n");
                }
                out.append(GoYaml.write(obj));
            }
            case JSON -> out.append(GoJson.indent(obj, "    ")).append('\n');
            case NAME -> {
                if (isList(obj)) {
                    obj.get("items").forEach(item -> printName(item, out));
                } else {
                    printName(obj, out);
                }
            }
            case JSONPATH, JSONPATH_JSON -> {
                try {
                    out.append(jsonPath.execute(obj));
                } catch (JsonPathException e) {
                    throw new KubectlException("error: error executing jsonpath \"" + template
                            + "\": Error executing template: " + e.getMessage()
                            + ". Printing more information for debugging the template:\n\ttemplate was:\n\t\t"
                            + template + "\n\tobject given to jsonpath engine was:\n\t\t"
                            + GoValues.goSyntax(obj) + "\n\n");
                }
            }
            case CUSTOM_COLUMNS -> printColumns(obj, out);
            default -> throw new IllegalStateException("tables print through the human-readable printer");
        }
    }

    /**
     * Prints an object the client holds as its Go type ({@code create}, {@code run}, {@code apply} with
     * {@code -o yaml|json}): JSON keeps the fields in the tree's order, as Go marshals a struct; YAML is the
     * same either way (sigs.k8s.io/yaml sorts the keys).
     */
    void printTyped(JsonNode obj, StringBuilder out) {
        if (kind == Kind.JSON) {
            out.append(GoJson.indentInOrder(obj, "    ")).append('\n');
        } else {
            print(obj, out);
        }
    }

    private static boolean isList(JsonNode obj) {
        return obj.has("items") && obj.path("kind").asText().endsWith("List");
    }

    private static void printName(JsonNode obj, StringBuilder out) {
        String apiVersion = obj.path("apiVersion").asText();
        String group = apiVersion.contains("/") ? apiVersion.substring(0, apiVersion.indexOf('/')) : "";
        String kind = obj.path("kind").asText().toLowerCase(Locale.ROOT);
        String name = obj.path("metadata").path("name").asText();
        out.append(kind).append(group.isEmpty() ? "" : "." + group).append('/')
                .append(name.isEmpty() ? "<unknown>" : name).append('\n');
    }

    private void printColumns(JsonNode obj, StringBuilder out) {
        StringBuilder lines = new StringBuilder();
        if (!noHeaders && !printedColumnHeaders) {
            lines.append(String.join("\t", columnHeaders)).append('\n');
            printedColumnHeaders = true;
        }
        List<JsonNode> objects = new ArrayList<>();
        if (isList(obj)) {
            obj.get("items").forEach(objects::add);
        } else {
            objects.add(obj);
        }
        for (JsonNode o : objects) {
            List<String> cells = new ArrayList<>();
            for (JsonPath p : columnPaths) {
                List<List<JsonNode>> results = p.findResults(o);
                List<String> values = new ArrayList<>();
                if (results.isEmpty() || results.get(0).isEmpty()) {
                    values.add("<none>");
                }
                for (List<JsonNode> r : results) {
                    for (JsonNode v : r) {
                        values.add(GoValues.sprint(v));
                    }
                }
                cells.add(String.join(",", values));
            }
            lines.append(String.join("\t", cells)).append('\n');
        }
        if (columnsWriter != null) {
            columnsWriter.write(lines.toString());
            return;
        }
        TabWriter w = TabWriter.kubectl(out);
        w.write(lines.toString());
        w.flush();
    }

    /**
     * Lays custom columns out with {@code writer} from now on (it must write where {@link #print} is told to);
     * the caller flushes it, so rows printed together align together.
     */
    void shareTabWriter(TabWriter writer) {
        this.columnsWriter = writer;
    }
}
