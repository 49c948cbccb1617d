package io.ksim.bench;

import io.ksim.kernel.Kernel;
import io.ksim.store.Compare;
import io.ksim.store.MvccStore;
import io.ksim.store.PutRequest;
import io.ksim.store.RangeRequest;
import io.ksim.store.TxnRequest;
import io.ksim.store.Value;
import io.ksim.store.WatchRequest;
import java.util.ArrayList;
import java.util.List;

/**
 * Single-thread throughput of the etcd model: put, txn with a compare, range, and watch fan-out.
 * Run with {@code mvn -P bench -pl sim-core -am verify -DskipTests}; see BENCHMARKS.md for the method.
 */
public final class StoreBench {

    static final int KEYS = 10_000;
    static final Value VALUE = Value.of(new byte[100]);

    public static void main(String[] args) {
        System.out.printf("ksim store benchmark: Java %s, %d cores, max heap %d MiB%n",
                System.getProperty("java.version"), Runtime.getRuntime().availableProcessors(),
                Runtime.getRuntime().maxMemory() >> 20);
        String[] keys = keys(KEYS);

        Measurement.Result put = Measurement.measure("model put (10k keys round-robin, 100 B values)", 3, 5, () -> {
            MvccStore s = newStore();
            return () -> {
                int n = 1_000_000;
                for (int i = 0; i < n; i++) {
                    s.put(PutRequest.of(keys[i % KEYS], VALUE));
                }
                return n;
            };
        });

        Measurement.Result txn = Measurement.measure("model txn (mod_revision compare, then put)", 3, 5, () -> {
            MvccStore s = newStore();
            long[] mod = new long[KEYS];
            return () -> {
                int n = 1_000_000;
                for (int i = 0; i < n; i++) {
                    int k = i % KEYS;
                    long rev = s.txn(TxnRequest.when(Compare.modRevision(keys[k], Compare.Result.EQUAL, mod[k]),
                            PutRequest.of(keys[k], VALUE))).headerRevision();
                    mod[k] = rev;
                }
                return n;
            };
        });

        Measurement.measure("model range (one key, current revision)", 3, 5, () -> {
            MvccStore s = filledStore(keys);
            return () -> {
                int n = 2_000_000;
                for (int i = 0; i < n; i++) {
                    s.range(RangeRequest.key(keys[i % KEYS]));
                }
                return n;
            };
        });

        Measurement.measure("model range (prefix of 100 keys, limit 500)", 3, 5, () -> {
            MvccStore s = filledStore(keys);
            return () -> {
                int n = 50_000;
                for (int i = 0; i < n; i++) {
                    s.range(RangeRequest.prefix("/registry/pods/ns-" + (i % 100) + "/").withLimit(500));
                }
                return n;
            };
        });

        for (int watchers : new int[] {1, 100, 10_000}) {
            int writes = Math.max(1_000, 2_000_000 / watchers);
            Measurement.Result r = Measurement.measure(
                    "model watch fan-out, " + watchers + " watcher(s) on the prefix (deliveries)", 2, 5, () -> {
                        MvccStore s = newStore();
                        long[] delivered = new long[1];
                        for (int w = 0; w < watchers; w++) {
                            s.watch(WatchRequest.prefix("/registry/pods/"), resp -> delivered[0] += resp.events().size());
                        }
                        return () -> {
                            for (int i = 0; i < writes; i++) {
                                s.put(PutRequest.of(keys[i % KEYS], VALUE));
                            }
                            return delivered[0];
                        };
                    });
            System.out.printf("    = %,.0f events/s written with %d watcher(s) each%n",
                    r.medianOpsPerSec() / watchers, watchers);
        }

        // Cost follows interested watchers, not all watchers: 10,000 single-key watches, one per key,
        // each write interests exactly one of them.
        Measurement.measure("model put with 10,000 single-key watches (1 interested)", 2, 5, () -> {
            MvccStore s = newStore();
            for (String key : keys) {
                s.watch(WatchRequest.key(key), resp -> { });
            }
            return () -> {
                int n = 1_000_000;
                for (int i = 0; i < n; i++) {
                    s.put(PutRequest.of(keys[i % KEYS], VALUE));
                }
                return n;
            };
        });

        // ... and not history: the same fan-out after 1,000,000 earlier writes kept in history.
        Measurement.measure("model watch fan-out, 100 watchers, 1M events of history", 1, 5, () -> {
            MvccStore s = filledStore(keys);
            for (int i = 0; i < 1_000_000; i++) {
                s.put(PutRequest.of(keys[i % KEYS], VALUE));
            }
            long[] delivered = new long[1];
            for (int w = 0; w < 100; w++) {
                s.watch(WatchRequest.prefix("/registry/pods/"), resp -> delivered[0] += resp.events().size());
            }
            return () -> {
                for (int i = 0; i < 20_000; i++) {
                    s.put(PutRequest.of(keys[i % KEYS], VALUE));
                }
                return delivered[0];
            };
        });

        EtcdComparison.run(keys, put, txn);
    }

    static MvccStore newStore() {
        return MvccStore.builder(Kernel.builder().seed(1).build()).build();
    }

    static MvccStore filledStore(String[] keys) {
        MvccStore s = newStore();
        for (String key : keys) {
            s.put(PutRequest.of(key, VALUE));
        }
        return s;
    }

    /** Pod-like keys spread over 100 namespaces, so prefix ranges have 100 keys each. */
    static String[] keys(int n) {
        List<String> out = new ArrayList<>(n);
        for (int i = 0; i < n; i++) {
            out.add("/registry/pods/ns-" + (i % 100) + "/pod-" + String.format("%05d", i));
        }
        return out.toArray(String[]::new);
    }
}
