package io.ksim.store;

import static io.ksim.store.StoreFixture.assertRefused;
import static io.ksim.store.StoreFixture.deleteEvent;
import static io.ksim.store.StoreFixture.get;
import static io.ksim.store.StoreFixture.kv;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.ksim.kernel.Kernel;
import io.ksim.kernel.TraceEvent;
import io.ksim.store.StoreFixture.Recorder;
import java.time.Duration;
import java.util.List;
import org.junit.jupiter.api.Test;

/** §3.8: leases on the virtual clock. */
class LeaseTest {

    private final Kernel kernel = StoreFixture.kernel();
    private final MvccStore s = MvccStore.builder(kernel).build();

    private void at(long millis) {
        kernel.runUntil(Duration.ofMillis(millis));
    }

    @Test
    void grantRaisesTheTtlToTheMinimumAndDoesNotBumpTheRevision() {
        LeaseGrantResponse one = s.leaseGrant(1, 0);
        LeaseGrantResponse five = s.leaseGrant(5, 0);

        assertEquals(2, one.ttlSeconds(), "minimum TTL is 2 s");
        assertEquals(5, five.ttlSeconds());
        assertTrue(one.id() > 0);
        assertNotEquals(one.id(), five.id());
        assertEquals(1, s.revision());
        assertEquals(List.of(Math.min(one.id(), five.id()), Math.max(one.id(), five.id())), s.leases());
    }

    @Test
    void minimumTtlIsConfigurable() {
        MvccStore lax = MvccStore.builder(kernel).minLeaseTtlSeconds(1).build();

        assertEquals(1, lax.leaseGrant(1, 0).ttlSeconds());
    }

    @Test
    void explicitIdsAreKeptAndMayNotRepeat() {
        assertEquals(new LeaseGrantResponse(777, 60), s.leaseGrant(60, 777));

        assertRefused(s, EtcdError.GrpcCode.FAILED_PRECONDITION, "etcdserver: lease already exists",
                () -> s.leaseGrant(60, 777));
        assertEquals(9, EtcdError.LEASE_EXIST.code().number());
    }

    @Test
    void aTtlAboveTheMaximumIsRefused() {
        assertRefused(s, EtcdError.LEASE_TTL_TOO_LARGE, () -> s.leaseGrant(9_000_000_001L, 0));

        assertEquals(9_000_000_000L, s.leaseGrant(9_000_000_000L, 0).ttlSeconds());
    }

    @Test
    void aPutWithAnUnknownLeaseIsRefusedAndChangesNothing() {
        StoreFixture.put(s, "k", "v");

        assertRefused(s, EtcdError.GrpcCode.NOT_FOUND, "etcdserver: requested lease not found",
                () -> s.put(PutRequest.of("k", "other").withLease(404)));
        assertRefused(s, EtcdError.LEASE_NOT_FOUND, () -> s.put(PutRequest.of("new", "v").withLease(404)));
        assertRefused(s, EtcdError.LEASE_NOT_FOUND, () -> s.leaseRevoke(404));
        assertEquals(kv("k", "v", 2, 2, 1), get(s, "k"));
    }

    @Test
    void timeToLiveCountsDownInTruncatedSeconds() {
        long id = s.leaseGrant(5, 0).id();
        StoreFixture.put(s, "other", "x");
        s.put(PutRequest.of("lk2", "v").withLease(id));
        s.put(PutRequest.of("lk1", "v").withLease(id));

        assertEquals(new LeaseTimeToLiveResponse(id, 5, 5, List.of("lk1", "lk2")), s.leaseTimeToLive(id, true));
        at(500);
        assertEquals(new LeaseTimeToLiveResponse(id, 4, 5, List.of()), s.leaseTimeToLive(id, false));
        at(3_999);
        assertEquals(1, s.leaseTimeToLive(id, false).ttlSeconds());
        at(4_000);
        assertEquals(1, s.leaseTimeToLive(id, false).ttlSeconds());
        at(4_001);
        assertEquals(0, s.leaseTimeToLive(id, false).ttlSeconds());
        assertEquals(kv("lk1", "v", 4, 4, 1, id), get(s, "lk1"));
    }

    @Test
    void timeToLiveOfAnUnknownLeaseIsMinusOne() {
        assertEquals(new LeaseTimeToLiveResponse(404, -1, 0, List.of()), s.leaseTimeToLive(404, true));
    }

