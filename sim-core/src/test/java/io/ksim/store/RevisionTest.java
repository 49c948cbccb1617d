package io.ksim.store;

import static io.ksim.store.StoreFixture.get;
import static io.ksim.store.StoreFixture.kv;
import static io.ksim.store.StoreFixture.put;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;

import io.ksim.store.Compare.Result;
import java.util.List;
import java.util.function.Consumer;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/** §3.1 to §3.3: the revision moves once per write request, never for reads; create/mod/version per key. */
class RevisionTest {

    private static final long LEASE_WITH_KEY = 100;
    private static final long LEASE_WITHOUT_KEYS = 200;

    /** a=1, b=2, c=3 at revisions 2, 3, 4; key "l" on lease 100 at 5; lease 200 has no keys. */
    private static MvccStore seeded() {
        MvccStore s = StoreFixture.store();
        put(s, "a", "1");
        put(s, "b", "2");
        put(s, "c", "3");
        s.leaseGrant(60, LEASE_WITH_KEY);
        s.leaseGrant(60, LEASE_WITHOUT_KEYS);
        s.put(PutRequest.of("l", "held").withLease(LEASE_WITH_KEY));
        assertEquals(5, s.revision());
        return s;
    }

    record Case(String name, Consumer<MvccStore> request, long bump) {
        @Override
        public String toString() {
            return name + " -> +" + bump;
        }
    }

