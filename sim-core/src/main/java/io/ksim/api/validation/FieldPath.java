package io.ksim.api.validation;

import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Objects;

/**
 * The path from the root of an object to one field, as the API server names it in field errors.
 *
 * <p>Renders as Kubernetes does: children are joined with {@code .}, and both list indices and map keys are
 * written in brackets with no quoting, so
 * <pre>{@code
 * FieldPath.of("spec").child("containers").index(0).child("name")   // spec.containers[0].name
 * FieldPath.of("metadata", "annotations").key("a/b")                 // metadata.annotations[a/b]
 * }</pre>
 * Note that label and annotation errors are reported at {@code metadata.labels} itself, with the offending key
 * or value as the bad value, not at {@code metadata.labels[key]}.
 *
 * <p>{@link #none()} stands for the absent path: it renders as {@code <nil>} (which upstream really prints in some
 * selector parse errors), and a child of it starts a new root.
 */
public final class FieldPath {

    /** One step: a field name, or (when name is empty) a subscript. */
    private record Step(String name, String subscript) {
    }

    private static final FieldPath NONE = new FieldPath(List.of());

    private final List<Step> steps;

    private FieldPath(List<Step> steps) {
        this.steps = steps;
    }

    /** A root path made of one or more field names: {@code of("metadata", "name")} is {@code metadata.name}. */
    public static FieldPath of(String name, String... more) {
        return NONE.child(name, more);
    }

    /** The absent path; renders as {@code <nil>}. */
    public static FieldPath none() {
        return NONE;
    }

    /** This path extended by one or more field names. */
    public FieldPath child(String name, String... more) {
        List<Step> next = new ArrayList<>(steps.size() + 1 + more.length);
        next.addAll(steps);
        next.add(new Step(Objects.requireNonNull(name, "name"), ""));
        for (String m : more) {
            next.add(new Step(Objects.requireNonNull(m, "name"), ""));
        }
        return new FieldPath(Collections.unmodifiableList(next));
    }

    /** This path subscripted by a list index: {@code [3]}. */
    public FieldPath index(int index) {
        return subscript(Integer.toString(index));
    }

    /** This path subscripted by a map key: {@code [key]}, with the key written as is. */
    public FieldPath key(String key) {
        return subscript(Objects.requireNonNull(key, "key"));
    }

    private FieldPath subscript(String s) {
        List<Step> next = new ArrayList<>(steps.size() + 1);
        next.addAll(steps);
        next.add(new Step("", s));
        return new FieldPath(Collections.unmodifiableList(next));
    }

    @Override
    public String toString() {
        if (steps.isEmpty()) {
            return "<nil>";
        }
        StringBuilder sb = new StringBuilder();
        for (int i = 0; i < steps.size(); i++) {
            Step s = steps.get(i);
            // A step with an empty name is a subscript, even a child("") one, exactly as upstream renders it.
            if (s.name().isEmpty()) {
                sb.append('[').append(s.subscript()).append(']');
            } else {
                if (i > 0) {
                    sb.append('.');
                }
                sb.append(s.name());
            }
        }
        return sb.toString();
    }

    @Override
    public boolean equals(Object o) {
        return o instanceof FieldPath p && p.steps.equals(steps);
    }

    @Override
    public int hashCode() {
        return steps.hashCode();
    }
}
