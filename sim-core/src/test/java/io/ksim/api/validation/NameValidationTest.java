package io.ksim.api.validation;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import java.util.function.Function;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/** Good and bad examples are upstream's own (apimachinery validation_test.go); texts are upstream's. */
class NameValidationTest {

    private static final String LABEL_MSG = "a lowercase RFC 1123 label must consist of lower case alphanumeric "
            + "characters or '-', and must start and end with an alphanumeric character (e.g. 'my-name',  or "
            + "'123-abc', regex used for validation is '[a-z0-9]([-a-z0-9]*[a-z0-9])?')";
    private static final String SUBDOMAIN_MSG = "a lowercase RFC 1123 subdomain must consist of lower case "
            + "alphanumeric characters, '-' or '.', and must start and end with an alphanumeric character "
            + "(e.g. 'example.com', regex used for validation is "
            + "'[a-z0-9]([-a-z0-9]*[a-z0-9])?(\\.[a-z0-9]([-a-z0-9]*[a-z0-9])?)*')";
    private static final String DNS1035_MSG = "a DNS-1035 label must consist of lower case alphanumeric characters "
            + "or '-', start with an alphabetic character, and end with an alphanumeric character (e.g. 'my-name', "
            + " or 'abc-123', regex used for validation is '[a-z]([-a-z0-9]*[a-z0-9])?')";
    private static final String NAME_PART_MSG = "name part must consist of alphanumeric characters, '-', '_' or '.', "
            + "and must start and end with an alphanumeric character (e.g. 'MyName',  or 'my.name',  or '123-abc', "
            + "regex used for validation is '([A-Za-z0-9][-A-Za-z0-9_.]*)?[A-Za-z0-9]')";
    private static final String LABEL_VALUE_MSG = "a valid label must be an empty string or consist of alphanumeric "
            + "characters, '-', '_' or '.', and must start and end with an alphanumeric character (e.g. 'MyValue',  "
            + "or 'my_value',  or '12345', regex used for validation is '(([A-Za-z0-9][-A-Za-z0-9_.]*)?[A-Za-z0-9])?')";

