package io.ksim.store.oracle;

import io.ksim.store.Compare;
import io.ksim.store.DeleteRangeResponse;
import io.ksim.store.KeyValue;
import io.ksim.store.PutResponse;
import io.ksim.store.RangeRequest;
import io.ksim.store.RangeResponse;
import io.ksim.store.RequestOp;
import io.ksim.store.ResponseOp;
import io.ksim.store.TxnRequest;
import io.ksim.store.TxnResponse;
import io.ksim.store.WatchEvent;
import io.ksim.store.WatchRequest;
import java.util.List;

/**
 * Maps revisions between a fresh model (starting at revision 1) and the shared etcd, which was at revision
 * {@code r0} when the try began: model revision m is etcd revision m - 1 + r0.
 *
 * <p>Why one etcd can serve every try although compaction is global there: every revision of earlier tries
 * is at most r0, and a try never compacts below its own model revision 2 (etcd r0 + 1). So etcd's compaction
 * revision is either an earlier try's (at most r0 = model 1, below every revision this try writes, and
 * model 1 itself stays readable in both, as nothing compacted it in the model) or this try's own, which
 * maps one to one. Reads, watch starts and compactions therefore see "compacted" in etcd exactly when they
 * do in the model.
 *
 * <p>Zero is not a revision but "none"/"latest" and maps to itself; revisions below 1 in compare operands
 * map to themselves too, which keeps the mapping strictly increasing, so GREATER/LESS compares agree.
 */
record RevisionMap(long r0) {

    /** Model revision to etcd revision. */
    long up(long m) {
        return m >= 1 ? m - 1 + r0 : m;
    }

    /** etcd revision to model revision (0 stays 0). */
    long down(long e) {
        return e == 0 ? 0 : e - (r0 - 1);
    }

    // ---- requests -------------------------------------------------------------------------------

    RangeRequest up(RangeRequest r) {
        return r.withRevision(up(r.revision()));
    }

    WatchRequest up(WatchRequest r) {
        return r.fromRevision(up(r.startRevision()));
    }

    TxnRequest up(TxnRequest t) {
        List<Compare> compares = t.compares().stream().map(c -> switch (c.target()) {
            case CREATE, MOD -> new Compare(c.target(), c.result(), c.key(), c.rangeEnd(), up(c.operand()), c.value());
            default -> c;
        }).toList();
        return new TxnRequest(compares, up(t.success()), up(t.failure()));
    }

    private List<RequestOp> up(List<RequestOp> ops) {
        return ops.stream().map(op -> op instanceof RangeRequest r ? up(r) : op).toList();
    }

    // ---- responses ------------------------------------------------------------------------------

    KeyValue down(KeyValue kv) {
        return kv == null ? null
                : new KeyValue(kv.key(), kv.value(), down(kv.createRevision()), down(kv.modRevision()), kv.version(),
                        kv.lease());
    }

    List<KeyValue> downKvs(List<KeyValue> kvs) {
        return kvs.stream().map(this::down).toList();
    }

    RangeResponse down(RangeResponse r) {
        return new RangeResponse(down(r.headerRevision()), downKvs(r.kvs()), r.more(), r.count());
    }

    PutResponse down(PutResponse r) {
        return new PutResponse(down(r.headerRevision()), down(r.prevKv()));
    }

    DeleteRangeResponse down(DeleteRangeResponse r) {
        return new DeleteRangeResponse(down(r.headerRevision()), r.deleted(), downKvs(r.prevKvs()));
    }

    TxnResponse down(TxnResponse t) {
        List<ResponseOp> responses = t.responses().stream().map(this::down).toList();
        return new TxnResponse(down(t.headerRevision()), t.succeeded(), responses);
    }

    ResponseOp down(ResponseOp r) {
        if (r instanceof RangeResponse rr) {
            return down(rr);
        }
        if (r instanceof PutResponse pr) {
            return down(pr);
        }
        return down((DeleteRangeResponse) r);
    }

    WatchEvent down(WatchEvent e) {
        return new WatchEvent(e.type(), down(e.kv()), down(e.prevKv()));
    }
}
