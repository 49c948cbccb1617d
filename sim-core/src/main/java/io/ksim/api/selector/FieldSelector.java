package io.ksim.api.selector;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.TreeMap;

/**
 * An immutable field selector: the AND of terms {@code field=value} (also written {@code ==}) and
 * {@code field!=value}, matched against an object's selectable fields ({@code metadata.name},
 * {@code metadata.namespace}, {@code spec.nodeName}, {@code status.phase}, ...).
 *
 * <pre>{@code
 * FieldSelector s = FieldSelector.parse("status.phase!=Failed,spec.nodeName=node-1");
 * s.toString();                                    // "spec.nodeName=node-1,status.phase!=Failed"
 * s.matches(Map.of("spec.nodeName", "node-1"));    // true: a missing field reads as ""
 * FieldSelector.parse("spec.nodeName=");           // pods not yet scheduled
 * }</pre>
 * As upstream: terms are split at unescaped commas and sorted as raw text; a term splits at its first
 * {@code !=}, {@code ==} or {@code =} (field names take no escapes and no whitespace trimming); values escape
 * {@code \}, {@code ,} and {@code =} with a backslash and may contain no other escape, nor an unescaped
 * {@code ,} or {@code =}. Which field names a resource supports is checked by {@link #transform} with a
 * conversion from {@link FieldLabels}, not by parsing.
 */
public final class FieldSelector {

    /** The two comparisons; {@code ==} parses to EQUALS. */
    public enum Op {
        EQUALS("="), NOT_EQUALS("!=");

        private final String symbol;

        Op(String symbol) {
            this.symbol = symbol;
        }

        public String symbol() {
            return symbol;
        }
    }

    /** One comparison of a field with a literal (unescaped) value. */
    public record Term(String field, Op op, String value) {
        public Term {
            Objects.requireNonNull(field, "field");
            Objects.requireNonNull(op, "op");
            Objects.requireNonNull(value, "value");
        }

        /** A field missing from {@code fields} has the value {@code ""}. */
        public boolean matches(Map<String, String> fields) {
            boolean equal = fields.getOrDefault(field, "").equals(value);
            return op == Op.EQUALS ? equal : !equal;
        }

        @Override
        public String toString() {
            return field + op.symbol() + escapeValue(value);
        }
    }

    /**
     * Rewrites one term's field and value, or rejects it by throwing {@link SelectorException}; returning an
     * empty field and value drops the term.
     */
    @FunctionalInterface
    public interface Transform {
        Map.Entry<String, String> apply(String field, String value);
    }

    private static final FieldSelector EVERYTHING = new FieldSelector(List.of(), false);
    private static final FieldSelector NOTHING = new FieldSelector(List.of(), true);

    /** Go compares strings by their UTF-8 bytes, which is code point order (not Java's UTF-16 order). */
    private static final Comparator<String> GO_ORDER = (a, b) -> Arrays.compare(a.codePoints().toArray(),
            b.codePoints().toArray());

    private final List<Term> terms;
    private final boolean nothing;

    private FieldSelector(List<Term> terms, boolean nothing) {
        this.terms = terms;
        this.nothing = nothing;
    }

    public static FieldSelector everything() {
        return EVERYTHING;
    }

    /** Matches nothing; prints as the empty string. */
    public static FieldSelector nothing() {
        return NOTHING;
    }

    /** The AND of the given terms, in the given order. */
    public static FieldSelector of(List<Term> terms) {
        return terms.isEmpty() ? EVERYTHING : new FieldSelector(List.copyOf(terms), false);
    }

    public static FieldSelector oneTermEqual(String field, String value) {
        return of(List.of(new Term(field, Op.EQUALS, value)));
    }

    public static FieldSelector oneTermNotEqual(String field, String value) {
        return of(List.of(new Term(field, Op.NOT_EQUALS, value)));
    }

    /** {@code field=value} for each entry, in field order (upstream's order is random). */
    public static FieldSelector fromSet(Map<String, String> fields) {
        List<Term> terms = new ArrayList<>(fields.size());
        new TreeMap<>(fields).forEach((f, v) -> terms.add(new Term(f, Op.EQUALS, v)));
        return of(terms);
    }

    /** The AND of several selectors (a {@link #nothing()} among them makes the result match nothing). */
    public static FieldSelector and(FieldSelector... selectors) {
        List<Term> all = new ArrayList<>();
        for (FieldSelector s : selectors) {
            if (s.nothing) {
                return NOTHING;
            }
            all.addAll(s.terms);
        }
        return of(all);
    }

    /**
     * Parses a field selector. Errors are upstream's texts: {@code invalid selector: 'x=a,b'; can't understand
     * 'b'}, {@code invalid field selector: invalid escape sequence: \a}, and for an unescaped {@code =} or
     * {@code ,} in a value {@code invalid field selector: unescaped character in value: 61} (the character's
     * code, as upstream prints it).
     *
     * @throws SelectorException when the string is no valid field selector
     */
    public static FieldSelector parse(String selector) {
        List<String> parts = splitTerms(selector);
        parts.sort(GO_ORDER);
        List<Term> terms = new ArrayList<>(parts.size());
        for (String part : parts) {
            if (part.isEmpty()) {
                continue;
            }
            Term t = splitTerm(part);
            if (t == null) {
                throw new SelectorException("invalid selector: '" + selector + "'; can't understand '" + part + "'");
            }
            String value = unescapeValue(t.value());
            // Upstream runs every parse through an identity transform, which drops a term with an empty field
            // and an empty value: "=" and "!=" select everything.
            if (!t.field().isEmpty() || !value.isEmpty()) {
                terms.add(new Term(t.field(), t.op(), value));
            }
        }
        return of(terms);
    }

