package io.ksim.api;

import com.fasterxml.jackson.annotation.JsonAutoDetect;
import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.annotation.PropertyAccessor;
import com.fasterxml.jackson.core.JsonGenerator;
import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonStreamContext;
import com.fasterxml.jackson.core.JsonToken;
import com.fasterxml.jackson.databind.DeserializationContext;
import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.JsonDeserializer;
import com.fasterxml.jackson.databind.JsonSerializer;
import com.fasterxml.jackson.databind.MapperFeature;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import com.fasterxml.jackson.databind.SerializerProvider;
import com.fasterxml.jackson.databind.cfg.CoercionAction;
import com.fasterxml.jackson.databind.cfg.CoercionInputShape;
import com.fasterxml.jackson.databind.cfg.MapperBuilder;
import com.fasterxml.jackson.databind.type.LogicalType;
import com.fasterxml.jackson.databind.deser.DeserializationProblemHandler;
import com.fasterxml.jackson.databind.json.JsonMapper;
import com.fasterxml.jackson.databind.module.SimpleModule;
import com.fasterxml.jackson.dataformat.yaml.YAMLFactory;
import com.fasterxml.jackson.dataformat.yaml.YAMLGenerator;
import com.fasterxml.jackson.dataformat.yaml.YAMLMapper;
import java.io.IOException;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.time.format.DateTimeParseException;
import java.time.temporal.ChronoUnit;
import com.fasterxml.jackson.databind.JsonNode;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.Iterator;
import java.util.Map;
import java.util.Deque;
import java.util.List;

/**
 * The JSON and YAML mappers for API objects, configured as Kubernetes encodes them.
 *
 * <ul>
 *   <li>Output: empty and absent fields are omitted (Go's {@code omitempty}); object fields and map keys
 *       are written in sorted order, as kubectl prints objects.</li>
 *   <li>Times (metav1.Time) are RFC 3339 in UTC with second precision: {@code 2025-01-01T00:00:00Z}.</li>
 *   <li>Input: unknown fields are errors, all of them reported at once with their paths, as the API
 *       server's strict field validation reports them: {@code unknown field "spec.replica"}.</li>
 * </ul>
 */
public final class KubeJson {

    private static final DateTimeFormatter RFC3339_SECONDS = DateTimeFormatter.ofPattern("yyyy-MM-dd'T'HH:mm:ss'Z'")
            .withZone(ZoneOffset.UTC);

    private static final ObjectMapper JSON = configure(JsonMapper.builder()).build();
    private static final ObjectMapper YAML = configure(YAMLMapper.builder(YAMLFactory.builder()
            .disable(YAMLGenerator.Feature.WRITE_DOC_START_MARKER)
            .enable(YAMLGenerator.Feature.MINIMIZE_QUOTES)
            .enable(YAMLGenerator.Feature.ALWAYS_QUOTE_NUMBERS_AS_STRINGS)
            .enable(YAMLGenerator.Feature.INDENT_ARRAYS_WITH_INDICATOR)
            .build())).build();

    private KubeJson() {
    }

    /** The JSON mapper (thread-safe, shared). Lenient on unknown fields: use {@link #strictReader} to validate. */
    public static ObjectMapper json() {
        return JSON;
    }

    /** The YAML mapper (thread-safe, shared). */
    public static ObjectMapper yaml() {
        return YAML;
    }

    /**
     * Formats a time as metav1.Time does: RFC 3339 in UTC, whole seconds, e.g. {@code 2024-03-01T12:00:05Z}.
     * Every encoded object carries such times and the formatter looked up the UTC zone rules anew each time,
     * so years 1 to 9999 (what Go's RFC 3339 form allows) are written digit by digit; others go through
     * the formatter.
     */
    public static String formatTime(Instant t) {
        long seconds = t.getEpochSecond();
        long days = Math.floorDiv(seconds, 86_400L);
        int secondOfDay = (int) Math.floorMod(seconds, 86_400L);
        java.time.LocalDate date = java.time.LocalDate.ofEpochDay(days);
        int year = date.getYear();
        if (year < 1 || year > 9999) {
            return RFC3339_SECONDS.format(t.truncatedTo(ChronoUnit.SECONDS));
        }
        char[] out = new char[20];
        digits(out, 0, year, 4);
        out[4] = '-';
        digits(out, 5, date.getMonthValue(), 2);
        out[7] = '-';
        digits(out, 8, date.getDayOfMonth(), 2);
        out[10] = 'T';
        digits(out, 11, secondOfDay / 3600, 2);
        out[13] = ':';
        digits(out, 14, secondOfDay / 60 % 60, 2);
        out[16] = ':';
        digits(out, 17, secondOfDay % 60, 2);
        out[19] = 'Z';
        return new String(out);
    }

    /** Writes {@code value} as {@code width} decimal digits with leading zeros at {@code at}. */
    private static void digits(char[] out, int at, int value, int width) {
        for (int i = at + width - 1; i >= at; i--) {
            out[i] = (char) ('0' + value % 10);
            value /= 10;
        }
    }

    /**
     * Decodes {@code type} from a parser, collecting every unknown field instead of failing on the first.
     * The caller turns a non-empty list into upstream's {@code strict decoding error: unknown field "a",
     * unknown field "b"}.
     */
    public static <T> T decodeCollectingUnknown(ObjectMapper mapper, JsonParser parser, Class<T> type,
            List<String> unknownFields) throws IOException {
        JsonNode tree = mapper.readTree(parser);
        List<String> found = new ArrayList<>();
        T value = mapper.readerFor(type)
                .without(DeserializationFeature.FAIL_ON_UNKNOWN_PROPERTIES)
                .withHandler(new UnknownFieldCollector(found))
                .readValue(tree);
        // Jackson meets unknown fields of constructor-built objects (records) only after the known ones;
        // report them in the order they stand in the input, as the API server does.
        Map<String, Integer> order = new HashMap<>();
        documentOrder(tree, "", order);
        found.sort(Comparator.comparingInt(path -> order.getOrDefault(path, Integer.MAX_VALUE)));
        unknownFields.addAll(found);
        return value;
    }

