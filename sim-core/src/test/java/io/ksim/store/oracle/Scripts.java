package io.ksim.store.oracle;

import io.ksim.store.Compare;
import io.ksim.store.RangeRequest;
import java.math.BigInteger;
import java.util.List;
import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.Combinators;
import net.jqwik.api.RandomDistribution;
import net.jqwik.api.Tuple;

/** Generators of differential scripts: 50-80 steps over six keys and three leases of one try. */
final class Scripts {

    static final int MIN_STEPS = 50;
    static final int MAX_STEPS = 80;

    private Scripts() {
    }

    /** A generated step sequence; printed one step per line so a shrunk sample reads like a script. */
    record Script(List<Op> ops) {
        @Override
        public String toString() {
            StringBuilder sb = new StringBuilder();
            for (int i = 0; i < ops.size(); i++) {
                sb.append(String.format("%n  %3d  %s", i + 1, ops.get(i)));
            }
            return sb.toString();
        }
    }

    /**
     * Scripts of 50-80 steps. The size comes from the distribution rather than a minimum size, so shrinking
     * can still cut a failing script down to the few steps that matter.
     */
    static Arbitrary<Script> scripts() {
        RandomDistribution fiftyToEighty = (genSize, min, max, center) ->
                random -> BigInteger.valueOf(MIN_STEPS + random.nextInt(MAX_STEPS - MIN_STEPS + 1)).min(max).max(min);
        return op().list().ofMinSize(1).ofMaxSize(MAX_STEPS).withSizeDistribution(fiftyToEighty).map(Script::new);
    }

    @SuppressWarnings("unchecked")
    static Arbitrary<Op> op() {
        return Arbitraries.frequencyOf(
                Tuple.of(24, put()),
                Tuple.of(7, delete()),
                Tuple.of(14, get()),
                Tuple.of(18, txn()),
                Tuple.of(5, compact()),
                Tuple.of(5, watch()),
                Tuple.of(6, leaseIndex().map(Op.Grant::new)),
                Tuple.of(3, leaseIndex().map(Op.Revoke::new)),
                Tuple.of(3, leaseIndex().map(Op.TimeToLive::new)));
    }

    // ---- requests (also txn branch operations) ---------------------------------------------------

    static Arbitrary<Op.Put> put() {
        Arbitrary<Integer> lease = Arbitraries.frequencyOf(Tuple.of(7, Arbitraries.just(-1)), Tuple.of(3, leaseIndex()));
        return Combinators.combine(key(), value(), lease, flag(30)).as(Op.Put::new);
    }

    static Arbitrary<Op.Delete> delete() {
        return Combinators.combine(sel(), flag(40)).as(Op.Delete::new);
    }

    static Arbitrary<Op.Get> get() {
        Arbitrary<Op.Rev> rev = Arbitraries.frequencyOf(
                Tuple.of(6, Arbitraries.just(new Op.Rev(Op.Rev.Kind.LATEST, 0))),
                Tuple.of(3, back(6)),
                Tuple.of(1, ahead()));
        Arbitrary<Integer> limit = Arbitraries.frequencyOf(
                Tuple.of(6, Arbitraries.just(0)), Tuple.of(4, Arbitraries.integers().between(1, 3)));
        Arbitrary<RangeRequest.SortTarget> target = Arbitraries.frequencyOf(
                Tuple.of(5, Arbitraries.just(RangeRequest.SortTarget.KEY)),
                Tuple.of(5, Arbitraries.of(RangeRequest.SortTarget.class)));
        Arbitrary<RangeRequest.SortOrder> order = Arbitraries.frequencyOf(
                Tuple.of(5, Arbitraries.just(RangeRequest.SortOrder.NONE)),
                Tuple.of(5, Arbitraries.of(RangeRequest.SortOrder.class)));
        return Combinators.combine(sel(), rev, limit, flag(20), flag(10), target, order).as(Op.Get::new);
    }

    static Arbitrary<Op.Request> request() {
        return Arbitraries.frequencyOf(Tuple.of(5, put()), Tuple.of(2, delete()), Tuple.of(3, get()));
    }

    // ---- other steps ------------------------------------------------------------------------------

    static Arbitrary<Op.Txn> txn() {
        Arbitrary<List<Op.Request>> branch = request().list().ofMaxSize(3);
        return Combinators.combine(compare().list().ofMinSize(1).ofMaxSize(2), branch, branch).as(Op.Txn::new);
    }

