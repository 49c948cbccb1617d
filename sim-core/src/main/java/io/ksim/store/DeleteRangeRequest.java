package io.ksim.store;

import java.util.Objects;

/** A deletion of one key, an interval or a prefix, as etcd's DeleteRangeRequest. */
public record DeleteRangeRequest(String key, String rangeEnd, boolean prevKv) implements RequestOp {

    public DeleteRangeRequest {
        Objects.requireNonNull(key, "key");
        Objects.requireNonNull(rangeEnd, "rangeEnd");
    }

    public static DeleteRangeRequest key(String key) {
        return new DeleteRangeRequest(key, "", false);
    }

    public static DeleteRangeRequest prefix(String prefix) {
        return new DeleteRangeRequest(Keys.prefixStart(prefix), Keys.prefixEnd(prefix), false);
    }

    public static DeleteRangeRequest range(String key, String rangeEnd) {
        return new DeleteRangeRequest(key, rangeEnd, false);
    }

    public DeleteRangeRequest withPrevKv(boolean on) {
        return new DeleteRangeRequest(key, rangeEnd, on);
    }
}