    /** Numbers every field path of {@code node} in document order. */
    private static void documentOrder(JsonNode node, String path, Map<String, Integer> order) {
        if (node.isObject()) {
            for (Iterator<Map.Entry<String, JsonNode>> it = node.fields(); it.hasNext(); ) {
                Map.Entry<String, JsonNode> field = it.next();
                String child = path.isEmpty() ? field.getKey() : path + "." + field.getKey();
                order.putIfAbsent(child, order.size());
                documentOrder(field.getValue(), child, order);
            }
        } else if (node.isArray()) {
            for (int i = 0; i < node.size(); i++) {
                documentOrder(node.get(i), path + "[" + i + "]", order);
            }
        }
    }

    private static <M extends ObjectMapper, B extends MapperBuilder<M, B>> B configure(B builder) {
        SimpleModule time = new SimpleModule("kube-time");
        time.addSerializer(Instant.class, new JsonSerializer<>() {
            @Override
            public void serialize(Instant value, JsonGenerator gen, SerializerProvider serializers) throws IOException {
                gen.writeString(formatTime(value));
            }
        });
        time.addDeserializer(Instant.class, new JsonDeserializer<>() {
            @Override
            public Instant deserialize(JsonParser p, DeserializationContext ctxt) throws IOException {
                String text = p.getValueAsString();
                try {
                    return OffsetDateTime.parse(text).toInstant();
                } catch (DateTimeParseException e) {
                    return (Instant) ctxt.handleWeirdStringValue(Instant.class, text,
                            "parsing time \"%s\" as RFC 3339", text);
                }
            }
        });
        return builder
                // Go's decoder does not convert between JSON types: "80" is no int, 80 is no string, and
                // neither is "true" a bool. (YAML numbers reach the server as JSON numbers, as kubectl sends them.)
                .withCoercionConfig(LogicalType.Textual, c -> c
                        .setCoercion(CoercionInputShape.Integer, CoercionAction.Fail)
                        .setCoercion(CoercionInputShape.Float, CoercionAction.Fail)
                        .setCoercion(CoercionInputShape.Boolean, CoercionAction.Fail))
                .withCoercionConfig(LogicalType.Integer, c -> c
                        .setCoercion(CoercionInputShape.String, CoercionAction.Fail)
                        .setCoercion(CoercionInputShape.Float, CoercionAction.Fail))
                .withCoercionConfig(LogicalType.Float, c -> c.setCoercion(CoercionInputShape.String, CoercionAction.Fail))
                .withCoercionConfig(LogicalType.Boolean, c -> c
                        .setCoercion(CoercionInputShape.String, CoercionAction.Fail)
                        .setCoercion(CoercionInputShape.Integer, CoercionAction.Fail))
                .addModule(time)
                // Objects are records: their components are the fields; helper methods such as
                // isBeingDeleted() are not. (API records must not name helpers getX either.)
                .visibility(PropertyAccessor.IS_GETTER, JsonAutoDetect.Visibility.NONE)
                // Empty fields are left out, as Go's omitempty does; entries of maps never are: a label or a
                // ConfigMap key with the empty string as its value is kept ({"role": ""}).
                .defaultPropertyInclusion(JsonInclude.Value.construct(JsonInclude.Include.NON_EMPTY,
                        JsonInclude.Include.ALWAYS))
                .enable(MapperFeature.SORT_PROPERTIES_ALPHABETICALLY)
                .enable(SerializationFeature.ORDER_MAP_ENTRIES_BY_KEYS)
                .disable(SerializationFeature.WRITE_DATES_AS_TIMESTAMPS)
                .enable(DeserializationFeature.FAIL_ON_UNKNOWN_PROPERTIES);
    }

    /** Records the dotted path of each unknown field and skips its value. */
    private static final class UnknownFieldCollector extends DeserializationProblemHandler {
        private final List<String> unknown;

        UnknownFieldCollector(List<String> unknown) {
            this.unknown = unknown;
        }

        @Override
        public boolean handleUnknownProperty(DeserializationContext ctxt, JsonParser p,
                JsonDeserializer<?> deserializer, Object beanOrClass, String propertyName) throws IOException {
            // At an object or array value the parser has already entered it: step out to the object
            // that holds the unknown field.
            JsonStreamContext holder = p.getParsingContext();
            if (p.currentToken() == JsonToken.START_OBJECT || p.currentToken() == JsonToken.START_ARRAY) {
                holder = holder.getParent();
            }
            unknown.add(path(holder.getParent(), propertyName));
            p.skipChildren();
            return true;
        }

        /** Upstream's field path form: {@code spec.template.spec.containers[0].imagePullPolicyy}. */
        private static String path(JsonStreamContext context, String leaf) {
            Deque<String> parts = new ArrayDeque<>();
            for (JsonStreamContext c = context; c != null && !c.inRoot(); c = c.getParent()) {
                if (c.inArray()) {
                    parts.push("[" + c.getCurrentIndex() + "]");
                } else if (c.getCurrentName() != null) {
                    parts.push("." + c.getCurrentName());
                }
            }
            StringBuilder out = new StringBuilder();
            for (String part : parts) {
                out.append(part);
            }
            out.append('.').append(leaf);
            return out.charAt(0) == '.' ? out.substring(1) : out.toString();
        }
    }
}
