package io.ksim.store;

import io.ksim.kernel.Kernel;
import java.util.ArrayList;
import java.util.Collection;
import java.util.Comparator;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.NavigableMap;
import java.util.Objects;
import java.util.Set;
import java.util.TreeMap;

/**
 * An in-memory key-value store with etcd v3 semantics: the model of the etcd that backs kube-apiserver.
 *
 * <ul>
 *   <li>One global revision, starting at 1, bumped once per write request: a txn with several writes bumps it
 *       once; a delete that deletes nothing, a read, a read-only txn, a lease grant and a compaction do not.</li>
 *   <li>Every key version carries create_revision, mod_revision, version and lease ({@link KeyValue}).</li>
 *   <li>Reads at past revisions until compaction removes them; etcd's errors for compacted and future
 *       revisions ({@link EtcdError#COMPACTED}, {@link EtcdError#FUTURE_REV}).</li>
 *   <li>Txns with compares, watches with history replay ({@link WatchHub}), leases on the virtual clock
 *       ({@link Lessor}), and etcd's request size limit ({@link RequestSize}).</li>
 * </ul>
 *
 * <p>A refused request throws {@link EtcdException} and changes nothing: every check runs before the first
 * change, as etcd validates a request before applying it. The store is driven from the simulation thread.
 *
 * <p>Example:
 * <pre>{@code
 * MvccStore etcd = MvccStore.builder(kernel).build();        // revision 1
 * etcd.put(PutRequest.of("/registry/a", "x"));                // revision 2: create 2, mod 2, version 1
 * etcd.txn(TxnRequest.when(Compare.modRevision("/registry/a", EQUAL, 2),
 *          PutRequest.of("/registry/a", "y")));               // revision 3, succeeded
 * }</pre>
 */
public final class MvccStore {

    private final Kernel kernel;
    private final int maxRequestBytes;
    private final int maxTxnOps;
    private final Lessor lessor;
    private final WatchHub hub = new WatchHub(this::revision);
    /** Every key with history, in key order, for ranges. */
    private final TreeMap<String, KeyIndex> index = new TreeMap<>();
    /** The same key indexes by hash: single-key reads and writes (most requests) skip the tree walk. */
    private final HashMap<String, KeyIndex> byKey = new HashMap<>();

    private long revision = 1;
    /** -1 until the first compaction, as etcd's compactMainRev. */
    private long compactRevision = -1;
    private long liveKeys;
    private long liveBytes;
    private long retainedBytes;

    private MvccStore(Builder b) {
        this.kernel = b.kernel;
        this.maxRequestBytes = b.maxRequestBytes;
        this.maxTxnOps = b.maxTxnOps;
        this.lessor = new Lessor(b.kernel, b.minLeaseTtlSeconds, this::expireLease);
    }

    public static Builder builder(Kernel kernel) {
        return new Builder(kernel);
    }

    /** The current revision: the revision of the last write (1 for a new store). */
    public long revision() {
        return revision;
    }

    /** The revision of the last compaction, 0 if there was none. */
    public long compactRevision() {
        return Math.max(compactRevision, 0);
    }

    // ---- reads ----------------------------------------------------------------------------------

    public RangeResponse range(RangeRequest r) {
        checkGrpcSize(RequestSize.range(r));
        requireKey(r.key());
        return rangeAt(r, readRevision(r.revision()), revision);
    }

    private long readRevision(long requested) {
        if (requested > revision) {
            throw EtcdError.FUTURE_REV.exception();
        }
        if (requested > 0 && requested < compactRevision) {
            throw EtcdError.COMPACTED.exception();
        }
        return requested <= 0 ? revision : requested;
    }

