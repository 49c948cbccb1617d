package io.ksim.store;

import static io.ksim.store.StoreFixture.deleteEvent;
import static io.ksim.store.StoreFixture.kv;
import static io.ksim.store.StoreFixture.put;
import static io.ksim.store.StoreFixture.putEvent;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.ksim.store.StoreFixture.Recorder;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

/** §3.7: watch replay, event contents, batching per revision, compaction, filters and cancellation. */
class WatchTest {

    private final MvccStore s = StoreFixture.store();
    private final Recorder rec = new Recorder();

    private static List<String> keysOf(WatchResponse r) {
        return r.events().stream().map(WatchEvent::key).toList();
    }

    @Test
    void replayFromAPastRevisionWithPrevKv() {
        put(s, "w/a", "1");                                        // 2
        put(s, "other", "x");                                      // 3
        put(s, "w/a", "2");                                        // 4
        s.deleteRange(DeleteRangeRequest.key("w/a"));              // 5
        put(s, "w/b", "1");                                        // 6

        Watcher w = s.watch(WatchRequest.prefix("w/").fromRevision(3).withPrevKv(true), rec);

        assertEquals(List.of(new WatchResponse(w.id(), 6, List.of(), true, false, 0),
                new WatchResponse(w.id(), 6, List.of(
                        putEvent(kv("w/a", "2", 2, 4, 2), kv("w/a", "1", 2, 2, 1)),
                        deleteEvent("w/a", 5, kv("w/a", "2", 2, 4, 2)),
                        putEvent(kv("w/b", "1", 6, 6, 1), null)), false, false, 0)), rec.responses);
    }

    @Test
    void withoutPrevKvEventsCarryNoPreviousVersion() {
        put(s, "k", "1");
        put(s, "k", "2");
        s.deleteRange(DeleteRangeRequest.key("k"));

        s.watch(WatchRequest.key("k").fromRevision(1), rec);

        assertEquals(List.of(putEvent(kv("k", "1", 2, 2, 1), null), putEvent(kv("k", "2", 2, 3, 2), null),
                deleteEvent("k", 4, null)), rec.events());
    }

    @Test
    void aCreateEventHasNoPrevKvAndADeleteEventOnlyKeyAndModRevision() {
        s.watch(WatchRequest.key("k").withPrevKv(true), rec);
        s.leaseGrant(60, 3);

        s.put(PutRequest.of("k", "v").withLease(3));
        s.deleteRange(DeleteRangeRequest.key("k"));

        List<WatchEvent> events = rec.events();
        assertEquals(putEvent(kv("k", "v", 2, 2, 1, 3), null), events.get(0));
        WatchEvent del = events.get(1);
        assertEquals(WatchEvent.Type.DELETE, del.type());
        assertEquals(new KeyValue("k", Value.EMPTY, 0, 3, 0, 0), del.kv());
        assertEquals(kv("k", "v", 2, 2, 1, 3), del.prevKv());
    }

    @Test
    void eventsOfATxnComeInOpOrderInOneResponse() {
        Watcher w = s.watch(WatchRequest.prefix("z"), rec);
        rec.clear();

        s.txn(new TxnRequest(List.of(),
                List.of(PutRequest.of("z3", "3"), PutRequest.of("z1", "1"), PutRequest.of("z2", "2")), List.of()));

        assertEquals(1, rec.responses.size());
        WatchResponse r = rec.responses.get(0);
        assertEquals(List.of("z3", "z1", "z2"), keysOf(r), "op order, not key order");
        assertEquals(2, r.headerRevision());
        assertEquals(w.id(), r.watchId());
        assertTrue(r.events().stream().allMatch(e -> e.revision() == 2));
    }

