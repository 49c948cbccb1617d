package io.ksim.repl;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import org.junit.jupiter.api.Test;

/** {@code | grep} after a command: GNU grep's pattern syntaxes and options, its exit status, its errors. */
class GrepTest {

    private static Grep grep(String... words) {
        return Grep.fromPipe(List.of(words));
    }

    @Test
    void noPipeNoGrep() {
        assertNull(Grep.fromPipe(List.of("get", "pods")));
    }

    @Test
    void basicExpressionsTakePlusQuestionBarAndParenthesesLiterally() {
        Grep plus = grep("get", "|", "grep", "a+b");
        assertTrue(plus.keeps("x a+b y"));
        assertFalse(plus.keeps("aab"));
        Grep escaped = grep("x", "|", "grep", "a\\+b");
        assertTrue(escaped.keeps("aaab"), "GNU's \\+ is one or more");
        assertTrue(grep("x", "|", "grep", "^-A KUBE-SVC-.*default/web").keeps("-A KUBE-SVC-X1 default/web -> 1"));
        assertTrue(grep("x", "|", "grep", "(x)").keeps("f(x)"));
        assertTrue(grep("x", "|", "grep", "[]a]").keeps("]"));
        assertEquals("\\(a\\|b\\)", Grep.basicToJava("(a|b)"));
    }

    @Test
    void extendedFixedCaseAndInvert() {
        assertTrue(grep("x", "|", "grep", "-E", "a+b").keeps("aaab"));
        assertTrue(grep("x", "|", "grep", "-F", "a.b").keeps("a.b"));
        assertFalse(grep("x", "|", "grep", "-F", "a.b").keeps("axb"));
        assertTrue(grep("x", "|", "grep", "-i", "kube-svc").keeps("KUBE-SVC"));
        Grep notSep = grep("x", "|", "grep", "-vi", "sep");
        assertFalse(notSep.keeps("KUBE-SEP-1"));
        assertTrue(notSep.keeps("KUBE-SVC-1"));
    }

    @Test
    void keepsMatchingLinesOfStandardOutputAndExitsAsGrepDoes() {
        Grep g = grep("x", "|", "grep", "web");
        ReplResult r = g.apply(new ReplResult(0, "NAME\nweb-1\ndb-1\nweb-2\n", "warning\n", false));
        assertEquals("web-1\nweb-2\n", r.out());
        assertEquals("warning\n", r.err());
        assertEquals(0, r.exitCode());
        assertEquals(1, g.apply(new ReplResult(0, "db-1\n", "", false)).exitCode(), "no line selected");
    }

    @Test
    void badPipesAreRefusedWithGrepsWords() {
        assertEquals("ksim pipes a command's output only to grep (COMMAND | grep PATTERN)",
                assertThrows(IllegalArgumentException.class, () -> grep("get", "pods", "|", "sort")).getMessage());
        assertEquals("Usage: grep [OPTION]... PATTERNS [FILE]...",
                assertThrows(IllegalArgumentException.class, () -> grep("get", "|", "grep")).getMessage());
        assertEquals("grep: invalid option -- 'z'",
                assertThrows(IllegalArgumentException.class, () -> grep("get", "|", "grep", "-z", "a")).getMessage());
        assertEquals("ksim takes one pipe: COMMAND | grep PATTERN",
                assertThrows(IllegalArgumentException.class, () -> grep("a", "|", "grep", "b", "|", "grep", "c"))
                        .getMessage());
    }
}
