package io.ksim.store;

/**
 * The errors etcd's v3 API returns for expected conditions, with etcd's gRPC status code and its exact
 * message text (etcdserver/api/v3rpc/rpctypes/error.go). Clients (the API server, kubectl users reading
 * the trace) see the same words a real etcd would give them.
 */
public enum EtcdError {
    EMPTY_KEY(GrpcCode.INVALID_ARGUMENT, "etcdserver: key is not provided"),
    KEY_NOT_FOUND(GrpcCode.INVALID_ARGUMENT, "etcdserver: key not found"),
    VALUE_PROVIDED(GrpcCode.INVALID_ARGUMENT, "etcdserver: value is provided"),
    LEASE_PROVIDED(GrpcCode.INVALID_ARGUMENT, "etcdserver: lease is provided"),
    TOO_MANY_OPS(GrpcCode.INVALID_ARGUMENT, "etcdserver: too many operations in txn request"),
    DUPLICATE_KEY(GrpcCode.INVALID_ARGUMENT, "etcdserver: duplicate key given in txn request"),
    REQUEST_TOO_LARGE(GrpcCode.INVALID_ARGUMENT, "etcdserver: request is too large"),
    COMPACTED(GrpcCode.OUT_OF_RANGE, "etcdserver: mvcc: required revision has been compacted"),
    FUTURE_REV(GrpcCode.OUT_OF_RANGE, "etcdserver: mvcc: required revision is a future revision"),
    LEASE_NOT_FOUND(GrpcCode.NOT_FOUND, "etcdserver: requested lease not found"),
    LEASE_EXIST(GrpcCode.FAILED_PRECONDITION, "etcdserver: lease already exists"),
    LEASE_TTL_TOO_LARGE(GrpcCode.OUT_OF_RANGE, "etcdserver: too large lease TTL");

    private final GrpcCode code;
    private final String message;

    EtcdError(GrpcCode code, String message) {
        this.code = code;
        this.message = message;
    }

    public GrpcCode code() {
        return code;
    }

    /** etcd's message, e.g. "etcdserver: mvcc: required revision has been compacted". */
    public String message() {
        return message;
    }

    EtcdException exception() {
        return new EtcdException(code, message);
    }

    /** The gRPC status codes etcd answers with (numbers as in google.golang.org/grpc/codes). */
    public enum GrpcCode {
        INVALID_ARGUMENT(3),
        NOT_FOUND(5),
        RESOURCE_EXHAUSTED(8),
        FAILED_PRECONDITION(9),
        OUT_OF_RANGE(11);

        private final int number;

        GrpcCode(int number) {
            this.number = number;
        }

        public int number() {
            return number;
        }
    }
}
