package io.ksim.store;

import com.google.common.base.Utf8;

/**
 * Key and range conventions of etcd's v3 API, for string keys.
 *
 * <p>A request names one key ({@code rangeEnd} empty), a half-open interval {@code [key, rangeEnd)}, or
 * every key {@code >= key} ({@code rangeEnd} = {@link #ALL}, the single byte {@code "\0"}). A prefix is the
 * interval from the prefix to {@link #prefixEnd(String)}.
 *
 * <p>Keys are Java strings compared with {@link String#compareTo}. For the keys Kubernetes writes (ASCII
 * paths under {@code /registry/}) that is exactly etcd's bytewise order; for text with characters outside
 * the Basic Multilingual Plane it can differ (UTF-16 versus UTF-8 order), which ksim does not model.
 */
public final class Keys {

    /** As a range end: no upper bound ("\0" in etcd's API). */
    public static final String ALL = "\0";

    private Keys() {
    }

    /**
     * The range end that selects every key starting with {@code prefix}: the prefix with its last
     * character incremented, dropping trailing characters that cannot be incremented (as etcd's
     * {@code GetPrefixRangeEnd}). {@code prefixEnd("a/")} is {@code "a0"}; the empty prefix selects all keys.
     */
    public static String prefixEnd(String prefix) {
        for (int i = prefix.length() - 1; i >= 0; i--) {
            char c = prefix.charAt(i);
            if (c < Character.MAX_VALUE) {
                return prefix.substring(0, i) + (char) (c + 1);
            }
        }
        return ALL;
    }

    /**
     * The start key of a prefix request: the prefix itself, or {@link #ALL} for the empty prefix. etcd refuses an
     * empty key ("key is not provided"), so "every key" is sent as key "\0" with range end "\0", as etcd's
     * clientv3 {@code WithPrefix} does for an empty key.
     */
    static String prefixStart(String prefix) {
        return prefix.isEmpty() ? ALL : prefix;
    }

    /** True if {@code key} lies in the request's range: one key, an interval, or all keys from {@code start}. */
    static boolean inRange(String key, String start, String rangeEnd) {
        if (rangeEnd.isEmpty()) {
            return key.equals(start);
        }
        if (key.compareTo(start) < 0) {
            return false;
        }
        return rangeEnd.equals(ALL) || key.compareTo(rangeEnd) < 0;
    }

    /** Size of the key in UTF-8 bytes, as etcd counts it. */
    static int byteLength(String key) {
        return Utf8.encodedLength(key);
    }
}
