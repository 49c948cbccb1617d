package io.ksim.store.oracle;

import io.ksim.store.EtcdError;
import io.ksim.store.EtcdException;
import io.ksim.store.KeyValue;
import io.ksim.store.LeaseTimeToLiveResponse;
import io.ksim.store.RangeRequest;
import io.ksim.store.RangeResponse;
import io.ksim.store.RequestOp;
import io.ksim.store.ResponseOp;
import io.ksim.store.TxnRequest;
import io.ksim.store.TxnResponse;
import io.ksim.store.Value;
import io.ksim.store.WatchEvent;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.function.Supplier;

/**
 * What one side answered to one step, in a form that compares with {@code equals}, and the few
 * normalisations needed where etcd itself is not deterministic.
 */
final class Outcomes {

    private Outcomes() {
    }

    /** A step's result: an answer, an etcd error, or something unexpected (a crash, a broken connection). */
    sealed interface Outcome permits Ok, Failed, Crashed {
    }

    record Ok(Object value) implements Outcome {
        @Override
        public String toString() {
            return String.valueOf(value);
        }
    }

    record Failed(EtcdError.GrpcCode code, String message) implements Outcome {
        @Override
        public String toString() {
            return "error " + code + " (" + code.number() + "): " + message;
        }
    }

    record Crashed(String what) implements Outcome {
        @Override
        public String toString() {
            return "unexpected " + what;
        }
    }

    static Outcome of(Supplier<?> call) {
        try {
            return new Ok(call.get());
        } catch (EtcdException e) {
            return new Failed(e.code(), e.getMessage());
        } catch (RuntimeException e) {
            return new Crashed(e.toString());
        }
    }

    /**
     * A lease's time-to-live answer without the remaining seconds: etcd's clock runs while the model's
     * stands still. The key list is sorted because etcd 3.4 lists a lease's keys in Go map order.
     */
    record LeaseTtl(long id, boolean exists, long grantedTtlSeconds, List<String> keys) {
        static LeaseTtl of(LeaseTimeToLiveResponse r) {
            return new LeaseTtl(r.id(), r.ttlSeconds() >= 0, r.grantedTtlSeconds(), r.keys().stream().sorted().toList());
        }
    }

    /** Everything a watch delivered, flattened: etcd is free to batch events into messages differently. */
    record WatchLog(List<WatchEvent> events, boolean canceled, long compactRevision, String problem) {
        @Override
        public String toString() {
            StringBuilder sb = new StringBuilder();
            for (int i = 0; i < events.size(); i++) {
                sb.append(String.format("%n      %2d %s", i + 1, event(events.get(i))));
            }
            if (canceled) {
                sb.append(String.format("%n      canceled, compact_revision=%d", compactRevision));
            }
            if (problem != null) {
                sb.append(String.format("%n      %s", problem));
            }
            return sb.length() == 0 ? " (nothing)" : sb.toString();
        }
    }

    /** A range answer with etcd's tie order normalised, as both sides get it. */
    static RangeResponse normalize(RangeRequest request, RangeResponse response) {
        if (request.sortTarget() == RangeRequest.SortTarget.KEY || response.kvs().size() < 2) {
            return response;
        }
        // etcd sorts with Go's unstable sort.Sort, so kvs with equal sort values may come in any order: order
        // each run of equal values by key. Which kvs a limit keeps is still compared as is.
        Comparator<KeyValue> bySortValue = switch (request.sortTarget()) {
            case VERSION -> Comparator.comparingLong(KeyValue::version);
            case CREATE -> Comparator.comparingLong(KeyValue::createRevision);
            case MOD -> Comparator.comparingLong(KeyValue::modRevision);
            case VALUE -> (a, b) -> Value.compare(a.value(), b.value());
            case KEY -> throw new AssertionError();
        };
        List<KeyValue> out = new ArrayList<>(response.kvs().size());
        List<KeyValue> group = new ArrayList<>();
        for (KeyValue kv : response.kvs()) {
            if (!group.isEmpty() && bySortValue.compare(group.get(0), kv) != 0) {
                group.sort(Comparator.comparing(KeyValue::key));
                out.addAll(group);
                group.clear();
            }
            group.add(kv);
        }
        group.sort(Comparator.comparing(KeyValue::key));
        out.addAll(group);
        return new RangeResponse(response.headerRevision(), out, response.more(), response.count());
    }

    /** A txn answer with the range answers of the branch that ran normalised. */
    static TxnResponse normalize(TxnRequest request, TxnResponse response) {
        List<RequestOp> ops = response.succeeded() ? request.success() : request.failure();
        if (ops.size() != response.responses().size()) {
            return response;
        }
        List<ResponseOp> out = new ArrayList<>();
        for (int i = 0; i < ops.size(); i++) {
            ResponseOp r = response.responses().get(i);
            out.add(ops.get(i) instanceof RangeRequest rr && r instanceof RangeResponse resp ? normalize(rr, resp) : r);
        }
        return new TxnResponse(response.headerRevision(), response.succeeded(), out);
    }

    static String event(WatchEvent e) {
        return e.type() + " " + kv(e.kv()) + (e.prevKv() == null ? "" : " prev=" + kv(e.prevKv()));
    }

    static String kv(KeyValue kv) {
        if (kv.isTombstone()) {
            return kv.key() + "@" + kv.modRevision();
        }
        return kv.key() + "=\"" + kv.value() + "\" c" + kv.createRevision() + " m" + kv.modRevision() + " v"
                + kv.version() + (kv.lease() == 0 ? "" : " lease=" + kv.lease());
    }
}
