package io.ksim.cli;

import io.ksim.kernel.Fault;
import io.ksim.kernel.Kernel;
import io.ksim.store.Compare;
import io.ksim.store.DeleteRangeRequest;
import io.ksim.store.EtcdException;
import io.ksim.store.LeaseGrantResponse;
import io.ksim.store.MvccStore;
import io.ksim.store.PutRequest;
import io.ksim.store.PutResponse;
import io.ksim.store.RangeRequest;
import io.ksim.store.RangeResponse;
import io.ksim.store.StoreStatus;
import io.ksim.store.TxnRequest;
import io.ksim.store.TxnResponse;
import io.ksim.store.WatchEvent;
import io.ksim.store.WatchRequest;
import io.ksim.store.WatchResponse;
import java.time.Duration;

/**
 * A guided tour of the store as kube-apiserver uses it, on virtual time: keys under /registry, a watch
 * like an informer's, optimistic concurrency with a mod_revision compare, an Event whose etcd lease
 * expires after kube-apiserver's one-hour event TTL, and the periodic compaction that makes an old watch
 * fail. Everything it prints is the kernel's trace, so two runs with one seed print the same bytes.
 */
final class StoreDemo {

    private static final String PODS = "/registry/pods/default/";

    private final Kernel kernel;
    private final MvccStore etcd;

    StoreDemo(Kernel kernel) {
        this.kernel = kernel;
        this.etcd = MvccStore.builder(kernel).build();
    }

    void play() {
        note("etcd starts at revision " + etcd.revision() + "; every write request bumps the revision once");

        kernel.schedule(Duration.ofMillis(100), "apiserver", () -> {
            put("/registry/namespaces/default", "{\"kind\":\"Namespace\",\"metadata\":{\"name\":\"default\"}}");
            put(PODS + "web-1", podJson("web-1", "nginx:1.25"));
        });

        // An informer lists, then watches from the list's revision + 1, as client-go's reflector does.
        kernel.schedule(Duration.ofMillis(200), "informer", () -> {
            RangeResponse list = etcd.range(RangeRequest.prefix(PODS));
            record("informer", "List", PODS, list.count() + " pod(s) at revision " + list.headerRevision());
            etcd.watch(WatchRequest.prefix(PODS).fromRevision(list.headerRevision() + 1).withPrevKv(true),
                    // Watch messages reach the informer as events of their own, after the write that caused them.
                    response -> kernel.scheduleNow("informer", () -> onPodEvent(response)));
        });

        kernel.schedule(Duration.ofSeconds(1), "apiserver", () -> {
            put(PODS + "web-2", podJson("web-2", "nginx:1.25"));
            long seen = etcd.range(RangeRequest.key(PODS + "web-1")).kvs().get(0).modRevision();
            // Two clients update web-1 from the same read: only the first compare-and-swap wins.
            guardedUpdate("controller-a", "web-1", seen, "nginx:1.26");
            guardedUpdate("controller-b", "web-1", seen, "nginx:1.27");
        });

        // kube-apiserver stores Events with an etcd lease of --event-ttl (1h).
        kernel.schedule(Duration.ofSeconds(2), "apiserver", () -> {
            LeaseGrantResponse lease = etcd.leaseGrant(3600, 0);
            record("apiserver", "LeaseGrant", Long.toString(lease.id()), "TTL " + lease.ttlSeconds() + "s");
            PutResponse r = etcd.put(PutRequest.of("/registry/events/default/web-1.scheduled",
                    "{\"reason\":\"Scheduled\"}").withLease(lease.id()));
            record("apiserver", "Put", "/registry/events/default/web-1.scheduled",
                    "revision " + r.headerRevision() + ", attached to lease " + lease.id());
        });

        kernel.schedule(Duration.ofSeconds(5), "apiserver", () -> {
            etcd.deleteRange(DeleteRangeRequest.key(PODS + "web-2"));
            record("apiserver", "Delete", PODS + "web-2", "revision " + etcd.revision());
        });

        // kube-apiserver compacts every 5 minutes; a client that watches from before that gets "compacted".
        kernel.injectFault(Duration.ofMinutes(5), Fault.of("etcd", "kube-apiserver's periodic compaction runs",
                () -> etcd.compact(etcd.revision())));
        kernel.schedule(Duration.ofMinutes(5).plusSeconds(1), "late-client", () ->
                etcd.watch(WatchRequest.prefix(PODS).fromRevision(2), response -> {
                    if (response.canceled()) {
                        record("late-client", "WatchCanceled", PODS, "history before revision "
                                + response.compactRevision() + " is compacted: the API server answers 410 Gone,"
                                + " the client lists again");
                    }
                }));

        kernel.runUntil(Duration.ofHours(1).plusSeconds(3));
        StoreStatus s = etcd.status();
        note("revision " + s.revision() + ", compacted at " + s.compactRevision() + ", " + s.liveKeys()
                + " keys (" + s.liveBytes() + " bytes), " + s.historyEvents() + " event(s) kept for watches, "
                + s.leases() + " leases");
    }

    private void onPodEvent(WatchResponse response) {
        for (WatchEvent e : response.events()) {
            String what = e.type() == WatchEvent.Type.PUT
                    ? (e.prevKv() == null ? "ADDED" : "MODIFIED (was mod_revision " + e.prevKv().modRevision() + ")")
                    : "DELETED";
            record("informer", "Watch", e.key(), what + " at revision " + e.revision());
        }
    }

    private void guardedUpdate(String who, String pod, long seenModRevision, String image) {
        String key = PODS + pod;
        TxnResponse r = etcd.txn(TxnRequest.when(Compare.modRevision(key, Compare.Result.EQUAL, seenModRevision),
                PutRequest.of(key, podJson(pod, image))));
        record(who, r.succeeded() ? "Update" : "Conflict", key, r.succeeded()
                ? "mod_revision was " + seenModRevision + ": written at revision " + r.headerRevision()
                : "mod_revision is no longer " + seenModRevision + ": the API server answers 409 Conflict");
    }

    private void put(String key, String json) {
        try {
            PutResponse r = etcd.put(PutRequest.of(key, json));
            record("apiserver", "Put", key, "revision " + r.headerRevision());
        } catch (EtcdException e) {
            record("apiserver", "Error", key, e.getMessage());
        }
    }

    private static String podJson(String name, String image) {
        return "{\"kind\":\"Pod\",\"metadata\":{\"name\":\"" + name + "\"},\"spec\":{\"containers\":[{\"image\":\""
                + image + "\"}]}}";
    }

    private void note(String text) {
        record("demo", "Note", "", text);
    }

    private void record(String component, String kind, String object, String message) {
        kernel.trace().record(component, kind, object, message);
    }
}
