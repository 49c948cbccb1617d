package io.ksim.store;

import static io.ksim.store.StoreFixture.assertRefused;
import static io.ksim.store.StoreFixture.keys;
import static io.ksim.store.StoreFixture.kv;
import static io.ksim.store.StoreFixture.put;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.ksim.kernel.Kernel;
import io.ksim.kernel.TraceEvent;
import java.util.List;
import org.junit.jupiter.api.Test;

/** §3.6: compaction's errors, and that it keeps the newest version at or before the compact revision. */
class CompactionTest {

    private final Kernel kernel = StoreFixture.kernel();
    private final MvccStore s = MvccStore.builder(kernel).build();

    /** old@2, a@3 a@4, gone@5 deleted@6, a@7, late@8 deleted@9, fresh@10: revision 10. */
    private void history() {
        put(s, "old", "o");
        put(s, "a", "1");
        put(s, "a", "2");
        put(s, "gone", "g");
        s.deleteRange(DeleteRangeRequest.key("gone"));
        put(s, "a", "3");
        put(s, "late", "l");
        s.deleteRange(DeleteRangeRequest.key("late"));
        put(s, "fresh", "f");
        assertEquals(10, s.revision());
    }

    @Test
    void compactionNeverMovesTheRevision() {
        history();

        assertEquals(10, s.compact(7));

        assertEquals(10, s.revision());
        assertEquals(7, s.compactRevision());
    }

    @Test
    void compactingAFutureRevisionIsRefused() {
        history();

        assertRefused(s, EtcdError.FUTURE_REV, () -> s.compact(11));
        assertRefused(s, EtcdError.FUTURE_REV, () -> s.compact(100));
        assertEquals(10, s.compact(10), "the current revision can be compacted");
    }

    @Test
    void compactingAtOrBelowTheLastCompactionIsRefused() {
        history();
        s.compact(7);

        assertRefused(s, EtcdError.COMPACTED, () -> s.compact(7));
        assertRefused(s, EtcdError.COMPACTED, () -> s.compact(3));
        assertEquals(10, s.compact(8));
    }

    @Test
    void readsBelowTheCompactRevisionAreRefused() {
        history();
        s.compact(7);

        assertRefused(s, EtcdError.COMPACTED, () -> s.range(RangeRequest.key("a").withRevision(6)));
        assertRefused(s, EtcdError.COMPACTED, () -> s.range(RangeRequest.key("a").withRevision(1)));
        assertEquals(kv("a", "3", 3, 7, 3), s.range(RangeRequest.key("a")).kvs().get(0), "revision 0 is always current");
    }

    @Test
    void aReadAtTheCompactRevisionSeesKeysLastModifiedEarlier() {
        history();
        s.compact(7);

        RangeResponse at7 = s.range(RangeRequest.range(Keys.ALL, Keys.ALL).withRevision(7));

        assertEquals(new RangeResponse(10, List.of(kv("a", "3", 3, 7, 3), kv("old", "o", 2, 2, 1)), false, 2), at7);
        assertEquals(List.of("a", "late", "old"), keys(s.range(RangeRequest.range(Keys.ALL, Keys.ALL).withRevision(8))),
                "a key deleted after the compact revision is still visible before its deletion");
        assertEquals(List.of("a", "old"), keys(s.range(RangeRequest.range(Keys.ALL, Keys.ALL).withRevision(9))));
    }

    @Test
    void aCompactionAfterADeleteForgetsTheKey() {
        history();
        long retainedBefore = s.status().retainedBytes();

        s.compact(10);

        assertEquals(List.of("a", "fresh", "old"), keys(s.range(RangeRequest.range(Keys.ALL, Keys.ALL).withRevision(10))));
        assertEquals(List.of("a", "fresh", "old"), List.copyOf(s.snapshot().keySet()));
        assertEquals(s.status().liveBytes(), s.status().retainedBytes(), "only current versions are left");
        assertTrue(s.status().retainedBytes() < retainedBefore);
        assertEquals(3, s.status().liveKeys());
    }

    @Test
    void writesAfterACompactionBehaveAsBefore() {
        history();
        s.compact(10);

        put(s, "gone", "back");
        put(s, "a", "4");

        assertEquals(kv("gone", "back", 11, 11, 1), s.range(RangeRequest.key("gone")).kvs().get(0));
        assertEquals(kv("a", "4", 3, 12, 4), s.range(RangeRequest.key("a")).kvs().get(0));
        assertEquals(kv("a", "3", 3, 7, 3), s.range(RangeRequest.key("a").withRevision(11)).kvs().get(0));
    }

    @Test
    void compactionIsTraced() {
        history();

        s.compact(7);

        TraceEvent last = kernel.trace().events().get(kernel.trace().size() - 1);
        assertEquals("Compact", last.kind());
        assertEquals("compacted at revision 7", last.message());
    }

    @Test
    void aTxnReadingACompactedOrFutureRevisionIsRefusedWhole() {
        history();
        s.compact(7);

        assertRefused(s, EtcdError.COMPACTED, () -> s.txn(new TxnRequest(List.of(),
                List.of(PutRequest.of("x", "1"), RangeRequest.key("a").withRevision(5)), List.of())));
        assertRefused(s, EtcdError.FUTURE_REV, () -> s.txn(new TxnRequest(List.of(),
                List.of(PutRequest.of("x", "1"), RangeRequest.key("a").withRevision(11)), List.of())));
    }
}
