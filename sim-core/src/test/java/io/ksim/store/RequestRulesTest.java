package io.ksim.store;

import static io.ksim.store.StoreFixture.assertRefused;
import static io.ksim.store.StoreFixture.get;
import static io.ksim.store.StoreFixture.kv;
import static io.ksim.store.StoreFixture.put;
import static org.junit.jupiter.api.Assertions.assertEquals;

import io.ksim.store.EtcdError.GrpcCode;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.function.Executable;

/** §3.10 request size limits, empty keys, and the ignore_value / ignore_lease rules. */
class RequestRulesTest {

    private final MvccStore s = StoreFixture.store();

    private static PutRequest big(int valueBytes) {
        return PutRequest.of("big", Value.of(new byte[valueBytes]));
    }

    @Test
    void theLargestPutEtcdAcceptsIsAccepted() {
        assertEquals(2, s.put(big(1_572_837)).headerRevision());

        assertEquals(1_572_837, get(s, "big").value().size());
    }

    @Test
    void oneByteMoreIsTooLarge() {
        put(s, "big", "small");

        assertRefused(s, GrpcCode.INVALID_ARGUMENT, "etcdserver: request is too large", () -> s.put(big(1_572_838)));
        assertEquals(3, EtcdError.REQUEST_TOO_LARGE.code().number());
    }

    @Test
    void aMessageAboveTheGrpcLimitIsRefusedByGrpc() {
        assertRefused(s, GrpcCode.RESOURCE_EXHAUSTED, "grpc: received message larger than max (2200010 vs. 2097152)",
                () -> s.put(big(2_200_000)));
        assertEquals(8, GrpcCode.RESOURCE_EXHAUSTED.number());
    }

    @Test
    void theGrpcLimitIsMaxRequestBytesPlus512KiB() {
        // key "big" costs 5 bytes, the value 1 + 3 + n: n = 2097143 makes a message of exactly 2097152 bytes
        assertRefused(s, EtcdError.REQUEST_TOO_LARGE, () -> s.put(big(2_097_143)));
        assertRefused(s, GrpcCode.RESOURCE_EXHAUSTED, "grpc: received message larger than max (2097153 vs. 2097152)",
                () -> s.put(big(2_097_144)));
    }

    @Test
    void txnsAndReadsAreMeasuredToo() {
        assertRefused(s, EtcdError.REQUEST_TOO_LARGE,
                () -> s.txn(new TxnRequest(List.of(), List.of(big(1_572_838)), List.of())));
        assertRefused(s, EtcdError.REQUEST_TOO_LARGE, () -> s.txn(new TxnRequest(List.of(),
                List.of(PutRequest.of("a", Value.of(new byte[800_000])), PutRequest.of("b", Value.of(new byte[800_000]))),
                List.of())));
        String hugeKey = "k".repeat(2_200_000);   // tag 1 + length 4 + 2200000
        assertRefused(s, GrpcCode.RESOURCE_EXHAUSTED, "grpc: received message larger than max (2200005 vs. 2097152)",
                () -> s.range(RangeRequest.key(hugeKey)));
    }

    @Test
    void maxRequestBytesIsConfigurable() {
        MvccStore small = MvccStore.builder(StoreFixture.kernel()).maxRequestBytes(1000).build();

        small.put(big(900));
        assertRefused(small, EtcdError.REQUEST_TOO_LARGE, () -> small.put(big(1000)));
    }

    @Test
    void anEmptyKeyIsNotProvided() {
        put(s, "a", "1");
        List<Executable> calls = List.of(
                () -> s.put(PutRequest.of("", "v")),
                () -> s.range(RangeRequest.key("")),
                () -> s.range(RangeRequest.range("", "z")),
                () -> s.deleteRange(DeleteRangeRequest.key("")),
                () -> s.deleteRange(DeleteRangeRequest.range("", Keys.ALL)),
                () -> s.txn(new TxnRequest(List.of(), List.of(PutRequest.of("", "v")), List.of())));

        for (Executable call : calls) {
            assertRefused(s, GrpcCode.INVALID_ARGUMENT, "etcdserver: key is not provided", call);
        }
    }

    // ---- ignore_value / ignore_lease ------------------------------------------------------------

    @Test
    void ignoreValueKeepsTheValueAndStillWrites() {
        put(s, "k", "keep");

        s.put(PutRequest.of("k", Value.EMPTY).withIgnoreValue(true));

        assertEquals(kv("k", "keep", 2, 3, 2), get(s, "k"));
    }

    @Test
    void ignoreValueOnAMissingKeyIsRefused() {
        put(s, "gone", "x");
        s.deleteRange(DeleteRangeRequest.key("gone"));

        assertRefused(s, GrpcCode.INVALID_ARGUMENT, "etcdserver: key not found",
                () -> s.put(PutRequest.of("nosuch", Value.EMPTY).withIgnoreValue(true)));
        assertRefused(s, EtcdError.KEY_NOT_FOUND, () -> s.put(PutRequest.of("gone", Value.EMPTY).withIgnoreValue(true)));
    }

    @Test
    void ignoreValueWithAValueIsRefused() {
        put(s, "k", "keep");

        assertRefused(s, GrpcCode.INVALID_ARGUMENT, "etcdserver: value is provided",
                () -> s.put(PutRequest.of("k", "new").withIgnoreValue(true)));
    }

    @Test
    void ignoreLeaseKeepsTheLease() {
        s.leaseGrant(60, 8);
        s.put(PutRequest.of("k", "v1").withLease(8));

        s.put(PutRequest.of("k", "v2").withIgnoreLease(true));

        assertEquals(kv("k", "v2", 2, 3, 2, 8), get(s, "k"));
        assertEquals(List.of("k"), s.leaseTimeToLive(8, true).keys());
    }

    @Test
    void ignoreLeaseWithALeaseOrOnAMissingKeyIsRefused() {
        s.leaseGrant(60, 8);
        put(s, "k", "v");

        assertRefused(s, GrpcCode.INVALID_ARGUMENT, "etcdserver: lease is provided",
                () -> s.put(PutRequest.of("k", "v").withLease(8).withIgnoreLease(true)));
        assertRefused(s, EtcdError.KEY_NOT_FOUND, () -> s.put(PutRequest.of("nosuch", "v").withIgnoreLease(true)));
    }

    @Test
    void ignoreValueAndIgnoreLeaseTogetherRewriteTheSameVersion() {
        s.leaseGrant(60, 8);
        s.put(PutRequest.of("k", "v").withLease(8));

        PutResponse r = s.put(PutRequest.of("k", Value.EMPTY).withIgnoreValue(true).withIgnoreLease(true).withPrevKv(true));

        assertEquals(new PutResponse(3, kv("k", "v", 2, 2, 1, 8)), r);
        assertEquals(kv("k", "v", 2, 3, 2, 8), get(s, "k"));
    }
}