    /** Splits at commas not preceded by a backslash escape; escapes stay in the terms. */
    static List<String> splitTerms(String selector) {
        List<String> terms = new ArrayList<>();
        if (selector.isEmpty()) {
            return terms;
        }
        int start = 0;
        boolean inSlash = false;
        for (int i = 0; i < selector.length(); i++) {
            char c = selector.charAt(i);
            if (inSlash) {
                inSlash = false;
            } else if (c == '\\') {
                inSlash = true;
            } else if (c == ',') {
                terms.add(selector.substring(start, i));
                start = i + 1;
            }
        }
        terms.add(selector.substring(start));
        return terms;
    }

    /** Field, operator and raw value of a term, split at the first operator; null when it has none. */
    static Term splitTerm(String term) {
        for (int i = 0; i < term.length(); i++) {
            if (term.startsWith("!=", i)) {
                return new Term(term.substring(0, i), Op.NOT_EQUALS, term.substring(i + 2));
            }
            if (term.startsWith("==", i)) {
                return new Term(term.substring(0, i), Op.EQUALS, term.substring(i + 2));
            }
            if (term.startsWith("=", i)) {
                return new Term(term.substring(0, i), Op.EQUALS, term.substring(i + 1));
            }
        }
        return null;
    }

    /** Escapes {@code \}, {@code ,} and {@code =} with a backslash, so the value can be written in a selector. */
    public static String escapeValue(String s) {
        StringBuilder sb = new StringBuilder(s.length());
        for (int i = 0; i < s.length(); i++) {
            char c = s.charAt(i);
            if (c == '\\' || c == ',' || c == '=') {
                sb.append('\\');
            }
            sb.append(c);
        }
        return sb.toString();
    }

    /**
     * The literal value of an escaped one.
     *
     * @throws SelectorException on an unknown escape, a trailing backslash, or an unescaped {@code ,} or {@code =}
     */
    public static String unescapeValue(String s) {
        StringBuilder sb = new StringBuilder(s.length());
        boolean inSlash = false;
        for (int i = 0; i < s.length(); ) {
            int cp = s.codePointAt(i);
            i += Character.charCount(cp);
            if (inSlash) {
                if (cp != '\\' && cp != ',' && cp != '=') {
                    throw new SelectorException("invalid field selector: invalid escape sequence: \\"
                            + new String(Character.toChars(cp)));
                }
                sb.appendCodePoint(cp);
                inSlash = false;
            } else if (cp == '\\') {
                inSlash = true;
            } else if (cp == ',' || cp == '=') {
                throw new SelectorException("invalid field selector: unescaped character in value: " + cp);
            } else {
                sb.appendCodePoint(cp);
            }
        }
        if (inSlash) {
            throw new SelectorException("invalid field selector: invalid escape sequence: \\");
        }
        return sb.toString();
    }

    /**
     * Whether all terms hold for the object's field values; a field absent from {@code fields} reads as the
     * empty string, so {@code f!=x} matches it and {@code f=} does too.
     */
    public boolean matches(Map<String, String> fields) {
        if (nothing) {
            return false;
        }
        for (Term t : terms) {
            if (!t.matches(fields)) {
                return false;
            }
        }
        return true;
    }

    /** True when this selector restricts nothing. */
    public boolean isEmpty() {
        return !nothing && terms.isEmpty();
    }

    public List<Term> terms() {
        return terms;
    }

    /** The value of the first {@code field=value} term on {@code field}, if any. */
    public Optional<String> requiresExactMatch(String field) {
        for (Term t : terms) {
            if (t.op() == Op.EQUALS && t.field().equals(field)) {
                return Optional.of(t.value());
            }
        }
        return Optional.empty();
    }

    /**
     * Applies {@code fn} to every term, as the API server does to check and rename a resource's field labels
     * (see {@link FieldLabels}); terms rewritten to an empty field and value are dropped.
     *
     * @throws SelectorException whatever {@code fn} throws for an unsupported field
     */
    public FieldSelector transform(Transform fn) {
        if (nothing) {
            return this;
        }
        List<Term> out = new ArrayList<>(terms.size());
        for (Term t : terms) {
            Map.Entry<String, String> r = fn.apply(t.field(), t.value());
            if (r.getKey().isEmpty() && r.getValue().isEmpty()) {
                continue;
            }
            out.add(new Term(r.getKey(), t.op(), r.getValue()));
        }
        return of(out);
    }

    /** The terms joined by commas with values escaped, e.g. {@code a=b\,c,d!=e}; {@code ==} prints as {@code =}. */
    @Override
    public String toString() {
        StringBuilder sb = new StringBuilder();
        for (int i = 0; i < terms.size(); i++) {
            if (i > 0) {
                sb.append(',');
            }
            sb.append(terms.get(i));
        }
        return sb.toString();
    }

    @Override
    public boolean equals(Object o) {
        return o instanceof FieldSelector s && s.nothing == nothing && s.terms.equals(terms);
    }

    @Override
    public int hashCode() {
        return terms.hashCode() * 31 + (nothing ? 1 : 0);
    }
}
