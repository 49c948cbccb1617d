package io.ksim.store.oracle;

import io.ksim.kernel.Kernel;
import io.ksim.store.Compare;
import io.ksim.store.DeleteRangeRequest;
import io.ksim.store.MvccStore;
import io.ksim.store.PutRequest;
import io.ksim.store.RangeRequest;
import io.ksim.store.RequestOp;
import io.ksim.store.TxnRequest;
import io.ksim.store.Value;
import io.ksim.store.WatchEvent;
import io.ksim.store.WatchRequest;
import io.ksim.store.WatchResponse;
import io.ksim.store.oracle.Outcomes.LeaseTtl;
import io.ksim.store.oracle.Outcomes.Ok;
import io.ksim.store.oracle.Outcomes.Outcome;
import io.ksim.store.oracle.Outcomes.WatchLog;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.TreeSet;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * One try of the differential test: runs a script step by step against a fresh {@link MvccStore} and
 * against the shared real etcd, and fails at the first answer that differs.
 *
 * <p>Tries share one etcd and are kept apart by a key prefix of their own ({@code t000042/}; zero-padded,
 * so later tries sort after earlier ones and "every key from k on" never reaches an earlier try's keys),
 * lease IDs of their own, and the revision mapping of {@link RevisionMap}. Leases are revoked when the try
 * ends so that no expiry can write to etcd during a later try.
 */
final class DifferentialRun implements Op.Context {

    static final long LEASE_TTL_SECONDS = 600;
    private static final Duration WAIT = Duration.ofSeconds(5);
    private static final AtomicInteger TRIES = new AtomicInteger();

    /** A watch on both sides: its step, its request and the model revision it was created at (model's). */
    private record WatchPair(int step, WatchRequest request, long createdAt, List<WatchResponse> model,
            GatewayWatch etcd) {
        int modelEvents() {
            return model.stream().mapToInt(r -> r.events().size()).sum();
        }
    }

    private final EtcdGatewayClient etcd;
    private final int tryNo = TRIES.incrementAndGet();
    private final String prefix = String.format("t%06d/", tryNo);
    private final MvccStore model = MvccStore.builder(Kernel.builder().seed(tryNo).build()).build();
    private final RevisionMap revs;
    private final List<WatchPair> watches = new ArrayList<>();
    private final Set<Long> etcdLeases = new TreeSet<>();
    private final List<Long> revisionAfter = new ArrayList<>();

    DifferentialRun(EtcdGatewayClient etcd) {
        this.etcd = etcd;
        this.revs = new RevisionMap(etcd.revision());
    }

    @Override
    public String prefix() {
        return prefix;
    }

    @Override
    public long leaseId(int index) {
        return 1_000_000L + tryNo * 10L + index + 1;
    }

    @Override
    public long current() {
        return model.revision();
    }

    /** Runs the script; throws an AssertionError describing the first difference. */
    void run(List<Op> ops) {
        try {
            for (int i = 0; i < ops.size(); i++) {
                step(ops, i);
                revisionAfter.add(model.revision());
            }
            compareWatches(ops);
        } finally {
            cleanUp();
        }
    }

    private void step(List<Op> ops, int i) {
        Op op = ops.get(i);
        Object request;
        Outcome m;
        Outcome e;
        if (op instanceof Op.Put p) {
            PutRequest r = put(p);
            request = r;
            m = Outcomes.of(() -> model.put(r));
            e = Outcomes.of(() -> revs.down(etcd.put(r)));
        } else if (op instanceof Op.Delete d) {
            DeleteRangeRequest r = delete(d);
            request = r;
            m = Outcomes.of(() -> model.deleteRange(r));
            e = Outcomes.of(() -> revs.down(etcd.deleteRange(r)));
        } else if (op instanceof Op.Get g) {
            RangeRequest r = range(g);
            request = r;
            m = Outcomes.of(() -> Outcomes.normalize(r, model.range(r)));
            e = Outcomes.of(() -> Outcomes.normalize(r, revs.down(etcd.range(revs.up(r)))));
        } else if (op instanceof Op.Txn t) {
            TxnRequest r = txn(t);
            request = r;
            m = Outcomes.of(() -> Outcomes.normalize(r, model.txn(r)));
            e = Outcomes.of(() -> Outcomes.normalize(r, revs.down(etcd.txn(revs.up(r)))));
        } else if (op instanceof Op.Compact c) {
            long rev = c.rev().resolve(current(), 2);
            request = "compact at model revision " + rev;
            awaitWatchesSettled(ops, i, rev);
            m = Outcomes.of(() -> model.compact(rev));
            e = Outcomes.of(() -> revs.down(etcd.compact(revs.up(rev))));
        } else if (op instanceof Op.Watch w) {
            WatchRequest r = watch(w);
            request = r;
            List<WatchResponse> got = new ArrayList<>();
            m = Outcomes.of(() -> {
                model.watch(r, got::add);
                return "created at " + got.get(0).headerRevision();
            });
            GatewayWatch h = etcd.watch(revs.up(r), true);
            watches.add(new WatchPair(i, r, current(), got, h));
            e = new Ok(h.awaitCreated(WAIT) ? "created at " + revs.down(h.createdMessage().headerRevision())
                    : "no creation message within " + WAIT.toSeconds() + " s: " + h);
        } else if (op instanceof Op.Grant g) {
            long id = leaseId(g.lease());
            request = "grant lease " + id + " TTL " + LEASE_TTL_SECONDS;
            m = Outcomes.of(() -> model.leaseGrant(LEASE_TTL_SECONDS, id));
            e = Outcomes.of(() -> etcd.leaseGrant(LEASE_TTL_SECONDS, id));
            if (e instanceof Ok) {
                etcdLeases.add(id);
            }
        } else if (op instanceof Op.Revoke v) {
            long id = leaseId(v.lease());
            request = "revoke lease " + id;
            m = Outcomes.of(() -> model.leaseRevoke(id));
            e = Outcomes.of(() -> revs.down(etcd.leaseRevoke(id)));
        } else {
            long id = leaseId(((Op.TimeToLive) op).lease());
            request = "time-to-live of lease " + id + " with keys";
            m = Outcomes.of(() -> LeaseTtl.of(model.leaseTimeToLive(id, true)));
            e = Outcomes.of(() -> LeaseTtl.of(etcd.leaseTimeToLive(id, true)));
        }
        if (!m.equals(e)) {
            // The records print range_end "\0" raw; show it escaped.
            String shown = String.valueOf(request).replace("\0", "\\0");
            throw new AssertionError(report(ops, i, "step " + (i + 1) + ": " + op + "\n    request: " + shown,
                    m.toString(), e.toString()));
        }
    }

    /**
     * etcd replays a watch's history up to 100 ms after creating it (its sync loop), and looks up each
     * event's prev_kv only when it sends the event. A compaction in between would cancel the watch, hide
     * changes from the replay or drop prev_kvs where the model, which replays and sends at once, does not.
     * So before compacting at {@code compactAt} (model revision), wait until etcd is done with each watch:
     * <ul>
     *   <li>it has sent as many events as the model has (the model's count only says when to stop waiting;
     *       if the two disagree, the full comparison at the end reports it), and</li>
     *   <li>if it may still be waiting for its replay (it started at a past revision below
     *       {@code compactAt} and has sent nothing yet), it has sent a progress notification, which etcd
     *       sends only to watchers that are done replaying (at least every 100 ms).</li>
     * </ul>
     * This only removes a timing race of the real server; it hides no difference.
     */
    private void awaitWatchesSettled(List<Op> ops, int i, long compactAt) {
        for (WatchPair w : watches) {
            GatewayWatch h = w.etcd();
            boolean settled = h.awaitEvents(w.modelEvents(), WAIT);
            long start = w.request().startRevision();
            boolean mayBeReplaying = start != 0 && start <= w.createdAt() && start < compactAt && !h.hasCaughtUpOnce();
            if (settled && mayBeReplaying) {
                settled = h.awaitProgress(revs.up(model.revision()), WAIT);
            }
            if (!settled) {
                // etcd delivered fewer events than the model, or its stream broke: report the watch now.
                compareWatch(ops, i, w, "before step " + (i + 1) + ", ");
                throw new AssertionError(report(ops, i, "before step " + (i + 1) + ": the etcd watch of step "
                        + (w.step() + 1) + " did not settle", "-", h.toString()));
            }
        }
    }

    /** Compares everything each watch delivered, once etcd confirms it has sent all events up to now. */
    private void compareWatches(List<Op> ops) {
        for (WatchPair w : watches) {
            compareWatch(ops, ops.size(), w, "");
        }
    }

    private void compareWatch(List<Op> ops, int failedAt, WatchPair w, String when) {
        boolean caughtUp = w.etcd().awaitProgress(revs.up(model.revision()), WAIT);
        WatchLog m = modelLog(w.model());
        WatchLog e = etcdLog(w.etcd(), caughtUp ? null
                : "(etcd did not confirm delivery up to revision " + model.revision() + ")");
        if (!m.equals(e)) {
            throw new AssertionError(report(ops, failedAt, when + "the events of the watch of step " + (w.step() + 1)
                    + ": " + ops.get(w.step()), m.toString(), e + "\n    etcd stream:\n" + w.etcd()));
        }
    }

    private static WatchLog modelLog(List<WatchResponse> responses) {
        List<WatchEvent> events = new ArrayList<>();
        boolean canceled = false;
        long compactRevision = 0;
        for (WatchResponse r : responses) {
            events.addAll(r.events());
            if (r.canceled()) {
                canceled = true;
                compactRevision = r.compactRevision();
            }
        }
        return new WatchLog(events, canceled, compactRevision, null);
    }

    private WatchLog etcdLog(GatewayWatch w, String problem) {
        List<WatchEvent> events = w.events().stream().map(revs::down).toList();
        GatewayWatch.Message cancel = w.cancelMessage();
        String broken = w.failure() == null ? problem : "(stream broke: " + w.failure() + ")";
        return new WatchLog(events, cancel != null, cancel == null ? 0 : revs.down(cancel.compactRevision()), broken);
    }

    private String report(List<Op> ops, int failedAt, String what, String modelSide, String etcdSide) {
        StringBuilder sb = new StringBuilder();
        sb.append("the model and etcd disagree on ").append(what).append('\n');
        sb.append("    model: ").append(modelSide).append('\n');
        sb.append("    etcd:  ").append(etcdSide).append('\n');
        sb.append(String.format("script (try prefix %s; revisions are the model's, etcd's = model's + %d;"
                + " '# rev' is the revision after the step):%n", prefix, revs.r0() - 1));
        for (int i = 0; i < ops.size(); i++) {
            String mark = i == failedAt ? ">" : " ";
            String rev = i < revisionAfter.size() ? "   # rev " + revisionAfter.get(i) : "";
            sb.append(String.format("  %s%3d  %s%s%n", mark, i + 1, ops.get(i), rev));
        }
        return sb.toString();
    }

    private void cleanUp() {
        for (WatchPair w : watches) {
            w.etcd().close();
        }
        for (long id : etcdLeases) {
            try {
                etcd.leaseRevoke(id);
            } catch (RuntimeException e) {
                // Already revoked by the script.
            }
        }
    }

    // ---- resolving steps into requests (model revisions) ----------------------------------------

    private PutRequest put(Op.Put p) {
        PutRequest r = PutRequest.of(p.key().resolve(this), Value.ofUtf8(p.value())).withPrevKv(p.prevKv());
        return p.lease() < 0 ? r : r.withLease(leaseId(p.lease()));
    }

    private DeleteRangeRequest delete(Op.Delete d) {
        String[] s = d.sel().resolve(this);
        return DeleteRangeRequest.range(s[0], s[1]).withPrevKv(d.prevKv());
    }

    private RangeRequest range(Op.Get g) {
        String[] s = g.sel().resolve(this);
        return RangeRequest.range(s[0], s[1]).withRevision(g.rev().resolve(current(), 1)).withLimit(g.limit())
                .withKeysOnly(g.keysOnly()).withCountOnly(g.countOnly()).withSort(g.target(), g.order());
    }

    private Compare compare(Op.Cmp c) {
        String[] s = c.sel().resolve(this);
        long operand = switch (c.target()) {
            case VERSION -> c.number();
            case CREATE, MOD -> c.rev().resolve(current(), 0);
            case LEASE -> c.number() < 0 ? 0 : leaseId(c.number());
            case VALUE -> 0;
        };
        Value value = c.target() == Compare.Target.VALUE ? Value.ofUtf8(c.value()) : Value.EMPTY;
        return new Compare(c.target(), c.result(), s[0], s[1], operand, value);
    }

    private TxnRequest txn(Op.Txn t) {
        return new TxnRequest(t.compares().stream().map(this::compare).toList(), branch(t.success()),
                branch(t.failure()));
    }

    private List<RequestOp> branch(List<Op.Request> ops) {
        List<RequestOp> out = new ArrayList<>();
        for (Op.Request op : ops) {
            if (op instanceof Op.Put p) {
                out.add(put(p));
            } else if (op instanceof Op.Delete d) {
                out.add(delete(d));
            } else {
                out.add(range((Op.Get) op));
            }
        }
        return out;
    }

    private WatchRequest watch(Op.Watch w) {
        String[] s = w.sel().resolve(this);
        return WatchRequest.range(s[0], s[1]).fromRevision(w.start().resolve(current(), 1)).withPrevKv(w.prevKv());
    }
}
