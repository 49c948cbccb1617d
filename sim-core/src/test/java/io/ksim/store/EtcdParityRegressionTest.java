package io.ksim.store;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.ksim.kernel.Kernel;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Nested;
import org.junit.jupiter.api.Test;

/**
 * Behaviours of etcd 3.4 that the differential test against real etcd found the model getting wrong. Each
 * expectation here is what etcd answered.
 */
class EtcdParityRegressionTest {

    private final MvccStore store = MvccStore.builder(Kernel.builder().seed(1).build()).build();

    private static KeyValue kv(String key, String value, long create, long mod, long version) {
        return new KeyValue(key, Value.ofUtf8(value), create, mod, version, 0);
    }

    private static WatchEvent put(KeyValue kv, KeyValue prev) {
        return new WatchEvent(WatchEvent.Type.PUT, kv, prev);
    }

    private static WatchEvent delete(String key, long rev, KeyValue prev) {
        return new WatchEvent(WatchEvent.Type.DELETE, KeyValue.tombstone(key, rev), prev);
    }

    /** Every event a watch receives, in order. */
    private List<WatchEvent> watchEvents(WatchRequest request) {
        List<WatchEvent> events = new ArrayList<>();
        store.watch(request, r -> events.addAll(r.events()));
        return events;
    }

    private TxnResponse txn(RequestOp... ops) {
        return store.txn(new TxnRequest(List.of(), List.of(ops), List.of()));
    }

    /**
     * etcd's duplicate-key check (checkIntervals) takes a delete's range_end literally, so "every key from
     * k on" (range_end "\0") is the empty interval [k, "\0") and never clashes with a put: etcd applies a
     * put and such a delete of the same key in one txn, in op order, at one revision.
     */
    @Nested
    class PutAndDeleteFromTheSameKeyInOneTxn {

        @Test
        void putThenDeleteFromIt() {
            store.put(PutRequest.of("a", "1"));
            List<WatchEvent> events = watchEvents(WatchRequest.key("a").withPrevKv(true));

            TxnResponse r = txn(PutRequest.of("a", "2").withPrevKv(true),
                    DeleteRangeRequest.range("a", Keys.ALL).withPrevKv(true));

            assertTrue(r.succeeded());
            assertEquals(3, r.headerRevision());
            assertEquals(new PutResponse(3, kv("a", "1", 2, 2, 1)), r.responses().get(0));
            assertEquals(new DeleteRangeResponse(3, 1, List.of(kv("a", "2", 2, 3, 2))), r.responses().get(1));
            assertEquals(0, store.range(RangeRequest.key("a")).count());
            assertEquals(0, store.range(RangeRequest.key("a").withRevision(3)).count());
            assertEquals(List.of(kv("a", "1", 2, 2, 1)), store.range(RangeRequest.key("a").withRevision(2)).kvs());
            // etcd looks an event's prev_kv up at revision - 1: the DELETE's is a's version from before the txn.
            assertEquals(List.of(put(kv("a", "2", 2, 3, 2), kv("a", "1", 2, 2, 1)), delete("a", 3, kv("a", "1", 2, 2, 1))),
                    events);
        }

        @Test
        void putOfANewKeyThenDeleteFromItLeavesNoPrevKvOnTheDelete() {
            List<WatchEvent> events = watchEvents(WatchRequest.range("a", Keys.ALL).withPrevKv(true));
            txn(PutRequest.of("n", "1"), DeleteRangeRequest.range("n", Keys.ALL));
            assertEquals(List.of(put(kv("n", "1", 2, 2, 1), null), delete("n", 2, null)), events);
        }

