package io.ksim.store;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import io.ksim.kernel.Kernel;
import java.util.ArrayList;
import java.util.List;
import java.util.NavigableMap;
import org.junit.jupiter.api.function.Executable;

/** Shared helpers of the store tests: short constructors and "refused and nothing changed". */
final class StoreFixture {

    private StoreFixture() {
    }

    static Kernel kernel() {
        return Kernel.builder().seed(7).build();
    }

    static MvccStore store() {
        return MvccStore.builder(kernel()).build();
    }

    static Value v(String utf8) {
        return Value.ofUtf8(utf8);
    }

    static KeyValue kv(String key, String value, long create, long mod, long version) {
        return new KeyValue(key, v(value), create, mod, version, 0);
    }

    static KeyValue kv(String key, String value, long create, long mod, long version, long lease) {
        return new KeyValue(key, v(value), create, mod, version, lease);
    }

    static long put(MvccStore s, String key, String value) {
        return s.put(PutRequest.of(key, value)).headerRevision();
    }

    /** The current version of {@code key}, or null. */
    static KeyValue get(MvccStore s, String key) {
        List<KeyValue> kvs = s.range(RangeRequest.key(key)).kvs();
        return kvs.isEmpty() ? null : kvs.get(0);
    }

    static List<String> keys(RangeResponse r) {
        return r.kvs().stream().map(KeyValue::key).toList();
    }

    static WatchEvent putEvent(KeyValue kv, KeyValue prev) {
        return new WatchEvent(WatchEvent.Type.PUT, kv, prev);
    }

    static WatchEvent deleteEvent(String key, long rev, KeyValue prev) {
        return new WatchEvent(WatchEvent.Type.DELETE, KeyValue.tombstone(key, rev), prev);
    }

    /** Asserts that {@code call} is refused with {@code error} and changes nothing. */
    static EtcdException assertRefused(MvccStore s, EtcdError error, Executable call) {
        return assertRefused(s, error.code(), error.message(), call);
    }

    /** Asserts that {@code call} is refused with that code and exact message, and changes nothing. */
    static EtcdException assertRefused(MvccStore s, EtcdError.GrpcCode code, String message, Executable call) {
        long revision = s.revision();
        StoreStatus status = s.status();
        NavigableMap<String, KeyValue> content = s.snapshot();
        List<Long> leases = s.leases();

        EtcdException e = assertThrows(EtcdException.class, call);

        assertEquals(message, e.getMessage());
        assertEquals(code, e.code());
        assertEquals(revision, s.revision(), "a refused request must not bump the revision");
        assertEquals(content, s.snapshot(), "a refused request must not change any key");
        assertEquals(status, s.status(), "a refused request must not change the store");
        assertEquals(leases, s.leases(), "a refused request must not change the leases");
        return e;
    }

    /** Records every message of a watch. */
    static final class Recorder implements WatchListener {
        final List<WatchResponse> responses = new ArrayList<>();

        @Override
        public void onResponse(WatchResponse response) {
            responses.add(response);
        }

        /** All events received so far, in order. */
        List<WatchEvent> events() {
            return responses.stream().flatMap(r -> r.events().stream()).toList();
        }

        /** The messages that carry events. */
        List<WatchResponse> eventResponses() {
            return responses.stream().filter(r -> !r.events().isEmpty()).toList();
        }

        void clear() {
            responses.clear();
        }
    }
}
