package io.ksim.store;

/** One operation of a txn branch: a {@link RangeRequest}, {@link PutRequest} or {@link DeleteRangeRequest}. */
public sealed interface RequestOp permits RangeRequest, PutRequest, DeleteRangeRequest {
}
