package io.ksim.api.validation;

import java.util.ArrayList;
import java.util.List;
import java.util.regex.Pattern;

/**
 * Format checks for names, label keys and label values. Each returns the list of problems as the detail texts
 * the API server uses, empty when the value is fine; callers wrap them in {@link FieldError}s. Lengths are
 * counted in bytes of UTF-8, as upstream counts them.
 *
 * <p>Example: {@code isDns1123Subdomain("Foo")} gives one detail,
 * {@code a lowercase RFC 1123 subdomain must consist of lower case alphanumeric characters, '-' or '.', and must
 * start and end with an alphanumeric character (e.g. 'example.com', regex used for validation is
 * '[a-z0-9]([-a-z0-9]*[a-z0-9])?(\.[a-z0-9]([-a-z0-9]*[a-z0-9])?)*')}.
 */
public final class NameValidation {

    private NameValidation() {
    }

    public static final int DNS1123_LABEL_MAX_LENGTH = 63;
    public static final int DNS1123_SUBDOMAIN_MAX_LENGTH = 253;
    public static final int DNS1035_LABEL_MAX_LENGTH = 63;
    public static final int LABEL_VALUE_MAX_LENGTH = 63;
    /** Maximum length of the name part of a qualified name (label or annotation key). */
    public static final int QUALIFIED_NAME_MAX_LENGTH = 63;

    static final String DNS1123_LABEL_FMT = "[a-z0-9]([-a-z0-9]*[a-z0-9])?";
    static final String DNS1123_SUBDOMAIN_FMT = DNS1123_LABEL_FMT + "(\\." + DNS1123_LABEL_FMT + ")*";
    static final String DNS1035_LABEL_FMT = "[a-z]([-a-z0-9]*[a-z0-9])?";
    static final String QUALIFIED_NAME_FMT = "([A-Za-z0-9][-A-Za-z0-9_.]*)?[A-Za-z0-9]";
    static final String LABEL_VALUE_FMT = "(" + QUALIFIED_NAME_FMT + ")?";

    private static final String DNS1123_LABEL_MSG = "a lowercase RFC 1123 label must consist of lower case "
            + "alphanumeric characters or '-', and must start and end with an alphanumeric character";
    private static final String DNS1123_SUBDOMAIN_MSG = "a lowercase RFC 1123 subdomain must consist of lower case "
            + "alphanumeric characters, '-' or '.', and must start and end with an alphanumeric character";
    private static final String DNS1035_LABEL_MSG = "a DNS-1035 label must consist of lower case alphanumeric "
            + "characters or '-', start with an alphabetic character, and end with an alphanumeric character";
    private static final String QUALIFIED_NAME_MSG = "must consist of alphanumeric characters, '-', '_' or '.', "
            + "and must start and end with an alphanumeric character";
    private static final String LABEL_VALUE_MSG = "a valid label must be an empty string or consist of "
            + "alphanumeric characters, '-', '_' or '.', and must start and end with an alphanumeric character";

    private static final Pattern DNS1123_SUBDOMAIN = Pattern.compile(DNS1123_SUBDOMAIN_FMT);
    private static final Pattern DNS1035_LABEL = Pattern.compile(DNS1035_LABEL_FMT);
    private static final Pattern QUALIFIED_NAME = Pattern.compile(QUALIFIED_NAME_FMT);
    private static final Pattern LABEL_VALUE = Pattern.compile(LABEL_VALUE_FMT);

    /** A DNS (RFC 1123) label: at most 63 bytes of {@code [a-z0-9-]}, alphanumeric at both ends. */
    public static List<String> isDns1123Label(String value) {
        List<String> errs = new ArrayList<>(2);
        if (GoFormat.byteLength(value) > DNS1123_LABEL_MAX_LENGTH) {
            errs.add(maxLenError(DNS1123_LABEL_MAX_LENGTH));
        }
        if (!isLabelText(value, 0, value.length())) {
            if (DNS1123_SUBDOMAIN.matcher(value).matches()) {
                // A valid subdomain that is no label can only be failing on its dots: say so plainly.
                errs.add("must not contain dots");
            } else {
                errs.add(regexError(DNS1123_LABEL_MSG, DNS1123_LABEL_FMT, "my-name", "123-abc"));
            }
        }
        return errs;
    }

    /** A DNS (RFC 1123) subdomain: at most 253 bytes, dot-separated RFC 1123 labels. */
    public static List<String> isDns1123Subdomain(String value) {
        List<String> errs = new ArrayList<>(2);
        if (GoFormat.byteLength(value) > DNS1123_SUBDOMAIN_MAX_LENGTH) {
            errs.add(maxLenError(DNS1123_SUBDOMAIN_MAX_LENGTH));
        }
        if (!isSubdomainText(value)) {
            errs.add(regexError(DNS1123_SUBDOMAIN_MSG, DNS1123_SUBDOMAIN_FMT, "example.com"));
        }
        return errs;
    }

