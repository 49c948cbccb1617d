package io.ksim.store;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.ksim.kernel.Kernel;
import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * Found by the model property: "delete every key from a" then "put a ignore_value" in one txn. etcd 3.4 checks
 * the put against the state before the txn, then fails while applying it and stops; ksim refuses the txn with
 * "key not found" and changes nothing.
 */
class TxnKeptValueAfterDeleteTest {

    @Test
    void aKeptValueOfAKeyDeletedEarlierInTheTxnIsRefused() {
        MvccStore store = MvccStore.builder(Kernel.builder().seed(1).build()).build();
        store.put(PutRequest.of("a", "x"));
        long rev = store.revision();
        EtcdException e = assertThrows(EtcdException.class, () -> store.txn(new TxnRequest(List.of(),
                List.of(DeleteRangeRequest.range("a", Keys.ALL), PutRequest.of("a", Value.EMPTY).withIgnoreValue(true)),
                List.of())));
        assertTrue(e.is(EtcdError.KEY_NOT_FOUND), e.getMessage());
        assertEquals(rev, store.revision());
        assertEquals("x", ((Value.Bytes) store.range(RangeRequest.key("a")).kvs().get(0).value()).toUtf8());
    }

    @Test
    void theSamePutBeforeTheDeleteIsFine() {
        MvccStore store = MvccStore.builder(Kernel.builder().seed(1).build()).build();
        store.put(PutRequest.of("a", "x"));
        TxnResponse r = store.txn(new TxnRequest(List.of(),
                List.of(PutRequest.of("a", Value.EMPTY).withIgnoreValue(true), DeleteRangeRequest.range("a", Keys.ALL)),
                List.of()));
        assertTrue(r.succeeded());
        assertEquals(0, store.range(RangeRequest.key("a")).count());
    }
}
