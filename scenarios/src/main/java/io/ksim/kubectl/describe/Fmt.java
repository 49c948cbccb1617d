package io.ksim.kubectl.describe;

import static io.ksim.kubectl.describe.PrefixWriter.LEVEL_0;
import static io.ksim.kubectl.describe.PrefixWriter.LEVEL_1;

import io.ksim.api.core.Event;
import io.ksim.api.core.Taint;
import io.ksim.api.core.Toleration;
import io.ksim.api.meta.KubeObject;
import io.ksim.api.meta.LabelSelector;
import io.ksim.api.meta.OwnerReference;
import io.ksim.api.resource.IntOrString;
import io.ksim.api.resource.Quantity;
import io.ksim.apiserver.printers.HumanDuration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;

/** The small formats kubectl's describers share: times, ages, label and annotation blocks, events. */
final class Fmt {

    /** Go's RFC1123Z layout; ksim's clock is UTC, so the offset is always +0000. */
    private static final DateTimeFormatter RFC1123Z =
            DateTimeFormatter.ofPattern("EEE, dd MMM yyyy HH:mm:ss Z", Locale.ROOT).withZone(ZoneOffset.UTC);

    /** The annotation kubectl never shows: the last applied configuration. */
    private static final Set<String> SKIP_ANNOTATIONS = Set.of("kubectl.kubernetes.io/last-applied-configuration");
    private static final int MAX_ANNOTATION_LEN = 140;

    private Fmt() {
    }

    /** {@code Mon, 02 Jan 2006 15:04:05 -0700}; Go's zero time for an absent one. */
    static String time(Instant t) {
        return t == null ? "Mon, 01 Jan 0001 00:00:00 +0000" : RFC1123Z.format(t);
    }

    /** How long ago {@code t} was, in kubectl's short form ({@code 5m30s}), or {@code <unknown>}. */
    static String since(Instant t, Instant now) {
        return HumanDuration.since(t, now);
    }

    static String orNone(String s) {
        return s == null || s.isEmpty() ? "<none>" : s;
    }

    static String nz(String s) {
        return s == null ? "" : s;
    }

    static String bool(boolean b) {
        return b ? "True" : "False";
    }

    static String boolPtr(Boolean b) {
        return b == null ? "<unset>" : bool(b);
    }

    /** Go's {@code %v} of an int pointer field that is nil: the describers print 0. */
    static long num(Number n) {
        return n == null ? 0 : n.longValue();
    }

    static String quantity(Quantity q) {
        return q == null ? "0" : q.toString();
    }

    static String intOrString(IntOrString v) {
        return v == null ? "" : v.isInt() ? Integer.toString(v.intVal()) : v.strVal();
    }

    /** metav1.FormatLabelSelector: the selector's canonical text or {@code <none>}. */
    static String selector(LabelSelector s) {
        if (s == null) {
            return "<none>";
        }
        return orNone(selectorString(s));
    }

    /** The selector's canonical text, empty for one that selects everything. */
    static String selectorString(LabelSelector s) {
        return io.ksim.api.selector.LabelSelector.fromLabelSelector(s.matchLabels(), s.matchExpressions()).toString();
    }

    /** labels.FormatLabels: {@code k=v,k2=v2} sorted, or {@code <none>}. */
    static String labels(Map<String, String> labels) {
        if (labels == null || labels.isEmpty()) {
            return "<none>";
        }
        StringBuilder sb = new StringBuilder();
        new TreeMap<>(labels).forEach((k, v) -> sb.append(sb.length() == 0 ? "" : ",").append(k).append('=').append(v));
        return sb.toString();
    }

    /** {@code Kind/name} of the object's controller, or null. */
    static String controller(KubeObject obj) {
        for (OwnerReference ref : obj.metadata().ownerReferences()) {
            if (Boolean.TRUE.equals(ref.controller())) {
                return ref.kind() + "/" + ref.name();
            }
        }
        return null;
    }

    static void labelsMultiline(PrefixWriter w, String title, Map<String, String> labels) {
        labelsMultiline(w, "", title, "\t", labels);
    }

    static void labelsMultiline(PrefixWriter w, String initialIndent, String title, String innerIndent,
            Map<String, String> labels) {
        w.write(LEVEL_0, "%s%s:%s", initialIndent, title, innerIndent);
        if (labels == null || labels.isEmpty()) {
            w.writeLine("<none>");
            return;
        }
        boolean first = true;
        for (Map.Entry<String, String> e : new TreeMap<>(labels).entrySet()) {
            if (!first) {
                w.write(LEVEL_0, "%s", initialIndent);
                w.write(LEVEL_0, "%s", innerIndent);
            }
            first = false;
            w.write(LEVEL_0, "%s=%s\n", e.getKey(), e.getValue());
        }
    }