    @Test
    void aRangeDeleteSendsItsEventsInKeyOrder() {
        s.txn(new TxnRequest(List.of(),
                List.of(PutRequest.of("c", "3"), PutRequest.of("a", "1"), PutRequest.of("b", "2")), List.of()));
        s.watch(WatchRequest.range("a", "d"), rec);
        rec.clear();

        s.deleteRange(DeleteRangeRequest.range("a", "d"));

        assertEquals(1, rec.responses.size());
        assertEquals(List.of("a", "b", "c"), keysOf(rec.responses.get(0)));
        assertEquals(List.of(WatchEvent.Type.DELETE, WatchEvent.Type.DELETE, WatchEvent.Type.DELETE),
                rec.events().stream().map(WatchEvent::type).toList());
    }

    @Test
    void liveEventsArriveOneResponsePerRevisionWithThatRevisionInTheHeader() {
        put(s, "unrelated", "x");                                       // 2
        Watcher w = s.watch(WatchRequest.prefix("w/"), rec);

        s.txn(new TxnRequest(List.of(), List.of(PutRequest.of("w/2", "2"), PutRequest.of("w/1", "1")), List.of()));  // 3
        put(s, "unrelated", "y");                                       // 4: not for this watch
        put(s, "w/3", "3");                                             // 5

        assertEquals(List.of(new WatchResponse(w.id(), 2, List.of(), true, false, 0),
                new WatchResponse(w.id(), 3, List.of(putEvent(kv("w/2", "2", 3, 3, 1), null),
                        putEvent(kv("w/1", "1", 3, 3, 1), null)), false, false, 0),
                new WatchResponse(w.id(), 5, List.of(putEvent(kv("w/3", "3", 5, 5, 1), null)), false, false, 0)),
                rec.responses);
    }

    @Test
    void aWatchFromACompactedRevisionIsCreatedThenCancelled() {
        for (int i = 0; i < 13; i++) {
            put(s, "k", "v" + i);                                       // 2..14
        }
        s.compact(10);

        Watcher w = s.watch(WatchRequest.key("k").fromRevision(5), rec);

        assertEquals(List.of(new WatchResponse(w.id(), 14, List.of(), true, false, 0),
                new WatchResponse(w.id(), 0, List.of(), false, true, 10)), rec.responses);
        assertFalse(w.isActive());
        put(s, "k", "after");
        assertEquals(2, rec.responses.size(), "a cancelled watch gets nothing more");
        assertEquals(0, s.status().watchers());
    }

    @Test
    void aWatchFromExactlyTheCompactRevisionReplaysFromIt() {
        for (int i = 0; i < 13; i++) {
            put(s, "k" + (i % 3), "v" + i);                             // 2..14
        }
        s.compact(10);

        s.watch(WatchRequest.prefix("k").fromRevision(10), rec);

        assertEquals(List.of(10L, 11L, 12L, 13L, 14L), rec.events().stream().map(WatchEvent::revision).toList());
        assertTrue(rec.responses.get(0).created());
        assertFalse(rec.responses.stream().anyMatch(WatchResponse::canceled));
    }

    @Test
    void filtersDropPutsOrDeletes() {
        Recorder noPut = new Recorder();
        Recorder noDelete = new Recorder();
        s.watch(WatchRequest.prefix("f/").withFilters(true, false), noPut);
        s.watch(WatchRequest.prefix("f/").withFilters(false, true), noDelete);

        put(s, "f/a", "1");
        put(s, "f/a", "2");
        s.deleteRange(DeleteRangeRequest.prefix("f/"));
        put(s, "f/b", "1");

        assertEquals(List.of(deleteEvent("f/a", 4, null)), noPut.events());
        assertEquals(List.of(2L, 3L, 5L), noDelete.events().stream().map(WatchEvent::revision).toList());
        assertTrue(noDelete.events().stream().allMatch(e -> e.type() == WatchEvent.Type.PUT));
    }

    @Test
    void cancelSendsAFinalCancelledMessage() {
        Watcher w = s.watch(WatchRequest.key("k"), rec);
        put(s, "k", "1");
        assertEquals(1, s.status().watchers());

        assertTrue(w.cancel());
        put(s, "k", "2");

        assertEquals(3, rec.responses.size());
        WatchResponse last = rec.responses.get(2);
        assertTrue(last.canceled());
        assertEquals(0, last.compactRevision());
        assertEquals(List.of(), last.events());
        assertFalse(w.cancel(), "a watch ends once");
        assertEquals(0, s.status().watchers());
    }