        @Test
        void deleteFromThenPutStartsANewLife() {
            store.put(PutRequest.of("a", "1"));
            List<WatchEvent> events = watchEvents(WatchRequest.key("a").withPrevKv(true));

            TxnResponse r = txn(DeleteRangeRequest.range("a", Keys.ALL), PutRequest.of("a", "2").withPrevKv(true));

            assertEquals(new PutResponse(3, null), r.responses().get(1));
            assertEquals(List.of(kv("a", "2", 3, 3, 1)), store.range(RangeRequest.key("a")).kvs());
            // A create event never carries prev_kv in etcd.
            assertEquals(List.of(delete("a", 3, kv("a", "1", 2, 2, 1)), put(kv("a", "2", 3, 3, 1), null)), events);
        }

        @Test
        void aPutInsideABoundedDeletedRangeIsStillADuplicate() {
            EtcdException e = assertThrows(EtcdException.class,
                    () -> txn(PutRequest.of("a", "1"), DeleteRangeRequest.range("a", "b")));
            assertTrue(e.is(EtcdError.DUPLICATE_KEY));
        }
    }

    /**
     * A range inside a txn at an explicit revision reads that revision: at the revision before the txn it
     * does not see the writes the txn made before it.
     */
    @Test
    void txnRangeAtThePreviousRevisionDoesNotSeeTheTxnsOwnWrites() {
        store.put(PutRequest.of("a", "1"));
        store.put(PutRequest.of("b", "1"));

        TxnResponse r = txn(DeleteRangeRequest.key("a"), RangeRequest.range("a", Keys.ALL).withRevision(3));

        RangeResponse range = (RangeResponse) r.responses().get(1);
        assertEquals(List.of(kv("a", "1", 2, 2, 1), kv("b", "1", 3, 3, 1)), range.kvs());
        assertEquals(4, range.headerRevision());
    }

    /**
     * A watch may start exactly at the compaction revision. etcd replays it from its backend, where the
     * compaction kept, at that revision, only versions that are still a key's newest; and it looks prev_kv
     * up at revision - 1, which is compacted, so the events at the compaction revision carry none.
     */
    @Nested
    class WatchFromTheCompactionRevision {

        @Test
        void eventsAtTheCompactionRevisionCarryNoPrevKv() {
            store.put(PutRequest.of("a", "1"));
            store.put(PutRequest.of("a", "2"));
            store.put(PutRequest.of("a", "3"));
            store.compact(3);

            assertEquals(List.of(put(kv("a", "2", 2, 3, 2), null), put(kv("a", "3", 2, 4, 3), kv("a", "2", 2, 3, 2))),
                    watchEvents(WatchRequest.key("a").fromRevision(3).withPrevKv(true)));
        }

        @Test
        void deletionsAtTheCompactionRevisionAreNotReplayed() {
            store.put(PutRequest.of("a", "1"));
            store.put(PutRequest.of("b", "1"));
            txn(DeleteRangeRequest.key("a"), PutRequest.of("c", "1"));   // revision 4
            store.put(PutRequest.of("b", "2"));
            store.compact(4);

            assertEquals(List.of(put(kv("c", "1", 4, 4, 1), null), put(kv("b", "2", 3, 5, 2), kv("b", "1", 3, 3, 1))),
                    watchEvents(WatchRequest.range("a", Keys.ALL).fromRevision(4).withPrevKv(true)));
        }

        @Test
        void aPutThatItsOwnTxnDeletedIsNotReplayed() {
            txn(PutRequest.of("a", "1"), DeleteRangeRequest.range("a", Keys.ALL));
            store.compact(2);
            assertEquals(0, store.range(RangeRequest.key("a").withRevision(2)).count());
            assertEquals(List.of(), watchEvents(WatchRequest.key("a").fromRevision(2)));
        }

        @Test
        void liveWatchersStillGetEveryEvent() {
            List<WatchEvent> events = watchEvents(WatchRequest.range("a", Keys.ALL));
            store.put(PutRequest.of("a", "1"));
            store.deleteRange(DeleteRangeRequest.key("a"));
            store.compact(3);
            assertEquals(List.of(put(kv("a", "1", 2, 2, 1), null), delete("a", 3, null)), events);
        }
    }
}
