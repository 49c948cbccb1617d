package io.ksim.api.selector;

import io.ksim.api.meta.LabelSelectorRequirement;
import io.ksim.api.validation.FieldError;
import io.ksim.api.validation.FieldPath;
import io.ksim.api.validation.GoFormat;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;

/**
 * An immutable label selector: the AND of its {@link Requirement}s, kept sorted by key.
 *
 * <pre>{@code
 * LabelSelector s = LabelSelector.parse("tier in (web, cache), !canary, env!=prod");
 * s.toString();                                          // "!canary,env!=prod,tier in (cache,web)"
 * s.matches(Map.of("tier", "web"));                      // true: no canary, and env is absent
 * LabelSelector.parse("").matches(anything);             // true
 * }</pre>
 * {@link #toString()} is upstream's canonical form (requirements by key, values sorted, no spaces but around
 * {@code in}/{@code notin}), and parsing it gives back an equal selector. {@link #nothing()} is the selector of
 * an absent (null) API selector: it matches no labels and prints as the empty string.
 */
public final class LabelSelector {

    private static final LabelSelector EVERYTHING = new LabelSelector(List.of(), false);
    private static final LabelSelector NOTHING = new LabelSelector(List.of(), true);

    /** Upstream sorts with an unstable sort; it keeps the input order of equal keys for the small lists here. */
    private static final Comparator<Requirement> BY_KEY = Comparator.comparing(Requirement::key);

    private final List<Requirement> requirements;
    private final boolean nothing;

    private LabelSelector(List<Requirement> requirements, boolean nothing) {
        this.requirements = requirements;
        this.nothing = nothing;
    }

    /** Matches every set of labels; prints as the empty string. */
    public static LabelSelector everything() {
        return EVERYTHING;
    }

    /** Matches no labels at all (what an absent selector means to a controller). */
    public static LabelSelector nothing() {
        return NOTHING;
    }

    /**
     * Parses the selector syntax (see {@link LabelSelectorParser} for the grammar). Errors carry upstream's
     * texts, for example {@code found 'y', expected: ',' or 'end of string'} or
     * {@code unable to parse requirement: <nil>: Invalid value: "a/b/c": a qualified name must consist of ...}.
     *
     * @throws SelectorException when the string is no valid selector
     */
    public static LabelSelector parse(String selector) {
        return parse(selector, FieldPath.none());
    }

    /** As {@link #parse(String)}, with field errors reported below {@code path}. */
    public static LabelSelector parse(String selector, FieldPath path) {
        return of(LabelSelectorParser.parse(selector, path));
    }

    /** The AND of the given requirements. */
    public static LabelSelector of(List<Requirement> requirements) {
        List<Requirement> sorted = new ArrayList<>(requirements);
        sorted.sort(BY_KEY);
        return sorted.isEmpty() ? EVERYTHING : new LabelSelector(List.copyOf(sorted), false);
    }

    /**
     * The selector requiring exactly these labels ({@code k=v} for each), without checking keys or values, as
     * upstream's {@code SelectorFromSet}; an empty map selects everything.
     */
    public static LabelSelector fromSet(Map<String, String> labels) {
        List<Requirement> reqs = new ArrayList<>(labels.size());
        for (Map.Entry<String, String> e : new TreeMap<>(labels).entrySet()) {
            reqs.add(Requirement.unchecked(e.getKey(), Operator.EQUALS, List.of(e.getValue())));
        }
        return of(reqs);
    }

    /** As {@link #fromSet(Map)}, but every key and value is validated first. */
    public static LabelSelector validatedFromSet(Map<String, String> labels) {
        List<Requirement> reqs = new ArrayList<>(labels.size());
        for (Map.Entry<String, String> e : new TreeMap<>(labels).entrySet()) {
            reqs.add(Requirement.of(e.getKey(), Operator.EQUALS, List.of(e.getValue())));
        }
        return of(reqs);
    }