    static void annotationsMultiline(PrefixWriter w, String title, Map<String, String> annotations) {
        w.write(LEVEL_0, "%s:\t", title);
        List<String> keys = new ArrayList<>();
        for (String k : new TreeMap<>(annotations == null ? Map.of() : annotations).keySet()) {
            if (!SKIP_ANNOTATIONS.contains(k)) {
                keys.add(k);
            }
        }
        if (keys.isEmpty()) {
            w.writeLine("<none>");
            return;
        }
        String indent = "\t";
        for (int i = 0; i < keys.size(); i++) {
            String key = keys.get(i);
            if (i != 0) {
                w.write(LEVEL_0, indent);
            }
            String value = annotations.get(key);
            if (value.endsWith("\n")) {
                value = value.substring(0, value.length() - 1);
            }
            if (value.length() + key.length() + 2 > MAX_ANNOTATION_LEN || value.contains("\n")) {
                w.write(LEVEL_0, "%s:\n", key);
                for (String s : value.split("\n", -1)) {
                    w.write(LEVEL_0, "%s  %s\n", indent, shorten(s, MAX_ANNOTATION_LEN - 2));
                }
            } else {
                w.write(LEVEL_0, "%s: %s\n", key, value);
            }
        }
    }

    private static String shorten(String s, int max) {
        return s.length() > max ? s.substring(0, max) + "..." : s;
    }

    static void taintsMultiline(PrefixWriter w, String title, List<Taint> taints) {
        w.write(LEVEL_0, "%s:%s", title, "\t");
        if (taints.isEmpty()) {
            w.writeLine("<none>");
            return;
        }
        List<Taint> sorted = new ArrayList<>(taints);
        sorted.sort(Comparator.comparing(t -> nz(t.effect()) + "," + nz(t.key())));
        for (int i = 0; i < sorted.size(); i++) {
            if (i != 0) {
                w.write(LEVEL_0, "%s", "\t");
            }
            Taint t = sorted.get(i);
            String value = t.value() == null || t.value().isEmpty() ? "" : "=" + t.value();
            w.write(LEVEL_0, "%s\n", t.key() + value + ":" + nz(t.effect()));
        }
    }

    static void tolerationsMultiline(PrefixWriter w, String initialIndent, String title, List<Toleration> tolerations) {
        String innerIndent = "\t";
        w.write(LEVEL_0, "%s%s:%s", initialIndent, title, innerIndent);
        if (tolerations.isEmpty()) {
            w.writeLine("<none>");
            return;
        }
        List<Toleration> sorted = new ArrayList<>(tolerations);
        sorted.sort(Comparator.comparing(t -> nz(t.key())));
        for (int i = 0; i < sorted.size(); i++) {
            Toleration t = sorted.get(i);
            if (i != 0) {
                w.write(LEVEL_0, "%s", initialIndent);
                w.write(LEVEL_0, "%s", innerIndent);
            }
            w.write(LEVEL_0, "%s", nz(t.key()));
            if (t.value() != null && !t.value().isEmpty()) {
                w.write(LEVEL_0, "=%s", t.value());
            }
            if (t.effect() != null && !t.effect().isEmpty()) {
                w.write(LEVEL_0, ":%s", t.effect());
            }
            if ("Exists".equals(t.operator()) && (t.value() == null || t.value().isEmpty())) {
                boolean keyOrEffect = (t.key() != null && !t.key().isEmpty()) || (t.effect() != null && !t.effect().isEmpty());
                w.write(LEVEL_0, keyOrEffect ? " op=Exists" : "op=Exists");
            }
            if (t.tolerationSeconds() != null) {
                w.write(LEVEL_0, " for %ds", t.tolerationSeconds());
            }
            w.write(LEVEL_0, "\n");
        }
    }

    /** The Events section: {@code <none>}, or a table sorted by last timestamp with kubectl's intervals. */
    static void events(PrefixWriter w, List<Event> events, Instant now) {
        if (events == null) {
            return;
        }
        if (events.isEmpty()) {
            w.write(LEVEL_0, "Events:\t<none>\n");
            return;
        }
        List<Event> sorted = new ArrayList<>(events);
        // A stable sort by lastTimestamp, an absent one first (Go's zero time).
        sorted.sort(Comparator.comparing(e -> e.lastTimestamp() == null ? Instant.MIN : e.lastTimestamp()));
        w.write(LEVEL_0, "Events:\n  Type\tReason\tAge\tFrom\tMessage\n");
        w.write(LEVEL_1, "----\t------\t----\t----\t-------\n");
        for (Event e : sorted) {
            Instant eventTime = e.eventTime() == null ? null : e.eventTime().time();
            String first = eventTime != null ? since(eventTime, now) : since(e.firstTimestamp(), now);
            String interval;
            if (e.series() != null) {
                Instant last = e.series().lastObservedTime() == null ? null : e.series().lastObservedTime().time();
                interval = String.format("%s (x%d over %s)", since(last, now), num(e.series().count()), first);
            } else if (e.count() != null && e.count() > 1) {
                interval = String.format("%s (x%d over %s)", since(e.lastTimestamp(), now), e.count(), first);
            } else {
                interval = first;
            }
            String source = e.source() == null ? "" : nz(e.source().component());
            if (source.isEmpty()) {
                source = nz(e.reportingComponent());
            }
            w.write(LEVEL_1, "%s\t%s\t%s\t%s\t%s\n", nz(e.type()), nz(e.reason()), interval, source,
                    nz(e.message()).strip());
        }
    }
}