    /**
     * Whether {@code value} matches {@link #DNS1123_SUBDOMAIN_FMT}, checked character by character: every
     * object created is named, and the regular expression was a visible share of creating one (events above
     * all). {@code NameValidationProperties} checks it against the expression.
     */
    static boolean isSubdomainText(String value) {
        int start = 0;
        for (int i = 0; i <= value.length(); i++) {
            if (i == value.length() || value.charAt(i) == '.') {
                if (!isLabelText(value, start, i)) {
                    return false;
                }
                start = i + 1;
            }
        }
        return true;
    }

    /** Whether {@code value[from, to)} matches {@link #DNS1123_LABEL_FMT}. */
    static boolean isLabelText(String value, int from, int to) {
        if (from >= to || !lowerAlphanumeric(value.charAt(from)) || !lowerAlphanumeric(value.charAt(to - 1))) {
            return false;
        }
        for (int i = from + 1; i < to - 1; i++) {
            char c = value.charAt(i);
            if (c != '-' && !lowerAlphanumeric(c)) {
                return false;
            }
        }
        return true;
    }

    private static boolean lowerAlphanumeric(char c) {
        return (c >= 'a' && c <= 'z') || (c >= '0' && c <= '9');
    }

    /** A DNS (RFC 1035) label: like an RFC 1123 label but starting with a letter (Service names). */
    public static List<String> isDns1035Label(String value) {
        List<String> errs = new ArrayList<>(2);
        if (GoFormat.byteLength(value) > DNS1035_LABEL_MAX_LENGTH) {
            errs.add(maxLenError(DNS1035_LABEL_MAX_LENGTH));
        }
        if (!DNS1035_LABEL.matcher(value).matches()) {
            errs.add(regexError(DNS1035_LABEL_MSG, DNS1035_LABEL_FMT, "my-name", "abc-123"));
        }
        return errs;
    }

    /**
     * A qualified name, the format of label and annotation keys: an optional DNS subdomain prefix and a
     * {@code /}, then a name part of at most 63 bytes. Each problem is reported with which part it concerns
     * ({@code prefix part ...}, {@code name part ...}); more than one {@code /} gives a single message.
     */
    public static List<String> isQualifiedName(String value) {
        List<String> errs = new ArrayList<>(3);
        String[] parts = value.split("/", -1);
        String name;
        switch (parts.length) {
            case 1 -> name = parts[0];
            case 2 -> {
                String prefix = parts[0];
                name = parts[1];
                if (prefix.isEmpty()) {
                    errs.add("prefix part " + emptyError());
                } else {
                    for (String msg : isDns1123Subdomain(prefix)) {
                        errs.add("prefix part " + msg);
                    }
                }
            }
            default -> {
                errs.add("a qualified name " + regexError(QUALIFIED_NAME_MSG, QUALIFIED_NAME_FMT,
                        "MyName", "my.name", "123-abc")
                        + " with an optional DNS subdomain prefix and '/' (e.g. 'example.com/MyName')");
                return errs;
            }
        }
        if (name.isEmpty()) {
            errs.add("name part " + emptyError());
        } else if (GoFormat.byteLength(name) > QUALIFIED_NAME_MAX_LENGTH) {
            errs.add("name part " + maxLenError(QUALIFIED_NAME_MAX_LENGTH));
        }
        if (!QUALIFIED_NAME.matcher(name).matches()) {
            errs.add("name part " + regexError(QUALIFIED_NAME_MSG, QUALIFIED_NAME_FMT, "MyName", "my.name", "123-abc"));
        }
        return errs;
    }

    /** A label value: empty, or at most 63 bytes of {@code [-A-Za-z0-9_.]}, alphanumeric at both ends. */
    public static List<String> isValidLabelValue(String value) {
        List<String> errs = new ArrayList<>(2);
        if (GoFormat.byteLength(value) > LABEL_VALUE_MAX_LENGTH) {
            errs.add(maxLenError(LABEL_VALUE_MAX_LENGTH));
        }
        if (!LABEL_VALUE.matcher(value).matches()) {
            errs.add(regexError(LABEL_VALUE_MSG, LABEL_VALUE_FMT, "MyValue", "my_value", "12345"));
        }
        return errs;
    }

    /** {@code must be no more than N characters}. */
    public static String maxLenError(int length) {
        return "must be no more than " + length + " characters";
    }

    /**
     * {@code <msg> (e.g. 'a' or 'b', regex used for validation is '<regex>')}, or without examples
     * {@code <msg> (regex used for validation is '<regex>')}. Every example is followed by a comma, so the last
     * one runs into {@code regex used ...} after {@code ', '}.
     */
    public static String regexError(String msg, String regex, String... examples) {
        if (examples.length == 0) {
            return msg + " (regex used for validation is '" + regex + "')";
        }
        StringBuilder sb = new StringBuilder(msg).append(" (e.g. ");
        for (int i = 0; i < examples.length; i++) {
            if (i > 0) {
                sb.append(" or ");
            }
            sb.append('\'').append(examples[i]).append("', ");
        }
        return sb.append("regex used for validation is '").append(regex).append("')").toString();
    }

    /** {@code must be non-empty}. */
    public static String emptyError() {
        return "must be non-empty";
    }
}