    /**
     * Converts the API's structured selector ({@code matchLabels} plus {@code matchExpressions}) as the
     * controllers do. Both empty (or null) select everything; for an absent selector use {@link #nothing()}.
     * The first bad requirement fails the conversion with its aggregated field errors (values of a bad
     * expression are shown as upstream holds them, e.g. {@code values: Invalid value: []string(nil): for 'in',
     * 'notin' operators, values set can't be empty}); an unknown operator fails with
     * {@code "Foo" is not a valid label selector operator}. Match labels are visited in key order (upstream's
     * order is random, which only matters when several are invalid).
     *
     * @throws SelectorException when a label or expression is invalid
     */
    public static LabelSelector fromLabelSelector(Map<String, String> matchLabels, List<LabelSelectorRequirement> matchExpressions) {
        Map<String, String> labels = matchLabels == null ? Map.of() : matchLabels;
        List<LabelSelectorRequirement> exprs = matchExpressions == null ? List.of() : matchExpressions;
        if (labels.isEmpty() && exprs.isEmpty()) {
            return EVERYTHING;
        }
        List<Requirement> reqs = new ArrayList<>(labels.size() + exprs.size());
        for (Map.Entry<String, String> e : new TreeMap<>(labels).entrySet()) {
            reqs.add(Requirement.of(e.getKey(), Operator.EQUALS, List.of(e.getValue())));
        }
        for (LabelSelectorRequirement expr : exprs) {
            Operator op = switch (expr.operator()) {
                case LabelSelectorRequirement.IN -> Operator.IN;
                case LabelSelectorRequirement.NOT_IN -> Operator.NOT_IN;
                case LabelSelectorRequirement.EXISTS -> Operator.EXISTS;
                case LabelSelectorRequirement.DOES_NOT_EXIST -> Operator.DOES_NOT_EXIST;
                default -> throw new SelectorException(
                        GoFormat.quote(expr.operator()) + " is not a valid label selector operator");
            };
            List<String> values = expr.values();
            // Upstream copies the values into a fresh slice, which is nil when there are none.
            Object shown = values.isEmpty() ? new FieldError.Rendered(GoFormat.stringSlice(null)) : values;
            reqs.add(Requirement.create(expr.key(), op, values, FieldPath.none(), shown));
        }
        return of(reqs);
    }

    /** This selector with more requirements; the result is sorted by key again. */
    public LabelSelector add(Requirement... more) {
        List<Requirement> all = new ArrayList<>(requirements);
        all.addAll(Arrays.asList(more));
        return of(all);
    }

    /** Whether every requirement holds for {@code labels}; always false for {@link #nothing()}. */
    public boolean matches(Map<String, String> labels) {
        if (nothing) {
            return false;
        }
        for (Requirement r : requirements) {
            if (!r.matches(labels)) {
                return false;
            }
        }
        return true;
    }

    /** True when this selector restricts nothing (it has no requirements and is not {@link #nothing()}). */
    public boolean isEmpty() {
        return !nothing && requirements.isEmpty();
    }

    /** True only for {@link #nothing()}. */
    public boolean isNothing() {
        return nothing;
    }

    /** The requirements, sorted by key. */
    public List<Requirement> requirements() {
        return requirements;
    }

    /**
     * The single value this selector demands for {@code key}, if its first requirement on that key is
     * {@code =}, {@code ==} or a one-value {@code in}; lets a caller narrow a lookup (e.g. by an index).
     */
    public Optional<String> requiresExactMatch(String key) {
        for (Requirement r : requirements) {
            if (r.key().equals(key)) {
                boolean exact = r.operator() == Operator.EQUALS || r.operator() == Operator.DOUBLE_EQUALS
                        || r.operator() == Operator.IN;
                return exact && r.values().size() == 1 ? Optional.of(r.values().get(0)) : Optional.empty();
            }
        }
        return Optional.empty();
    }

    /** The canonical selector string; empty for {@link #everything()} and {@link #nothing()}. */
    @Override
    public String toString() {
        StringBuilder sb = new StringBuilder();
        for (int i = 0; i < requirements.size(); i++) {
            if (i > 0) {
                sb.append(',');
            }
            sb.append(requirements.get(i));
        }
        return sb.toString();
    }

    @Override
    public boolean equals(Object o) {
        return o instanceof LabelSelector s && s.nothing == nothing && s.requirements.equals(requirements);
    }

    @Override
    public int hashCode() {
        return requirements.hashCode() * 31 + (nothing ? 1 : 0);
    }
}
