package io.ksim.apiserver.patch;

import com.fasterxml.jackson.annotation.JsonProperty;
import io.ksim.api.meta.PatchStrategy;
import java.lang.reflect.GenericArrayType;
import java.lang.reflect.ParameterizedType;
import java.lang.reflect.RecordComponent;
import java.lang.reflect.Type;
import java.lang.reflect.WildcardType;
import java.time.Instant;
import java.util.Collection;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * The patch metadata of a position in an API object, read from the Java type that models it, as upstream
 * reads the {@code patchStrategy}/{@code patchMergeKey} tags of the Go struct. Walks alongside the JSON:
 * a record's components by JSON name, {@code List<X>} to X, {@code Map<String, X>} (sorted or not) to X for
 * any key; {@link io.ksim.api.meta.Opaque}, {@code JsonNode} and other non-record classes are opaque (no
 * metadata anywhere below: objects merge, lists are replaced).
 *
 * <pre>
 * PatchMeta pod = PatchMeta.of(Pod.class);
 * PatchMeta.Field f = pod.lookupForStruct("spec").schema().lookupForSlice("containers");
 * f.strategies()  == ["merge"];  f.mergeKey() == "name";  f.schema() is the meta of Container
 * </pre>
 */
public final class PatchMeta {

    /** What a lookup found: the metadata below the field, its strategies and its merge key. */
    public record Field(PatchMeta schema, List<String> strategies, String mergeKey) {
    }

    private static final PatchMeta OPAQUE = new PatchMeta(Object.class, Shape.OPAQUE);

    private static final ClassValue<Map<String, RecordComponent>> COMPONENTS = new ClassValue<>() {
        @Override
        protected Map<String, RecordComponent> computeValue(Class<?> type) {
            Map<String, RecordComponent> byName = new LinkedHashMap<>();
            for (RecordComponent c : type.getRecordComponents()) {
                JsonProperty renamed = c.getAccessor().getAnnotation(JsonProperty.class);
                String name = renamed != null && !renamed.value().isEmpty() ? renamed.value() : c.getName();
                byName.put(name, c);
            }
            return Map.copyOf(byName);
        }
    };

    private enum Shape { RECORD, MAP, LIST, SCALAR, OPAQUE }

    private final Type type;
    private final Shape shape;

    private PatchMeta(Type type, Shape shape) {
        this.type = type;
        this.shape = shape;
    }

    /** The metadata of a type: a record for an API object, or any type a component can have. */
    public static PatchMeta of(Type type) {
        Class<?> raw = raw(type);
        if (raw.isRecord()) {
            return new PatchMeta(type, Shape.RECORD);
        }
        if (Map.class.isAssignableFrom(raw)) {
            return new PatchMeta(type, Shape.MAP);
        }
        if (Collection.class.isAssignableFrom(raw) || raw.isArray() && raw != byte[].class) {
            return new PatchMeta(type, Shape.LIST);
        }
        if (raw.isPrimitive() || raw.isEnum() || CharSequence.class.isAssignableFrom(raw)
                || Number.class.isAssignableFrom(raw) || raw == Boolean.class || raw == Instant.class
                || raw == byte[].class) {
            return new PatchMeta(type, Shape.SCALAR);
        }
        return OPAQUE;
    }

    /** Metadata that knows nothing: every object merges, every list is replaced. */
    public static PatchMeta opaque() {
        return OPAQUE;
    }

    /**
     * The field {@code key} of the object at this position.
     *
     * @throws PatchException when a record has no such field, or this position is not an object
     */
    public Field lookupForStruct(String key) {
        switch (shape) {
            case RECORD: {
                Class<?> record = raw(type);
                Map<String, RecordComponent> components = COMPONENTS.get(record);
                RecordComponent c = components.get(key);
                if (c == null) {
                    c = components.entrySet().stream().filter(e -> e.getKey().equalsIgnoreCase(key))
                            .map(Map.Entry::getValue).findFirst().orElse(null);
                }
                if (c == null) {
                    throw PatchException.unknown("unable to find api field in struct " + record.getSimpleName()
                            + " for the json field \"" + key + "\"");
                }
                return new Field(of(c.getGenericType()), strategies(c.getAnnotation(PatchStrategy.class)),
                        mergeKey(c.getAnnotation(PatchStrategy.class)));
            }
            case MAP:
                return new Field(of(typeArgument(type, 1)), List.of(""), "");
            case OPAQUE:
                return new Field(OPAQUE, List.of(""), "");
            default:
                throw PatchException.unknown(
                        "merging an object in json but data type is not struct, instead is: " + name());
        }
    }

    /**
     * The list field {@code key}: its strategies and merge key, with the metadata of its elements.
     *
     * @throws PatchException as {@link #lookupForStruct}, or when the field is not a list
     */
    public Field lookupForSlice(String key) {
        Field field = lookupForStruct(key);
        PatchMeta list = field.schema();
        if (list.shape == Shape.OPAQUE || list.shape == Shape.RECORD) {
            // A record field is an optional struct, a pointer in Go: upstream looks through the pointer.
            return field;
        }
        if (list.shape != Shape.LIST) {
            throw PatchException.unknown("expected slice or array type, but got: " + name());
        }
        PatchMeta element = of(elementType(list.type));
        if (element.shape == Shape.LIST) {
            throw PatchException.unknown("unexpected slice of slice");
        }
        return new Field(element, field.strategies(), field.mergeKey());
    }

    /** The Go kind of this position, as upstream names it in messages: struct, map, slice, string, ... */
    public String name() {
        switch (shape) {
            case RECORD:
                return "struct";
            case MAP:
                return "map";
            case LIST:
                return "slice";
            case OPAQUE:
                return "interface";
            default:
                Class<?> raw = raw(type);
                if (raw == Integer.class || raw == int.class) {
                    return "int32";
                }
                if (raw == Long.class || raw == long.class) {
                    return "int64";
                }
                if (raw == Boolean.class || raw == boolean.class) {
                    return "bool";
                }
                if (raw == Double.class || raw == double.class) {
                    return "float64";
                }
                return raw == Instant.class ? "struct" : "string";
        }
    }

    @Override
    public String toString() {
        return "PatchMeta[" + type.getTypeName() + "]";
    }

    private static List<String> strategies(PatchStrategy tag) {
        if (tag == null) {
            return List.of("");
        }
        String main = tag.replace() ? "replace" : "merge";
        return tag.retainKeys() ? List.of(main, "retainKeys") : List.of(main);
    }

    private static String mergeKey(PatchStrategy tag) {
        return tag == null ? "" : tag.mergeKey();
    }

    private static Class<?> raw(Type type) {
        if (type instanceof Class<?> c) {
            return c;
        }
        if (type instanceof ParameterizedType p) {
            return (Class<?>) p.getRawType();
        }
        if (type instanceof GenericArrayType g) {
            return java.lang.reflect.Array.newInstance(raw(g.getGenericComponentType()), 0).getClass();
        }
        if (type instanceof WildcardType w) {
            return raw(w.getUpperBounds()[0]);
        }
        return Object.class;
    }

    private static Type elementType(Type listType) {
        if (listType instanceof GenericArrayType g) {
            return g.getGenericComponentType();
        }
        Class<?> raw = raw(listType);
        if (raw.isArray()) {
            return raw.getComponentType();
        }
        return typeArgument(listType, 0);
    }

    private static Type typeArgument(Type type, int index) {
        if (type instanceof ParameterizedType p && p.getActualTypeArguments().length > index) {
            return p.getActualTypeArguments()[index];
        }
        return Object.class;
    }
}
