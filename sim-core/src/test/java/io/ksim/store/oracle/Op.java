package io.ksim.store.oracle;

import io.ksim.store.Compare;
import io.ksim.store.Keys;
import io.ksim.store.RangeRequest;
import java.util.List;
import java.util.stream.Collectors;

/**
 * One step of a differential script. Steps name keys relative to the try's key prefix, leases by index
 * (L1..L3) and revisions relative to the current revision ("cur-2"), so a shrunk script stays meaningful
 * when earlier steps are removed, and reads like a script: {@code put a/1="x" lease=L1 prev_kv}.
 */
sealed interface Op permits Op.Request, Op.Txn, Op.Compact, Op.Watch, Op.Grant, Op.Revoke,
        Op.TimeToLive {

    /** The key names of a try, relative to its prefix: nested names make prefixes and intervals interesting. */
    List<String> KEYS = List.of("a", "a/1", "a/2", "b", "b/1", "c");
    /** Prefixes relative to the try's prefix; "" is the whole try. */
    List<String> PREFIXES = List.of("a/", "b", "");

    /** A step that may also appear in a txn branch. */
    sealed interface Request extends Op permits Put, Delete, Get {
    }

    /** The state a step is resolved against: the try's key prefix, its lease IDs and the current revision. */
    interface Context {
        String prefix();

        long leaseId(int index);

        /** The model's current revision. */
        long current();
    }

    /** One key by index into {@link #KEYS}; -1 is the empty key (which etcd refuses). */
    record Key(int index) {
        String resolve(Context c) {
            return index < 0 ? "" : c.prefix() + KEYS.get(index);
        }

        @Override
        public String toString() {
            return index < 0 ? "\"\"" : KEYS.get(index);
        }
    }

    /** What a request covers: one key, a prefix, an interval between two keys, or every key from one on. */
    record Sel(Kind kind, int a, int b) {
        enum Kind { KEY, PREFIX, INTERVAL, FROM }

        /** {@code [key, rangeEnd)} in etcd's conventions (rangeEnd "" for one key, "\0" for no end). */
        String[] resolve(Context c) {
            return switch (kind) {
                case KEY -> new String[] {new Key(a).resolve(c), ""};
                case PREFIX -> new String[] {c.prefix() + PREFIXES.get(a), Keys.prefixEnd(c.prefix() + PREFIXES.get(a))};
                case INTERVAL -> new String[] {c.prefix() + KEYS.get(a), c.prefix() + KEYS.get(b)};
                case FROM -> new String[] {c.prefix() + KEYS.get(a), Keys.ALL};
            };
        }

        @Override
        public String toString() {
            return switch (kind) {
                case KEY -> new Key(a).toString();
                case PREFIX -> "prefix " + (PREFIXES.get(a).isEmpty() ? "*" : PREFIXES.get(a));
                case INTERVAL -> "[" + KEYS.get(a) + ", " + KEYS.get(b) + ")";
                case FROM -> "from " + KEYS.get(a);
            };
        }
    }

    /** A revision relative to the current one: LATEST (0, "now"), ZERO (the number 0), cur-n, or cur+n. */
    record Rev(Kind kind, int n) {
        enum Kind { LATEST, ZERO, BACK, AHEAD }

        /** The model revision, never below {@code floor} for BACK. */
        long resolve(long current, long floor) {
            return switch (kind) {
                case LATEST, ZERO -> 0;
                case BACK -> Math.max(floor, current - n);
                case AHEAD -> current + n;
            };
        }

        @Override
        public String toString() {
            return switch (kind) {
                case LATEST -> "now";
                case ZERO -> "0";
                case BACK -> n == 0 ? "cur" : "cur-" + n;
                case AHEAD -> "cur+" + n;
            };
        }
    }

    static String leaseName(int index) {
        return index < 0 ? "0" : "L" + (index + 1);
    }

    record Put(Key key, String value, int lease, boolean prevKv) implements Request {
        @Override
        public String toString() {
            return "put " + key + "=\"" + value + "\"" + (lease >= 0 ? " lease=" + leaseName(lease) : "")
                    + (prevKv ? " prev_kv" : "");
        }
    }

    record Delete(Sel sel, boolean prevKv) implements Request {
        @Override
        public String toString() {
            return "del " + sel + (prevKv ? " prev_kv" : "");
        }
    }

    record Get(Sel sel, Rev rev, int limit, boolean keysOnly, boolean countOnly, RangeRequest.SortTarget target,
            RangeRequest.SortOrder order) implements Request {
        @Override
        public String toString() {
            return "get " + sel + (rev.kind() == Rev.Kind.LATEST ? "" : " @" + rev) + (limit > 0 ? " limit=" + limit : "")
                    + (keysOnly ? " keys_only" : "") + (countOnly ? " count_only" : "")
                    + (order == RangeRequest.SortOrder.NONE && target == RangeRequest.SortTarget.KEY ? ""
                            : " sort=" + target + "/" + order);
        }
    }

    /**
     * A txn guard. The operand is read according to the target: VERSION uses {@code number}, CREATE and
     * MOD use {@code rev}, LEASE uses {@code number} as a lease index (-1 for 0), VALUE uses {@code value}.
     */
    record Cmp(Compare.Target target, Compare.Result result, Sel sel, int number, Rev rev, String value) {
        @Override
        public String toString() {
            String operand = switch (target) {
                case VERSION -> Integer.toString(number);
                case CREATE, MOD -> rev.toString();
                case LEASE -> leaseName(number);
                case VALUE -> "\"" + value + "\"";
            };
            String op = switch (result) {
                case EQUAL -> "==";
                case NOT_EQUAL -> "!=";
                case GREATER -> ">";
                case LESS -> "<";
            };
            return target.name().toLowerCase() + "(" + sel + ") " + op + " " + operand;
        }
    }

    record Txn(List<Cmp> compares, List<Request> success, List<Request> failure) implements Op {
        @Override
        public String toString() {
            return "txn if " + compares.stream().map(Cmp::toString).collect(Collectors.joining(" && "))
                    + " then " + branch(success) + " else " + branch(failure);
        }

        private static String branch(List<Request> ops) {
            return ops.stream().map(Op::toString).collect(Collectors.joining("; ", "[", "]"));
        }
    }

    record Compact(Rev rev) implements Op {
        @Override
        public String toString() {
            return "compact " + rev;
        }
    }

    record Watch(Sel sel, Rev start, boolean prevKv) implements Op {
        @Override
        public String toString() {
            return "watch " + sel + " from " + start + (prevKv ? " prev_kv" : "");
        }
    }

    record Grant(int lease) implements Op {
        @Override
        public String toString() {
            return "grant " + leaseName(lease);
        }
    }

    record Revoke(int lease) implements Op {
        @Override
        public String toString() {
            return "revoke " + leaseName(lease);
        }
    }

    record TimeToLive(int lease) implements Op {
        @Override
        public String toString() {
            return "ttl " + leaseName(lease);
        }
    }
}
