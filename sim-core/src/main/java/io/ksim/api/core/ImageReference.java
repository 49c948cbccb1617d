package io.ksim.api.core;

import java.util.Locale;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * The tag of a container image reference, as the API server's defaulting reads it (Kubernetes'
 * pkg/util/parsers.ParseImageName over the distribution/reference grammar): the explicit tag; "latest" when
 * the reference has neither tag nor digest; the empty string when the reference does not parse (which
 * defaulting then treats as "not latest").
 */
final class ImageReference {

    private static final String ALPHANUMERIC = "[a-z0-9]+";
    private static final String SEPARATOR = "(?:[._]|__|[-]+)";
    private static final String PATH_COMPONENT = ALPHANUMERIC + "(?:" + SEPARATOR + ALPHANUMERIC + ")*";
    private static final String DOMAIN_COMPONENT = "(?:[a-zA-Z0-9]|[a-zA-Z0-9][a-zA-Z0-9-]*[a-zA-Z0-9])";
    private static final String DOMAIN_NAME = DOMAIN_COMPONENT + "(?:\\." + DOMAIN_COMPONENT + ")*";
    private static final String IPV6 = "\\[(?:[a-fA-F0-9:]+)\\]";
    private static final String DOMAIN = "(?:" + DOMAIN_NAME + "|" + IPV6 + ")(?::[0-9]+)?";
    private static final String NAME = "(?:" + DOMAIN + "/)?" + PATH_COMPONENT + "(?:/" + PATH_COMPONENT + ")*";
    private static final String TAG = "[A-Za-z0-9_][A-Za-z0-9_.-]{0,127}";
    private static final String DIGEST = "[A-Za-z][A-Za-z0-9]*(?:[-_+.][A-Za-z][A-Za-z0-9]*)*:[0-9a-fA-F]{32,}";
    private static final Pattern REFERENCE = Pattern.compile(
            "^(" + NAME + ")(?::(" + TAG + "))?(?:@(" + DIGEST + "))?$");
    private static final Pattern IDENTIFIER = Pattern.compile("^[a-f0-9]{64}$");
    private static final int NAME_TOTAL_LENGTH_MAX = 255;
    /** The digest algorithms a Kubernetes binary links, with their encoded lengths. */
    private static final Map<String, Integer> DIGEST_HEX_LENGTH = Map.of("sha256", 64, "sha384", 96, "sha512", 128);
    private static final Pattern LOWER_HEX = Pattern.compile("^[a-f0-9]+$");

    private ImageReference() {
    }

    /** The tag defaulting sees in {@code image}: explicit, "latest" when implied, "" when unparseable. */
    static String tag(String image) {
        if (image == null || IDENTIFIER.matcher(image).matches()) {
            return "";
        }
        String domain;
        String remainder;
        int slash = image.indexOf('/');
        String first = slash < 0 ? "" : image.substring(0, slash);
        if (slash < 0 || (!first.contains(".") && !first.contains(":") && !first.equals("localhost")
                && first.toLowerCase(Locale.ROOT).equals(first))) {
            domain = "docker.io";
            remainder = image;
        } else {
            domain = first;
            remainder = image.substring(slash + 1);
        }
        if (domain.equals("index.docker.io")) {
            domain = "docker.io";
        }
        if (domain.equals("docker.io") && remainder.indexOf('/') < 0) {
            remainder = "library/" + remainder;
        }
        int colon = remainder.indexOf(':');
        String remoteName = colon < 0 ? remainder : remainder.substring(0, colon);
        if (!remoteName.toLowerCase(Locale.ROOT).equals(remoteName)) {
            return "";
        }
        Matcher m = REFERENCE.matcher(domain + "/" + remainder);
        if (!m.matches() || m.group(1).length() > NAME_TOTAL_LENGTH_MAX) {
            return "";
        }
        String tag = m.group(2);
        String digest = m.group(3);
        if (digest != null && !validDigest(digest)) {
            return "";
        }
        if (tag == null && digest == null) {
            return "latest";
        }
        return tag == null ? "" : tag;
    }

    private static boolean validDigest(String digest) {
        int colon = digest.indexOf(':');
        Integer length = DIGEST_HEX_LENGTH.get(digest.substring(0, colon));
        String encoded = digest.substring(colon + 1);
        return length != null && encoded.length() == length && LOWER_HEX.matcher(encoded).matches();
    }
}
