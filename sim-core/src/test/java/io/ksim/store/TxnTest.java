package io.ksim.store;

import static io.ksim.store.StoreFixture.assertRefused;
import static io.ksim.store.StoreFixture.get;
import static io.ksim.store.StoreFixture.kv;
import static io.ksim.store.StoreFixture.put;
import static org.junit.jupiter.api.Assertions.assertEquals;

import io.ksim.store.Compare.Result;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/** §3.4: txn branches, what operations inside a txn see, and the txns etcd refuses whole. */
class TxnTest {

    private final MvccStore s = StoreFixture.store();

    /** a=1 @2, b=2 @3; revision 3. */
    private void ab() {
        put(s, "a", "1");
        put(s, "b", "2");
    }

    @Test
    void aRangeInsideATxnSeesTheTxnsEarlierWrites() {
        ab();

        TxnResponse r = s.txn(new TxnRequest(List.of(), List.of(
                RangeRequest.key("a"),
                PutRequest.of("a", "x"),
                RangeRequest.key("a"),
                DeleteRangeRequest.key("b"),
                RangeRequest.range("a", "c")), List.of()));

        assertEquals(new TxnResponse(4, true, List.of(
                new RangeResponse(3, List.of(kv("a", "1", 2, 2, 1)), false, 1),
                new PutResponse(4, null),
                new RangeResponse(4, List.of(kv("a", "x", 2, 4, 2)), false, 1),
                new DeleteRangeResponse(4, 1, List.of()),
                new RangeResponse(4, List.of(kv("a", "x", 2, 4, 2)), false, 1))), r);
    }

    @Test
    void aRangeAtAnExplicitRevisionInsideATxnReadsThatRevision() {
        ab();

        TxnResponse r = s.txn(new TxnRequest(List.of(), List.of(
                PutRequest.of("a", "x"),
                DeleteRangeRequest.key("b"),
                RangeRequest.range("a", "c").withRevision(3),
                RangeRequest.range("a", "c").withRevision(2)), List.of()));

        assertEquals(List.of(
                new PutResponse(4, null),
                new DeleteRangeResponse(4, 1, List.of()),
                new RangeResponse(4, List.of(kv("a", "1", 2, 2, 1), kv("b", "2", 3, 3, 1)), false, 2),
                new RangeResponse(4, List.of(kv("a", "1", 2, 2, 1)), false, 1)), r.responses());
    }

    @Test
    void aDeleteInsideATxnThatDeletesNothingReportsTheTxnsRevision() {
        ab();

        TxnResponse r = s.txn(new TxnRequest(List.of(),
                List.of(DeleteRangeRequest.key("nosuch"), PutRequest.of("c", "3"), DeleteRangeRequest.key("nosuch")),
                List.of()));

        assertEquals(List.of(new DeleteRangeResponse(3, 0, List.of()), new PutResponse(4, null),
                new DeleteRangeResponse(4, 0, List.of())), r.responses());
    }

    @Test
    void theFailureBranchRunsWhenACompareFails() {
        ab();

        TxnResponse r = s.txn(new TxnRequest(List.of(Compare.modRevision("a", Result.EQUAL, 3)),
                List.of(PutRequest.of("a", "then")),
                List.of(PutRequest.of("b", "else").withPrevKv(true), RangeRequest.key("b"))));

        assertEquals(new TxnResponse(4, false, List.of(new PutResponse(4, kv("b", "2", 3, 3, 1)),
                new RangeResponse(4, List.of(kv("b", "else", 3, 4, 2)), false, 1))), r);
        assertEquals(kv("a", "1", 2, 2, 1), get(s, "a"));
    }

    @Test
    void putsInOneTxnMayUseALeaseAndDeletePrefixes() {
        ab();
        s.leaseGrant(30, 9);

        s.txn(new TxnRequest(List.of(), List.of(DeleteRangeRequest.prefix("a"), PutRequest.of("l", "x").withLease(9)),
                List.of()));

        assertEquals(kv("l", "x", 4, 4, 1, 9), get(s, "l"));
        assertEquals(List.of("l"), s.leaseTimeToLive(9, true).keys());
    }

    // ---- refused whole --------------------------------------------------------------------------

    record Refused(String name, TxnRequest txn, EtcdError error) {
        @Override
        public String toString() {
            return name;
        }
    }

    private static TxnRequest ops(RequestOp... ops) {
        return new TxnRequest(List.of(), List.of(ops), List.of());
    }

