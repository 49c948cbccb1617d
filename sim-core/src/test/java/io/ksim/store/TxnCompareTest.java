package io.ksim.store;

import static io.ksim.store.StoreFixture.put;
import static io.ksim.store.StoreFixture.v;
import static org.junit.jupiter.api.Assertions.assertEquals;

import io.ksim.store.Compare.Result;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/** §3.4: every compare target and operator, on an existing key, a missing key and ranges. */
class TxnCompareTest {

    private static final long LEASE = 5;

    /** k = "m": create 2, mod 3, version 2, lease 5; r/1 = "a" @4, r/2 = "b" @5; revision 5. */
    private static MvccStore store() {
        MvccStore s = StoreFixture.store();
        s.leaseGrant(60, LEASE);
        put(s, "k", "m");
        s.put(PutRequest.of("k", "m").withLease(LEASE));
        put(s, "r/1", "a");
        put(s, "r/2", "b");
        assertEquals(5, s.revision());
        return s;
    }

    record Case(Compare compare, boolean holds) {
        @Override
        public String toString() {
            String operand = compare.target() == Compare.Target.VALUE ? "\"" + compare.value() + "\"" : "" + compare.operand();
            String range = compare.rangeEnd().isEmpty() ? compare.key() : "[" + compare.key() + ", " + compare.rangeEnd() + ")";
            return compare.target() + "(" + range + ") " + compare.result() + " " + operand + " -> " + holds;
        }
    }

    private static Case c(Compare compare, boolean holds) {
        return new Case(compare, holds);
    }

    static Stream<Case> existingKey() {
        return Stream.of(
                c(Compare.version("k", Result.EQUAL, 2), true), c(Compare.version("k", Result.EQUAL, 1), false),
                c(Compare.version("k", Result.NOT_EQUAL, 1), true), c(Compare.version("k", Result.NOT_EQUAL, 2), false),
                c(Compare.version("k", Result.GREATER, 1), true), c(Compare.version("k", Result.GREATER, 2), false),
                c(Compare.version("k", Result.LESS, 3), true), c(Compare.version("k", Result.LESS, 2), false),
                c(Compare.createRevision("k", Result.EQUAL, 2), true), c(Compare.createRevision("k", Result.EQUAL, 3), false),
                c(Compare.createRevision("k", Result.NOT_EQUAL, 0), true),
                c(Compare.createRevision("k", Result.GREATER, 1), true), c(Compare.createRevision("k", Result.GREATER, 2), false),
                c(Compare.createRevision("k", Result.LESS, 3), true), c(Compare.createRevision("k", Result.LESS, 2), false),
                c(Compare.modRevision("k", Result.EQUAL, 3), true), c(Compare.modRevision("k", Result.EQUAL, 2), false),
                c(Compare.modRevision("k", Result.NOT_EQUAL, 2), true), c(Compare.modRevision("k", Result.NOT_EQUAL, 3), false),
                c(Compare.modRevision("k", Result.GREATER, 2), true), c(Compare.modRevision("k", Result.GREATER, 3), false),
                c(Compare.modRevision("k", Result.LESS, 4), true), c(Compare.modRevision("k", Result.LESS, 3), false),
                c(Compare.value("k", Result.EQUAL, v("m")), true), c(Compare.value("k", Result.EQUAL, v("n")), false),
                c(Compare.value("k", Result.NOT_EQUAL, v("n")), true), c(Compare.value("k", Result.NOT_EQUAL, v("m")), false),
                c(Compare.value("k", Result.GREATER, v("l")), true), c(Compare.value("k", Result.GREATER, v("m")), false),
                c(Compare.value("k", Result.GREATER, Value.EMPTY), true),
                c(Compare.value("k", Result.LESS, v("n")), true), c(Compare.value("k", Result.LESS, v("m")), false),
                c(Compare.value("k", Result.LESS, v("m\0")), true),
                c(Compare.value("k", Result.LESS, Value.of(new byte[] {(byte) 0xC3})), true),
                c(Compare.lease("k", Result.EQUAL, LEASE), true), c(Compare.lease("k", Result.EQUAL, 0), false),
                c(Compare.lease("k", Result.NOT_EQUAL, 0), true), c(Compare.lease("k", Result.GREATER, 4), true),
                c(Compare.lease("k", Result.LESS, LEASE), false));
    }

