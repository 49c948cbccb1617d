package io.ksim.store;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

/**
 * A deliberately naive etcd for {@link MvccStoreModelProperties}: the whole history as one full snapshot of the
 * key space per revision, and the watch events of each revision. Slow and obviously right: a read at revision r
 * looks at snapshot r, a write copies the newest snapshot, changes the copy and appends it.
 */
final class ReferenceStore {

    /** What a request gets: a response or one of etcd's errors. */
    record Outcome(Object response, EtcdError error) {
        @Override
        public String toString() {
            return error != null ? "refused: " + error.message() : String.valueOf(response);
        }
    }

    private static final class Refused extends RuntimeException {
        final EtcdError error;

        Refused(EtcdError error) {
            super(error.message(), null, false, false);
            this.error = error;
        }
    }

    /** Index = revision; index 0 is unused and revision 1 is the empty store. */
    private final List<TreeMap<String, KeyValue>> snapshots = new ArrayList<>();
    private final List<List<WatchEvent>> events = new ArrayList<>();
    private long compacted;

    ReferenceStore() {
        snapshots.add(null);
        events.add(List.of());
        snapshots.add(new TreeMap<>());
        events.add(List.of());
    }

    long revision() {
        return snapshots.size() - 1;
    }

    long compactRevision() {
        return compacted;
    }

    TreeMap<String, KeyValue> current() {
        return snapshots.get((int) revision());
    }

    /** The events of revision {@code rev} in order, with their previous versions. */
    List<WatchEvent> eventsOf(long rev) {
        return events.get((int) rev);
    }

    Outcome apply(ModelOp op) {
        try {
            return new Outcome(applyOrRefuse(op), null);
        } catch (Refused r) {
            return new Outcome(null, r.error);
        }
    }

    private Object applyOrRefuse(ModelOp op) {
        long rev = revision();
        if (op instanceof ModelOp.Put p) {
            checkPut(p);
            Working w = new Working(rev, current());
            PutResponse r = w.put(p);
            w.commit();
            return r;
        } else if (op instanceof ModelOp.Delete d) {
            Working w = new Working(rev, current());
            DeleteRangeResponse r = w.delete(d);
            w.commit();
            return r;
        } else if (op instanceof ModelOp.Range r) {
            long at = ModelOp.revision(r.at(), rev);
            checkReadable(at);
            return range(r, at <= 0 ? current() : snapshots.get((int) at), rev);
        } else if (op instanceof ModelOp.Compact c) {
            long at = ModelOp.revision(c.at(), rev);
            if (at <= compacted) {
                throw new Refused(EtcdError.COMPACTED);
            }
            if (at > rev) {
                throw new Refused(EtcdError.FUTURE_REV);
            }
            compacted = at;
            return rev;
        }
        return txn((ModelOp.Txn) op);
    }

    private TxnResponse txn(ModelOp.Txn t) {
        long rev = revision();
        for (List<ModelOp> branch : List.of(t.success(), t.failure())) {
            for (ModelOp op : branch) {
                if (op instanceof ModelOp.Put p && p.ignoreValue() && !p.value().isEmpty()) {
                    throw new Refused(EtcdError.VALUE_PROVIDED);
                }
            }
        }
        checkNoDuplicates(t.success());
        checkNoDuplicates(t.failure());
        boolean succeeded = t.compares().stream().allMatch(c -> holds(c, current()));
        List<ModelOp> ops = succeeded ? t.success() : t.failure();
        for (int i = 0; i < ops.size(); i++) {
            if (ops.get(i) instanceof ModelOp.Put p) {
                checkPut(p);
                // A kept value of a key an earlier op of this txn deleted: refused (etcd 3.4 would crash).
                for (ModelOp earlier : ops.subList(0, i)) {
                    if (p.ignoreValue() && earlier instanceof ModelOp.Delete d && inRange(p.key(), d.key(), d.end())) {
                        throw new Refused(EtcdError.KEY_NOT_FOUND);
                    }
                }
            }
        }
        for (ModelOp op : ops) {
            if (op instanceof ModelOp.Range r) {
                checkReadable(ModelOp.revision(r.at(), rev));
            }
        }
        Working w = new Working(rev, current());
        List<ResponseOp> responses = new ArrayList<>();
        for (ModelOp op : ops) {
            if (op instanceof ModelOp.Put p) {
                responses.add(w.put(p));
            } else if (op instanceof ModelOp.Delete d) {
                responses.add(w.delete(d));
            } else {
                ModelOp.Range r = (ModelOp.Range) op;
                long at = ModelOp.revision(r.at(), rev);
                responses.add(range(r, at <= 0 ? w.keys : snapshots.get((int) at), w.revisionSoFar()));
            }
        }
        w.commit();
        return new TxnResponse(revision(), succeeded, responses);
    }