    static Stream<Refused> refusedTxns() {
        Compare never = Compare.version("a", Result.EQUAL, 99);
        return Stream.of(
                new Refused("put + put of one key", ops(PutRequest.of("x", "1"), PutRequest.of("x", "2")),
                        EtcdError.DUPLICATE_KEY),
                new Refused("put + delete of one key", ops(PutRequest.of("a", "1"), DeleteRangeRequest.key("a")),
                        EtcdError.DUPLICATE_KEY),
                new Refused("delete + put of one key", ops(DeleteRangeRequest.key("a"), PutRequest.of("a", "1")),
                        EtcdError.DUPLICATE_KEY),
                new Refused("put inside a deleted range", ops(DeleteRangeRequest.range("a", "c"), PutRequest.of("b", "1")),
                        EtcdError.DUPLICATE_KEY),
                new Refused("put inside a deleted prefix", ops(PutRequest.of("a/1", "1"), DeleteRangeRequest.prefix("a/")),
                        EtcdError.DUPLICATE_KEY),
                new Refused("duplicate in the branch not taken", new TxnRequest(List.of(), List.of(PutRequest.of("x", "1")),
                        List.of(PutRequest.of("y", "1"), PutRequest.of("y", "2"))), EtcdError.DUPLICATE_KEY),
                new Refused("put with an unknown lease", ops(PutRequest.of("x", "1"), PutRequest.of("y", "1").withLease(404)),
                        EtcdError.LEASE_NOT_FOUND),
                new Refused("put with an unknown lease in the failure branch taken", new TxnRequest(List.of(never),
                        List.of(), List.of(PutRequest.of("y", "1").withLease(404))), EtcdError.LEASE_NOT_FOUND),
                new Refused("ignore_value on a missing key", ops(PutRequest.of("x", "1"),
                        PutRequest.of("nosuch", Value.EMPTY).withIgnoreValue(true)), EtcdError.KEY_NOT_FOUND),
                new Refused("range at a future revision", ops(PutRequest.of("x", "1"), RangeRequest.key("a").withRevision(4)),
                        EtcdError.FUTURE_REV),
                new Refused("empty key in a compare", new TxnRequest(List.of(Compare.version("", Result.EQUAL, 0)),
                        List.of(), List.of()), EtcdError.EMPTY_KEY),
                new Refused("empty key in a put", ops(PutRequest.of("", "1")), EtcdError.EMPTY_KEY),
                new Refused("empty key in a delete", ops(DeleteRangeRequest.key("")), EtcdError.EMPTY_KEY),
                new Refused("empty key in a range", ops(RangeRequest.key("")), EtcdError.EMPTY_KEY),
                new Refused("129 puts", new TxnRequest(List.of(), puts(129), List.of()), EtcdError.TOO_MANY_OPS),
                new Refused("129 ops in the failure branch", new TxnRequest(List.of(), List.of(), puts(129)),
                        EtcdError.TOO_MANY_OPS),
                new Refused("129 compares", new TxnRequest(Collections.nCopies(129, Compare.version("a", Result.EQUAL, 1)),
                        List.of(), List.of()), EtcdError.TOO_MANY_OPS));
    }

    private static List<RequestOp> puts(int n) {
        List<RequestOp> ops = new ArrayList<>();
        for (int i = 0; i < n; i++) {
            ops.add(PutRequest.of("k" + i, "v"));
        }
        return ops;
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("refusedTxns")
    void refusedWholeAndNothingChanges(Refused c) {
        ab();
        s.leaseGrant(30, 9);
        StoreFixture.Recorder watch = new StoreFixture.Recorder();
        s.watch(WatchRequest.range(Keys.ALL, Keys.ALL), watch);
        watch.clear();

        assertRefused(s, c.error(), () -> s.txn(c.txn()));

        assertEquals(List.of(), watch.responses, "a refused txn sends no events");
    }

    @Test
    void theDuplicateKeyErrorHasEtcdsText() {
        ab();

        assertRefused(s, EtcdError.GrpcCode.INVALID_ARGUMENT, "etcdserver: duplicate key given in txn request",
                () -> s.txn(ops(PutRequest.of("a", "1"), PutRequest.of("a", "2"))));
        assertRefused(s, EtcdError.GrpcCode.INVALID_ARGUMENT, "etcdserver: too many operations in txn request",
                () -> s.txn(new TxnRequest(List.of(), puts(129), List.of())));
    }

    @Test
    void whatIsNotADuplicate() {
        ab();

        TxnResponse r = s.txn(ops(DeleteRangeRequest.key("a"), DeleteRangeRequest.range("a", "c"),
                RangeRequest.key("x"), PutRequest.of("x", "1"), RangeRequest.key("x")));

        assertEquals(4, r.headerRevision());
        assertEquals(List.of("x"), StoreFixture.keys(s.range(RangeRequest.range(Keys.ALL, Keys.ALL))));
    }

    @Test
    void atMost128OpsPerBranch() {
        TxnResponse r = s.txn(new TxnRequest(Collections.nCopies(128, Compare.version("k0", Result.EQUAL, 0)),
                puts(128), puts(128)));

        assertEquals(2, r.headerRevision());
        assertEquals(128, s.range(RangeRequest.range(Keys.ALL, Keys.ALL)).count());
    }

    @Test
    void maxTxnOpsIsConfigurable() {
        MvccStore small = MvccStore.builder(StoreFixture.kernel()).maxTxnOps(2).build();

        small.txn(new TxnRequest(List.of(), puts(2), List.of()));
        assertRefused(small, EtcdError.TOO_MANY_OPS, () -> small.txn(new TxnRequest(List.of(), puts(3), List.of())));
    }
}
