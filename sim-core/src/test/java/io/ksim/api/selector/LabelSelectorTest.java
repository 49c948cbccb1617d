package io.ksim.api.selector;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.ValueSource;

/** Cases from upstream's labels selector_test.go; error texts as upstream produces them. */
class LabelSelectorTest {

    private static final String LABEL_VALUE_MSG = "a valid label must be an empty string or consist of alphanumeric "
            + "characters, '-', '_' or '.', and must start and end with an alphanumeric character (e.g. 'MyValue',  "
            + "or 'my_value',  or '12345', regex used for validation is '(([A-Za-z0-9][-A-Za-z0-9_.]*)?[A-Za-z0-9])?')";

    private static Requirement req(String key, Operator op, String... values) {
        return Requirement.of(key, op, List.of(values));
    }

    private static String parseError(String selector) {
        return assertThrows(SelectorException.class, () -> LabelSelector.parse(selector)).getMessage();
    }

    @ParameterizedTest
    @ValueSource(strings = {"x=a,y=b,z=c", "", "x!=a,y=b", "x=", "x= ", "x=,z= ", "x= ,z= ", "!x", "x>1", "x>1,z<5"})
    void goodStringsPrintBackWithoutSpaces(String s) {
        assertEquals(s.replace(" ", ""), LabelSelector.parse(s).toString());
    }

    @ParameterizedTest
    @ValueSource(strings = {"x=a||y=b", "x==a==b", "!x=a", "x<a", "x,,y", ",x,y", "x nott in (y)", "a in (xyz),",
            "a in (xyz)b notin ()", "a in (xyz abc)", "a notin(", "a (", "("})
    void badStringsFail(String s) {
        assertThrows(SelectorException.class, () -> LabelSelector.parse(s));
    }

    @Test
    void parseIsDeterministic() {
        assertEquals(LabelSelector.parse("x=a,a=x").toString(), LabelSelector.parse("a=x,x=a").toString());
        assertEquals(LabelSelector.parse("x=a,a=x"), LabelSelector.parse("a=x,x=a"));
    }

    @Test
    void parseErrorTexts() {
        assertEquals("found '==', expected: ',' or 'end of string'", parseError("x==a==b"));
        assertEquals("found '=', expected: ',' or 'end of string'", parseError("!x=a"));
        assertEquals("found ',', expected: identifier after ','", parseError("x,,y"));
        assertEquals("found '', expected: identifier after ','", parseError("a in (xyz),"));
        assertEquals("found ',', expected: !, identifier, or 'end of string'", parseError(",x,y"));
        assertEquals("found '(', expected: !, identifier, or 'end of string'", parseError("("));
        assertEquals("found 'b', expected: ',' or 'end of string'", parseError("a in (xyz)b notin ()"));
        assertEquals("unable to parse requirement: found 'nott', expected: in, notin, =, ==, !=, gt, lt",
                parseError("x nott in (y)"));
        assertEquals("unable to parse requirement: found '(', expected: in, notin, =, ==, !=, gt, lt", parseError("a ("));
        assertEquals("unable to parse requirement: found 'abc', expected: ',' or ')'", parseError("a in (xyz abc)"));
        assertEquals("unable to parse requirement: found '', expected: ',', ')' or identifier", parseError("a notin("));
        assertEquals("unable to parse requirement: found '', expected: ',' or ')'", parseError("x in (a"));
        assertEquals("unable to parse requirement: found 'a' expected: '('", parseError("x in a"));
        assertEquals("unable to parse requirement: found '=', expected: ',', ')' or identifier", parseError("x in (=)"));
        assertEquals("unable to parse requirement: found '=', expected: ',', or identifier", parseError("x in (a,=)"));
        assertEquals("unable to parse requirement: found '', expected: identifier", parseError("!"));
        assertEquals("unable to parse requirement: found '(', expected: identifier", parseError("x=("));
    }