    /** The writes of one request, on a copy of the newest snapshot. */
    private final class Working {
        final long begin;
        /** The keys before the request: what a DELETE event's prev_kv shows (etcd reads it at revision - 1). */
        final Map<String, KeyValue> before;
        final TreeMap<String, KeyValue> keys;
        final List<WatchEvent> changes = new ArrayList<>();

        Working(long begin, TreeMap<String, KeyValue> base) {
            this.begin = begin;
            this.before = base;
            this.keys = new TreeMap<>(base);
        }

        long revisionSoFar() {
            return changes.isEmpty() ? begin : begin + 1;
        }

        PutResponse put(ModelOp.Put p) {
            long rev = begin + 1;
            KeyValue prev = keys.get(p.key());
            Value value = p.ignoreValue() ? prev.value() : Value.ofUtf8(p.value());
            KeyValue kv = prev == null
                    ? new KeyValue(p.key(), value, rev, rev, 1, 0)
                    : new KeyValue(p.key(), value, prev.createRevision(), rev, prev.version() + 1, 0);
            keys.put(p.key(), kv);
            changes.add(new WatchEvent(WatchEvent.Type.PUT, kv, prev));
            return new PutResponse(rev, p.prevKv() ? prev : null);
        }

        DeleteRangeResponse delete(ModelOp.Delete d) {
            List<KeyValue> deleted = new ArrayList<>();
            for (KeyValue kv : keys.values()) {
                if (inRange(kv.key(), d.key(), d.end())) {
                    deleted.add(kv);
                }
            }
            for (KeyValue kv : deleted) {
                keys.remove(kv.key());
                changes.add(new WatchEvent(WatchEvent.Type.DELETE,
                        new KeyValue(kv.key(), Value.EMPTY, 0, begin + 1, 0, 0), before.get(kv.key())));
            }
            return new DeleteRangeResponse(revisionSoFar(), deleted.size(), d.prevKv() ? deleted : List.of());
        }

        void commit() {
            if (!changes.isEmpty()) {
                snapshots.add(keys);
                events.add(List.copyOf(changes));
            }
        }
    }

    private void checkPut(ModelOp.Put p) {
        if (p.ignoreValue() && !p.value().isEmpty()) {
            throw new Refused(EtcdError.VALUE_PROVIDED);
        }
        if (p.ignoreValue() && !current().containsKey(p.key())) {
            throw new Refused(EtcdError.KEY_NOT_FOUND);
        }
    }

    private void checkReadable(long at) {
        if (at > revision()) {
            throw new Refused(EtcdError.FUTURE_REV);
        }
        if (at > 0 && at < compacted) {
            throw new Refused(EtcdError.COMPACTED);
        }
    }

