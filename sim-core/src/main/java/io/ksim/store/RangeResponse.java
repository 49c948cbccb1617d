package io.ksim.store;

import java.util.List;

/**
 * The answer to a {@link RangeRequest}.
 *
 * @param headerRevision the store's current revision, even for a read at a past revision (as etcd)
 * @param kvs            at most {@code limit} versions, in the requested order
 * @param more           true if {@code limit} cut the list
 * @param count          how many keys matched, ignoring {@code limit} and the revision filters
 */
public record RangeResponse(long headerRevision, List<KeyValue> kvs, boolean more, long count) implements ResponseOp {

    public RangeResponse {
        kvs = List.copyOf(kvs);
    }
}