    @Test
    void invalidKeysAndValuesCarryTheFieldErrors() {
        assertEquals("unable to parse requirement: <nil>: Invalid value: \"a/b/c\": a qualified name must consist of "
                + "alphanumeric characters, '-', '_' or '.', and must start and end with an alphanumeric character "
                + "(e.g. 'MyName',  or 'my.name',  or '123-abc', regex used for validation is "
                + "'([A-Za-z0-9][-A-Za-z0-9_.]*)?[A-Za-z0-9]') with an optional DNS subdomain prefix and '/' "
                + "(e.g. 'example.com/MyName')", parseError("a/b/c"));
        assertEquals("unable to parse requirement: values[0][x]: Invalid value: \"a||y\": " + LABEL_VALUE_MSG,
                parseError("x=a||y=b"));
        assertEquals("unable to parse requirement: values[0]: Invalid value: \"a\": for 'Gt', 'Lt' operators, the "
                + "value must be an integer", parseError("x<a"));
        assertEquals("unable to parse requirement: values[0]: Invalid value: \"1.5\": for 'Gt', 'Lt' operators, the "
                + "value must be an integer", parseError("x>1.5"));
        SelectorException e = assertThrows(SelectorException.class, () -> LabelSelector.parse("x in (-a)"));
        assertEquals(1, e.fieldErrors().size());
        assertEquals("values[0][x]", e.fieldErrors().get(0).field());
    }

    @Test
    void setSelectorParserCases() {
        assertEquals(LabelSelector.everything(), LabelSelector.parse(""));
        assertEquals(LabelSelector.of(List.of(req("x", Operator.EXISTS))), LabelSelector.parse("\rx"));
        assertEquals(List.of(req("this-is-a-dns.domain.com/key-with-dash", Operator.EXISTS)),
                LabelSelector.parse("this-is-a-dns.domain.com/key-with-dash").requirements());
        assertEquals(List.of(req("0.1.2.domain/99", Operator.NOT_IN, "10.10.100.1", "tick.tack.clock")),
                LabelSelector.parse("0.1.2.domain/99 notin (10.10.100.1, tick.tack.clock)").requirements());
        assertEquals(List.of(req("foo", Operator.IN, "abc")), LabelSelector.parse("foo  in\t (abc)").requirements());
        assertEquals(List.of(req("x", Operator.NOT_IN, "abc")), LabelSelector.parse("x notin\n (abc)").requirements());
        assertEquals(List.of(req("x", Operator.IN, "abc", "")), LabelSelector.parse("x in (abc,)").requirements());
        assertEquals(List.of(req("x", Operator.IN, "")), LabelSelector.parse("x in ()").requirements());
        assertEquals(List.of(req("x", Operator.NOT_IN, "")), LabelSelector.parse("x notin ( )").requirements());
        assertEquals(List.of(req("x", Operator.NOT_IN, "", "a")), LabelSelector.parse("x notin (, a)").requirements());
        assertEquals(List.of(req("a", Operator.EXISTS)), LabelSelector.parse("a ").requirements());
        assertEquals(List.of(req("bar", Operator.EXISTS), req("w", Operator.EXISTS),
                        req("x", Operator.NOT_IN, "abc", "", "def"), req("z", Operator.IN, "")),
                LabelSelector.parse("x notin (abc,,def),bar,z in (),w").requirements());
        // 'in' and 'notin' are plain values inside a list
        assertEquals(List.of(req("a", Operator.IN, "in", "notin", "x", "y", "z")),
                LabelSelector.parse("a in (x,y,notin, z,in)").requirements());
    }

    @Test
    void canonicalStringSortsKeysAndValues() {
        assertEquals("s<5,t>4,u!=3,v==2,w=1,x in (a,b,c),y notin (),!z",
                LabelSelector.parse("x in (c,b,a),y notin (),!z, w=1,v==2 , u!=3,t>4,s<5").toString());
        assertEquals("bar,w,x notin (,abc,def),z in ()",
                LabelSelector.parse("x notin (abc,,def),bar,z in (),w").toString());
        assertEquals("x in (abc,def),y notin (jkl),z", LabelSelector.of(List.of(req("x", Operator.IN, "def", "abc"),
                req("y", Operator.NOT_IN, "jkl"), req("z", Operator.EXISTS))).toString());
        assertEquals("x=abc,y==jkl,z!=a,z", LabelSelector.of(List.of(req("x", Operator.EQUALS, "abc"),
                req("y", Operator.DOUBLE_EQUALS, "jkl"), req("z", Operator.NOT_EQUALS, "a"),
                req("z", Operator.EXISTS))).toString());
    }

    @Test
    void aNulCharacterReadsAsEndOfInputAsUpstream() {
        // Where a token may start, NUL ends the input; right after a token it is swallowed as its terminator.
        assertEquals("x", LabelSelector.parse("x \u0000,y").toString());
        assertEquals("x,y", LabelSelector.parse("x\u0000,y").toString());
        assertEquals("x,y", LabelSelector.parse("x,\u0000y").toString());
    }

