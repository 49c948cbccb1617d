package io.ksim.store;

import static io.ksim.store.StoreFixture.assertRefused;
import static io.ksim.store.StoreFixture.keys;
import static io.ksim.store.StoreFixture.kv;
import static io.ksim.store.StoreFixture.put;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.ksim.store.RangeRequest.SortOrder;
import io.ksim.store.RangeRequest.SortTarget;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/** §3.9 ranges (prefix, interval, limit, count, sort, filters) and §3.5 historic reads. */
class RangeTest {

    /**
     * Keys p/0..p/9 plus p0, written in a scrambled order so that key order, mod order and value order all
     * differ: p/5@2 p/2@3 p0@4 p/9@5 p/0@6 p/7@7 p/3@8 p/1@9 p/8@10 p/4@11 p/6@12; the value of p/i is 9 - i.
     */
    private static MvccStore keysP() {
        MvccStore s = StoreFixture.store();
        for (String k : List.of("p/5", "p/2", "p0", "p/9", "p/0", "p/7", "p/3", "p/1", "p/8", "p/4", "p/6")) {
            put(s, k, k.equals("p0") ? "p0" : Integer.toString(9 - (k.charAt(2) - '0')));
        }
        assertEquals(12, s.revision());
        return s;
    }

    private static final List<String> ALL_P = List.of("p/0", "p/1", "p/2", "p/3", "p/4", "p/5", "p/6", "p/7", "p/8", "p/9");

    record Case(String name, RangeRequest request, List<String> keys, boolean more, long count) {
        @Override
        public String toString() {
            return name;
        }
    }

    static Stream<Case> ranges() {
        RangeRequest p = RangeRequest.prefix("p/");
        return Stream.of(
                new Case("prefix p/", p, ALL_P, false, 10),
                new Case("prefix is the interval [p/, p0)", RangeRequest.range("p/", "p0"), ALL_P, false, 10),
                new Case("limit 3: count is the total", p.withLimit(3), List.of("p/0", "p/1", "p/2"), true, 10),
                new Case("limit equal to the matches", p.withLimit(10), ALL_P, false, 10),
                new Case("limit above the matches", p.withLimit(11), ALL_P, false, 10),
                new Case("count_only", p.withCountOnly(true), List.of(), false, 10),
                new Case("count_only ignores limit", p.withCountOnly(true).withLimit(2), List.of(), false, 10),
                new Case("keys_only, limit 2, DESCEND by KEY",
                        p.withKeysOnly(true).withLimit(2).withSort(SortTarget.KEY, SortOrder.DESCEND),
                        List.of("p/9", "p/8"), true, 10),
                new Case("interval [p/3, p/6)", RangeRequest.range("p/3", "p/6"), List.of("p/3", "p/4", "p/5"), false, 3),
                new Case("range_end \\0: every key from p/8", RangeRequest.range("p/8", Keys.ALL),
                        List.of("p/8", "p/9", "p0"), false, 3),
                new Case("key \\0, range_end \\0: all keys", RangeRequest.range(Keys.ALL, Keys.ALL),
                        concat(ALL_P, "p0"), false, 11),
                new Case("range_end < key: empty", RangeRequest.range("p/6", "p/3"), List.of(), false, 0),
                new Case("range_end = key: empty", RangeRequest.range("p/6", "p/6"), List.of(), false, 0),
                new Case("one key", RangeRequest.key("p0"), List.of("p0"), false, 1),
                new Case("missing key", RangeRequest.key("p/10"), List.of(), false, 0),
                new Case("min_mod_revision drops kvs, count stays", p.withModRevisionBetween(7, 0),
                        List.of("p/1", "p/3", "p/4", "p/6", "p/7", "p/8"), false, 10),
                new Case("max_mod_revision drops kvs, count stays", p.withModRevisionBetween(0, 5),
                        List.of("p/2", "p/5", "p/9"), false, 10),
                new Case("mod filter then limit", p.withModRevisionBetween(7, 0).withLimit(2),
                        List.of("p/1", "p/3"), true, 10),
                new Case("create filter", p.withCreateRevisionBetween(3, 6), List.of("p/0", "p/2", "p/9"), false, 10),
                new Case("sort MOD DESCEND, limit 3", p.withSort(SortTarget.MOD, SortOrder.DESCEND).withLimit(3),
                        List.of("p/6", "p/4", "p/8"), true, 10),
                new Case("sort target MOD without order means ASCEND", p.withSort(SortTarget.MOD, SortOrder.NONE),
                        List.of("p/5", "p/2", "p/9", "p/0", "p/7", "p/3", "p/1", "p/8", "p/4", "p/6"), false, 10),
                new Case("sort target MOD without order, limit 2: etcd sorts only the first 3 keys",
                        p.withSort(SortTarget.MOD, SortOrder.NONE).withLimit(2), List.of("p/2", "p/0"), true, 10),
                new Case("sort CREATE ASCEND, limit 2", p.withSort(SortTarget.CREATE, SortOrder.ASCEND).withLimit(2),
                        List.of("p/5", "p/2"), true, 10),
                new Case("sort VALUE ASCEND", p.withSort(SortTarget.VALUE, SortOrder.ASCEND),
                        List.of("p/9", "p/8", "p/7", "p/6", "p/5", "p/4", "p/3", "p/2", "p/1", "p/0"), false, 10),
                new Case("sort KEY ASCEND is the default order", p.withSort(SortTarget.KEY, SortOrder.ASCEND),
                        ALL_P, false, 10));
    }

