package io.ksim.store;

import io.ksim.store.RangeRequest.SortOrder;
import io.ksim.store.RangeRequest.SortTarget;
import java.util.List;
import java.util.stream.Collectors;

/**
 * One step of a {@link MvccStoreModelProperties} scenario. Revisions are chosen relative to the store's revision
 * when the step runs, so that a scenario stays meaningful while jqwik shrinks it; {@link #toString()} prints a
 * step as a line a reader can replay by hand, e.g. {@code txn if mod(a) > 3 then [put b="x"] else [range a.. @cur-2]}.
 */
sealed interface ModelOp {

    /**
     * The revision a relative choice {@code at} names: 0 is "no revision" (read the current one), 1 the current
     * revision, k > 1 the revision k - 1 before it (at least 1), and a negative number that many revisions ahead
     * (a future revision).
     */
    static long revision(int at, long current) {
        if (at == 0) {
            return 0;
        }
        return at > 0 ? Math.max(1, current - (at - 1)) : current - at;
    }

    static String revisionText(int at) {
        if (at == 0) {
            return "";
        }
        if (at == 1) {
            return " @cur";
        }
        return at > 1 ? " @cur-" + (at - 1) : " @cur+" + (-at);
    }

    /** "a" for one key, "[a,c)" for an interval, "a.." for every key from a; "\0" shown escaped. */
    static String rangeText(String key, String end) {
        String k = key.equals(Keys.ALL) ? "\\0" : key;
        if (end.isEmpty()) {
            return k;
        }
        return end.equals(Keys.ALL) ? k + ".." : "[" + k + "," + end + ")";
    }

    private static String branch(List<ModelOp> ops) {
        return ops.stream().map(ModelOp::toString).collect(Collectors.joining("; ", "[", "]"));
    }

    /** A put; {@code ignoreValue} keeps the current value (then {@code value} must be empty). */
    record Put(String key, String value, boolean prevKv, boolean ignoreValue) implements ModelOp {
        PutRequest request() {
            return PutRequest.of(key, value).withPrevKv(prevKv).withIgnoreValue(ignoreValue);
        }

        @Override
        public String toString() {
            return "put " + key + "=\"" + value + "\"" + (prevKv ? " prev_kv" : "") + (ignoreValue ? " ignore_value" : "");
        }
    }

    record Delete(String key, String end, boolean prevKv) implements ModelOp {
        DeleteRangeRequest request() {
            return DeleteRangeRequest.range(key, end).withPrevKv(prevKv);
        }

        @Override
        public String toString() {
            return "delete " + rangeText(key, end) + (prevKv ? " prev_kv" : "");
        }
    }

    enum Sort {
        DEFAULT(SortTarget.KEY, SortOrder.NONE),
        KEY_DESCEND(SortTarget.KEY, SortOrder.DESCEND),
        MOD_ASCEND(SortTarget.MOD, SortOrder.ASCEND),
        MOD_DESCEND(SortTarget.MOD, SortOrder.DESCEND),
        MOD_NO_ORDER(SortTarget.MOD, SortOrder.NONE),
        VERSION_DESCEND(SortTarget.VERSION, SortOrder.DESCEND),
        CREATE_ASCEND(SortTarget.CREATE, SortOrder.ASCEND),
        VALUE_ASCEND(SortTarget.VALUE, SortOrder.ASCEND);

        final SortTarget target;
        final SortOrder order;

        Sort(SortTarget target, SortOrder order) {
            this.target = target;
            this.order = order;
        }
    }

    record Range(String key, String end, int at, int limit, boolean countOnly, boolean keysOnly, Sort sort)
            implements ModelOp {
        RangeRequest request(long current) {
            return RangeRequest.range(key, end).withRevision(revision(at, current)).withLimit(limit)
                    .withCountOnly(countOnly).withKeysOnly(keysOnly).withSort(sort.target, sort.order);
        }

        @Override
        public String toString() {
            return "range " + rangeText(key, end) + revisionText(at) + (limit > 0 ? " limit " + limit : "")
                    + (countOnly ? " count_only" : "") + (keysOnly ? " keys_only" : "")
                    + (sort == Sort.DEFAULT ? "" : " sort " + sort);
        }
    }

    record Cmp(Compare.Target target, Compare.Result result, String key, String end, long operand, String value) {
        Compare compare() {
            return new Compare(target, result, key, end, operand, Value.ofUtf8(value));
        }

        @Override
        public String toString() {
            String op = switch (result) {
                case EQUAL -> "==";
                case NOT_EQUAL -> "!=";
                case GREATER -> ">";
                case LESS -> "<";
            };
            String rhs = target == Compare.Target.VALUE ? "\"" + value + "\"" : Long.toString(operand);
            return target.name().toLowerCase() + "(" + rangeText(key, end) + ") " + op + " " + rhs;
        }
    }

    /** A txn; branch ops are {@link Put}, {@link Delete} and {@link Range}. */
    record Txn(List<Cmp> compares, List<ModelOp> success, List<ModelOp> failure) implements ModelOp {
        TxnRequest request(long current) {
            return new TxnRequest(compares.stream().map(Cmp::compare).toList(),
                    success.stream().map(op -> requestOp(op, current)).toList(),
                    failure.stream().map(op -> requestOp(op, current)).toList());
        }

        private static RequestOp requestOp(ModelOp op, long current) {
            if (op instanceof Put p) {
                return p.request();
            } else if (op instanceof Delete d) {
                return d.request();
            }
            return ((Range) op).request(current);
        }

        @Override
        public String toString() {
            String ifs = compares.stream().map(Cmp::toString).collect(Collectors.joining(" && "));
            return "txn if " + (ifs.isEmpty() ? "true" : ifs) + " then " + branch(success) + " else " + branch(failure);
        }
    }

    record Compact(int at) implements ModelOp {
        @Override
        public String toString() {
            return "compact" + revisionText(at);
        }
    }
}