    @Test
    void aWatchFromAFutureRevisionWaitsForIt() {
        s.watch(WatchRequest.key("k").fromRevision(4), rec);

        put(s, "k", "1");                                               // 2
        put(s, "k", "2");                                               // 3
        put(s, "k", "3");                                               // 4

        assertEquals(List.of(4L), rec.events().stream().map(WatchEvent::revision).toList());
    }

    @Test
    void watchRangesSelectTheirKeys() {
        Recorder one = new Recorder();
        Recorder prefix = new Recorder();
        Recorder interval = new Recorder();
        Recorder fromKey = new Recorder();
        Recorder all = new Recorder();
        s.watch(WatchRequest.key("a/1"), one);
        s.watch(WatchRequest.prefix("a/"), prefix);
        s.watch(WatchRequest.range("a/2", "b"), interval);
        s.watch(WatchRequest.range("a0", Keys.ALL), fromKey);
        s.watch(WatchRequest.prefix(""), all);

        for (String k : List.of("a", "a/1", "a/2", "a/3", "a0", "b", "c")) {
            put(s, k, "x");
        }

        assertEquals(List.of("a/1"), one.events().stream().map(WatchEvent::key).toList());
        assertEquals(List.of("a/1", "a/2", "a/3"), prefix.events().stream().map(WatchEvent::key).toList());
        assertEquals(List.of("a/2", "a/3", "a0"), interval.events().stream().map(WatchEvent::key).toList());
        assertEquals(List.of("a0", "b", "c"), fromKey.events().stream().map(WatchEvent::key).toList());
        assertEquals(List.of("a", "a/1", "a/2", "a/3", "a0", "b", "c"), all.events().stream().map(WatchEvent::key).toList());
    }

    @Test
    void aListenerThatWritesStillGetsEveryRevisionInOrderExactlyOnce() {
        List<Long> seenByWriter = new ArrayList<>();
        Recorder other = new Recorder();
        Recorder late = new Recorder();
        s.watch(WatchRequest.prefix("n/"), r -> {
            for (WatchEvent e : r.events()) {
                seenByWriter.add(e.revision());
                if (e.revision() < 6) {
                    // writes two revisions from inside the delivery, and opens a watch there
                    put(s, "n/" + e.revision() + "a", "x");
                    put(s, "n/" + e.revision() + "b", "x");
                    if (e.revision() == 3) {
                        s.watch(WatchRequest.prefix("n/").fromRevision(2), late);
                    }
                }
            }
        });
        s.watch(WatchRequest.prefix("n/"), other);

        put(s, "n/start", "x");                                         // 2, then 3..11 from the listener

        long last = s.revision();
        List<Long> all = new ArrayList<>();
        for (long rev = 2; rev <= last; rev++) {
            all.add(rev);
        }
        assertEquals(all, seenByWriter);
        assertEquals(all, other.events().stream().map(WatchEvent::revision).toList());
        assertEquals(all, late.events().stream().map(WatchEvent::revision).toList());
        for (WatchResponse r : other.eventResponses()) {
            assertEquals(1, r.events().size());
            assertEquals(r.headerRevision(), r.events().get(0).revision());
        }
    }

    @Test
    void aListenerMayCancelItsWatchDuringDelivery() {
        Watcher[] self = new Watcher[1];
        List<WatchResponse> got = new ArrayList<>();
        self[0] = s.watch(WatchRequest.prefix("c/"), r -> {
            got.add(r);
            if (!r.events().isEmpty()) {
                self[0].cancel();
            }
        });

        s.txn(new TxnRequest(List.of(), List.of(PutRequest.of("c/1", "x")), List.of()));
        put(s, "c/2", "x");

        assertEquals(3, got.size(), "created, one event message, cancelled");
        assertTrue(got.get(2).canceled());
        assertNull(got.stream().filter(r -> r.headerRevision() == 3).findAny().orElse(null));
    }
}
