package io.ksim.store;

import java.util.List;

/**
 * The answer to a {@link TxnRequest}.
 *
 * @param headerRevision the revision after the txn (a new one if the branch wrote, else the current one)
 * @param succeeded      true if all compares held and the success branch ran
 * @param responses      one answer per operation of the branch that ran, in order
 */
public record TxnResponse(long headerRevision, boolean succeeded, List<ResponseOp> responses) {

    public TxnResponse {
        responses = List.copyOf(responses);
    }
}
