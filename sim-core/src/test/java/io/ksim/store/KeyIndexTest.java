package io.ksim.store;

import static io.ksim.store.StoreFixture.kv;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

/** The worked example of {@link KeyIndex}'s Javadoc, step by step. */
class KeyIndexTest {

    private static final KeyValue PUT2 = kv("foo", "a", 2, 2, 1);
    private static final KeyValue PUT3 = kv("foo", "b", 2, 3, 2);
    private static final KeyValue DEL5 = KeyValue.tombstone("foo", 5);
    private static final KeyValue PUT6 = kv("foo", "c", 6, 6, 1);
    private static final KeyValue PUT8 = kv("foo", "d", 6, 8, 2);

    /** history: put@2(v1) put@3(v2) del@5 put@6(v1) put@8(v2) */
    private static KeyIndex example() {
        KeyIndex ki = new KeyIndex("foo");
        for (KeyValue kv : List.of(PUT2, PUT3, DEL5, PUT6, PUT8)) {
            ki.append(kv);
        }
        return ki;
    }

    private static List<KeyValue> visible(KeyIndex ki, long from, long to) {
        List<KeyValue> out = new ArrayList<>();
        for (long rev = from; rev <= to; rev++) {
            out.add(ki.at(rev));
        }
        return out;
    }

    @Test
    void readsAtEachRevision() {
        KeyIndex ki = example();

        assertNull(ki.at(1), "get(1) = none");
        assertEquals(PUT2, ki.at(2));
        assertEquals(PUT3, ki.at(3));
        assertEquals(PUT3, ki.at(4), "get(4) = put@3");
        assertNull(ki.at(5), "get(5) = none (deleted)");
        assertEquals(PUT6, ki.at(6));
        assertEquals(PUT6, ki.at(7), "get(7) = put@6");
        assertEquals(PUT8, ki.at(8));
        assertEquals(PUT8, ki.at(100));
        assertEquals(PUT8, ki.current());
        assertEquals(5, ki.versionsKept());
    }

    @Test
    void compactingAt7KeepsPut6AndPut8() {
        KeyIndex ki = example();
        List<KeyValue> before = visible(ki, 7, 10);

        ki.compact(7);

        assertEquals(2, ki.versionsKept());
        assertEquals(before, visible(ki, 7, 10), "reads at 7 and later see the same as before");
        assertEquals(PUT6, ki.at(7));
        assertNull(ki.at(5));
    }

    @Test
    void compactingAt5DropsTheTombstoneToo() {
        KeyIndex ki = example();
        List<KeyValue> before = visible(ki, 5, 10);

        ki.compact(5);

        assertEquals(2, ki.versionsKept(), "put@6 put@8");
        assertEquals(before, visible(ki, 5, 10));
        assertNull(ki.at(5));
    }

    @Test
    void compactingAt4KeepsTheNewestVersionAtOrBefore4() {
        KeyIndex ki = example();
        List<KeyValue> before = visible(ki, 4, 10);

        ki.compact(4);

        assertEquals(4, ki.versionsKept(), "put@3 del@5 put@6 put@8");
        assertEquals(before, visible(ki, 4, 10));
    }

    @Test
    void compactingBeforeTheFirstVersionKeepsEverything() {
        KeyIndex ki = example();

        assertEquals(0, ki.compact(1));

        assertEquals(5, ki.versionsKept());
    }

    @Test
    void compactionReportsTheBytesItReleases() {
        KeyIndex ki = example();

        long released = ki.compact(7);

        assertEquals(ki.storedBytes(PUT2) + ki.storedBytes(PUT3), released, "tombstones hold no value bytes");
    }

    @Test
    void aKeyWhoseWholeHistoryIsOneTombstoneAtOrBeforeTheCompactionDisappears() {
        KeyIndex ki = new KeyIndex("gone");
        ki.append(kv("gone", "x", 2, 2, 1));
        ki.append(KeyValue.tombstone("gone", 3));

        ki.compact(4);

        assertTrue(ki.isEmpty());
    }

    @Test
    void historyMustNotGoBackInRevision() {
        KeyIndex ki = example();

        assertThrows(IllegalStateException.class, () -> ki.append(kv("foo", "late", 6, 7, 3)));
    }
}
