package io.ksim.controller.hash;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * The Go declarations of the v1.32 API types under core/v1 PodTemplateSpec, as go-spew sees them through
 * reflection: each struct's fields in declaration order with their Go names, JSON names and Go type
 * strings, and the kind of each named non-struct type ({@code v1.Protocol} is a string,
 * {@code v1.ResourceList} a map). Read once from {@value #RESOURCE}, which lists them one per line:
 * <pre>
 *   struct v1.Affinity
 *     NodeAffinity nodeAffinity,omitempty *v1.NodeAffinity
 *   type v1.Protocol string
 *   type v1.ResourceList map[v1.ResourceName]resource.Quantity
 * </pre>
 */
final class GoTypeLayout {

    static final String RESOURCE = "podtemplatespec-v1.32.layout";

    /**
     * One field of a Go struct; {@code inline} when it is embedded and shares its parent's JSON object,
     * {@code omitEmpty} when encoding/json leaves it out while it is empty.
     */
    record Field(String goName, String jsonName, String goType, boolean inline, boolean omitEmpty) {
    }

    private static final GoTypeLayout V1_32 = load();

    private final Map<String, List<Field>> structs;
    private final Map<String, String> namedTypes;

    private GoTypeLayout(Map<String, List<Field>> structs, Map<String, String> namedTypes) {
        this.structs = structs;
        this.namedTypes = namedTypes;
    }

    /** The layout of Kubernetes v1.32. */
    static GoTypeLayout v1_32() {
        return V1_32;
    }

    /** The fields of struct {@code goType}, or null when it is no struct of this layout. */
    List<Field> structFields(String goType) {
        return structs.get(goType);
    }

    /**
     * What a named non-struct type stands for ({@code "string"}, {@code "int32"}, {@code "map[K]V"}), the
     * type itself for Go's predeclared types, or null when the layout does not know it.
     */
    String underlying(String goType) {
        if (PREDECLARED.contains(goType)) {
            return goType;
        }
        return namedTypes.get(goType);
    }

    private static final List<String> PREDECLARED = List.of("string", "bool", "int", "int8", "int16", "int32",
            "int64", "uint", "uint8", "uint16", "uint32", "uint64");

    private static GoTypeLayout load() {
        Map<String, List<Field>> structs = new HashMap<>();
        Map<String, String> named = new HashMap<>();
        try (InputStream in = GoTypeLayout.class.getResourceAsStream(RESOURCE)) {
            if (in == null) {
                throw new IllegalStateException("missing resource " + RESOURCE);
            }
            BufferedReader reader = new BufferedReader(new InputStreamReader(in, StandardCharsets.UTF_8));
            List<Field> current = null;
            for (String line = reader.readLine(); line != null; line = reader.readLine()) {
                if (line.isBlank() || line.startsWith("#")) {
                    continue;
                }
                String[] parts = line.trim().split(" ");
                if (line.startsWith("struct ")) {
                    current = new ArrayList<>();
                    structs.put(parts[1], current);
                } else if (line.startsWith("type ")) {
                    named.put(parts[1], parts[2]);
                    current = null;
                } else if (current != null && parts.length == 3) {
                    boolean inline = parts[1].equals("-inline");
                    boolean omitEmpty = parts[1].endsWith(",omitempty");
                    String jsonName = inline ? null : parts[1].replace(",omitempty", "");
                    current.add(new Field(parts[0], jsonName, parts[2], inline, omitEmpty));
                } else {
                    throw new IllegalStateException(RESOURCE + ": cannot read line: " + line);
                }
            }
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        structs.replaceAll((k, v) -> List.copyOf(v));
        return new GoTypeLayout(Map.copyOf(structs), Map.copyOf(named));
    }
}
