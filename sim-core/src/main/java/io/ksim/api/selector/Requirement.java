package io.ksim.api.selector;

import io.ksim.api.validation.FieldError;
import io.ksim.api.validation.FieldErrors;
import io.ksim.api.validation.FieldPath;
import io.ksim.api.validation.NameValidation;
import java.util.ArrayList;
import java.util.Collection;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.OptionalLong;

/**
 * One term of a label selector: a key, an {@link Operator} and its values, e.g. {@code tier in (cache,web)}.
 * Immutable; values are kept sorted (duplicates are kept, as upstream prints them).
 *
 * <p>Matching, as upstream: {@code in}, {@code =}, {@code ==} need the key present with one of the values;
 * {@code notin} and {@code !=} also match when the key is <em>absent</em>; {@code exists} / {@code !} test
 * presence only; {@code gt} / {@code lt} need the key present with a value that parses as a 64-bit decimal
 * integer and compare numerically (so {@code x>1} does not match {@code x=v2} nor a missing {@code x}).
 */
public final class Requirement {

    private final String key;
    private final Operator operator;
    private final List<String> values;

    private Requirement(String key, Operator operator, List<String> values) {
        this.key = key;
        this.operator = operator;
        this.values = values;
    }

    /**
     * A validated requirement. Fails, with upstream's aggregated field errors as message, when the key is no
     * qualified name, a value is no valid label value, or the number of values does not fit the operator
     * (in/notin: at least one; =, ==, !=: exactly one; exists, !: none; gt, lt: exactly one integer). Example
     * message: {@code values[0]: Invalid value: "bar": for 'Gt', 'Lt' operators, the value must be an integer}.
     */
    public static Requirement of(String key, Operator op, Collection<String> values) {
        return of(key, op, values, FieldPath.none());
    }

    /** As {@link #of(String, Operator, Collection)}, with error paths below {@code path}. */
    public static Requirement of(String key, Operator op, Collection<String> values, FieldPath path) {
        List<String> vals = List.copyOf(values);
        return create(key, op, vals, path, vals);
    }

    /**
     * Builds and validates a requirement. {@code valuesForErrors} is what a values-count error shows as its bad
     * value: normally the list, but a {@link FieldError.Rendered} when upstream would show a nil slice.
     */
    static Requirement create(String key, Operator op, List<String> vals, FieldPath path, Object valuesForErrors) {
        Objects.requireNonNull(key, "key");
        Objects.requireNonNull(op, "operator");
        List<FieldError> errs = new ArrayList<>();
        FieldError keyErr = validateKey(key, path.child("key"));
        if (keyErr != null) {
            errs.add(keyErr);
        }
        FieldPath valuePath = path.child("values");
        switch (op) {
            case IN, NOT_IN -> {
                if (vals.isEmpty()) {
                    errs.add(FieldError.invalid(valuePath, valuesForErrors,
                            "for 'in', 'notin' operators, values set can't be empty"));
                }
            }
            case EQUALS, DOUBLE_EQUALS, NOT_EQUALS -> {
                if (vals.size() != 1) {
                    errs.add(FieldError.invalid(valuePath, valuesForErrors,
                            "exact-match compatibility requires one single value"));
                }
            }
            case EXISTS, DOES_NOT_EXIST -> {
                if (!vals.isEmpty()) {
                    errs.add(FieldError.invalid(valuePath, valuesForErrors,
                            "values set must be empty for exists and does not exist"));
                }
            }
            case GREATER_THAN, LESS_THAN -> {
                if (vals.size() != 1) {
                    errs.add(FieldError.invalid(valuePath, valuesForErrors,
                            "for 'Gt', 'Lt' operators, exactly one value is required"));
                }
                for (int i = 0; i < vals.size(); i++) {
                    if (parseInt64(vals.get(i)).isEmpty()) {
                        errs.add(FieldError.invalid(valuePath.index(i), vals.get(i),
                                "for 'Gt', 'Lt' operators, the value must be an integer"));
                    }
                }
            }
        }
        for (int i = 0; i < vals.size(); i++) {
            List<String> msgs = NameValidation.isValidLabelValue(vals.get(i));
            if (!msgs.isEmpty()) {
                errs.add(FieldError.invalid(valuePath.index(i).key(key), vals.get(i), String.join("; ", msgs)));
            }
        }
        if (!errs.isEmpty()) {
            throw new SelectorException(FieldErrors.aggregate(errs).orElseThrow(), FieldErrors.distinct(errs));
        }
        return unchecked(key, op, vals);
    }

