package io.ksim.store;

/**
 * A live watch. Cancel it to stop its messages; the listener then gets a final cancelled message, as etcd
 * sends one when a client cancels.
 */
public final class Watcher {

    private final long id;
    private final WatchRequest request;
    private final WatchListener listener;
    private final WatchHub hub;
    /** Events below this revision are not for this watcher (it asked to start later, or has seen them). */
    long minRevision;
    private boolean active = true;

    Watcher(long id, WatchRequest request, WatchListener listener, WatchHub hub, long minRevision) {
        this.id = id;
        this.request = request;
        this.listener = listener;
        this.hub = hub;
        this.minRevision = minRevision;
    }

    public long id() {
        return id;
    }

    public WatchRequest request() {
        return request;
    }

    public boolean isActive() {
        return active;
    }

    /** Stops the watch. Returns false if it had already ended. */
    public boolean cancel() {
        if (!active) {
            return false;
        }
        hub.cancel(this);
        return true;
    }

    WatchListener listener() {
        return listener;
    }

    void deactivate() {
        active = false;
    }

    @Override
    public String toString() {
        return "Watcher[" + id + " " + request.key() + (request.rangeEnd().isEmpty() ? "" : ".." + request.rangeEnd()) + "]";
    }
}
