package io.ksim.network.endpoints;

import io.ksim.api.meta.KubeObject;
import io.ksim.apiserver.ApiException;
import io.ksim.client.Indexer;
import io.ksim.client.ResourceEventHandler;
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

    /** A handler that enqueues the key of every object added, updated or deleted (a Service, say). */
    <T extends KubeObject> ResourceEventHandler<T> enqueueingKeys() {
        return everyVersion(obj -> enqueue(Indexer.keyOf(obj)));
    }

    /**
     * A handler that hands {@code each} every version it sees: the added object, both the old and the new
     * one of an update (a pod that left a Service's selector concerns the Service too), the deleted one.
     */
    static <T extends KubeObject> ResourceEventHandler<T> everyVersion(Consumer<T> each) {
        return new ResourceEventHandler<>() {
            @Override
            public void onAdd(T obj, boolean inInitialList) {
                each.accept(obj);
            }

            @Override
            public void onUpdate(T oldObj, T newObj) {
                if (oldObj != newObj) {
                    each.accept(oldObj);
                }
                each.accept(newObj);
            }

            @Override
            public void onDelete(T obj) {
                each.accept(obj);
            }
        };
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
