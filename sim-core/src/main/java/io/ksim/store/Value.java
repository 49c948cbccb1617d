package io.ksim.store;

import com.google.common.primitives.UnsignedBytes;
import java.nio.charset.StandardCharsets;
import java.util.Arrays;

/**
 * An immutable value stored under a key.
 *
 * <p>The store never looks inside a value except to compare it (txn VALUE compares) and to account its
 * size. That lets the API server store an API object itself, encoding it to bytes only when asked,
 * instead of serialising every object on every write. Implementations must be immutable and must return
 * the same bytes on every call of {@link #toBytes()}.
 */
public interface Value {

    /** The empty value (etcd allows it; the gateway then omits the field). */
    Value EMPTY = of(new byte[0]);

    /** Encoded size in bytes, as etcd would count it. */
    int size();

    /** The encoded bytes; a fresh array the caller may keep. */
    byte[] toBytes();

    /** Compares encoded bytes as etcd does ({@code bytes.Compare}: unsigned, lexicographic). */
    static int compare(Value a, Value b) {
        if (a == b) {
            return 0;
        }
        return UnsignedBytes.lexicographicalComparator().compare(a.toBytes(), b.toBytes());
    }

    /** A value holding a copy of {@code bytes}. */
    static Value of(byte[] bytes) {
        return new Bytes(bytes.clone());
    }

    static Value ofUtf8(String text) {
        return new Bytes(text.getBytes(StandardCharsets.UTF_8));
    }

    /** Plain bytes. Equality is by content. */
    final class Bytes implements Value {
        private final byte[] bytes;

        private Bytes(byte[] bytes) {
            this.bytes = bytes;
        }

        @Override
        public int size() {
            return bytes.length;
        }

        @Override
        public byte[] toBytes() {
            return bytes.clone();
        }

        /** The bytes as UTF-8 text (for printing). */
        public String toUtf8() {
            return new String(bytes, StandardCharsets.UTF_8);
        }

        @Override
        public boolean equals(Object o) {
            return o instanceof Bytes other && Arrays.equals(bytes, other.bytes);
        }

        @Override
        public int hashCode() {
            return Arrays.hashCode(bytes);
        }

        @Override
        public String toString() {
            return toUtf8();
        }
    }
}