    @Test
    void keepAliveRestartsTheTtlOnTheVirtualClock() {
        long id = s.leaseGrant(5, 0).id();
        s.put(PutRequest.of("k", "v").withLease(id));

        at(4_000);
        assertEquals(5, s.leaseKeepAlive(id));
        assertEquals(5, s.leaseTimeToLive(id, false).ttlSeconds());
        at(8_999);
        assertNotNull(get(s, "k"), "alive 9 s after a 5 s grant thanks to the keep-alive");
        assertEquals(0, s.leaseTimeToLive(id, false).ttlSeconds());
        at(9_000);
        assertNull(get(s, "k"));
        assertEquals(-1, s.leaseTimeToLive(id, false).ttlSeconds());
        assertEquals(0, s.leaseKeepAlive(id), "keep-alive of a gone lease answers TTL 0");
    }

    @Test
    void expiryDeletesEveryAttachedKeyInOneRevision() {
        long id = s.leaseGrant(3, 0).id();
        s.put(PutRequest.of("lk/b", "2").withLease(id));               // 2
        s.put(PutRequest.of("lk/a", "1").withLease(id));               // 3
        StoreFixture.put(s, "lk/free", "x");                           // 4
        s.put(PutRequest.of("lk/c", "3").withLease(id));               // 5
        Recorder rec = new Recorder();
        Watcher w = s.watch(WatchRequest.prefix("lk/").withPrevKv(true), rec);
        rec.clear();

        at(2_999);
        assertEquals(5, s.revision(), "nothing expires before the TTL");
        at(3_000);

        assertEquals(6, s.revision(), "one delete revision for all attached keys");
        assertEquals(List.of("lk/free"), StoreFixture.keys(s.range(RangeRequest.prefix("lk/"))));
        assertEquals(List.of(new WatchResponse(w.id(), 6, List.of(
                deleteEvent("lk/a", 6, kv("lk/a", "1", 3, 3, 1, id)),
                deleteEvent("lk/b", 6, kv("lk/b", "2", 2, 2, 1, id)),
                deleteEvent("lk/c", 6, kv("lk/c", "3", 5, 5, 1, id))), false, false, 0)), rec.responses);
        assertEquals(List.of(), s.leases());

        TraceEvent expired = kernel.trace().events().stream().filter(e -> e.kind().equals("LeaseExpired"))
                .findFirst().orElseThrow();
        assertEquals(3_000_000_000L, expired.nanos());
        assertEquals(Long.toString(id), expired.object());
        assertEquals("TTL 3s ran out; deleting 3 key(s)", expired.message());
    }

    @Test
    void expiryOfALeaseWithoutKeysDoesNotBumpTheRevision() {
        long id = s.leaseGrant(2, 0).id();
        s.put(PutRequest.of("k", "v").withLease(id));
        s.deleteRange(DeleteRangeRequest.key("k"));

        at(5_000);

        assertEquals(3, s.revision());
        assertEquals(-1, s.leaseTimeToLive(id, false).ttlSeconds());
    }

    @Test
    void revokeDeletesTheKeysInOneRevisionAndAnEmptyRevokeDoesNotBump() {
        long withKeys = s.leaseGrant(60, 0).id();
        long empty = s.leaseGrant(60, 0).id();
        s.put(PutRequest.of("a", "1").withLease(withKeys));
        s.put(PutRequest.of("b", "1").withLease(withKeys));

        assertEquals(4, s.leaseRevoke(withKeys));
        assertEquals(0, s.range(RangeRequest.range(Keys.ALL, Keys.ALL)).count());
        assertEquals(4, s.leaseRevoke(empty));
        assertEquals(4, s.revision());
        assertEquals(0, s.leaseKeepAlive(withKeys), "keep-alive of a revoked lease answers TTL 0");
        at(120_000);
        assertEquals(4, s.revision(), "a revoked lease never expires");
    }

    @Test
    void aKeyFollowsItsLatestLease() {
        long first = s.leaseGrant(2, 0).id();
        long second = s.leaseGrant(60, 0).id();
        s.put(PutRequest.of("moved", "v").withLease(first));
        s.put(PutRequest.of("freed", "v").withLease(first));
        s.put(PutRequest.of("moved", "v2").withLease(second));
        s.put(PutRequest.of("freed", "v2"));
        s.put(PutRequest.of("kept", "v").withLease(first));
        s.put(PutRequest.of("kept", "v2").withIgnoreLease(true));

        assertEquals(List.of("kept"), s.leaseTimeToLive(first, true).keys());
        at(2_000);

        assertEquals(List.of("freed", "moved"), StoreFixture.keys(s.range(RangeRequest.range(Keys.ALL, Keys.ALL))));
        assertEquals(second, get(s, "moved").lease());
        assertEquals(0, get(s, "freed").lease());
    }
}
