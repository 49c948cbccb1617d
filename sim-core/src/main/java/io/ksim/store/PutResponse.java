package io.ksim.store;

/**
 * The answer to a {@link PutRequest}.
 *
 * @param headerRevision the revision of the write
 * @param prevKv         the replaced version if asked for and the key existed, else null
 */
public record PutResponse(long headerRevision, KeyValue prevKv) implements ResponseOp {
}