    static Stream<Arguments> cases() {
        Function<String, List<String>> label = NameValidation::isDns1123Label;
        Function<String, List<String>> subdomain = NameValidation::isDns1123Subdomain;
        Function<String, List<String>> dns1035 = NameValidation::isDns1035Label;
        Function<String, List<String>> qualified = NameValidation::isQualifiedName;
        Function<String, List<String>> labelValue = NameValidation::isValidLabelValue;
        return Stream.of(
                Arguments.of("dns1123 label", label, List.of("a", "ab", "abc", "a1", "a-1", "a--1--2--b", "0", "01",
                        "012", "1a", "1-a", "1--a--b--2", "a".repeat(63)),
                        List.of("", "A", "ABC", "aBc", "A1", "A-1", "1-A", "-", "a-", "-a", "1-", "-1", "_", "a_",
                                "_a", "a_b", "1_", "_1", "1_2", ".", "a.", ".a", "a.b", "1.", ".1", "1.2", " ", "a ",
                                " a", "a b", "1 ", " 1", "1 2", "a".repeat(64))),
                Arguments.of("dns1123 subdomain", subdomain, List.of("a", "ab", "abc", "a1", "a-1", "a--1--2--b", "0",
                        "01", "012", "1a", "1-a", "1--a--b--2", "a.a", "ab.a", "abc.a", "a1.a", "a-1.a",
                        "a--1--2--b.a", "a.1", "ab.1", "abc.1", "a1.1", "a-1.1", "a--1--2--b.1", "0.a", "01.a",
                        "012.a", "1a.a", "1-a.a", "0.1", "01.1", "012.1", "1a.1", "1-a.1", "1--a--b--2.1",
                        "a.b.c.d.e", "aa.bb.cc.dd.ee", "1.2.3.4.5", "11.22.33.44.55", "a".repeat(253)),
                        List.of("", "A", "ABC", "aBc", "A1", "A-1", "1-A", "-", "a-", "-a", "1-", "-1", "_", "a_",
                                "_a", "a_b", "1_", "_1", "1_2", ".", "a.", ".a", "a..b", "1.", ".1", "1..2", " ",
                                "a ", " a", "a b", "1 ", " 1", "1 2", "A.a", "aB.a", "ab.A", "A1.a", "a1.A", "A.1",
                                "aB.1", "A1.1", "1A.1", "0.A", "01.A", "012.A", "1A.a", "1a.A", "A.B.C.D.E",
                                "AA.BB.CC.DD.EE", "a.B.c.d.e", "aa.bB.cc.dd.ee", "a@b", "a,b", "a;b", "a:b", "a%b",
                                "a?b", "a$b", "a".repeat(254))),
                Arguments.of("dns1035 label", dns1035, List.of("a", "ab", "abc", "a1", "a-1", "a--1--2--b",
                        "a".repeat(63)),
                        List.of("0", "01", "012", "1a", "1-a", "1--a--b--2", "", "A", "ABC", "aBc", "A1", "A-1",
                                "1-A", "-", "a-", "-a", "1-", "-1", "_", "a_", "_a", "a_b", "1_", "_1", "1_2", ".",
                                "a.", ".a", "a.b", "1.", ".1", "1.2", " ", "a ", " a", "a b", "1 ", " 1", "1 2",
                                "a".repeat(64))),
                Arguments.of("qualified name", qualified, List.of("simple", "now-with-dashes", "1-starts-with-num",
                        "1234", "simple/simple", "now-with-dashes/simple", "now-with-dashes/now-with-dashes",
                        "now.with.dots/simple", "now-with.dashes-and.dots/simple", "1-num.2-num/3-num", "1234/5678",
                        "1.2.3.4/5678", "Uppercase_Is_OK_123", "example.com/Uppercase_Is_OK_123",
                        "requests.storage-foo", "a".repeat(63), "a".repeat(253) + "/" + "b".repeat(63)),
                        List.of("nospecialchars%^=@", "cantendwithadash-", "-cantstartwithadash-", "only/one/slash",
                                "Example.com/abc", "example_com/abc", "example.com/", "/simple", "a".repeat(64),
                                "a".repeat(254) + "/abc")),
                Arguments.of("label value", labelValue, List.of("simple", "now-with-dashes", "1-starts-with-num",
                        "end-with-num-1", "1234", "a".repeat(63), ""),
                        List.of("nospecialchars%^=@", "Tama-nui-te-rā.is.Māori.sun", "\\backslashes\\are\\bad",
                                "-starts-with-dash", "ends-with-dash-", ".starts.with.dot", "ends.with.dot.",
                                "a".repeat(64))));
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("cases")
    void upstreamGoodAndBadValues(String what, Function<String, List<String>> check, List<String> good,
                                  List<String> bad) {
        for (String v : good) {
            assertEquals(List.of(), check.apply(v), what + " should accept '" + v + "'");
        }
        for (String v : bad) {
            assertFalse(check.apply(v).isEmpty(), what + " should reject '" + v + "'");
        }
    }

    @Test
    void regexMessagesCarryExamplesExactlyAsUpstream() {
        assertEquals(List.of(LABEL_MSG), NameValidation.isDns1123Label("A"));
        assertEquals(List.of(SUBDOMAIN_MSG), NameValidation.isDns1123Subdomain("Foo"));
        assertEquals(List.of(DNS1035_MSG), NameValidation.isDns1035Label("1a"));
        assertEquals(List.of(LABEL_VALUE_MSG), NameValidation.isValidLabelValue("-x"));
        assertEquals("msg (regex used for validation is 'x+')", NameValidation.regexError("msg", "x+"));
    }

    @Test
    void labelWithDotsSaysSoInsteadOfTheRegex() {
        assertEquals(List.of("must not contain dots"), NameValidation.isDns1123Label("a.b"));
    }

    @Test
    void lengthAndFormatAreReportedSeparately() {
        assertEquals(List.of("must be no more than 63 characters"), NameValidation.isDns1123Label("a".repeat(64)));
        assertEquals(List.of("must be no more than 253 characters", SUBDOMAIN_MSG),
                NameValidation.isDns1123Subdomain("A".repeat(254)));
        assertEquals(List.of("must be no more than 63 characters"), NameValidation.isValidLabelValue("a".repeat(64)));
    }

    @Test
    void lengthIsCountedInUtf8Bytes() {
        // 32 two-byte characters are 64 bytes: too long, as upstream's len() says.
        assertTrue(NameValidation.isValidLabelValue("é".repeat(32)).contains("must be no more than 63 characters"));
    }

    @Test
    void qualifiedNameNamesThePartAtFault() {
        assertEquals(List.of("prefix part must be non-empty"), NameValidation.isQualifiedName("/simple"));
        assertEquals(List.of("name part must be non-empty", NAME_PART_MSG),
                NameValidation.isQualifiedName("example.com/"));
        assertEquals(List.of("prefix part " + SUBDOMAIN_MSG), NameValidation.isQualifiedName("Example.com/abc"));
        assertEquals(List.of("name part must be no more than 63 characters"),
                NameValidation.isQualifiedName("a".repeat(64)));
        assertEquals(List.of("prefix part must be no more than 253 characters"),
                NameValidation.isQualifiedName("a".repeat(254) + "/abc"));
        assertEquals(List.of(NAME_PART_MSG), NameValidation.isQualifiedName("cantendwithadash-"));
        assertEquals(List.of("a qualified name must consist of alphanumeric characters, '-', '_' or '.', and must "
                        + "start and end with an alphanumeric character (e.g. 'MyName',  or 'my.name',  or '123-abc', "
                        + "regex used for validation is '([A-Za-z0-9][-A-Za-z0-9_.]*)?[A-Za-z0-9]') with an optional "
                        + "DNS subdomain prefix and '/' (e.g. 'example.com/MyName')"),
                NameValidation.isQualifiedName("only/one/slash"));
    }

    @Test
    void generateNameMaskingDropsTheDashAndTheCharacterBeforeIt() {
        assertEquals(List.of(), NameValidator.DNS1123_SUBDOMAIN.validate("foo-", true));
        assertFalse(NameValidator.DNS1123_SUBDOMAIN.validate("foo-", false).isEmpty());
        // "ab.-" is checked as "aba": the dot before the dash is dropped with it, so it passes.
        assertEquals(List.of(), NameValidator.DNS1123_LABEL.validate("ab.-", true));
        assertEquals(List.of(), NameValidator.DNS1035_LABEL.validate("x-", true));
    }
}