    private RangeResponse rangeAt(RangeRequest r, long rev, long headerRevision) {
        boolean defaultOrder = isDefaultOrder(r.sortTarget(), r.sortOrder());
        // As etcd: fetch one more than the limit to learn whether there is more, unless everything must be
        // fetched first to sort or filter it.
        long fetch = (!defaultOrder || r.hasRevisionFilters() || r.limit() <= 0) ? Long.MAX_VALUE : r.limit() + 1;
        List<KeyValue> kvs = new ArrayList<>();
        long count = 0;
        for (KeyIndex ki : candidates(r.key(), r.rangeEnd())) {
            // current() already holds the writes a txn made before this range, so it only stands for the
            // newest revision (the header revision); a read at an explicit earlier revision (even the txn's
            // begin revision) must not see the txn's own writes.
            KeyValue kv = rev == headerRevision ? ki.current() : ki.at(rev);
            if (kv == null) {
                continue;
            }
            count++;
            if (!r.countOnly() && kvs.size() < fetch) {
                kvs.add(kv);
            }
        }
        if (r.countOnly()) {
            return new RangeResponse(headerRevision, List.of(), false, count);
        }
        if (r.hasRevisionFilters()) {
            kvs.removeIf(kv -> (r.maxModRevision() != 0 && kv.modRevision() > r.maxModRevision())
                    || (r.minModRevision() != 0 && kv.modRevision() < r.minModRevision())
                    || (r.maxCreateRevision() != 0 && kv.createRevision() > r.maxCreateRevision())
                    || (r.minCreateRevision() != 0 && kv.createRevision() < r.minCreateRevision()));
        }
        RangeRequest.SortOrder order = r.sortOrder();
        if (r.sortTarget() != RangeRequest.SortTarget.KEY && order == RangeRequest.SortOrder.NONE) {
            order = RangeRequest.SortOrder.ASCEND;
        }
        if (!isDefaultOrder(r.sortTarget(), order)) {
            // Stable sort: ties keep key order. etcd's sort is not stable, so its order among ties is arbitrary.
            Comparator<KeyValue> by = sortKey(r.sortTarget());
            kvs.sort(order == RangeRequest.SortOrder.DESCEND ? by.reversed() : by);
        }
        boolean more = false;
        if (r.limit() > 0 && kvs.size() > r.limit()) {
            kvs = kvs.subList(0, (int) r.limit());
            more = true;
        }
        if (r.keysOnly()) {
            kvs.replaceAll(KeyValue::withoutValue);
        }
        return new RangeResponse(headerRevision, kvs, more, count);
    }

    private static boolean isDefaultOrder(RangeRequest.SortTarget target, RangeRequest.SortOrder order) {
        return order == RangeRequest.SortOrder.NONE
                || (target == RangeRequest.SortTarget.KEY && order == RangeRequest.SortOrder.ASCEND);
    }

    private static Comparator<KeyValue> sortKey(RangeRequest.SortTarget target) {
        return switch (target) {
            case KEY -> Comparator.comparing(KeyValue::key);
            case VERSION -> Comparator.comparingLong(KeyValue::version);
            case CREATE -> Comparator.comparingLong(KeyValue::createRevision);
            case MOD -> Comparator.comparingLong(KeyValue::modRevision);
            case VALUE -> (a, b) -> Value.compare(a.value(), b.value());
        };
    }

    /** Key indexes of one key, an interval or everything from {@code key}, in key order. */
    private Collection<KeyIndex> candidates(String key, String rangeEnd) {
        if (rangeEnd.isEmpty()) {
            KeyIndex ki = byKey.get(key);
            return ki == null ? List.of() : List.of(ki);
        }
        if (rangeEnd.equals(Keys.ALL)) {
            return index.tailMap(key, true).values();
        }
        if (rangeEnd.compareTo(key) <= 0) {
            return List.of();
        }
        return index.subMap(key, true, rangeEnd, false).values();
    }

    // ---- writes ---------------------------------------------------------------------------------

    public PutResponse put(PutRequest r) {
        long size = RequestSize.put(r);
        checkGrpcSize(size);
        checkPutRequest(r);
        checkRaftSize(size);
        checkPutAgainstState(r);
        Changes changes = new Changes(revision);
        PutResponse response = applyPut(r, changes);
        commit(changes);
        return response;
    }

    public DeleteRangeResponse deleteRange(DeleteRangeRequest r) {
        long size = RequestSize.deleteRange(r);
        checkGrpcSize(size);
        requireKey(r.key());
        checkRaftSize(size);
        Changes changes = new Changes(revision);
        DeleteRangeResponse response = applyDelete(r, changes);
        commit(changes);
        return response;
    }

    public TxnResponse txn(TxnRequest t) {
        long size = RequestSize.txn(t);
        checkGrpcSize(size);
        checkTxnRequest(t);
        if (!t.isReadOnly()) {
            checkRaftSize(size);
        }
        boolean succeeded = true;
        for (Compare c : t.compares()) {
            if (!holds(c)) {
                succeeded = false;
                break;
            }
        }
        List<RequestOp> ops = succeeded ? t.success() : t.failure();
        for (int i = 0; i < ops.size(); i++) {
            if (ops.get(i) instanceof PutRequest p) {
                checkPutAgainstState(p);
                checkNotDeletedEarlier(p, ops.subList(0, i));
            }
        }
        for (RequestOp op : ops) {
            if (op instanceof RangeRequest rr) {
                readRevision(rr.revision());
            }
        }
        Changes changes = new Changes(revision);
        List<ResponseOp> responses = new ArrayList<>(ops.size());
        for (RequestOp op : ops) {
            if (op instanceof PutRequest p) {
                responses.add(applyPut(p, changes));
            } else if (op instanceof DeleteRangeRequest d) {
                responses.add(applyDelete(d, changes));
            } else {
                RangeRequest rr = (RangeRequest) op;
                // A range inside the txn sees the txn's earlier writes: the "current" revision is the new one.
                long now = changes.revisionSoFar();
                responses.add(rangeAt(rr, rr.revision() <= 0 ? now : rr.revision(), now));
            }
        }
        commit(changes);
        return new TxnResponse(revision, succeeded, responses);
    }