    /**
     * No key put twice in one branch, and no key both put and inside a deleted range. As etcd, a delete's
     * range is taken literally: [key, "\0") is empty, so "every key from key" never clashes with a put.
     */
    private static void checkNoDuplicates(List<ModelOp> ops) {
        for (int i = 0; i < ops.size(); i++) {
            for (int j = 0; j < ops.size(); j++) {
                if (i == j || !(ops.get(i) instanceof ModelOp.Put p)) {
                    continue;
                }
                if ((ops.get(j) instanceof ModelOp.Put q && q.key().equals(p.key()))
                        || (ops.get(j) instanceof ModelOp.Delete d && !d.end().equals(Keys.ALL)
                                && inRange(p.key(), d.key(), d.end()))) {
                    throw new Refused(EtcdError.DUPLICATE_KEY);
                }
            }
        }
    }

    private static boolean holds(ModelOp.Cmp c, Map<String, KeyValue> keys) {
        List<KeyValue> in = keys.values().stream().filter(kv -> inRange(kv.key(), c.key(), c.end())).toList();
        if (in.isEmpty()) {
            // a missing key compares as all zeros, except that no VALUE compare holds for it
            return c.target() != Compare.Target.VALUE && holds(c, new KeyValue(c.key(), Value.EMPTY, 0, 0, 0, 0));
        }
        return in.stream().allMatch(kv -> holds(c, kv));
    }

    private static boolean holds(ModelOp.Cmp c, KeyValue kv) {
        int cmp = switch (c.target()) {
            case VERSION -> Long.compare(kv.version(), c.operand());
            case CREATE -> Long.compare(kv.createRevision(), c.operand());
            case MOD -> Long.compare(kv.modRevision(), c.operand());
            case LEASE -> Long.compare(kv.lease(), c.operand());
            case VALUE -> Arrays.compareUnsigned(kv.value().toBytes(), Value.ofUtf8(c.value()).toBytes());
        };
        return switch (c.result()) {
            case EQUAL -> cmp == 0;
            case NOT_EQUAL -> cmp != 0;
            case GREATER -> cmp > 0;
            case LESS -> cmp < 0;
        };
    }

    private static RangeResponse range(ModelOp.Range r, Map<String, KeyValue> keys, long header) {
        List<KeyValue> matched = new ArrayList<>();
        for (KeyValue kv : keys.values()) {
            if (inRange(kv.key(), r.key(), r.end())) {
                matched.add(kv);
            }
        }
        long count = matched.size();
        if (r.countOnly()) {
            return new RangeResponse(header, List.of(), false, count);
        }
        if (r.sort().order == RangeRequest.SortOrder.NONE && r.limit() > 0 && matched.size() > r.limit() + 1) {
            // etcd reads everything before sorting only when sort_order is set; with a sort target but no order
            // it reads limit + 1 keys in key order and then sorts just those ascending
            matched = new ArrayList<>(matched.subList(0, r.limit() + 1));
        }
        Comparator<KeyValue> by = switch (r.sort().target) {
            case KEY -> Comparator.comparing(KeyValue::key);
            case VERSION -> Comparator.comparingLong(KeyValue::version);
            case CREATE -> Comparator.comparingLong(KeyValue::createRevision);
            case MOD -> Comparator.comparingLong(KeyValue::modRevision);
            case VALUE -> (a, b) -> Arrays.compareUnsigned(a.value().toBytes(), b.value().toBytes());
        };
        // List.sort is stable: ties stay in key order
        matched.sort(r.sort().order == RangeRequest.SortOrder.DESCEND ? by.reversed() : by);
        boolean more = r.limit() > 0 && matched.size() > r.limit();
        List<KeyValue> kvs = more ? matched.subList(0, r.limit()) : matched;
        if (r.keysOnly()) {
            kvs = kvs.stream().map(kv -> new KeyValue(kv.key(), Value.EMPTY, kv.createRevision(), kv.modRevision(),
                    kv.version(), kv.lease())).toList();
        }
        return new RangeResponse(header, kvs, more, count);
    }

    /** One key (end ""), every key from {@code key} (end "\0"), or the interval [key, end). */
    static boolean inRange(String k, String key, String end) {
        if (end.isEmpty()) {
            return k.equals(key);
        }
        return k.compareTo(key) >= 0 && (end.equals(Keys.ALL) || k.compareTo(end) < 0);
    }
}
