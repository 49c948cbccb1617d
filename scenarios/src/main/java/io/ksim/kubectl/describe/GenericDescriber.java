package io.ksim.kubectl.describe;

import static io.ksim.kubectl.describe.PrefixWriter.LEVEL_0;

import com.fasterxml.jackson.databind.JsonNode;
import io.ksim.api.KubeJson;
import io.ksim.api.core.Event;
import io.ksim.api.meta.KubeObject;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;
import java.util.Locale;
import java.util.Set;
import java.util.TreeSet;

/**
 * kubectl's generic describer, for kinds without a describer of their own: name, namespace, labels and
 * annotations, then every field of the object as served, sorted, with field names turned into words
 * ({@code creationTimestamp} is {@code Creation Timestamp}).
 */
final class GenericDescriber {

    private static final Set<String> SKIP = Set.of(".metadata.managedFields", ".metadata.name", ".metadata.namespace",
            ".metadata.labels", ".metadata.annotations");
    private static final Set<String> ACRONYMS = Set.of("API", "URL", "UID", "OSB", "GUID");

    private GenericDescriber() {
    }

    static String describe(KubeObject obj, List<Event> events, Instant now) {
        PrefixWriter w = new PrefixWriter();
        w.write(LEVEL_0, "Name:\t%s\n", obj.metadata().name());
        w.write(LEVEL_0, "Namespace:\t%s\n", Fmt.nz(obj.metadata().namespace()));
        Fmt.labelsMultiline(w, "Labels", obj.metadata().labels());
        Fmt.annotationsMultiline(w, "Annotations", obj.metadata().annotations());
        JsonNode tree = KubeJson.json().valueToTree(obj);
        content(w, LEVEL_0, tree, "");
        Fmt.events(w, events, now);
        return w.text();
    }

    private static void content(PrefixWriter w, int level, JsonNode map, String prefix) {
        TreeSet<String> fields = new TreeSet<>();
        for (Iterator<String> it = map.fieldNames(); it.hasNext(); ) {
            fields.add(it.next());
        }
        for (String field : fields) {
            JsonNode value = map.get(field);
            String path = prefix + "." + field;
            if (SKIP.contains(path) || value.isNull()) {
                continue;
            }
            if (value.isObject()) {
                w.write(level, "%s:\n", smartLabel(field));
                content(w, level + 1, value, path);
            } else if (value.isArray()) {
                w.write(level, "%s:\n", smartLabel(field));
                for (JsonNode child : value) {
                    if (child.isObject()) {
                        content(w, level + 1, child, path);
                    } else {
                        w.write(level + 1, "%s\n", scalar(child));
                    }
                }
            } else {
                w.write(level, "%s:\t%s\n", smartLabel(field), scalar(value));
            }
        }
    }

    private static String scalar(JsonNode v) {
        return v.isNull() ? "<nil>" : v.asText();
    }

    /** kubectl's smartLabelFor: camel-case words, title-cased, common acronyms in capitals. */
    static String smartLabel(String field) {
        for (int i = 0; i < field.length(); i++) {
            char c = field.charAt(i);
            if (!Character.isLetter(c) && c != '-') {
                return field;
            }
        }
        List<String> words = new ArrayList<>();
        for (String part : camelCaseSplit(field)) {
            if (part.equals("_")) {
                continue;
            }
            String upper = part.toUpperCase(Locale.ROOT);
            words.add(ACRONYMS.contains(upper) ? upper : title(part));
        }
        return String.join(" ", words);
    }

    private static String title(String part) {
        StringBuilder sb = new StringBuilder();
        boolean start = true;
        for (char c : part.toCharArray()) {
            sb.append(start ? Character.toTitleCase(c) : c);
            start = !Character.isLetter(c) && !Character.isDigit(c);
        }
        return sb.toString();
    }

    /** Splits at changes between lower case, upper case and other characters; "HTTPServer" is HTTP, Server. */
    private static List<String> camelCaseSplit(String s) {
        List<StringBuilder> runs = new ArrayList<>();
        int last = -1;
        for (char c : s.toCharArray()) {
            int cls = Character.isLowerCase(c) ? 1 : Character.isUpperCase(c) ? 2 : Character.isDigit(c) ? 3 : 4;
            if (cls != last) {
                runs.add(new StringBuilder());
                last = cls;
            }
            runs.get(runs.size() - 1).append(c);
        }
        for (int i = 0; i < runs.size() - 1; i++) {
            StringBuilder a = runs.get(i);
            StringBuilder b = runs.get(i + 1);
            if (a.length() > 0 && Character.isUpperCase(a.charAt(0)) && b.length() > 0
                    && Character.isLowerCase(b.charAt(0))) {
                b.insert(0, a.charAt(a.length() - 1));
                a.setLength(a.length() - 1);
            }
        }
        List<String> out = new ArrayList<>();
        for (StringBuilder r : runs) {
            if (r.length() > 0) {
                out.add(r.toString());
            }
        }
        return out;
    }
}