    /**
     * Discards history before {@code rev}: reads below it fail with {@link EtcdError#COMPACTED}, as do
     * watches that would start below it. The newest version at or before {@code rev} of every live key is
     * kept. Returns the header revision (compaction does not bump it).
     */
    public long compact(long rev) {
        if (rev <= compactRevision) {
            throw EtcdError.COMPACTED.exception();
        }
        if (rev > revision) {
            throw EtcdError.FUTURE_REV.exception();
        }
        List<String> emptied = new ArrayList<>();
        for (Map.Entry<String, KeyIndex> e : index.entrySet()) {
            retainedBytes -= e.getValue().compact(rev);
            if (e.getValue().isEmpty()) {
                emptied.add(e.getKey());
            }
        }
        for (String key : emptied) {
            index.remove(key);
            byKey.remove(key);
        }
        hub.compact(rev);
        compactRevision = rev;
        kernel.trace().record("etcd", "Compact", "", "compacted at revision " + rev);
        return revision;
    }

    // ---- watches --------------------------------------------------------------------------------

    /** Starts a watch; its messages (creation, events, cancellation) go to {@code listener}. */
    public Watcher watch(WatchRequest request, WatchListener listener) {
        requireKey(request.key());
        return hub.watch(request, Objects.requireNonNull(listener, "listener"), revision, compactRevision);
    }

    // ---- leases ---------------------------------------------------------------------------------

    /** Grants a lease of {@code ttlSeconds} (raised to the minimum TTL); {@code id} 0 lets the store choose. */
    public LeaseGrantResponse leaseGrant(long ttlSeconds, long id) {
        return lessor.grant(ttlSeconds, id);
    }

    /** Revokes a lease, deleting its keys in one revision. Returns the header revision. */
    public long leaseRevoke(long id) {
        revoke(lessor.remove(id));
        return revision;
    }

    /** Restarts a lease's TTL; returns the TTL, or 0 if the lease does not exist. */
    public long leaseKeepAlive(long id) {
        return lessor.keepAlive(id);
    }

    public LeaseTimeToLiveResponse leaseTimeToLive(long id, boolean withKeys) {
        return lessor.timeToLive(id, withKeys);
    }

    /** IDs of the granted leases, ascending. */
    public List<Long> leases() {
        return lessor.ids();
    }

    private void expireLease(long id) {
        Lease lease = lessor.remove(id);
        kernel.trace().record("etcd", "LeaseExpired", Long.toString(id),
                "TTL " + lease.grantedTtlSeconds + "s ran out; deleting " + lease.keys.size() + " key(s)");
        revoke(lease);
    }

    private void revoke(Lease lease) {
        Changes changes = new Changes(revision);
        for (String key : List.copyOf(lease.keys)) {
            applyDelete(DeleteRangeRequest.key(key), changes);
        }
        commit(changes);
    }

    public StoreStatus status() {
        return new StoreStatus(revision, compactRevision(), liveKeys, liveBytes, retainedBytes, hub.historySize(),
                hub.watcherCount(), lessor.size());
    }

    // ---- applying -------------------------------------------------------------------------------

    /** The writes of one request, all at revision beginRevision + 1. */
    private static final class Changes {
        final long beginRevision;
        final List<WatchEvent> events = new ArrayList<>(1);

        Changes(long beginRevision) {
            this.beginRevision = beginRevision;
        }

        long revisionSoFar() {
            return events.isEmpty() ? beginRevision : beginRevision + 1;
        }
    }

