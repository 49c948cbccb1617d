package io.ksim.store;

import java.util.List;

/**
 * An atomic "if all compares hold then success else failure" request, as etcd's TxnRequest.
 *
 * <p>All writes of the chosen branch share one new revision; operations see the writes made before them in
 * the same branch. A txn whose chosen branch writes nothing leaves the revision as it was. A branch may not
 * write the same key twice ({@link EtcdError#DUPLICATE_KEY}). Nested txns are not modeled.
 */
public record TxnRequest(List<Compare> compares, List<RequestOp> success, List<RequestOp> failure) {

    public TxnRequest {
        compares = List.copyOf(compares);
        success = List.copyOf(success);
        failure = List.copyOf(failure);
    }

    /** The txn a compare-and-swap needs: {@code if compare then ops}. */
    public static TxnRequest when(Compare compare, RequestOp... then) {
        return new TxnRequest(List.of(compare), List.of(then), List.of());
    }

    boolean isReadOnly() {
        // loops rather than streams: every write to the store asks
        for (RequestOp op : success) {
            if (!(op instanceof RangeRequest)) {
                return false;
            }
        }
        for (RequestOp op : failure) {
            if (!(op instanceof RangeRequest)) {
                return false;
            }
        }
        return true;
    }
}
