package io.ksim.network.endpoints;

import io.ksim.apiserver.ApiException;
import io.ksim.client.WorkQueue;
import io.ksim.kernel.Kernel;
import java.util.function.Consumer;

/**
 * One worker over a work queue of "namespace/name" keys, as kube-controller-manager runs a controller: each
 * key becomes available, a worker event at the current instant reconciles it; a reconcile refused by the API
 * server (a conflict with a stale cache, say) is retried with the queue's rate limit, a successful one
 * forgets the key's failures.
 */
final class ControllerLoop {

    private final Kernel kernel;
    private final String component;
    private final WorkQueue<String> queue;
    private final Consumer<String> reconcile;
    private boolean workerScheduled;

    ControllerLoop(Kernel kernel, String component, Consumer<String> reconcile) {
        this.kernel = kernel;
        this.component = component;
        this.reconcile = reconcile;
        this.queue = WorkQueue.withDefaultRateLimiter(kernel, component);
        queue.setReadyListener(this::scheduleWorker);
    }

    void enqueue(String key) {
        queue.add(key);
    }

    WorkQueue<String> queue() {
        return queue;
    }

    private void scheduleWorker() {
        if (!workerScheduled) {
            workerScheduled = true;
            kernel.scheduleNow(component, this::work);
        }
    }

    private void work() {
        workerScheduled = false;
        String key;
        while ((key = queue.get()) != null) {
            try {
                reconcile.accept(key);
                queue.forget(key);
            } catch (ApiException e) {
                kernel.trace().record(component, "SyncError", key, e.getMessage());
                queue.addRateLimited(key);
            } finally {
                queue.done(key);
            }
        }
    }
}
