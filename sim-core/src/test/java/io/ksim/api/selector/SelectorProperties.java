package io.ksim.api.selector;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.math.BigInteger;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.regex.Pattern;
import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.Combinators;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;

class SelectorProperties {

    // ---- generators of valid label syntax

    private static Arbitrary<String> dnsLabel() {
        Arbitrary<String> inner = Arbitraries.strings().withChars("abcz09-").ofMaxLength(6);
        Arbitrary<Character> end = Arbitraries.of('a', 'b', 'z', '0', '9');
        return Combinators.combine(end, inner, end, Arbitraries.of(true, false))
                .as((a, mid, b, single) -> single ? String.valueOf(a) : a + mid + b);
    }

    private static Arbitrary<String> labelName() {
        Arbitrary<String> inner = Arbitraries.strings().withChars("aZ09-_.").ofMaxLength(6);
        Arbitrary<Character> end = Arbitraries.of('a', 'Z', '0', '9', 'x');
        return Arbitraries.oneOf(
                Combinators.combine(end, inner, end).as((a, mid, b) -> a + mid + b),
                end.map(String::valueOf),
                Arbitraries.of("in", "notin", "exists", "app", "tier"));
    }

    private static Arbitrary<String> key() {
        Arbitrary<String> prefix = dnsLabel().list().ofMinSize(1).ofMaxSize(3).map(l -> String.join(".", l));
        return Arbitraries.oneOf(labelName(), Combinators.combine(prefix, labelName()).as((p, n) -> p + "/" + n));
    }

    private static Arbitrary<String> value() {
        return Arbitraries.oneOf(labelName(), Arbitraries.just(""));
    }

    private static Arbitrary<String> integer() {
        return Arbitraries.strings().withChars("0123456789").ofMinLength(1).ofMaxLength(18);
    }

    private static Arbitrary<Requirement> requirement(Arbitrary<String> keys, Arbitrary<String> values,
                                                      Arbitrary<String> ints) {
        return Arbitraries.of(Operator.values()).flatMap(op -> switch (op) {
            case IN, NOT_IN -> Combinators.combine(keys, values.set().ofMinSize(1).ofMaxSize(4))
                    .as((k, vs) -> Requirement.of(k, op, vs));
            case EQUALS, DOUBLE_EQUALS, NOT_EQUALS -> Combinators.combine(keys, values)
                    .as((k, v) -> Requirement.of(k, op, List.of(v)));
            case GREATER_THAN, LESS_THAN -> Combinators.combine(keys, ints)
                    .as((k, v) -> Requirement.of(k, op, List.of(v)));
            case EXISTS, DOES_NOT_EXIST -> keys.map(k -> Requirement.of(k, op, List.of()));
        });
    }

    @Provide
    Arbitrary<LabelSelector> selectors() {
        return requirement(key(), value(), integer()).list().ofMaxSize(6).map(LabelSelector::of);
    }

    @Property
    void printedSelectorsParseBackToThemselves(@ForAll("selectors") LabelSelector s) {
        assertEquals(s, LabelSelector.parse(s.toString()));
        assertEquals(s.toString(), LabelSelector.parse(s.toString()).toString());
    }

    // ---- matching against an independent reading of the rules, over a small space so that values collide

    private static final Pattern GO_INT = Pattern.compile("[+-]?[0-9]+");
    private static final BigInteger MIN = BigInteger.valueOf(Long.MIN_VALUE);
    private static final BigInteger MAX = BigInteger.valueOf(Long.MAX_VALUE);

    @Provide
    Arbitrary<LabelSelector> smallSelectors() {
        Arbitrary<String> keys = Arbitraries.of("a", "b", "c");
        Arbitrary<String> values = Arbitraries.of("", "x", "y", "1", "2", "10");
        return requirement(keys, values, Arbitraries.of("0", "1", "2", "10", "01")).list().ofMaxSize(4)
                .map(LabelSelector::of);
    }

    @Provide
    Arbitrary<Map<String, String>> smallLabels() {
        return Arbitraries.maps(Arbitraries.of("a", "b", "c"), Arbitraries.of("", "x", "y", "1", "2", "10", "-3", "v1",
                "99999999999999999999")).ofMaxSize(3);
    }

    /** A number as Go's ParseInt reads it, or null. */
    private static BigInteger number(String s) {
        if (s == null || !GO_INT.matcher(s).matches()) {
            return null;
        }
        BigInteger n = new BigInteger(s.startsWith("+") ? s.substring(1) : s);
        return n.compareTo(MIN) < 0 || n.compareTo(MAX) > 0 ? null : n;
    }

    private static boolean holds(Requirement r, Map<String, String> labels) {
        String v = labels.get(r.key());
        boolean present = labels.containsKey(r.key());
        boolean listed = present && r.values().contains(v);
        switch (r.operator()) {
            case EXISTS:
                return present;
            case DOES_NOT_EXIST:
                return !present;
            case IN:
            case EQUALS:
            case DOUBLE_EQUALS:
                return listed;
            case NOT_IN:
            case NOT_EQUALS:
                return !listed;
            default:
                BigInteger have = number(v);
                BigInteger want = number(r.values().get(0));
                if (have == null || want == null) {
                    return false;
                }
                int c = have.compareTo(want);
                return r.operator() == Operator.GREATER_THAN ? c > 0 : c < 0;
        }
    }

    @Property
    void matchesIsTheConjunctionOfTheRules(@ForAll("smallSelectors") LabelSelector s,
                                           @ForAll("smallLabels") Map<String, String> labels) {
        boolean expected = true;
        for (Requirement r : s.requirements()) {
            expected &= holds(r, labels);
        }
        assertEquals(expected, s.matches(labels));
        assertEquals(expected, LabelSelector.parse(s.toString()).matches(labels));
    }

    // ---- field selectors: escaping round-trips whatever the value holds

    @Provide
    Arbitrary<FieldSelector> fieldSelectors() {
        Arbitrary<String> fields = Arbitraries.of("metadata.name", "metadata.namespace", "spec.nodeName",
                "status.phase");
        Arbitrary<String> values = Arbitraries.strings().withChars("ab=,\\!( é").ofMaxLength(6);
        Arbitrary<FieldSelector.Term> term = Combinators.combine(fields, Arbitraries.of(FieldSelector.Op.values()),
                values).as(FieldSelector.Term::new);
        return term.list().ofMaxSize(4).map(FieldSelector::of);
    }

    @Property
    void printedFieldSelectorsParseBackToTheSameTerms(@ForAll("fieldSelectors") FieldSelector s,
                                                      @ForAll("fieldValues") Map<String, String> fields) {
        FieldSelector back = FieldSelector.parse(s.toString());
        assertEquals(counts(s.terms()), counts(back.terms()));
        assertEquals(s.matches(fields), back.matches(fields));
    }

    @Provide
    Arbitrary<Map<String, String>> fieldValues() {
        return Arbitraries.maps(Arbitraries.of("metadata.name", "spec.nodeName", "status.phase"),
                Arbitraries.of("", "a", "b", "a=b", "\\")).ofMaxSize(3);
    }

    private static Map<String, Integer> counts(List<FieldSelector.Term> terms) {
        Map<String, Integer> m = new HashMap<>();
        for (FieldSelector.Term t : new ArrayList<>(terms)) {
            m.merge(t.field() + "\u0000" + t.op() + "\u0000" + t.value(), 1, Integer::sum);
        }
        return m;
    }
}