    static Stream<Case> requests() {
        TxnRequest readOnly = new TxnRequest(List.of(), List.of(RangeRequest.key("a"), RangeRequest.range(Keys.ALL, Keys.ALL)), List.of());
        return Stream.of(
                new Case("put of a new key", s -> s.put(PutRequest.of("new", "x")), 1),
                new Case("put of an existing key", s -> s.put(PutRequest.of("a", "changed")), 1),
                new Case("put of the same value", s -> s.put(PutRequest.of("a", "1")), 1),
                new Case("txn with three puts", s -> s.txn(new TxnRequest(List.of(),
                        List.of(PutRequest.of("x", "1"), PutRequest.of("y", "2"), PutRequest.of("z", "3")), List.of())), 1),
                new Case("txn with a put and a delete", s -> s.txn(new TxnRequest(List.of(),
                        List.of(PutRequest.of("x", "1"), DeleteRangeRequest.key("a")), List.of())), 1),
                new Case("delete of three keys", s -> s.deleteRange(DeleteRangeRequest.range("a", "d")), 1),
                new Case("delete of a missing key", s -> s.deleteRange(DeleteRangeRequest.key("nosuch")), 0),
                new Case("delete of an empty interval", s -> s.deleteRange(DeleteRangeRequest.range("m", "n")), 0),
                new Case("range", s -> s.range(RangeRequest.range(Keys.ALL, Keys.ALL)), 0),
                new Case("historic range", s -> s.range(RangeRequest.key("a").withRevision(2)), 0),
                new Case("read-only txn", s -> s.txn(readOnly), 0),
                new Case("empty txn", s -> s.txn(new TxnRequest(List.of(), List.of(), List.of())), 0),
                new Case("failed txn with a read-only failure branch", s -> s.txn(new TxnRequest(
                        List.of(Compare.version("a", Result.EQUAL, 9)), List.of(PutRequest.of("a", "no")),
                        List.of(RangeRequest.key("a")))), 0),
                new Case("failed txn with an empty failure branch", s -> s.txn(
                        TxnRequest.when(Compare.version("a", Result.EQUAL, 9), PutRequest.of("a", "no"))), 0),
                new Case("txn deleting only a missing key", s -> s.txn(new TxnRequest(List.of(),
                        List.of(DeleteRangeRequest.key("nosuch")), List.of())), 0),
                new Case("failed txn whose failure branch writes", s -> s.txn(new TxnRequest(
                        List.of(Compare.version("a", Result.EQUAL, 9)), List.of(), List.of(PutRequest.of("a", "f")))), 1),
                new Case("lease grant", s -> s.leaseGrant(30, 0), 0),
                new Case("lease keep-alive", s -> s.leaseKeepAlive(LEASE_WITH_KEY), 0),
                new Case("lease time-to-live", s -> s.leaseTimeToLive(LEASE_WITH_KEY, true), 0),
                new Case("revoke of a lease with no keys", s -> s.leaseRevoke(LEASE_WITHOUT_KEYS), 0),
                new Case("revoke of a lease with a key", s -> s.leaseRevoke(LEASE_WITH_KEY), 1),
                new Case("compaction", s -> s.compact(4), 0),
                new Case("watch", s -> s.watch(WatchRequest.range(Keys.ALL, Keys.ALL).fromRevision(2), r -> { }), 0));
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("requests")
    void revisionMovesOncePerWriteRequest(Case c) {
        MvccStore s = seeded();

        c.request().accept(s);

        assertEquals(5 + c.bump(), s.revision());
    }

    @Test
    void writesInOneTxnShareItsRevision() {
        MvccStore s = seeded();

        TxnResponse r = s.txn(new TxnRequest(List.of(), List.of(PutRequest.of("x", "1"), PutRequest.of("a", "2"),
                DeleteRangeRequest.key("b")), List.of()));

        assertEquals(new TxnResponse(6, true, List.of(new PutResponse(6, null), new PutResponse(6, null),
                new DeleteRangeResponse(6, 1, List.of()))), r);
        assertEquals(kv("x", "1", 6, 6, 1), get(s, "x"));
        assertEquals(kv("a", "2", 2, 6, 2), get(s, "a"));
        assertNull(get(s, "b"));
    }

    @Test
    void headerOfARequestThatWritesNothingIsTheCurrentRevision() {
        MvccStore s = seeded();

        assertEquals(new DeleteRangeResponse(5, 0, List.of()), s.deleteRange(DeleteRangeRequest.key("nosuch")));
        assertEquals(new TxnResponse(5, true, List.of()), s.txn(new TxnRequest(List.of(), List.of(), List.of())));
        assertEquals(5, s.compact(3));
        assertEquals(5, s.leaseRevoke(LEASE_WITHOUT_KEYS));
    }

    record Step(String name, Consumer<MvccStore> write, KeyValue expected) {
        @Override
        public String toString() {
            return name;
        }
    }

    @Test
    void createModAndVersionFollowTheKeysLife() {
        MvccStore s = StoreFixture.store();
        List<Step> life = List.of(
                new Step("create", x -> put(x, "k", "v1"), kv("k", "v1", 2, 2, 1)),
                new Step("update", x -> put(x, "k", "v2"), kv("k", "v2", 2, 3, 2)),
                new Step("same value", x -> put(x, "k", "v2"), kv("k", "v2", 2, 4, 3)),
                new Step("other key", x -> put(x, "other", "o"), kv("k", "v2", 2, 4, 3)),
                new Step("delete", x -> x.deleteRange(DeleteRangeRequest.key("k")), null),
                new Step("re-create resets", x -> put(x, "k", "again"), kv("k", "again", 7, 7, 1)),
                new Step("txn update", x -> x.txn(TxnRequest.when(Compare.version("k", Result.EQUAL, 1),
                        PutRequest.of("k", "t"))), kv("k", "t", 7, 8, 2)),
                new Step("prefix delete", x -> x.deleteRange(DeleteRangeRequest.range(Keys.ALL, Keys.ALL)), null),
                new Step("create in txn", x -> x.txn(TxnRequest.when(Compare.createRevision("k", Result.EQUAL, 0),
                        PutRequest.of("k", "n"))), kv("k", "n", 10, 10, 1)));

        for (Step step : life) {
            step.write().accept(s);
            assertEquals(step.expected(), get(s, "k"), step.name());
        }
        assertEquals(10, s.revision());
    }

    @Test
    void putWithPrevKvReturnsTheReplacedVersionOrNothing() {
        MvccStore s = StoreFixture.store();

        assertEquals(new PutResponse(2, null), s.put(PutRequest.of("b", "1").withPrevKv(true)));
        assertEquals(new PutResponse(3, kv("b", "1", 2, 2, 1)), s.put(PutRequest.of("b", "2").withPrevKv(true)));
        assertEquals(new PutResponse(4, null), s.put(PutRequest.of("b", "3")), "no prev_kv unless asked for");
    }

    @Test
    void emptyValueIsLegal() {
        MvccStore s = StoreFixture.store();

        s.put(PutRequest.of("e", ""));

        assertEquals(new KeyValue("e", Value.EMPTY, 2, 2, 1, 0), get(s, "e"));
    }
}
