package io.ksim.api.core;

import java.util.Base64;
import java.util.Map;

/**
 * Byte fields (Secret data, ConfigMap binaryData) are kept as their base64 text. Decoding checks the text as
 * Go's JSON decoder does for {@code []byte}: standard alphabet, padding required, CR and LF ignored.
 */
final class Base64Text {

    private Base64Text() {
    }

    static byte[] decode(String text) {
        String compact = text.indexOf('\n') < 0 && text.indexOf('\r') < 0 ? text
                : text.replace("\n", "").replace("\r", "");
        if (compact.length() % 4 != 0) {
            throw new IllegalArgumentException("illegal base64 data at input byte " + compact.length());
        }
        try {
            return Base64.getDecoder().decode(compact);
        } catch (IllegalArgumentException e) {
            throw new IllegalArgumentException("illegal base64 data: " + e.getMessage(), e);
        }
    }

    static String encode(byte[] bytes) {
        return Base64.getEncoder().encodeToString(bytes);
    }

    /** Throws {@link IllegalArgumentException} naming the first entry that is not valid base64. */
    static void check(String field, Map<String, String> values) {
        for (Map.Entry<String, String> e : values.entrySet()) {
            try {
                decode(e.getValue());
            } catch (IllegalArgumentException bad) {
                throw new IllegalArgumentException(field + "[" + e.getKey() + "]: " + bad.getMessage(), bad);
            }
        }
    }
}
