package io.ksim.apiserver.printers;

import io.ksim.api.core.Container;
import io.ksim.api.meta.LabelSelector;
import io.ksim.api.selector.SelectorException;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.stream.Collectors;

/** Cell formats several printers share: label sets, selectors, container lists, optional values. */
final class Cells {

    static final String NONE = "<none>";
    static final String UNSET = "<unset>";

    private Cells() {
    }

    /** A label set as {@code a=1,b=2} sorted by key, {@code <none>} when empty (labels.FormatLabels). */
    static String labels(Map<String, String> labels) {
        if (labels == null || labels.isEmpty()) {
            return NONE;
        }
        return new TreeMap<>(labels).entrySet().stream().map(e -> e.getKey() + "=" + e.getValue())
                .collect(Collectors.joining(","));
    }

    /**
     * A label selector in selector syntax ({@code app=web,tier in (a,b)}), {@code <none>} when it selects
     * everything or is absent, {@code <error>} when it is invalid (metav1.FormatLabelSelector).
     */
    static String labelSelector(LabelSelector selector) {
        String s;
        try {
            s = selectorString(selector);
        } catch (SelectorException e) {
            return "<error>";
        }
        return s.isEmpty() ? NONE : s;
    }

    /** The selector string with no placeholder for an empty selector; throws when it is invalid. */
    static String selectorString(LabelSelector selector) {
        if (selector == null) {
            return "";
        }
        return io.ksim.api.selector.LabelSelector.fromLabelSelector(selector.matchLabels(), selector.matchExpressions())
                .toString();
    }

    /** The containers' names, then their images, each joined by commas in spec order. */
    static String[] containersAndImages(List<Container> containers) {
        if (containers == null) {
            return new String[] {"", ""};
        }
        String names = containers.stream().map(c -> str(c.name())).collect(Collectors.joining(","));
        String images = containers.stream().map(c -> str(c.image())).collect(Collectors.joining(","));
        return new String[] {names, images};
    }

    static String str(String s) {
        return s == null ? "" : s;
    }

    static String orNone(String s) {
        return s == null || s.isEmpty() ? NONE : s;
    }

    static int num(Integer i) {
        return i == null ? 0 : i;
    }

    static <T> List<T> list(List<T> l) {
        return l == null ? List.of() : l;
    }

    static <K, V> Map<K, V> map(Map<K, V> m) {
        return m == null ? Map.of() : m;
    }

    /** A {@code *bool} the way printers print it: {@code True}, {@code False}, or {@code <unset>}. */
    static String boolPtr(Boolean b) {
        return b == null ? UNSET : b ? "True" : "False";
    }

    /** "up to three items, + N more..." as the endpoint and host columns abbreviate long lists. */
    static String listWithMore(List<String> shown, int total, int max) {
        String joined = String.join(",", shown);
        if (total > max) {
            return joined + " + " + (total - max) + " more...";
        }
        return joined.isEmpty() ? UNSET : joined;
    }
}