    /** A requirement taken as is, for callers that validated already (upstream's "validated set" paths). */
    static Requirement unchecked(String key, Operator op, List<String> vals) {
        return new Requirement(key, op, vals.stream().sorted().toList());
    }

    /** The key check shared with the parser: all problems joined by {@code "; "} into one Invalid error. */
    static FieldError validateKey(String key, FieldPath path) {
        List<String> msgs = NameValidation.isQualifiedName(key);
        return msgs.isEmpty() ? null : FieldError.invalid(path, key, String.join("; ", msgs));
    }

    public String key() {
        return key;
    }

    public Operator operator() {
        return operator;
    }

    /** The values, sorted. */
    public List<String> values() {
        return values;
    }

    /** Whether a set of labels satisfies this requirement (see the class comment for the rules). */
    public boolean matches(Map<String, String> labels) {
        boolean has = labels.containsKey(key);
        return switch (operator) {
            case IN, EQUALS, DOUBLE_EQUALS -> has && values.contains(labels.get(key));
            case NOT_IN, NOT_EQUALS -> !has || !values.contains(labels.get(key));
            case EXISTS -> has;
            case DOES_NOT_EXIST -> !has;
            case GREATER_THAN, LESS_THAN -> {
                if (!has || values.size() != 1) {
                    yield false;
                }
                OptionalLong actual = parseInt64(labels.get(key));
                OptionalLong bound = parseInt64(values.get(0));
                if (actual.isEmpty() || bound.isEmpty()) {
                    yield false;
                }
                yield operator == Operator.GREATER_THAN
                        ? actual.getAsLong() > bound.getAsLong()
                        : actual.getAsLong() < bound.getAsLong();
            }
        };
    }

    /**
     * Go's {@code strconv.ParseInt(s, 10, 64)}: an optional sign and ASCII digits, within 64 bits. (Java's
     * parser would also take non-ASCII digits, which Go rejects.)
     */
    static OptionalLong parseInt64(String s) {
        if (s == null || s.isEmpty()) {
            return OptionalLong.empty();
        }
        int start = (s.charAt(0) == '+' || s.charAt(0) == '-') ? 1 : 0;
        if (start == s.length()) {
            return OptionalLong.empty();
        }
        for (int i = start; i < s.length(); i++) {
            char c = s.charAt(i);
            if (c < '0' || c > '9') {
                return OptionalLong.empty();
            }
        }
        try {
            return OptionalLong.of(Long.parseLong(s));
        } catch (NumberFormatException overflow) {
            return OptionalLong.empty();
        }
    }

    /**
     * The selector syntax of this requirement: {@code k=v}, {@code k==v}, {@code k!=v}, {@code k in (a,b)},
     * {@code k notin (a,b)}, {@code k}, {@code !k}, {@code k>1}, {@code k<1}. An empty value set prints as
     * {@code ()}; an empty value as nothing ({@code k=}).
     */
    @Override
    public String toString() {
        StringBuilder sb = new StringBuilder();
        if (operator == Operator.DOES_NOT_EXIST) {
            sb.append('!');
        }
        sb.append(key);
        switch (operator) {
            case EXISTS, DOES_NOT_EXIST -> {
                return sb.toString();
            }
            case EQUALS -> sb.append('=');
            case DOUBLE_EQUALS -> sb.append("==");
            case NOT_EQUALS -> sb.append("!=");
            case IN -> sb.append(" in ");
            case NOT_IN -> sb.append(" notin ");
            case GREATER_THAN -> sb.append('>');
            case LESS_THAN -> sb.append('<');
        }
        boolean set = operator == Operator.IN || operator == Operator.NOT_IN;
        if (set) {
            sb.append('(');
        }
        sb.append(String.join(",", values));
        if (set) {
            sb.append(')');
        }
        return sb.toString();
    }

    @Override
    public boolean equals(Object o) {
        return o instanceof Requirement r && r.key.equals(key) && r.operator == operator && r.values.equals(values);
    }

    @Override
    public int hashCode() {
        return Objects.hash(key, operator, values);
    }
}
