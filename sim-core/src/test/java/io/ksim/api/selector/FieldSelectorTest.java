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

/** Cases from upstream's fields selector_test.go, plus the texts upstream prints. */
class FieldSelectorTest {

    private static String parseError(String s) {
        return assertThrows(SelectorException.class, () -> FieldSelector.parse(s)).getMessage();
    }

    @Test
    void splitTermsKeepsEscapes() {
        assertEquals(List.of("a"), FieldSelector.splitTerms("a"));
        assertEquals(List.of("a=avalue", "b==bvalue", "c!=cvalue"), FieldSelector.splitTerms("a=avalue,b==bvalue,c!=cvalue"));
        assertEquals(List.of(), FieldSelector.splitTerms(""));
        assertEquals(List.of("a=a", ""), FieldSelector.splitTerms("a=a,"));
        assertEquals(List.of("", "a=a"), FieldSelector.splitTerms(",a=a"));
        assertEquals(List.of("k=\\,", "k2=v2"), FieldSelector.splitTerms("k=\\,,k2=v2"));
        assertEquals(List.of("k=\\\\", "k2=v2"), FieldSelector.splitTerms("k=\\\\,k2=v2"));
        assertEquals(List.of("k=\\\\\\,", "k2=v2"), FieldSelector.splitTerms("k=\\\\\\,,k2=v2"));
        assertEquals(List.of("k=\\a\\b\\"), FieldSelector.splitTerms("k=\\a\\b\\"));
        assertEquals(List.of("k=\\"), FieldSelector.splitTerms("k=\\"));
        assertEquals(List.of("함=수", "목=록"), FieldSelector.splitTerms("함=수,목=록"));
    }

    @Test
    void splitTermAtTheFirstOperator() {
        assertEquals(new FieldSelector.Term("a", FieldSelector.Op.EQUALS, "value"), FieldSelector.splitTerm("a=value"));
        assertEquals(new FieldSelector.Term("b", FieldSelector.Op.EQUALS, "value"), FieldSelector.splitTerm("b==value"));
        assertEquals(new FieldSelector.Term("c", FieldSelector.Op.NOT_EQUALS, "value"), FieldSelector.splitTerm("c!=value"));
        assertEquals(null, FieldSelector.splitTerm(""));
        assertEquals(null, FieldSelector.splitTerm("a"));
        assertEquals(new FieldSelector.Term("k", FieldSelector.Op.EQUALS, "\\\\\\a\\b\\=\\,\\"),
                FieldSelector.splitTerm("k=\\\\\\a\\b\\=\\,\\"));
        assertEquals(new FieldSelector.Term("함", FieldSelector.Op.EQUALS, "수"), FieldSelector.splitTerm("함=수"));
    }

    @ParameterizedTest
    @CsvSource(delimiter = '|', textBlock = """
            ''       | ''
            a        | a
            =        | \\=
            ,        | \\,
            \\       | \\\\
            \\=\\,\\ | \\\\\\=\\\\\\,\\\\
            """)
    void escapeRoundTrips(String raw, String escaped) {
        assertEquals(escaped, FieldSelector.escapeValue(raw));
        assertEquals(raw, FieldSelector.unescapeValue(escaped));
    }

    @Test
    void unescapeErrors() {
        SelectorException e = assertThrows(SelectorException.class, () -> FieldSelector.unescapeValue("\\"));
        assertEquals("invalid field selector: invalid escape sequence: \\", e.getMessage());
        assertThrows(SelectorException.class, () -> FieldSelector.unescapeValue("\\\\\\"));
        assertEquals("invalid field selector: invalid escape sequence: \\a",
                assertThrows(SelectorException.class, () -> FieldSelector.unescapeValue("\\a")).getMessage());
    }

    @ParameterizedTest
    @ValueSource(strings = {"x=a,y=b,z=c", "", "x!=a,y=b", "x=a||y\\=b", "x=a\\=\\=b"})
    void goodStringsPrintBack(String s) {
        assertEquals(s, FieldSelector.parse(s).toString());
    }

    @Test
    void parseErrorTexts() {
        assertEquals("invalid field selector: unescaped character in value: 61", parseError("x=a||y=b"));
        assertEquals("invalid field selector: unescaped character in value: 61", parseError("x==a==b"));
        assertEquals("invalid selector: 'x=a,b'; can't understand 'b'", parseError("x=a,b"));
        assertEquals("invalid selector: 'x in (a)'; can't understand 'x in (a)'", parseError("x in (a)"));
        assertEquals("invalid selector: 'x in (a,b,c)'; can't understand 'b'", parseError("x in (a,b,c)"));
        assertEquals("invalid selector: 'x'; can't understand 'x'", parseError("x"));
        assertEquals("invalid field selector: invalid escape sequence: \\a", parseError("k=\\a"));
    }

    @Test
    void termsAreSortedAsRawTextAndDoubleEqualsPrintsAsEquals() {
        assertEquals(FieldSelector.parse("x=a,a=x").toString(), FieldSelector.parse("a=x,x=a").toString());
        assertEquals("a=2,b=1,c!=x\\,y", FieldSelector.parse("b=1,a==2,c!=x\\,y").toString());
        // the raw "a==x" sorts before "a=b", so the printed form is not re-sorted
        assertEquals("a=x,a=b", FieldSelector.parse("a==x,a=b").toString());
    }

