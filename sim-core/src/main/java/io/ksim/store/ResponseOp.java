package io.ksim.store;

/** The answer to one {@link RequestOp} of a txn, in the same position as its request. */
public sealed interface ResponseOp permits RangeResponse, PutResponse, DeleteRangeResponse {

    long headerRevision();
}
