package io.ksim.store;

import java.util.Objects;

/**
 * A read of one key, an interval or a prefix, as etcd's RangeRequest.
 *
 * <p>Build with {@link #key(String)}, {@link #prefix(String)} or {@link #range(String, String)}, then the
 * {@code with...} methods: {@code RangeRequest.prefix("/registry/pods/").withLimit(500).withRevision(42)}.
 *
 * @param revision        0 for the current revision, otherwise a past one (not compacted, not future)
 * @param limit           0 for no limit; {@code more} and {@code count} in the response still tell the total
 * @param sortOrder       NONE keeps etcd's natural key order (ascending)
 * @param minModRevision  these four filters drop kvs after counting: {@code count} ignores them, as in etcd
 */
public record RangeRequest(String key, String rangeEnd, long revision, long limit, boolean keysOnly, boolean countOnly,
        SortOrder sortOrder, SortTarget sortTarget, long minModRevision, long maxModRevision,
        long minCreateRevision, long maxCreateRevision) implements RequestOp {

    public enum SortOrder { NONE, ASCEND, DESCEND }

    public enum SortTarget { KEY, VERSION, CREATE, MOD, VALUE }

    public RangeRequest {
        Objects.requireNonNull(key, "key");
        Objects.requireNonNull(rangeEnd, "rangeEnd");
        Objects.requireNonNull(sortOrder, "sortOrder");
        Objects.requireNonNull(sortTarget, "sortTarget");
    }

    public static RangeRequest key(String key) {
        return range(key, "");
    }

    public static RangeRequest prefix(String prefix) {
        return range(Keys.prefixStart(prefix), Keys.prefixEnd(prefix));
    }

    /** Keys in {@code [key, rangeEnd)}; rangeEnd {@link Keys#ALL} means every key from {@code key} on. */
    public static RangeRequest range(String key, String rangeEnd) {
        return new RangeRequest(key, rangeEnd, 0, 0, false, false, SortOrder.NONE, SortTarget.KEY, 0, 0, 0, 0);
    }

    public RangeRequest withRevision(long rev) {
        return new RangeRequest(key, rangeEnd, rev, limit, keysOnly, countOnly, sortOrder, sortTarget,
                minModRevision, maxModRevision, minCreateRevision, maxCreateRevision);
    }

    public RangeRequest withLimit(long max) {
        return new RangeRequest(key, rangeEnd, revision, max, keysOnly, countOnly, sortOrder, sortTarget,
                minModRevision, maxModRevision, minCreateRevision, maxCreateRevision);
    }

    public RangeRequest withKeysOnly(boolean on) {
        return new RangeRequest(key, rangeEnd, revision, limit, on, countOnly, sortOrder, sortTarget,
                minModRevision, maxModRevision, minCreateRevision, maxCreateRevision);
    }

    public RangeRequest withCountOnly(boolean on) {
        return new RangeRequest(key, rangeEnd, revision, limit, keysOnly, on, sortOrder, sortTarget,
                minModRevision, maxModRevision, minCreateRevision, maxCreateRevision);
    }

    public RangeRequest withSort(SortTarget target, SortOrder order) {
        return new RangeRequest(key, rangeEnd, revision, limit, keysOnly, countOnly, order, target,
                minModRevision, maxModRevision, minCreateRevision, maxCreateRevision);
    }

    public RangeRequest withModRevisionBetween(long min, long max) {
        return new RangeRequest(key, rangeEnd, revision, limit, keysOnly, countOnly, sortOrder, sortTarget,
                min, max, minCreateRevision, maxCreateRevision);
    }

    public RangeRequest withCreateRevisionBetween(long min, long max) {
        return new RangeRequest(key, rangeEnd, revision, limit, keysOnly, countOnly, sortOrder, sortTarget,
                minModRevision, maxModRevision, min, max);
    }

    boolean hasRevisionFilters() {
        return minModRevision != 0 || maxModRevision != 0 || minCreateRevision != 0 || maxCreateRevision != 0;
    }
}