    @Test
    void termsWithNeitherFieldNorValueAreDropped() {
        assertTrue(FieldSelector.parse("=").isEmpty());
        assertTrue(FieldSelector.parse("!=").matches(Map.of("x", "y")));
        assertEquals("!=함함", FieldSelector.parse("!=,!=함함").toString());
    }

    @Test
    void matches() {
        assertTrue(FieldSelector.parse("").matches(Map.of("x", "y")));
        assertTrue(FieldSelector.parse("x=y").matches(Map.of("x", "y")));
        assertTrue(FieldSelector.parse("x=y,z=w").matches(Map.of("x", "y", "z", "w")));
        assertTrue(FieldSelector.parse("x!=y,z!=w").matches(Map.of("x", "z", "z", "a")));
        assertTrue(FieldSelector.parse("notin=in").matches(Map.of("notin", "in")));
        assertFalse(FieldSelector.parse("x=y").matches(Map.of("x", "z")));
        assertFalse(FieldSelector.parse("x=y,z=w").matches(Map.of("x", "w", "z", "w")));
        assertFalse(FieldSelector.parse("x!=y,z!=w").matches(Map.of("x", "z", "z", "w")));
        Map<String, String> fields = Map.of("foo", "bar", "baz", "blah", "complex", "=value\\,\\");
        assertTrue(FieldSelector.parse("foo=bar,baz=blah,complex=\\=value\\\\\\,\\\\").matches(fields));
        assertFalse(FieldSelector.parse("foo=bar,foobar=bar,baz=blah").matches(fields));
    }

    @Test
    void aMissingFieldReadsAsEmpty() {
        assertTrue(FieldSelector.parse("spec.nodeName=").matches(Map.of("metadata.name", "p")));
        assertTrue(FieldSelector.parse("spec.nodeName!=n1").matches(Map.of()));
        assertFalse(FieldSelector.parse("spec.nodeName=n1").matches(Map.of()));
    }

    @Test
    void fromSetAndOneTerm() {
        assertTrue(FieldSelector.oneTermEqual("x", "y").matches(Map.of("x", "y")));
        assertFalse(FieldSelector.oneTermEqual("x", "y").matches(Map.of("x", "z")));
        Map<String, String> set = Map.of("foo", "bar", "baz", "blah");
        assertTrue(FieldSelector.fromSet(Map.of()).matches(set));
        assertTrue(FieldSelector.fromSet(set).matches(set));
        assertFalse(FieldSelector.fromSet(Map.of("foo", "=blah")).matches(set));
        assertEquals("baz=blah,foo=bar", FieldSelector.fromSet(set).toString());
        assertTrue(FieldSelector.fromSet(Map.of()).isEmpty());
        assertFalse(FieldSelector.nothing().matches(Map.of()));
        assertFalse(FieldSelector.and(FieldSelector.everything(), FieldSelector.nothing()).matches(Map.of()));
    }

    @Test
    void requiresExactMatch() {
        assertEquals(Optional.empty(), FieldSelector.everything().requiresExactMatch("test"));
        assertEquals(Optional.of("b"), FieldSelector.oneTermEqual("test", "b").requiresExactMatch("test"));
        assertEquals(Optional.of(""), FieldSelector.oneTermEqual("test", "").requiresExactMatch("test"));
        assertEquals(Optional.empty(), FieldSelector.oneTermNotEqual("test", "b").requiresExactMatch("test"));
        assertEquals(Optional.of("b"), FieldSelector.parse("a!=c,test=b").requiresExactMatch("test"));
    }

    @Test
    void transformRewritesAndDropsTerms() {
        assertEquals("e=f,c=d", FieldSelector.parse("a=b,c=d")
                .transform((f, v) -> f.equals("a") ? Map.entry("e", "f") : Map.entry(f, v)).toString());
        assertTrue(FieldSelector.parse("a=b").transform((f, v) -> Map.entry("", "")).isEmpty());
        assertEquals("a=b,e=f", FieldSelector.parse("a=b,c=d,e=f")
                .transform((f, v) -> f.equals("c") ? Map.entry("", "") : Map.entry(f, v)).toString());
    }

    @Test
    void fieldLabelsPerKind() {
        FieldSelector pods = FieldSelector.parse("spec.host=n1,status.phase=Running");
        assertEquals("spec.nodeName=n1,status.phase=Running", pods.transform(FieldLabels.forKind("Pod")).toString());
        assertEquals("field label not supported: spec.foo", assertThrows(SelectorException.class,
                () -> FieldSelector.parse("spec.foo=x").transform(FieldLabels.forKind("Pod"))).getMessage());
        assertEquals("field label not supported: spec.host", assertThrows(SelectorException.class,
                () -> FieldSelector.parse("spec.host=x").transform(FieldLabels.forKind("Node"))).getMessage());
        assertEquals("\"spec.replicas\" is not a known field selector: only \"metadata.name\", \"metadata.namespace\"",
                assertThrows(SelectorException.class, () -> FieldSelector.parse("spec.replicas=1")
                        .transform(FieldLabels.forKind("Deployment"))).getMessage());
        assertEquals("metadata.name=a", FieldSelector.parse("metadata.name=a")
                .transform(FieldLabels.forKind("ConfigMap")).toString());
        assertTrue(FieldLabels.supportedFields("Pod").contains("spec.nodeName"));
    }
}
