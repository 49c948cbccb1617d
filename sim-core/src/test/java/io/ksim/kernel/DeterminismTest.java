package io.ksim.kernel;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.ksim.store.DeleteRangeRequest;
import io.ksim.store.MvccStore;
import io.ksim.store.PutRequest;
import io.ksim.store.RangeRequest;
import io.ksim.store.WatchEvent;
import io.ksim.store.WatchRequest;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.SplittableRandom;
import org.junit.jupiter.api.Test;

/**
 * A run is a pure function of (seed, scenario): a small cluster-like simulation with several components
 * drawing from their random streams, writing to the store, watching it and holding a lease that expires
 * gives the same trace, byte for byte, on every run with the same seed.
 */
class DeterminismTest {

    private static final int NODES = 3;

    /** Runs the scenario and returns its formatted trace. */
    static String simulate(long seed) {
        Kernel kernel = Kernel.builder().seed(seed).build();
        MvccStore etcd = MvccStore.builder(kernel).build();
        Trace trace = kernel.trace();

        etcd.watch(WatchRequest.prefix("/registry/").withPrevKv(true), response -> {
            for (WatchEvent e : response.events()) {
                trace.record("watcher", e.type() == WatchEvent.Type.PUT ? "Added" : "Deleted", e.key(),
                        "rev " + e.revision() + (e.prevKv() == null ? "" : " prev " + e.prevKv().modRevision()));
            }
        });

        // Kubelets: heartbeat with random jitter; node-1 holds its heartbeat key under a lease it never renews.
        for (int i = 1; i <= NODES; i++) {
            String name = "kubelet/node-" + i;
            String key = "/registry/leases/node-" + i;
            SplittableRandom random = kernel.random(name);
            long lease = i == 1 ? etcd.leaseGrant(3, 0).id() : 0;
            Runnable[] beat = new Runnable[1];
            int[] beats = new int[1];
            beat[0] = () -> {
                if (lease != 0 && beats[0] > 0) {
                    return;   // node-1 goes silent after its first heartbeat; its lease runs out
                }
                long rev = etcd.put(PutRequest.of(key, "beat-" + beats[0]++).withLease(lease)).headerRevision();
                trace.record(name, "Heartbeat", key, "rev " + rev);
                kernel.schedule(Duration.ofMillis(2000 + random.nextInt(1000)), name, beat[0]);
            };
            kernel.schedule(Duration.ofMillis(random.nextInt(500)), name, beat[0]);
        }

        // Scheduler: places pods on random nodes at random intervals, and now and then deletes one.
        SplittableRandom sched = kernel.random("scheduler");
        for (int p = 0; p < 8; p++) {
            String pod = "/registry/pods/default/web-" + p;
            kernel.schedule(Duration.ofMillis(sched.nextInt(20_000)), "scheduler", () -> {
                String node = "node-" + (1 + sched.nextInt(NODES));
                etcd.put(PutRequest.of(pod, node));
                trace.record("scheduler", "Scheduled", pod, "on " + node);
                if (sched.nextInt(3) == 0) {
                    kernel.schedule(Duration.ofMillis(sched.nextInt(5000)), "scheduler", () -> {
                        long deleted = etcd.deleteRange(DeleteRangeRequest.key(pod)).deleted();
                        trace.record("scheduler", "Evicted", pod, deleted + " deleted");
                    });
                }
            });
        }

        // A fault that compacts the store, and a reader that lists pods periodically.
        kernel.injectFault(Duration.ofSeconds(15), Fault.of("etcd", "history compacted",
                () -> etcd.compact(etcd.revision())));
        Runnable[] list = new Runnable[1];
        list[0] = () -> {
            long count = etcd.range(RangeRequest.prefix("/registry/pods/").withCountOnly(true)).count();
            trace.record("lister", "Listed", "/registry/pods/", count + " pods at rev " + etcd.revision());
            if (kernel.elapsed().compareTo(Duration.ofSeconds(25)) < 0) {
                kernel.schedule(Duration.ofMillis(4000 + kernel.random("lister").nextInt(2000)), "lister", list[0]);
            }
        };
        kernel.scheduleNow("lister", list[0]);

        kernel.runUntil(Duration.ofSeconds(30));
        return trace.format();
    }

    @Test
    void sameSeedGivesAByteIdenticalTrace() {
        String first = simulate(42);
        String second = simulate(42);

        assertArrayEquals(first.getBytes(StandardCharsets.UTF_8), second.getBytes(StandardCharsets.UTF_8));
        assertTrue(first.contains("LeaseExpired"), "the scenario exercises lease expiry:\n" + first);
        assertTrue(first.contains("Deleted        /registry/leases/node-1"), "expiry is seen by the watch:\n" + first);
        assertTrue(first.contains("Fault          etcd  history compacted"), first);
        assertTrue(first.lines().count() > 30, "the scenario does enough to be meaningful:\n" + first);
    }

    @Test
    void differentSeedGivesADifferentTrace() {
        assertNotEquals(simulate(42), simulate(43));
    }
}
