package io.ksim.store;

import static io.ksim.store.StoreFixture.assertRefused;
import static io.ksim.store.StoreFixture.deleteEvent;
import static io.ksim.store.StoreFixture.get;
import static io.ksim.store.StoreFixture.kv;
import static io.ksim.store.StoreFixture.put;
import static io.ksim.store.StoreFixture.putEvent;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;

import io.ksim.store.Compare.Result;
import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * The live etcd 3.4.23 session of the upstream notes (§3.1 to §3.7), replayed request by request: every
 * revision, version and response of the transcript, in one store, in the transcript's order.
 */
class EtcdTranscriptTest {

    private final MvccStore s = StoreFixture.store();

    @Test
    void theVerifiedSessionReplaysExactly() {
        assertEquals(1, s.revision(), "a fresh store starts at revision 1");

        // §3.1/§3.2: put, put, txn put; each write request bumps the revision once.
        assertEquals(2, put(s, "foo", "bar"));
        assertEquals(kv("foo", "bar", 2, 2, 1), get(s, "foo"));
        assertEquals(3, put(s, "foo", "baz"));
        assertEquals(kv("foo", "baz", 2, 3, 2), get(s, "foo"));
        TxnResponse cas = s.txn(TxnRequest.when(Compare.modRevision("foo", Result.EQUAL, 3), PutRequest.of("foo", "qux")));
        assertEquals(new TxnResponse(4, true, List.of(new PutResponse(4, null))), cas);
        assertEquals(kv("foo", "qux", 2, 4, 3), get(s, "foo"));

        // del foo, then get foo: header only. Re-put resets create_revision and version.
        assertEquals(new DeleteRangeResponse(5, 1, List.of()), s.deleteRange(DeleteRangeRequest.key("foo")));
        assertEquals(new RangeResponse(5, List.of(), false, 0), s.range(RangeRequest.key("foo")));
        assertEquals(6, put(s, "foo", "again"));
        assertEquals(kv("foo", "again", 6, 6, 1), get(s, "foo"));

        // One txn with three puts: one revision shared by all three.
        TxnResponse abc = s.txn(new TxnRequest(List.of(),
                List.of(PutRequest.of("a", "1"), PutRequest.of("b", "2"), PutRequest.of("c", "3")), List.of()));
        assertEquals(new TxnResponse(7, true,
                List.of(new PutResponse(7, null), new PutResponse(7, null), new PutResponse(7, null))), abc);
        assertEquals(kv("a", "1", 7, 7, 1), get(s, "a"));
        assertEquals(kv("b", "2", 7, 7, 1), get(s, "b"));
        assertEquals(kv("c", "3", 7, 7, 1), get(s, "c"));

        // §3.4: the success branch's range sees the put before it; the same compare again fails.
        TxnRequest casA = new TxnRequest(List.of(Compare.modRevision("a", Result.EQUAL, 7)),
                List.of(PutRequest.of("a", "x"), RangeRequest.key("a")), List.of(RangeRequest.key("b")));
        assertEquals(new TxnResponse(8, true, List.of(new PutResponse(8, null),
                new RangeResponse(8, List.of(kv("a", "x", 7, 8, 2)), false, 1))), s.txn(casA));
        assertEquals(new TxnResponse(8, false,
                List.of(new RangeResponse(8, List.of(kv("b", "2", 7, 7, 1)), false, 1))), s.txn(casA));

        // Several compares are ANDed.
        TxnRequest anded = new TxnRequest(List.of(Compare.version("a", Result.GREATER, 1),
                Compare.createRevision("a", Result.EQUAL, 7), Compare.value("a", Result.EQUAL, StoreFixture.v("x")),
                Compare.modRevision("a", Result.LESS, 9), Compare.value("a", Result.NOT_EQUAL, StoreFixture.v("y"))),
                List.of(), List.of());
        assertEquals(new TxnResponse(8, true, List.of()), s.txn(anded));

        // Create-if-absent: first call succeeds at 9, the second takes the failure branch.
        TxnRequest createNewk = TxnRequest.when(Compare.createRevision("newk", Result.EQUAL, 0), PutRequest.of("newk", "n"));
        assertEquals(new TxnResponse(9, true, List.of(new PutResponse(9, null))), s.txn(createNewk));
        assertEquals(new TxnResponse(9, false, List.of()), s.txn(createNewk));

        // Put of the same value still bumps; put with prev_kv returns what it replaced.
        assertEquals(10, put(s, "b", "2"));
        assertEquals(kv("b", "2", 7, 10, 2), get(s, "b"));
        assertEquals(new PutResponse(11, kv("b", "2", 7, 10, 2)), s.put(PutRequest.of("b", "3").withPrevKv(true)));

        // deleterange a..d with prev_kv: three keys, one revision, prev kvs in key order.
        assertEquals(new DeleteRangeResponse(12, 3, List.of(kv("a", "x", 7, 8, 2), kv("b", "3", 7, 11, 3),
                kv("c", "3", 7, 7, 1))), s.deleteRange(DeleteRangeRequest.range("a", "d").withPrevKv(true)));

        // Empty value is legal.
        assertEquals(13, s.put(PutRequest.of("e", Value.EMPTY)).headerRevision());
        assertEquals(new KeyValue("e", Value.EMPTY, 13, 13, 1, 0), get(s, "e"));

        // §3.5 historic reads: header revision is the current one.
        assertEquals(new RangeResponse(13, List.of(kv("foo", "baz", 2, 3, 2)), false, 1),
                s.range(RangeRequest.key("foo").withRevision(3)));
        assertEquals(new RangeResponse(13, List.of(), false, 0), s.range(RangeRequest.key("foo").withRevision(5)));
        assertEquals(new RangeResponse(13, List.of(kv("foo", "again", 6, 6, 1)), false, 1),
                s.range(RangeRequest.key("foo").withRevision(13)));
        assertRefused(s, EtcdError.FUTURE_REV, () -> s.range(RangeRequest.key("foo").withRevision(14)));
        assertRefused(s, EtcdError.FUTURE_REV, () -> s.range(RangeRequest.key("foo").withRevision(100)));

        // §3.7 watch foo --rev=2 --prev-kv: created, then the whole history in one batch at header 13.
        StoreFixture.Recorder replay = new StoreFixture.Recorder();
        Watcher w = s.watch(WatchRequest.key("foo").fromRevision(2).withPrevKv(true), replay);
        assertEquals(List.of(new WatchResponse(w.id(), 13, List.of(), true, false, 0),
                new WatchResponse(w.id(), 13, List.of(
                        putEvent(kv("foo", "bar", 2, 2, 1), null),
                        putEvent(kv("foo", "baz", 2, 3, 2), kv("foo", "bar", 2, 2, 1)),
                        putEvent(kv("foo", "qux", 2, 4, 3), kv("foo", "baz", 2, 3, 2)),
                        deleteEvent("foo", 5, kv("foo", "qux", 2, 4, 3)),
                        putEvent(kv("foo", "again", 6, 6, 1), null)), false, false, 0)), replay.responses);

        // §3.6 compaction (one more write first: the transcript compacts at header 14).
        assertEquals(14, put(s, "x", "1"));
        assertRefused(s, EtcdError.FUTURE_REV, () -> s.compact(100));
        assertEquals(14, s.compact(10));
        assertEquals(14, s.revision(), "compaction does not bump the revision");
        assertRefused(s, EtcdError.COMPACTED, () -> s.compact(10));
        assertRefused(s, EtcdError.COMPACTED, () -> s.compact(8));
        assertRefused(s, EtcdError.COMPACTED, () -> s.range(RangeRequest.key("foo").withRevision(9)));
        assertEquals(new RangeResponse(14, List.of(kv("a", "x", 7, 8, 2), kv("b", "2", 7, 10, 2),
                        kv("c", "3", 7, 7, 1), kv("foo", "again", 6, 6, 1), kv("newk", "n", 9, 9, 1)), false, 5),
                s.range(RangeRequest.range(Keys.ALL, Keys.ALL).withRevision(10)),
                "a read at the compact revision sees the newest version <= 10 of every key, however old");

        // A watch from a compacted revision is created, then cancelled with the compact revision.
        StoreFixture.Recorder late = new StoreFixture.Recorder();
        Watcher gone = s.watch(WatchRequest.key("foo").fromRevision(5), late);
        assertEquals(List.of(new WatchResponse(gone.id(), 14, List.of(), true, false, 0),
                new WatchResponse(gone.id(), 0, List.of(), false, true, 10)), late.responses);
        assertNull(get(s, "a"));
    }
}
