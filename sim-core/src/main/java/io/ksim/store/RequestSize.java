package io.ksim.store;

import com.google.common.base.Utf8;

/**
 * Encoded sizes of etcd requests, as protobuf would encode them, so that the model refuses exactly the
 * requests etcd refuses.
 *
 * <p>etcd checks two sizes. The gRPC server refuses any message larger than max-request-bytes + 512 KiB
 * ("grpc: received message larger than max"). Then a write is wrapped in an InternalRaftRequest (the
 * request as field 4/5/6, plus a RequestHeader in field 100 holding a 64-bit request ID) and refused with
 * "etcdserver: request is too large" if that encoding is larger than max-request-bytes (default 1.5 MiB).
 * Field numbers are those of etcdserverpb/rpc.proto and raft_internal.proto. The request ID is modeled as a
 * 10-byte varint (an ID with its top bit set), which reproduces the live boundary: key "big" with a
 * 1,572,837-byte value is accepted and with 1,572,838 bytes refused.
 */
final class RequestSize {

    /** etcd's default --max-request-bytes: 1.5 MiB. */
    static final int DEFAULT_MAX_REQUEST_BYTES = 1572864;
    /** What the gRPC server accepts beyond max-request-bytes (embed/serve.go grpcOverheadBytes). */
    static final int GRPC_OVERHEAD_BYTES = 512 * 1024;
    /** RequestHeader{ID} in field 100: tag (2 bytes) + length (1) + ID tag (1) + 10-byte varint. */
    private static final int RAFT_HEADER_BYTES = 14;

    private RequestSize() {
    }

    static long put(PutRequest r) {
        return bytesField(1, r.key()) + bytesField(2, r.value().size()) + varintField(3, r.lease())
                + boolField(4, r.prevKv()) + boolField(5, r.ignoreValue()) + boolField(6, r.ignoreLease());
    }

    static long deleteRange(DeleteRangeRequest r) {
        return bytesField(1, r.key()) + bytesField(2, r.rangeEnd()) + boolField(3, r.prevKv());
    }

    static long range(RangeRequest r) {
        return bytesField(1, r.key()) + bytesField(2, r.rangeEnd()) + varintField(3, r.limit())
                + varintField(4, r.revision()) + varintField(5, r.sortOrder().ordinal())
                + varintField(6, r.sortTarget().ordinal()) + boolField(8, r.keysOnly()) + boolField(9, r.countOnly())
                + varintField(10, r.minModRevision()) + varintField(11, r.maxModRevision())
                + varintField(12, r.minCreateRevision()) + varintField(13, r.maxCreateRevision());
    }

    static long compare(Compare c) {
        // result=1, target=2 (enums, 0 omitted), key=3, then the oneof target_union (always encoded when set,
        // even when zero): version=4, create_revision=5, mod_revision=6, value=7, lease=8; range_end=64.
        long size = varintField(1, c.result().ordinal()) + varintField(2, c.target().ordinal()) + bytesField(3, c.key());
        size += switch (c.target()) {
            case VERSION -> 1 + varintSize(c.operand());
            case CREATE -> 1 + varintSize(c.operand());
            case MOD -> 1 + varintSize(c.operand());
            case LEASE -> 1 + varintSize(c.operand());
            case VALUE -> 1 + lengthDelimited(c.value().size());
        };
        return size + bytesField(64, c.rangeEnd());
    }

    static long requestOp(RequestOp op) {
        // RequestOp oneof: request_range=1, request_put=2, request_delete_range=3
        if (op instanceof RangeRequest r) {
            return 1 + lengthDelimited(range(r));
        } else if (op instanceof PutRequest p) {
            return 1 + lengthDelimited(put(p));
        } else {
            return 1 + lengthDelimited(deleteRange((DeleteRangeRequest) op));
        }
    }

    static long txn(TxnRequest t) {
        long size = 0;
        for (Compare c : t.compares()) {
            size += 1 + lengthDelimited(compare(c));
        }
        for (RequestOp op : t.success()) {
            size += 1 + lengthDelimited(requestOp(op));
        }
        for (RequestOp op : t.failure()) {
            size += 1 + lengthDelimited(requestOp(op));
        }
        return size;
    }

    /** Size of the InternalRaftRequest carrying a request of {@code requestSize} bytes in a field below 16. */
    static long raftRequest(long requestSize) {
        return RAFT_HEADER_BYTES + 1 + lengthDelimited(requestSize);
    }

    private static long bytesField(int field, String s) {
        return s.isEmpty() ? 0 : tagSize(field) + lengthDelimited(Utf8.encodedLength(s));
    }

    private static long bytesField(int field, long length) {
        return length == 0 ? 0 : tagSize(field) + lengthDelimited(length);
    }

    private static long varintField(int field, long value) {
        return value == 0 ? 0 : tagSize(field) + varintSize(value);
    }

    private static long boolField(int field, boolean value) {
        return value ? tagSize(field) + 1 : 0;
    }

    private static long lengthDelimited(long length) {
        return varintSize(length) + length;
    }

    private static int tagSize(int field) {
        return varintSize((long) field << 3);
    }

    /** Bytes of a protobuf varint; negative int64 values take 10 bytes. */
    static int varintSize(long value) {
        if (value < 0) {
            return 10;
        }
        int n = 1;
        while (value >= 0x80) {
            value >>>= 7;
            n++;
        }
        return n;
    }
}
