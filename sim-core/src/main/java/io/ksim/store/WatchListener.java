package io.ksim.store;

/**
 * Receives a watch's messages, in order, on the simulation thread. A listener may write to the store
 * from inside {@link #onResponse}: the resulting events are delivered after the current message, never
 * interleaved with it, so every watcher still sees revisions in increasing order.
 */
@FunctionalInterface
public interface WatchListener {

    void onResponse(WatchResponse response);
}
