package io.ksim.store;

import java.util.Objects;

/**
 * A watch on one key, an interval or a prefix, as etcd's WatchCreateRequest.
 *
 * @param startRevision 0 to see changes after now; a past revision replays history from it (then the
 *                      watch must not start before the compaction revision, or it is cancelled); a future
 *                      revision skips changes until then
 * @param prevKv        include each change's previous version
 * @param noPut         filter out PUT events
 * @param noDelete      filter out DELETE events
 */
public record WatchRequest(String key, String rangeEnd, long startRevision, boolean prevKv, boolean noPut,
        boolean noDelete) {

    public WatchRequest {
        Objects.requireNonNull(key, "key");
        Objects.requireNonNull(rangeEnd, "rangeEnd");
    }

    public static WatchRequest key(String key) {
        return new WatchRequest(key, "", 0, false, false, false);
    }

    public static WatchRequest prefix(String prefix) {
        return new WatchRequest(Keys.prefixStart(prefix), Keys.prefixEnd(prefix), 0, false, false, false);
    }

    public static WatchRequest range(String key, String rangeEnd) {
        return new WatchRequest(key, rangeEnd, 0, false, false, false);
    }

    public WatchRequest fromRevision(long rev) {
        return new WatchRequest(key, rangeEnd, rev, prevKv, noPut, noDelete);
    }

    public WatchRequest withPrevKv(boolean on) {
        return new WatchRequest(key, rangeEnd, startRevision, on, noPut, noDelete);
    }

    public WatchRequest withFilters(boolean filterPut, boolean filterDelete) {
        return new WatchRequest(key, rangeEnd, startRevision, prevKv, filterPut, filterDelete);
    }

    boolean wants(WatchEvent event) {
        return event.type() == WatchEvent.Type.PUT ? !noPut : !noDelete;
    }
}