    private PutResponse applyPut(PutRequest r, Changes changes) {
        long rev = changes.beginRevision + 1;
        KeyIndex ki = byKey.get(r.key());
        KeyValue prev = ki == null ? null : ki.current();
        Value value = r.ignoreValue() ? prev.value() : r.value();
        long lease = r.ignoreLease() ? prev.lease() : r.lease();
        KeyValue kv = prev == null
                ? new KeyValue(r.key(), value, rev, rev, 1, lease)
                : new KeyValue(r.key(), value, prev.createRevision(), rev, prev.version() + 1, lease);
        if (ki == null) {
            ki = new KeyIndex(r.key());
            index.put(r.key(), ki);
            byKey.put(r.key(), ki);
        }
        ki.append(kv);
        if (prev == null) {
            liveKeys++;
        } else {
            liveBytes -= ki.storedBytes(prev);
            if (prev.lease() != lease) {
                lessor.detach(prev.lease(), r.key());
            }
        }
        lessor.attach(lease, r.key());
        long bytes = ki.storedBytes(kv);
        liveBytes += bytes;
        retainedBytes += bytes;
        changes.events.add(new WatchEvent(WatchEvent.Type.PUT, kv, prev));
        return new PutResponse(rev, r.prevKv() ? prev : null);
    }

    private DeleteRangeResponse applyDelete(DeleteRangeRequest r, Changes changes) {
        List<KeyIndex> live = new ArrayList<>();
        for (KeyIndex ki : candidates(r.key(), r.rangeEnd())) {
            if (ki.current() != null) {
                live.add(ki);
            }
        }
        long rev = changes.beginRevision + 1;
        List<KeyValue> deleted = new ArrayList<>(live.size());
        for (KeyIndex ki : live) {
            KeyValue prev = ki.current();
            deleted.add(prev);
            KeyValue tombstone = KeyValue.tombstone(prev.key(), rev);
            KeyValue eventPrev = beforeRequest(ki, prev, changes);
            ki.append(tombstone);
            lessor.detach(prev.lease(), prev.key());
            liveKeys--;
            liveBytes -= ki.storedBytes(prev);
            changes.events.add(new WatchEvent(WatchEvent.Type.DELETE, tombstone, eventPrev));
        }
        return new DeleteRangeResponse(changes.revisionSoFar(), deleted.size(), r.prevKv() ? deleted : List.of());
    }

    /**
     * The previous version a DELETE event carries: the key as it was before the whole request, because etcd
     * looks an event's prev_kv up at the event's revision - 1. It differs from {@code current} (the version
     * the response's prev_kvs show) only when the same txn already put the key: for put a and then delete
     * every key from a, the DELETE event's prev_kv is a's version from before the txn, or none. (A PUT event
     * needs no such care: etcd gives a create no prev_kv, and any other put is the key's first change in
     * its txn.)
     */
    private static KeyValue beforeRequest(KeyIndex ki, KeyValue current, Changes changes) {
        if (ki == null || (current != null && current.modRevision() <= changes.beginRevision)) {
            return current;
        }
        return ki.at(changes.beginRevision);
    }

    private void commit(Changes changes) {
        if (changes.events.isEmpty()) {
            return;
        }
        revision = changes.beginRevision + 1;
        hub.committed(revision, changes.events);
    }

    // ---- checks (all run before the first change) -----------------------------------------------

    private boolean holds(Compare c) {
        boolean any = false;
        for (KeyIndex ki : candidates(c.key(), c.rangeEnd())) {
            KeyValue kv = ki.current();
            if (kv == null) {
                continue;
            }
            any = true;
            if (!c.holdsFor(kv)) {
                return false;
            }
        }
        return any || c.holdsForMissing();
    }

    private static void requireKey(String key) {
        if (key.isEmpty()) {
            throw EtcdError.EMPTY_KEY.exception();
        }
    }

    private static void checkPutRequest(PutRequest r) {
        requireKey(r.key());
        if (r.ignoreValue() && r.value().size() != 0) {
            throw EtcdError.VALUE_PROVIDED.exception();
        }
        if (r.ignoreLease() && r.lease() != 0) {
            throw EtcdError.LEASE_PROVIDED.exception();
        }
    }

    /** Checks that need the store's state: the lease exists; ignore_value/ignore_lease need the key. */
    private void checkPutAgainstState(PutRequest r) {
        if (r.lease() != 0 && !lessor.exists(r.lease())) {
            throw EtcdError.LEASE_NOT_FOUND.exception();
        }
        if (r.ignoreValue() || r.ignoreLease()) {
            KeyIndex ki = byKey.get(r.key());
            if (ki == null || ki.current() == null) {
                throw EtcdError.KEY_NOT_FOUND.exception();
            }
        }
    }