    @ParameterizedTest
    @CsvSource(delimiter = '|', textBlock = """
            ''           | x=y      | true
            x=y          | x=y      | true
            x=y,z=w      | x=y;z=w  | true
            x!=y,z!=w    | x=z;z=a  | true
            notin=in     | notin=in | true
            x            | x=z      | true
            !x           | y=z      | true
            x>1          | x=2      | true
            x<1          | x=0      | true
            x=z          | ''       | false
            x=y          | x=z      | false
            x=y,z=w      | x=w;z=w  | false
            x!=y,z!=w    | x=z;z=w  | false
            x            | y=z      | false
            !x           | x=z      | false
            x>1          | x=0      | false
            x<1          | x=2      | false
            x notin ()   | y=       | true
            x in ()      | y=baz    | false
            z>1          | z=v2     | false
            z>1          | ''       | false
            x!=a         | ''       | true
            x in (a)     | x=       | false
            x in (,a)    | x=       | true
            x>01         | x=2      | true
            """)
    void matchesAsUpstream(String selector, String labels, boolean expected) {
        assertEquals(expected, LabelSelector.parse(selector).matches(labels(labels)));
    }

    @Test
    void matchesAgainstALabelSet() {
        Map<String, String> set = Map.of("foo", "bar", "baz", "blah");
        assertTrue(LabelSelector.parse("foo=bar").matches(set));
        assertTrue(LabelSelector.parse("baz=blah").matches(set));
        assertTrue(LabelSelector.parse("foo=bar,baz=blah").matches(set));
        assertFalse(LabelSelector.parse("foo=blah").matches(set));
        assertFalse(LabelSelector.parse("baz=bar").matches(set));
        assertFalse(LabelSelector.parse("foo=bar,foobar=bar,baz=blah").matches(set));
    }

    @Test
    void everythingAndNothing() {
        assertTrue(LabelSelector.everything().matches(Map.of("x", "y")));
        assertTrue(LabelSelector.everything().isEmpty());
        assertFalse(LabelSelector.nothing().matches(Map.of()));
        assertFalse(LabelSelector.nothing().isEmpty());
        assertEquals("", LabelSelector.nothing().toString());
        assertTrue(LabelSelector.fromSet(Map.of()).isEmpty());
    }

    @Test
    void fromSetRequiresEveryLabel() {
        Map<String, String> set = Map.of("foo", "bar", "baz", "blah");
        assertTrue(LabelSelector.fromSet(Map.of("foo", "bar", "baz", "blah")).matches(set));
        assertFalse(LabelSelector.fromSet(Map.of("foo", "=blah")).matches(set));
        assertEquals("baz=blah,foo=bar", LabelSelector.fromSet(set).toString());
        SelectorException e = assertThrows(SelectorException.class,
                () -> LabelSelector.validatedFromSet(Map.of("key", "val", "Key", "ba,d")));
        assertEquals("values[0][Key]: Invalid value: \"ba,d\": " + LABEL_VALUE_MSG, e.getMessage());
    }

    @Test
    void addKeepsKeyOrder() {
        LabelSelector s = LabelSelector.of(List.of(req("key2", Operator.EQUALS, "value2")))
                .add(req("key", Operator.IN, "value"));
        assertEquals("key in (value),key2=value2", s.toString());
    }

    @Test
    void requiresExactMatch() {
        LabelSelector s = LabelSelector.parse("a=1,b in (2),c in (3,4),d!=5");
        assertEquals(Optional.of("1"), s.requiresExactMatch("a"));
        assertEquals(Optional.of("2"), s.requiresExactMatch("b"));
        assertEquals(Optional.empty(), s.requiresExactMatch("c"));
        assertEquals(Optional.empty(), s.requiresExactMatch("d"));
        assertEquals(Optional.empty(), s.requiresExactMatch("e"));
    }

    /** "k=v;k2=v2" to a map; "" is the empty map. */
    static Map<String, String> labels(String s) {
        if (s == null || s.isEmpty()) {
            return Map.of();
        }
        java.util.HashMap<String, String> m = new java.util.HashMap<>();
        for (String kv : s.split(";")) {
            int i = kv.indexOf('=');
            m.put(kv.substring(0, i), kv.substring(i + 1));
        }
        return m;
    }
}