    static Arbitrary<Op.Cmp> compare() {
        Arbitrary<Op.Sel> sel = Arbitraries.frequencyOf(Tuple.of(8, keySel()), Tuple.of(2, sel()));
        Arbitrary<Op.Rev> rev = Arbitraries.frequencyOf(
                Tuple.of(2, Arbitraries.just(new Op.Rev(Op.Rev.Kind.ZERO, 0))),
                Tuple.of(5, back(6)),
                Tuple.of(1, ahead()));
        return Combinators.combine(Arbitraries.of(Compare.Target.class), Arbitraries.of(Compare.Result.class), sel,
                Arbitraries.integers().between(-1, 3), rev, value()).as((target, result, s, number, r, v) -> {
                    // Only the operand the target reads is kept, so equal compares print and shrink alike.
                    int n = switch (target) {
                        case VERSION -> Math.max(number, 0);
                        case LEASE -> Math.min(number, 2);
                        default -> 0;
                    };
                    Op.Rev operandRev = target == Compare.Target.CREATE || target == Compare.Target.MOD
                            ? r : new Op.Rev(Op.Rev.Kind.ZERO, 0);
                    return new Op.Cmp(target, result, s, n, operandRev, target == Compare.Target.VALUE ? v : "");
                });
    }

    static Arbitrary<Op.Compact> compact() {
        return Arbitraries.frequencyOf(Tuple.of(8, back(6)), Tuple.of(1, ahead())).map(Op.Compact::new);
    }

    static Arbitrary<Op.Watch> watch() {
        Arbitrary<Op.Rev> start = Arbitraries.frequencyOf(
                Tuple.of(3, Arbitraries.just(new Op.Rev(Op.Rev.Kind.LATEST, 0))),
                Tuple.of(6, back(10)),
                Tuple.of(1, ahead()));
        Arbitrary<Op.Sel> sel = Arbitraries.frequencyOf(
                Tuple.of(4, Arbitraries.integers().between(0, Op.KEYS.size() - 1).map(i -> new Op.Sel(Op.Sel.Kind.KEY, i, 0))),
                Tuple.of(3, prefixSel()),
                Tuple.of(1, ordered(Op.Sel.Kind.INTERVAL)),
                Tuple.of(1, Arbitraries.integers().between(0, Op.KEYS.size() - 1).map(i -> new Op.Sel(Op.Sel.Kind.FROM, i, 0))));
        return Combinators.combine(sel, start, flag(60)).as(Op.Watch::new);
    }

    // ---- parts ------------------------------------------------------------------------------------

    /** A key; now and then the empty key, which etcd refuses. */
    static Arbitrary<Op.Key> key() {
        return Arbitraries.frequencyOf(
                Tuple.of(40, Arbitraries.integers().between(0, Op.KEYS.size() - 1)),
                Tuple.of(1, Arbitraries.just(-1))).map(Op.Key::new);
    }

    static Arbitrary<Op.Sel> keySel() {
        return key().map(k -> new Op.Sel(Op.Sel.Kind.KEY, k.index(), 0));
    }

    static Arbitrary<Op.Sel> prefixSel() {
        return Arbitraries.integers().between(0, Op.PREFIXES.size() - 1).map(p -> new Op.Sel(Op.Sel.Kind.PREFIX, p, 0));
    }

    /** Any selection, including intervals whose end is not after their start (they select nothing). */
    static Arbitrary<Op.Sel> sel() {
        Arbitrary<Integer> index = Arbitraries.integers().between(0, Op.KEYS.size() - 1);
        return Arbitraries.frequencyOf(
                Tuple.of(6, keySel()),
                Tuple.of(3, prefixSel()),
                Tuple.of(2, ordered(Op.Sel.Kind.INTERVAL)),
                Tuple.of(1, Combinators.combine(index, index).as((a, b) -> new Op.Sel(Op.Sel.Kind.INTERVAL, a, b))),
                Tuple.of(1, index.map(i -> new Op.Sel(Op.Sel.Kind.FROM, i, 0))));
    }

    /** An interval [a, b) with a before b. */
    private static Arbitrary<Op.Sel> ordered(Op.Sel.Kind kind) {
        Arbitrary<Integer> index = Arbitraries.integers().between(0, Op.KEYS.size() - 1);
        return Combinators.combine(index, index).filter((a, b) -> !a.equals(b))
                .as((a, b) -> new Op.Sel(kind, Math.min(a, b), Math.max(a, b)));
    }

    static Arbitrary<String> value() {
        return Arbitraries.frequencyOf(Tuple.of(1, Arbitraries.just("")), Tuple.of(6, Arbitraries.of("x", "y", "z")));
    }

    static Arbitrary<Integer> leaseIndex() {
        return Arbitraries.integers().between(0, 2);
    }

    private static Arbitrary<Op.Rev> back(int max) {
        return Arbitraries.integers().between(0, max).map(n -> new Op.Rev(Op.Rev.Kind.BACK, n));
    }

    private static Arbitrary<Op.Rev> ahead() {
        return Arbitraries.integers().between(1, 2).map(n -> new Op.Rev(Op.Rev.Kind.AHEAD, n));
    }

    private static Arbitrary<Boolean> flag(int percentTrue) {
        return Arbitraries.frequencyOf(Tuple.of(percentTrue, Arbitraries.just(true)),
                Tuple.of(100 - percentTrue, Arbitraries.just(false)));
    }
}