    /**
     * A put that keeps the current value or lease of a key an earlier op of the same txn deleted ("delete
     * every key from a", then "put a ignore_value") has nothing to keep. etcd 3.4 checks such puts only against
     * the state before the txn and then fails while applying, which stops the server; ksim refuses the txn with
     * etcd's own "key not found" instead, and nothing changes.
     */
    private static void checkNotDeletedEarlier(PutRequest p, List<RequestOp> earlier) {
        if (!p.ignoreValue() && !p.ignoreLease()) {
            return;
        }
        for (RequestOp op : earlier) {
            if (op instanceof DeleteRangeRequest d && Keys.inRange(p.key(), d.key(), d.rangeEnd())) {
                throw EtcdError.KEY_NOT_FOUND.exception();
            }
        }
    }

    private void checkTxnRequest(TxnRequest t) {
        int ops = Math.max(t.compares().size(), Math.max(t.success().size(), t.failure().size()));
        if (ops > maxTxnOps) {
            throw EtcdError.TOO_MANY_OPS.exception();
        }
        for (Compare c : t.compares()) {
            requireKey(c.key());
        }
        for (List<RequestOp> branch : List.of(t.success(), t.failure())) {
            for (RequestOp op : branch) {
                if (op instanceof PutRequest p) {
                    checkPutRequest(p);
                } else if (op instanceof DeleteRangeRequest d) {
                    requireKey(d.key());
                } else {
                    requireKey(((RangeRequest) op).key());
                }
            }
        }
        checkNoDuplicateKeys(t.success());
        checkNoDuplicateKeys(t.failure());
    }

    /**
     * etcd's checkIntervals: no key put twice, and no put inside a range the same branch deletes.
     *
     * <p>As in etcd, a delete's range is taken literally here: a range_end of "\0" ("every key from key
     * on") makes the interval [key, "\0"), which is empty, so such a delete never clashes with a put. etcd
     * accepts {@code put a; delete from a} in one branch and applies both in order.
     */
    private static void checkNoDuplicateKeys(List<RequestOp> ops) {
        List<DeleteRangeRequest> deletes = new ArrayList<>();
        for (RequestOp op : ops) {
            if (op instanceof DeleteRangeRequest d) {
                deletes.add(d);
            }
        }
        Set<String> puts = new HashSet<>();
        for (RequestOp op : ops) {
            if (op instanceof PutRequest p) {
                if (!puts.add(p.key())) {
                    throw EtcdError.DUPLICATE_KEY.exception();
                }
                for (DeleteRangeRequest d : deletes) {
                    if (d.rangeEnd().isEmpty() ? p.key().equals(d.key())
                            : p.key().compareTo(d.key()) >= 0 && p.key().compareTo(d.rangeEnd()) < 0) {
                        throw EtcdError.DUPLICATE_KEY.exception();
                    }
                }
            }
        }
    }

    private void checkGrpcSize(long messageBytes) {
        long max = (long) maxRequestBytes + RequestSize.GRPC_OVERHEAD_BYTES;
        if (messageBytes > max) {
            throw new EtcdException(EtcdError.GrpcCode.RESOURCE_EXHAUSTED,
                    "grpc: received message larger than max (" + messageBytes + " vs. " + max + ")");
        }
    }

    private void checkRaftSize(long requestBytes) {
        if (RequestSize.raftRequest(requestBytes) > maxRequestBytes) {
            throw EtcdError.REQUEST_TOO_LARGE.exception();
        }
    }

    /** Keys in order with their current version, for tests and reports (a copy). */
    NavigableMap<String, KeyValue> snapshot() {
        TreeMap<String, KeyValue> out = new TreeMap<>();
        index.forEach((k, ki) -> {
            KeyValue kv = ki.current();
            if (kv != null) {
                out.put(k, kv);
            }
        });
        return out;
    }

    /** Configures a store; defaults are etcd's. */
    public static final class Builder {
        private final Kernel kernel;
        private int maxRequestBytes = RequestSize.DEFAULT_MAX_REQUEST_BYTES;
        private int maxTxnOps = 128;
        private long minLeaseTtlSeconds = Lessor.DEFAULT_MIN_TTL_SECONDS;

        private Builder(Kernel kernel) {
            this.kernel = Objects.requireNonNull(kernel, "kernel");
        }

        /** etcd's --max-request-bytes (default 1.5 MiB). */
        public Builder maxRequestBytes(int bytes) {
            this.maxRequestBytes = bytes;
            return this;
        }

        /** etcd's --max-txn-ops (default 128). */
        public Builder maxTxnOps(int ops) {
            this.maxTxnOps = ops;
            return this;
        }

        /** The smallest TTL granted (default 2 s, etcd's with its default election timeout). */
        public Builder minLeaseTtlSeconds(long seconds) {
            this.minLeaseTtlSeconds = seconds;
            return this;
        }

        public MvccStore build() {
            return new MvccStore(this);
        }
    }
}
