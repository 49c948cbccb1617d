package io.ksim.store;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assertions.fail;

import io.ksim.store.ReferenceStore.Outcome;
import java.util.ArrayList;
import java.util.List;
import java.util.function.Supplier;
import java.util.stream.Collectors;
import java.util.stream.IntStream;
import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.Combinators;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;
import net.jqwik.api.Tuple;

/**
 * MvccStore against {@link ReferenceStore}, a naive etcd kept as one snapshot per revision: random sequences of
 * puts, deletes, range deletes, txns with compares, reads at current, past and future revisions, and compactions
 * over five keys. After every step the two must agree on the response or error, the revision, the compact
 * revision and the keys; a watch on every key opened at the start must have received exactly the step's
 * revision, once, in one message, with the reference's events and previous versions. At the end a watch
 * replaying from the compact revision must see the reference's history.
 */
class MvccStoreModelProperties {

    /** A scenario, printed one numbered step per line so that a shrunk failure reads as a script. */
    record Scenario(List<ModelOp> ops) {
        @Override
        public String toString() {
            return IntStream.range(0, ops.size()).mapToObj(i -> String.format("%3d  %s", i + 1, ops.get(i)))
                    .collect(Collectors.joining("\n", "\n", "\n"));
        }
    }

    @Property(tries = 200)
    void storeAgreesWithTheReferenceModel(@ForAll("scenarios") Scenario scenario) {
        MvccStore store = StoreFixture.store();
        ReferenceStore ref = new ReferenceStore();
        StoreFixture.Recorder all = new StoreFixture.Recorder();
        Watcher watcher = store.watch(WatchRequest.range(Keys.ALL, Keys.ALL).withPrevKv(true), all);
        assertEquals(List.of(new WatchResponse(watcher.id(), 1, List.of(), true, false, 0)), all.responses);
        all.clear();

        List<ModelOp> ops = scenario.ops();
        for (int i = 0; i < ops.size(); i++) {
            ModelOp op = ops.get(i);
            int n = i + 1;
            long before = ref.revision();
            Outcome expected = ref.apply(op);
            Outcome actual = run(store, op, before);

            assertEquals(expected, actual, () -> failedAt(ops, n, "response"));
            assertEquals(ref.revision(), store.revision(), () -> failedAt(ops, n, "revision"));
            assertEquals(ref.compactRevision(), store.compactRevision(), () -> failedAt(ops, n, "compact revision"));
            assertEquals(ref.current(), store.snapshot(), () -> failedAt(ops, n, "keys"));
            if (ref.revision() == before) {
                assertEquals(List.of(), all.responses, () -> failedAt(ops, n, "no new revision, so no watch message"));
            } else {
                assertEquals(List.of(new WatchResponse(watcher.id(), ref.revision(), ref.eventsOf(ref.revision()),
                        false, false, 0)), all.responses,
                        () -> failedAt(ops, n, "one watch message with the new revision's events"));
            }
            all.clear();
        }
        checkReplay(store, ref);
    }

    /** The steps up to the failing one: everything after it is irrelevant, however far shrinking got. */
    private static String failedAt(List<ModelOp> ops, int step, String what) {
        return "step " + step + ", " + what + "; the scenario up to that step:"
                + new Scenario(ops.subList(0, step)) + "==> step " + step + ": " + what;
    }

    /** A watch from the compact revision (or 1) replays every later event, without prevKv as not asked for. */
    private static void checkReplay(MvccStore store, ReferenceStore ref) {
        long from = Math.max(1, ref.compactRevision());
        List<WatchEvent> expected = new ArrayList<>();
        for (long rev = Math.max(2, from); rev <= ref.revision(); rev++) {
            List<WatchEvent> events = ref.eventsOf(rev);
            if (rev == ref.compactRevision()) {
                events = survivorsOfCompaction(events);
            }
            events.forEach(e -> expected.add(new WatchEvent(e.type(), e.kv(), null)));
        }
        StoreFixture.Recorder replay = new StoreFixture.Recorder();
        store.watch(WatchRequest.range(Keys.ALL, Keys.ALL).fromRevision(from), replay);

        assertEquals(expected, replay.events(), "replay from revision " + from);
        assertTrue(replay.responses.get(0).created());
        assertTrue(replay.eventResponses().stream().allMatch(r -> r.headerRevision() == ref.revision()),
                "a replay batch carries the current revision");
    }

    /**
     * etcd replays the compaction revision from its compacted backend, which holds only each key's newest
     * version: deletions at that revision are gone, and so is a put that a later op of the same txn deleted.
     */
    private static List<WatchEvent> survivorsOfCompaction(List<WatchEvent> events) {
        List<WatchEvent> kept = new ArrayList<>();
        java.util.Set<String> changedLater = new java.util.HashSet<>();
        for (int i = events.size() - 1; i >= 0; i--) {
            WatchEvent e = events.get(i);
            if (changedLater.add(e.key()) && e.type() == WatchEvent.Type.PUT) {
                kept.add(0, e);
            }
        }
        return kept;
    }

