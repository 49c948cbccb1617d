package io.ksim.store.oracle;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.ksim.store.Compare;
import io.ksim.store.DeleteRangeRequest;
import io.ksim.store.DeleteRangeResponse;
import io.ksim.store.EtcdError;
import io.ksim.store.EtcdException;
import io.ksim.store.KeyValue;
import io.ksim.store.Keys;
import io.ksim.store.PutRequest;
import io.ksim.store.RangeRequest;
import io.ksim.store.RangeResponse;
import io.ksim.store.TxnRequest;
import io.ksim.store.TxnResponse;
import io.ksim.store.Value;
import io.ksim.store.WatchEvent;
import io.ksim.store.WatchRequest;
import java.time.Duration;
import java.util.List;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * The gateway client against real etcd, on its own: if these fail, the differential property's verdicts
 * mean nothing. Expected values are etcd 3.4's documented answers, not the model's.
 */
class GatewayClientOracleTest {

    private static final Duration WAIT = Duration.ofSeconds(5);
    private static EtcdServer server;
    private static EtcdGatewayClient etcd;

    @BeforeAll
    static void start() {
        server = EtcdServer.start();
        etcd = server.client();
    }

    @AfterAll
    static void stop() {
        if (server != null) {
            server.close();
        }
    }

    private static KeyValue kv(String key, String value, long create, long mod, long version) {
        return new KeyValue(key, Value.ofUtf8(value), create, mod, version, 0);
    }

    @Test
    void putAndRangeRoundTrip() {
        long r0 = etcd.revision();
        assertEquals(r0 + 1, etcd.put(PutRequest.of("rt/a", "1")).headerRevision());
        var second = etcd.put(PutRequest.of("rt/a", "2").withPrevKv(true));
        assertEquals(r0 + 2, second.headerRevision());
        assertEquals(kv("rt/a", "1", r0 + 1, r0 + 1, 1), second.prevKv());
        etcd.put(PutRequest.of("rt/b", ""));
        etcd.put(PutRequest.of("rt/c", "3"));

        RangeResponse all = etcd.range(RangeRequest.prefix("rt/"));
        assertEquals(List.of(kv("rt/a", "2", r0 + 1, r0 + 2, 2), kv("rt/b", "", r0 + 3, r0 + 3, 1),
                kv("rt/c", "3", r0 + 4, r0 + 4, 1)), all.kvs());
        assertEquals(r0 + 4, all.headerRevision());
        assertEquals(3, all.count());
        assertFalse(all.more());

        RangeResponse limited = etcd.range(RangeRequest.prefix("rt/").withLimit(1)
                .withSort(RangeRequest.SortTarget.KEY, RangeRequest.SortOrder.DESCEND).withKeysOnly(true));
        assertEquals(List.of(new KeyValue("rt/c", Value.EMPTY, r0 + 4, r0 + 4, 1, 0)), limited.kvs());
        assertTrue(limited.more());
        assertEquals(3, limited.count());

        RangeResponse past = etcd.range(RangeRequest.key("rt/a").withRevision(r0 + 1));
        assertEquals(List.of(kv("rt/a", "1", r0 + 1, r0 + 1, 1)), past.kvs());
        assertEquals(r0 + 4, past.headerRevision(), "a historic read reports the current revision");
        assertEquals(0, etcd.range(RangeRequest.key("rt/zz")).count());

        DeleteRangeResponse del = etcd.deleteRange(DeleteRangeRequest.prefix("rt/").withPrevKv(true));
        assertEquals(3, del.deleted());
        assertEquals(all.kvs(), del.prevKvs());
        assertEquals(r0 + 5, del.headerRevision());
        assertEquals(r0 + 5, etcd.deleteRange(DeleteRangeRequest.key("rt/a")).headerRevision());
    }

    @Test
    void txnBranchesAndErrors() {
        long r0 = etcd.revision();
        etcd.put(PutRequest.of("tx/a", "x"));
        TxnResponse ok = etcd.txn(new TxnRequest(List.of(Compare.modRevision("tx/a", Compare.Result.EQUAL, r0 + 1)),
                List.of(PutRequest.of("tx/a", "y"), RangeRequest.key("tx/a")), List.of()));
        assertTrue(ok.succeeded());
        assertEquals(r0 + 2, ok.headerRevision());
        assertEquals(List.of(kv("tx/a", "y", r0 + 1, r0 + 2, 2)), ((RangeResponse) ok.responses().get(1)).kvs());

        TxnResponse failed = etcd.txn(new TxnRequest(List.of(Compare.value("tx/missing", Compare.Result.NOT_EQUAL,
                Value.ofUtf8("z"))), List.of(), List.of(RangeRequest.key("tx/a"))));
        assertFalse(failed.succeeded(), "a VALUE compare on a missing key is false");
        assertEquals(r0 + 2, failed.headerRevision());

        assertError(EtcdError.DUPLICATE_KEY, () -> etcd.txn(new TxnRequest(List.of(),
                List.of(PutRequest.of("tx/b", "1"), DeleteRangeRequest.prefix("tx/")), List.of())));
        assertError(EtcdError.EMPTY_KEY, () -> etcd.put(PutRequest.of("", "v")));
        assertError(EtcdError.FUTURE_REV, () -> etcd.range(RangeRequest.key("tx/a").withRevision(r0 + 10)));
        assertError(EtcdError.FUTURE_REV, () -> etcd.compact(r0 + 10));
    }

