package io.ksim.api.validation;

import java.util.ArrayList;
import java.util.List;
import java.util.regex.Pattern;

/**
 * The value-format checks of apimachinery's util/validation that spec validation needs beyond names and labels:
 * port numbers and names, environment variable names, config keys, HTTP header names and IP addresses. Like
 * {@link NameValidation}, each returns the detail texts of its problems, empty when the value is fine.
 *
 * <p>Example: {@code isValidPortName("HTTP")} gives
 * {@code must contain only alpha-numeric characters (a-z, 0-9), and hyphens (-)} and
 * {@code must contain at least one letter (a-z)}: port names (IANA_SVC_NAME) are lower case only.
 */
public final class FormatValidation {

    private FormatValidation() {
    }

    private static final Pattern PORT_NAME_CHARSET = Pattern.compile("[-a-z0-9]+");
    private static final Pattern PORT_NAME_ONE_LETTER = Pattern.compile(".*[a-z].*", Pattern.DOTALL);
    static final String CONFIG_MAP_KEY_FMT = "[-._a-zA-Z0-9]+";
    private static final Pattern CONFIG_MAP_KEY = Pattern.compile(CONFIG_MAP_KEY_FMT);
    static final String HTTP_HEADER_NAME_FMT = "[-A-Za-z0-9]+";
    private static final Pattern HTTP_HEADER_NAME = Pattern.compile(HTTP_HEADER_NAME_FMT);

    /** The relaxed rule (RelaxedEnvironmentVariableValidation, on by default in 1.32). */
    public static final String RELAXED_ENV_VAR_NAME_MSG =
            "a valid environment variable name must consist only of printable ASCII characters other than '='";
    static final String CONFIG_MAP_KEY_MSG = "a valid config key must consist of alphanumeric characters, '-', '_' or '.'";

    /** {@code must be between lo and hi, inclusive}. */
    public static String inclusiveRangeError(long lo, long hi) {
        return "must be between " + lo + " and " + hi + ", inclusive";
    }

    /** A port number: 1 to 65535. */
    public static List<String> isValidPortNum(long port) {
        return 1 <= port && port <= 65535 ? List.of() : List.of(inclusiveRangeError(1, 65535));
    }

    /**
     * An IANA_SVC_NAME: at most 15 characters of {@code [-a-z0-9]}, at least one letter, no {@code --}, no hyphen
     * at either end. Every broken rule is reported.
     */
    public static List<String> isValidPortName(String port) {
        List<String> errs = new ArrayList<>(2);
        if (GoFormat.byteLength(port) > 15) {
            errs.add(NameValidation.maxLenError(15));
        }
        if (!PORT_NAME_CHARSET.matcher(port).matches()) {
            errs.add("must contain only alpha-numeric characters (a-z, 0-9), and hyphens (-)");
        }
        if (!PORT_NAME_ONE_LETTER.matcher(port).matches()) {
            errs.add("must contain at least one letter (a-z)");
        }
        if (port.contains("--")) {
            errs.add("must not contain consecutive hyphens");
        }
        if (!port.isEmpty() && (port.startsWith("-") || port.endsWith("-"))) {
            errs.add("must not begin or end with a hyphen");
        }
        return errs;
    }

    /** Printable ASCII (space included) but {@code =}; one message however many bad characters. */
    public static List<String> isRelaxedEnvVarName(String value) {
        List<String> errs = new ArrayList<>(1);
        if (value.isEmpty()) {
            errs.add("environment variable name " + NameValidation.emptyError());
        }
        for (int i = 0; i < value.length(); i++) {
            char c = value.charAt(i);
            if (c < 0x20 || c > 0x7e || c == '=') {
                errs.add(RELAXED_ENV_VAR_NAME_MSG);
                break;
            }
        }
        return errs;
    }

    /** A ConfigMap or Secret key: at most 253 bytes of {@code [-._a-zA-Z0-9]}, not {@code .}, {@code ..}, or {@code ..*}. */
    public static List<String> isConfigMapKey(String value) {
        List<String> errs = new ArrayList<>(2);
        if (GoFormat.byteLength(value) > NameValidation.DNS1123_SUBDOMAIN_MAX_LENGTH) {
            errs.add(NameValidation.maxLenError(NameValidation.DNS1123_SUBDOMAIN_MAX_LENGTH));
        }
        if (!CONFIG_MAP_KEY.matcher(value).matches()) {
            errs.add(NameValidation.regexError(CONFIG_MAP_KEY_MSG, CONFIG_MAP_KEY_FMT, "key.name", "KEY_NAME", "key-name"));
        }
        if (value.equals(".")) {
            errs.add("must not be '.'");
        } else if (value.equals("..")) {
            errs.add("must not be '..'");
        } else if (value.startsWith("..")) {
            errs.add("must not start with '..'");
        }
        return errs;
    }

    /** An HTTP header name: {@code [-A-Za-z0-9]+}. */
    public static List<String> isHttpHeaderName(String value) {
        if (HTTP_HEADER_NAME.matcher(value).matches()) {
            return List.of();
        }
        return List.of(NameValidation.regexError("a valid HTTP header must consist of alphanumeric characters or '-'",
                HTTP_HEADER_NAME_FMT, "X-Header-Name"));
    }

    /** {@code Invalid value: "x": must be a valid IP address, (e.g. 10.9.8.7 or 2001:db8::ffff)} unless an IP. */
    public static List<FieldError> isValidIp(FieldPath fldPath, String value) {
        if (IpText.parse(value) != null) {
            return List.of();
        }
        return List.of(FieldError.invalid(fldPath, value, "must be a valid IP address, (e.g. 10.9.8.7 or 2001:db8::ffff)"));
    }
}