    private static Outcome run(MvccStore store, ModelOp op, long current) {
        Supplier<Object> call;
        if (op instanceof ModelOp.Put p) {
            call = () -> store.put(p.request());
        } else if (op instanceof ModelOp.Delete d) {
            call = () -> store.deleteRange(d.request());
        } else if (op instanceof ModelOp.Range r) {
            call = () -> store.range(r.request(current));
        } else if (op instanceof ModelOp.Txn t) {
            call = () -> store.txn(t.request(current));
        } else {
            call = () -> store.compact(ModelOp.revision(((ModelOp.Compact) op).at(), current));
        }
        try {
            return new Outcome(call.get(), null);
        } catch (EtcdException e) {
            for (EtcdError error : EtcdError.values()) {
                if (e.is(error)) {
                    return new Outcome(null, error);
                }
            }
            return fail("not one of etcd's errors: " + e.code() + " " + e.getMessage());
        }
    }

    // ---- generators -----------------------------------------------------------------------------

    @Provide
    Arbitrary<Scenario> scenarios() {
        return op().list().ofMinSize(30).ofMaxSize(100).map(Scenario::new);
    }

    private static Arbitrary<String> key() {
        return Arbitraries.of("a", "b", "c", "d", "e");
    }

    /** Range start: a key, or now and then "\0" (with end "\0": every key). */
    private static Arbitrary<String> start() {
        return Arbitraries.frequencyOf(Tuple.of(8, key()), Tuple.of(1, Arbitraries.just(Keys.ALL)));
    }

    /** Range end: one key (""), an interval (possibly empty or reversed), or every key from the start ("\0"). */
    private static Arbitrary<String> end() {
        return Arbitraries.frequencyOf(Tuple.of(5, Arbitraries.just("")),
                Tuple.of(3, Arbitraries.of("b", "c", "d", "e", "f")), Tuple.of(2, Arbitraries.just(Keys.ALL)));
    }

    private static Arbitrary<String> value() {
        return Arbitraries.of("", "x", "y", "z");
    }

    private static Arbitrary<Boolean> rarely() {
        return Arbitraries.frequency(Tuple.of(9, false), Tuple.of(1, true));
    }

    /** See {@link ModelOp#revision}: mostly none, often a past one, sometimes a future one. */
    private static Arbitrary<Integer> at() {
        return Arbitraries.frequencyOf(Tuple.of(4, Arbitraries.just(0)), Tuple.of(5, Arbitraries.integers().between(1, 15)),
                Tuple.of(1, Arbitraries.integers().between(-2, -1)));
    }

    private static Arbitrary<ModelOp> put() {
        return Combinators.combine(key(), value(), Arbitraries.of(true, false), rarely())
                .as((k, v, prevKv, ignoreValue) -> new ModelOp.Put(k, v, prevKv, ignoreValue));
    }

    private static Arbitrary<ModelOp> delete() {
        return Combinators.combine(key(), end(), Arbitraries.of(true, false)).as(ModelOp.Delete::new);
    }

    private static Arbitrary<ModelOp> range() {
        return Combinators.combine(start(), end(), at(), Arbitraries.integers().between(0, 3), rarely(), rarely(),
                Arbitraries.frequencyOf(Tuple.of(6, Arbitraries.just(ModelOp.Sort.DEFAULT)),
                        Tuple.of(4, Arbitraries.of(ModelOp.Sort.class))))
                .as(ModelOp.Range::new);
    }

    private static Arbitrary<ModelOp.Cmp> compare() {
        return Combinators.combine(Arbitraries.of(Compare.Target.class), Arbitraries.of(Compare.Result.class), key(),
                Arbitraries.frequencyOf(Tuple.of(6, Arbitraries.just("")), Tuple.of(1, end())),
                Arbitraries.longs().between(0, 30), value())
                .as((target, result, k, end, n, v) -> new ModelOp.Cmp(target, result, k, end,
                        target == Compare.Target.VERSION ? n % 5 : n, v));
    }

    private static Arbitrary<ModelOp> branchOp() {
        return Arbitraries.frequencyOf(Tuple.of(5, put()), Tuple.of(2, delete()), Tuple.of(3, range()));
    }

    private static Arbitrary<ModelOp> txn() {
        return Combinators.combine(compare().list().ofMaxSize(3), branchOp().list().ofMaxSize(3),
                branchOp().list().ofMaxSize(2)).as(ModelOp.Txn::new);
    }

    private static Arbitrary<ModelOp> compact() {
        return Arbitraries.frequencyOf(Tuple.of(6, Arbitraries.integers().between(1, 8)),
                Tuple.of(1, Arbitraries.just(-1))).map(ModelOp.Compact::new);
    }

    private static Arbitrary<ModelOp> op() {
        return Arbitraries.frequencyOf(
                Tuple.of(30, put()),
                Tuple.of(8, delete()),
                Tuple.of(15, txn()),
                Tuple.of(15, range()),
                Tuple.of(4, compact()));
    }
}