    @Test
    void watchReplaysWithPrevKvAndIsCanceledBelowTheCompaction() {
        long r0 = etcd.revision();
        etcd.put(PutRequest.of("w/a", "1"));
        etcd.put(PutRequest.of("w/a", "2"));
        etcd.deleteRange(DeleteRangeRequest.key("w/a"));
        try (GatewayWatch w = etcd.watch(WatchRequest.prefix("w/").fromRevision(r0 + 1).withPrevKv(true), true)) {
            assertTrue(w.awaitCreated(WAIT), w::toString);
            assertEquals(r0 + 3, w.createdMessage().headerRevision());
            assertTrue(w.awaitProgress(r0 + 3, WAIT), w::toString);
            KeyValue v1 = kv("w/a", "1", r0 + 1, r0 + 1, 1);
            KeyValue v2 = kv("w/a", "2", r0 + 1, r0 + 2, 2);
            assertEquals(List.of(new WatchEvent(WatchEvent.Type.PUT, v1, null),
                    new WatchEvent(WatchEvent.Type.PUT, v2, v1),
                    new WatchEvent(WatchEvent.Type.DELETE, new KeyValue("w/a", Value.EMPTY, 0, r0 + 3, 0, 0), v2)),
                    w.events());
            assertNull(w.cancelMessage());
        }

        etcd.compact(r0 + 2);
        assertError(EtcdError.COMPACTED, () -> etcd.compact(r0 + 1));
        assertError(EtcdError.COMPACTED, () -> etcd.range(RangeRequest.key("w/a").withRevision(r0 + 1)));
        try (GatewayWatch w = etcd.watch(WatchRequest.key("w/a").fromRevision(r0 + 1), true)) {
            assertTrue(w.awaitCreated(WAIT), w::toString);
            assertTrue(w.awaitProgress(Long.MAX_VALUE, WAIT), w::toString);
            GatewayWatch.Message cancel = w.cancelMessage();
            assertEquals(r0 + 2, cancel.compactRevision());
            assertEquals(List.of(), w.events());
        }
    }

    /** Surprising etcd 3.4 behaviours the model copies (see EtcdParityRegressionTest), shown on etcd itself. */
    @Test
    void quirksTheModelMirrors() {
        long r0 = etcd.revision();
        etcd.put(PutRequest.of("q/a", "1"));
        // range_end "\0" escapes the duplicate-key check; the range at the old revision misses the txn's writes.
        TxnResponse t = etcd.txn(new TxnRequest(List.of(), List.of(PutRequest.of("q/a", "2"),
                DeleteRangeRequest.range("q/a", Keys.ALL).withPrevKv(true), RangeRequest.key("q/a").withRevision(r0 + 1)),
                List.of()));
        assertEquals(r0 + 2, t.headerRevision());
        assertEquals(List.of(kv("q/a", "2", r0 + 1, r0 + 2, 2)), ((DeleteRangeResponse) t.responses().get(1)).prevKvs());
        assertEquals(List.of(kv("q/a", "1", r0 + 1, r0 + 1, 1)), ((RangeResponse) t.responses().get(2)).kvs());

        etcd.put(PutRequest.of("q/c", "1"));
        etcd.put(PutRequest.of("q/c", "2"));
        etcd.put(PutRequest.of("q/c", "3"));
        etcd.compact(r0 + 4);
        // Replayed from the compaction revision: the event there has no prev_kv (revision - 1 is compacted).
        try (GatewayWatch w = etcd.watch(WatchRequest.prefix("q/").fromRevision(r0 + 4).withPrevKv(true), true)) {
            assertTrue(w.awaitCreated(WAIT), w::toString);
            assertTrue(w.awaitProgress(r0 + 5, WAIT), w::toString);
            assertEquals(List.of(new WatchEvent(WatchEvent.Type.PUT, kv("q/c", "2", r0 + 3, r0 + 4, 2), null),
                    new WatchEvent(WatchEvent.Type.PUT, kv("q/c", "3", r0 + 3, r0 + 5, 3), kv("q/c", "2", r0 + 3, r0 + 4, 2))),
                    w.events());
        }
    }

    @Test
    void leasesWithExplicitIds() {
        long id = 4242;
        var grant = etcd.leaseGrant(600, id);
        assertEquals(id, grant.id());
        assertEquals(600, grant.ttlSeconds());
        assertError(EtcdError.LEASE_EXIST, () -> etcd.leaseGrant(600, id));
        etcd.put(PutRequest.of("l/b", "1").withLease(id));
        etcd.put(PutRequest.of("l/a", "1").withLease(id));
        assertEquals(id, etcd.range(RangeRequest.key("l/a")).kvs().get(0).lease());
        var ttl = etcd.leaseTimeToLive(id, true);
        assertEquals(600, ttl.grantedTtlSeconds());
        assertEquals(List.of("l/a", "l/b"), ttl.keys().stream().sorted().toList());
        long before = etcd.revision();
        assertEquals(before + 1, etcd.leaseRevoke(id), "both keys go in one revision");
        assertEquals(0, etcd.range(RangeRequest.prefix("l/")).count());
        assertEquals(-1, etcd.leaseTimeToLive(id, true).ttlSeconds());
        assertError(EtcdError.LEASE_NOT_FOUND, () -> etcd.leaseRevoke(id));
        assertError(EtcdError.LEASE_NOT_FOUND, () -> etcd.put(PutRequest.of("l/c", "1").withLease(id)));
    }

    private static void assertError(EtcdError expected, Runnable call) {
        EtcdException e = assertThrows(EtcdException.class, call::run);
        assertEquals(expected.code(), e.code());
        assertEquals(expected.message(), e.getMessage());
    }
}
