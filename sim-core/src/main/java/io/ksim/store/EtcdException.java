package io.ksim.store;

/**
 * An etcd request refused for an expected reason (compacted revision, missing lease, oversized request
 * ...). Carries etcd's gRPC code and message; the request changed nothing. Broken invariants of the store
 * itself are never reported this way: they fail with {@link IllegalStateException}.
 */
public final class EtcdException extends RuntimeException {

    private final EtcdError.GrpcCode code;

    public EtcdException(EtcdError.GrpcCode code, String message) {
        super(message, null, false, false);
        this.code = code;
    }

    public EtcdError.GrpcCode code() {
        return code;
    }

    /** True if this is {@code error} (same code and message). */
    public boolean is(EtcdError error) {
        return code == error.code() && getMessage().equals(error.message());
    }
}