    static Stream<Case> missingKey() {
        return Stream.of(
                c(Compare.version("nosuch", Result.EQUAL, 0), true),
                c(Compare.createRevision("nosuch", Result.EQUAL, 0), true),
                c(Compare.modRevision("nosuch", Result.EQUAL, 0), true),
                c(Compare.lease("nosuch", Result.EQUAL, 0), true),
                c(Compare.version("nosuch", Result.LESS, 1), true),
                c(Compare.version("nosuch", Result.GREATER, 0), false),
                c(Compare.modRevision("nosuch", Result.NOT_EQUAL, 0), false),
                c(Compare.createRevision("nosuch", Result.EQUAL, 2), false),
                c(Compare.value("nosuch", Result.NOT_EQUAL, v("z")), false),
                c(Compare.value("nosuch", Result.EQUAL, Value.EMPTY), false),
                c(Compare.value("nosuch", Result.LESS, v("z")), false),
                c(Compare.value("nosuch", Result.GREATER, Value.EMPTY), false));
    }

    static Stream<Case> ranges() {
        return Stream.of(
                c(Compare.version("r/", Result.EQUAL, 1).overRange("r0"), true),
                c(Compare.modRevision("r/", Result.GREATER, 4).overRange("r0"), false),
                c(Compare.modRevision("r/", Result.GREATER, 3).overRange("r0"), true),
                c(Compare.value("r/", Result.LESS, v("c")).overRange("r0"), true),
                c(Compare.value("r/", Result.EQUAL, v("a")).overRange("r0"), false),
                c(Compare.createRevision("r/", Result.EQUAL, 0).overRange("r/"), true),
                c(Compare.version("s/", Result.EQUAL, 0).overRange("s0"), true),
                c(Compare.value("s/", Result.NOT_EQUAL, v("x")).overRange("s0"), false),
                c(Compare.version("k", Result.GREATER, 0).overRange(Keys.ALL), true),
                c(Compare.version("k", Result.EQUAL, 2).overRange(Keys.ALL), false));
    }

    private static void check(Case c) {
        MvccStore s = store();
        TxnRequest txn = new TxnRequest(List.of(c.compare()),
                List.of(PutRequest.of("then", "yes")), List.of(PutRequest.of("else", "yes")));

        TxnResponse r = s.txn(txn);

        assertEquals(c.holds(), r.succeeded());
        assertEquals(6, r.headerRevision());
        assertEquals(c.holds() ? 1 : 0, s.range(RangeRequest.key("then")).count());
        assertEquals(c.holds() ? 0 : 1, s.range(RangeRequest.key("else")).count());
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("existingKey")
    void compareOnAnExistingKey(Case c) {
        check(c);
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("missingKey")
    void aMissingKeyComparesAsZerosButNeverByValue(Case c) {
        check(c);
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("ranges")
    void aRangeCompareMustHoldForEveryKeyInIt(Case c) {
        check(c);
    }

    static Stream<List<Compare>> conjunctions() {
        return Stream.of(
                List.of(Compare.version("k", Result.EQUAL, 2), Compare.value("k", Result.EQUAL, v("x"))),
                List.of(Compare.value("k", Result.EQUAL, v("x")), Compare.version("k", Result.EQUAL, 2)),
                List.of(Compare.version("k", Result.EQUAL, 2), Compare.modRevision("k", Result.EQUAL, 3),
                        Compare.createRevision("nosuch", Result.GREATER, 0)));
    }

    @ParameterizedTest
    @MethodSource("conjunctions")
    void oneFalseCompareFailsTheTxn(List<Compare> compares) {
        MvccStore s = store();

        TxnResponse r = s.txn(new TxnRequest(compares, List.of(PutRequest.of("then", "yes")), List.of()));

        assertEquals(new TxnResponse(5, false, List.of()), r);
    }
}
