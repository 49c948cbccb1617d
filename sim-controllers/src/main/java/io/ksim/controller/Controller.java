package io.ksim.controller;

import io.ksim.api.meta.KubeObject;
import io.ksim.apiserver.ApiException;
import io.ksim.apiserver.ApiServer;
import io.ksim.apiserver.ResourceType;
import io.ksim.client.EventRecorder;
import io.ksim.client.Indexer;
import io.ksim.client.Informer;
import io.ksim.client.WorkQueue;
import io.ksim.kernel.Kernel;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;

/**
 * A level-triggered controller: informers fill caches and put object keys ({@code namespace/name}) on a
 * rate-limited work queue; a worker takes a key and calls {@link #reconcile(String)}, which reads the
 * caches and writes through the API server. The reconcile sees a key, never the event that queued it, so
 * a restarted controller (new caches, fresh list) converges the same way as one that saw every event.
 *
 * <p>Workers are kernel events of the controller's component: each time a key becomes ready, a worker
 * event is scheduled at the current instant; it takes the next key, reconciles it and marks it done. A
 * reconcile that throws an {@link ApiException} (a 409 Conflict on a stale cache, say) or a
 * {@link ReconcileError} is retried with
 * client-go's default controller rate limiter (5 ms doubling, 10 qps overall); one that succeeds is
 * forgotten by the limiter. Any other exception is a bug and propagates.
 *
 * <p>Until every informer has synced, keys wait: a reconcile never acts on a partial cache, as
 * {@code cache.WaitForCacheSync} guarantees upstream.
 */
public abstract class Controller {

    /** How long a key waits before it is looked at again while the caches are still syncing. */
    static final Duration CACHE_SYNC_RETRY = Duration.ofMillis(100);

    protected final ControllerContext context;
    protected final Kernel kernel;
    protected final ApiServer api;
    protected final WorkQueue<String> queue;
    private final String name;
    private final List<Informer<?>> informers = new ArrayList<>();
    private boolean running;
    private long reconciles;

    protected Controller(ControllerContext context, String name) {
        this.context = context;
        this.kernel = context.kernel();
        this.api = context.api();
        this.name = name;
        this.queue = WorkQueue.withDefaultRateLimiter(kernel, name);
        queue.setReadyListener(() -> kernel.scheduleNow(context.component(), this::processNextWorkItem));
    }

    /** The controller's upstream name, e.g. "replicaset-controller". */
    public final String name() {
        return name;
    }

    public final boolean isRunning() {
        return running;
    }

    /** Reconciles run so far (each key taken from the queue counts once). */
    public final long reconciles() {
        return reconciles;
    }

    /** Makes a recorder whose events name this controller as their source. */
    protected final EventRecorder newRecorder() {
        return context.recorder(name);
    }

    /** Creates an informer owned by this controller: started, stopped and thrown away with it. */
    protected final <T extends KubeObject> Informer<T> informer(ResourceType<T> type) {
        Informer<T> informer = context.informer(type);
        informers.add(informer);
        return informer;
    }

    /** Starts the informers; keys queued meanwhile wait until all caches have synced. */
    public final void start() {
        if (running) {
            return;
        }
        running = true;
        kernel.trace().record(context.component(), "ControllerStarted", name, "starting " + name);
        informers.forEach(Informer::start);
    }

    /**
     * Stops the controller: informers stop watching and the queue refuses new keys. With {@code crash}
     * the trace says the controller crashed; either way the instance is finished and its caches and
     * expectations are lost (a restart builds a new instance).
     */
    public final void stop(boolean crash) {
        if (!running) {
            return;
        }
        running = false;
        informers.forEach(Informer::stop);
        queue.shutDown();
        kernel.trace().record(context.component(), crash ? "ControllerCrashed" : "ControllerStopped", name,
                crash ? name + " crashed: caches and expectations lost" : "stopping " + name);
    }

    /** Adds a key to the queue. */
    protected final void enqueue(String key) {
        queue.add(key);
    }

    protected final void enqueue(KubeObject obj) {
        queue.add(Indexer.keyOf(obj));
    }

    protected final void enqueueAfter(KubeObject obj, Duration delay) {
        queue.addAfter(Indexer.keyOf(obj), delay);
    }

    protected final void enqueueRateLimited(KubeObject obj) {
        queue.addRateLimited(Indexer.keyOf(obj));
    }

    /**
     * How many rate-limited retries a failing key gets before it is dropped (upstream's maxRetries; the
     * Deployment controller allows 15, the ReplicaSet controller retries for ever). A dropped key comes
     * back with the next event about its object.
     */
    protected int maxRetries() {
        return Integer.MAX_VALUE;
    }

    /** Brings the object named by {@code key} to its desired state; see the class comment. */
    protected abstract ReconcileResult reconcile(String key);

    private boolean cachesSynced() {
        for (Informer<?> informer : informers) {
            if (!informer.hasSynced()) {
                return false;
            }
        }
        return true;
    }

    private void processNextWorkItem() {
        if (!running) {
            return;
        }
        String key = queue.get();
        if (key == null) {
            return;
        }
        try {
            if (!cachesSynced()) {
                queue.addAfter(key, CACHE_SYNC_RETRY);
                return;
            }
            reconciles++;
            ReconcileResult result = reconcile(key);
            queue.forget(key);
            if (result.requeues()) {
                queue.addAfter(key, result.requeueAfter());
            }
        } catch (ApiException | ReconcileError e) {
            if (queue.numRequeues(key) < maxRetries()) {
                kernel.trace().record(context.component(), "ReconcileError", key, name + ": " + e.getMessage()
                        + "; requeued");
                queue.addRateLimited(key);
            } else {
                kernel.trace().record(context.component(), "ReconcileError", key, name + ": " + e.getMessage()
                        + "; dropping " + key + " out of the queue");
                queue.forget(key);
            }
        } finally {
            queue.done(key);
        }
    }
}
