package io.ksim.bench;

import io.ksim.store.Compare;
import io.ksim.store.PutRequest;
import io.ksim.store.TxnRequest;
import io.ksim.store.oracle.EtcdGatewayClient;
import io.ksim.store.oracle.EtcdServer;

/**
 * The same put and txn workloads against real etcd (Debian's etcd-server) on loopback, through its v3
 * JSON gateway, one request at a time from one client: what a single-threaded caller of a real etcd gets.
 * Printed beside the model's figures as model/etcd ratios.
 */
final class EtcdComparison {

    private static final int OPS = 3_000;

    private EtcdComparison() {
    }

    static void run(String[] keys, Measurement.Result modelPut, Measurement.Result modelTxn) {
        try {
            EtcdServer.findBinary();
        } catch (AssertionError missing) {
            System.out.println("real etcd: not installed (apt-get install etcd-server); comparison skipped");
            return;
        }
        try (EtcdServer server = EtcdServer.start()) {
            EtcdGatewayClient etcd = server.client();
            Measurement.Result put = Measurement.measure("etcd put (gateway, sequential, 100 B values)", 1, 3, () -> () -> {
                for (int i = 0; i < OPS; i++) {
                    etcd.put(PutRequest.of(keys[i % keys.length], StoreBench.VALUE));
                }
                return OPS;
            });
            // As the model's txn loop: compare with the mod_revision this client last wrote, then put.
            long[] mod = new long[keys.length];
            int[] round = new int[1];
            Measurement.Result txn = Measurement.measure("etcd txn (gateway, mod_revision compare, then put)", 1, 3,
                    () -> () -> {
                        String prefix = "/txn-" + round[0]++;
                        java.util.Arrays.fill(mod, 0);
                        for (int i = 0; i < OPS; i++) {
                            int k = i % 100; // revisit keys so most txns update, as in the model loop
                            mod[k] = etcd.txn(TxnRequest.when(
                                    Compare.modRevision(prefix + keys[k], Compare.Result.EQUAL, mod[k]),
                                    PutRequest.of(prefix + keys[k], StoreBench.VALUE))).headerRevision();
                        }
                        return OPS;
                    });
            System.out.printf("model/etcd ratio: put %,.0fx, txn %,.0fx%n",
                    modelPut.medianOpsPerSec() / put.medianOpsPerSec(),
                    modelTxn.medianOpsPerSec() / txn.medianOpsPerSec());
        }
    }
}