    private static List<String> concat(List<String> keys, String last) {
        return Stream.concat(keys.stream(), Stream.of(last)).toList();
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("ranges")
    void range(Case c) {
        MvccStore s = keysP();

        RangeResponse r = s.range(c.request());

        assertEquals(c.keys(), keys(r));
        assertEquals(c.more(), r.more(), "more");
        assertEquals(c.count(), r.count(), "count");
        assertEquals(12, r.headerRevision());
        assertEquals(12, s.revision());
    }

    @Test
    void kvsCarryTheirVersionsAndKeysOnlyDropsValues() {
        MvccStore s = keysP();

        assertEquals(List.of(kv("p/9", "0", 5, 5, 1), kv("p/8", "1", 10, 10, 1)),
                s.range(RangeRequest.prefix("p/").withLimit(2).withSort(SortTarget.KEY, SortOrder.DESCEND)).kvs());
        assertEquals(List.of(new KeyValue("p/9", Value.EMPTY, 5, 5, 1, 0), new KeyValue("p/8", Value.EMPTY, 10, 10, 1, 0)),
                s.range(RangeRequest.prefix("p/").withKeysOnly(true).withLimit(2)
                        .withSort(SortTarget.KEY, SortOrder.DESCEND)).kvs());
    }

    @Test
    void defaultOrderIsBytewiseAscending() {
        MvccStore s = StoreFixture.store();
        for (String k : List.of("b", "a/b", "a", "B", "a0", "a/")) {
            put(s, k, "x");
        }

        assertEquals(List.of("B", "a", "a/", "a/b", "a0", "b"), keys(s.range(RangeRequest.range(Keys.ALL, Keys.ALL))));
    }

    @Test
    void theEmptyPrefixSelectsEveryKey() {
        MvccStore s = keysP();

        assertEquals(concat(ALL_P, "p0"), keys(s.range(RangeRequest.prefix(""))));
        assertEquals(11, s.deleteRange(DeleteRangeRequest.prefix("")).deleted());
        assertEquals(0, s.range(RangeRequest.range(Keys.ALL, Keys.ALL)).count());
    }

    // ---- §3.5 historic reads --------------------------------------------------------------------

    @Test
    void historicReadSeesTheKeyAsItWasWithTheCurrentRevisionInTheHeader() {
        MvccStore s = StoreFixture.store();
        put(s, "foo", "bar");                                   // 2
        put(s, "foo", "baz");                                   // 3
        s.deleteRange(DeleteRangeRequest.key("foo"));           // 4
        put(s, "foo", "again");                                 // 5
        put(s, "other", "o");                                   // 6

        assertEquals(new RangeResponse(6, List.of(), false, 0), s.range(RangeRequest.key("foo").withRevision(1)));
        assertEquals(new RangeResponse(6, List.of(kv("foo", "bar", 2, 2, 1)), false, 1),
                s.range(RangeRequest.key("foo").withRevision(2)));
        assertEquals(new RangeResponse(6, List.of(kv("foo", "baz", 2, 3, 2)), false, 1),
                s.range(RangeRequest.key("foo").withRevision(3)));
        assertEquals(new RangeResponse(6, List.of(), false, 0), s.range(RangeRequest.key("foo").withRevision(4)),
                "deleted at 4: absent");
        assertEquals(List.of("foo"), keys(s.range(RangeRequest.range(Keys.ALL, Keys.ALL).withRevision(5))));
        assertEquals(List.of("foo", "other"), keys(s.range(RangeRequest.range(Keys.ALL, Keys.ALL).withRevision(6))),
                "a read at the current revision works");
    }

    @Test
    void readsAtAFutureRevisionAreRefused() {
        MvccStore s = keysP();

        assertRefused(s, EtcdError.FUTURE_REV, () -> s.range(RangeRequest.key("p0").withRevision(13)));
        EtcdException e = assertRefused(s, EtcdError.FUTURE_REV, () -> s.range(RangeRequest.prefix("p").withRevision(100)));

        assertEquals("etcdserver: mvcc: required revision is a future revision", e.getMessage());
        assertEquals(11, e.code().number());
        assertTrue(e.is(EtcdError.FUTURE_REV));
    }
}
