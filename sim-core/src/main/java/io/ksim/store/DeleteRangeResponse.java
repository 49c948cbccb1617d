package io.ksim.store;

import java.util.List;

/**
 * The answer to a {@link DeleteRangeRequest}.
 *
 * @param headerRevision the revision of the deletion; unchanged when nothing was deleted
 * @param deleted        how many keys were deleted
 * @param prevKvs        the deleted versions, in key order, if asked for
 */
public record DeleteRangeResponse(long headerRevision, long deleted, List<KeyValue> prevKvs) implements ResponseOp {

    public DeleteRangeResponse {
        prevKvs = List.copyOf(prevKvs);
    }
}
