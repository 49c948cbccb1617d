package io.ksim.controller.hash;

import com.fasterxml.jackson.databind.JsonNode;
import io.ksim.api.KubeJson;
import io.ksim.api.core.PodTemplateSpec;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Iterator;
import java.util.List;
import java.util.Map;

/**
 * What upstream's dump.ForHash prints for a pod template: go-spew's {@code %#v} (SortKeys, DisableMethods,
 * SpewKeys, DisablePointerAddresses, DisableCapacities) of the Go struct {@code v1.PodTemplateSpec}, the text
 * the Deployment controller feeds to FNV-32a for the pod-template-hash.
 *
 * <p>The value comes from ksim's JSON of the template, walked along the Go field layout of
 * {@link GoTypeLayout}, so every Go field is printed in declaration order, the ones ksim does not set as
 * their zero values. The form, one line:
 * <pre>
 *   (v1.PodTemplateSpec){ObjectMeta:(v1.ObjectMeta){Name:(string) ... Labels:(map[string]string)map[app:nginx]
 *   ... TerminationGracePeriodSeconds:(*int64)30 ... Affinity:(*v1.Affinity)&lt;nil&gt; ...}}
 * </pre>
 * A struct field carries its type in parentheses, slice elements and map entries do not; a pointer prints
 * its target's type with a star and the target's value, or {@code <nil>}; map keys are sorted bytewise.
 * Empty slices and maps print {@code <nil>} as nil ones do: the controller reads objects decoded from
 * protobuf, which cannot tell an empty list from an absent one.
 */
public final class DumpForHash {

    private static final String TEMPLATE_TYPE = "v1.PodTemplateSpec";
    /** Seconds from Go's year 1 to the Unix epoch: time.Time keeps seconds since year 1 in {@code ext}. */
    private static final long UNIX_TO_INTERNAL = 62135596800L;

    private final GoTypeLayout layout;

    private DumpForHash(GoTypeLayout layout) {
        this.layout = layout;
    }

    /** The dump of {@code template} as v1.32's controller manager prints it. */
    public static String podTemplateSpec(PodTemplateSpec template) {
        JsonNode json = KubeJson.json().valueToTree(template);
        StringBuilder out = new StringBuilder(4096);
        new DumpForHash(GoTypeLayout.v1_32()).value(out, TEMPLATE_TYPE, json, true);
        return out.toString();
    }

    /** Prints {@code node} as a value of Go type {@code type}, with its type first when {@code showType}. */
    private void value(StringBuilder out, String type, JsonNode node, boolean showType) {
        if (type.startsWith("*")) {
            if (showType) {
                out.append('(').append(type).append(')');
            }
            if (isAbsent(node)) {
                out.append("<nil>");
                return;
            }
            if (!showType) {
                out.append("<*>");
            }
            value(out, type.substring(1), node, false);
            return;
        }
        if (showType) {
            out.append('(').append(type).append(')');
        }
        switch (type) {
            case "resource.Quantity" -> out.append(QuantityInternals.spew(isAbsent(node) ? "0" : node.asText()));
            case "intstr.IntOrString" -> intOrString(out, node);
            case "v1.Time" -> time(out, node);
            default -> plain(out, type, node);
        }
    }

    private void plain(StringBuilder out, String type, JsonNode node) {
        List<GoTypeLayout.Field> fields = layout.structFields(type);
        if (fields != null) {
            struct(out, fields, node);
            return;
        }
        String underlying = layout.underlying(type);
        if (underlying == null) {
            underlying = type;
        }
        if (underlying.startsWith("[]")) {
            slice(out, underlying.substring(2), node);
        } else if (underlying.startsWith("map[")) {
            map(out, underlying.substring(underlying.indexOf(']') + 1), node);
        } else if (underlying.equals("string")) {
            out.append(isAbsent(node) ? "" : node.asText());
        } else if (underlying.equals("bool")) {
            out.append(!isAbsent(node) && node.asBoolean());
        } else if (underlying.startsWith("int") || underlying.startsWith("uint")) {
            out.append(isAbsent(node) ? "0" : node.asText());
        } else {
            throw new IllegalStateException("no Go layout for type " + type);
        }
    }

    private void struct(StringBuilder out, List<GoTypeLayout.Field> fields, JsonNode node) {
        out.append('{');
        for (int i = 0; i < fields.size(); i++) {
            GoTypeLayout.Field f = fields.get(i);
            if (i > 0) {
                out.append(' ');
            }
            out.append(f.goName()).append(':');
            JsonNode child = f.inline() ? node : (isAbsent(node) ? null : node.get(f.jsonName()));
            value(out, f.goType(), child, true);
        }
        out.append('}');
    }

    private void slice(StringBuilder out, String elemType, JsonNode node) {
        if (isAbsent(node) || node.isEmpty()) {
            out.append("<nil>");
            return;
        }
        out.append('[');
        for (int i = 0; i < node.size(); i++) {
            if (i > 0) {
                out.append(' ');
            }
            value(out, elemType, node.get(i), false);
        }
        out.append(']');
    }

    private void map(StringBuilder out, String valueType, JsonNode node) {
        if (isAbsent(node) || node.isEmpty()) {
            out.append("<nil>");
            return;
        }
        List<Map.Entry<String, JsonNode>> entries = new ArrayList<>();
        for (Iterator<Map.Entry<String, JsonNode>> it = node.fields(); it.hasNext(); ) {
            entries.add(it.next());
        }
        // go-spew sorts string keys as Go compares strings: by their UTF-8 bytes.
        entries.sort((a, b) -> Arrays.compareUnsigned(a.getKey().getBytes(StandardCharsets.UTF_8),
                b.getKey().getBytes(StandardCharsets.UTF_8)));
        out.append("map[");
        for (int i = 0; i < entries.size(); i++) {
            if (i > 0) {
                out.append(' ');
            }
            out.append(entries.get(i).getKey()).append(':');
            value(out, valueType, entries.get(i).getValue(), false);
        }
        out.append(']');
    }

    private static void intOrString(StringBuilder out, JsonNode node) {
        boolean isString = !isAbsent(node) && node.isTextual();
        out.append("{Type:(intstr.Type)").append(isString ? 1 : 0)
                .append(" IntVal:(int32)").append(isString || isAbsent(node) ? "0" : node.asText())
                .append(" StrVal:(string)").append(isString ? node.asText() : "").append('}');
    }

    // A time.Time of seconds since year 1 in ext and nanoseconds in wall; ksim's times have whole seconds.
    // Upstream's decoded times carry the controller manager's local zone; ksim prints them as UTC (loc nil).
    private static void time(StringBuilder out, JsonNode node) {
        long wall = 0;
        long ext = 0;
        if (!isAbsent(node)) {
            Instant t = Instant.parse(node.asText());
            wall = t.getNano();
            ext = t.getEpochSecond() + UNIX_TO_INTERNAL;
        }
        out.append("{Time:(time.Time){wall:(uint64)").append(wall).append(" ext:(int64)").append(ext)
                .append(" loc:(*time.Location)<nil>}}");
    }

    private static boolean isAbsent(JsonNode node) {
        return node == null || node.isNull() || node.isMissingNode();
    }
}
