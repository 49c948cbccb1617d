package io.ksim.controller.serviceaccount;

import io.ksim.apiserver.ApiException;
import io.ksim.client.WorkQueue;
import io.ksim.kernel.Kernel;
import java.util.function.Predicate;

/**
 * The worker loop the two controllers of this package share, as client-go controllers write it: take a
 * namespace key, sync it, forget it on success, re-add it rate-limited on an API error. Each key is one kernel
 * event of the controller's component, so other components interleave between syncs.
 */
final class NamespaceWorker {

    private final Kernel kernel;
    private final String component;
    private final WorkQueue<String> queue;
    private final Predicate<String> sync;

    /** {@code sync} returns false when its caches are not yet synced (the key is retried later). */
    NamespaceWorker(Kernel kernel, String component, WorkQueue<String> queue, Predicate<String> sync) {
        this.kernel = kernel;
        this.component = component;
        this.queue = queue;
        this.sync = sync;
        queue.setReadyListener(() -> kernel.scheduleNow(component, this::processNextWorkItem));
    }

    private void processNextWorkItem() {
        // A stopped controller's workers have exited: keys still queued are dropped with its caches.
        if (queue.isShuttingDown()) {
            return;
        }
        String key = queue.get();
        if (key == null) {
            return;
        }
        try {
            if (sync.test(key)) {
                queue.forget(key);
            } else {
                queue.addRateLimited(key);
            }
        } catch (ApiException e) {
            kernel.trace().record(component, "SyncFailed", key, queue.name() + ": " + e.getMessage());
            queue.addRateLimited(key);
        } finally {
            queue.done(key);
        }
    }
}
