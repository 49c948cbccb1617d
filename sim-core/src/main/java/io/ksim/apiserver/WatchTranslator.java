package io.ksim.apiserver;

import io.ksim.api.meta.KubeObject;
import io.ksim.store.WatchEvent;
import java.util.function.Consumer;
import java.util.function.Predicate;

/**
 * Turns the store's key events into API watch events for one client's filter, as kube-apiserver's watch
 * cache does: an object that starts to match the filter is ADDED, one that keeps matching is MODIFIED, and
 * one that stops matching is DELETED (its previous content, with the resourceVersion of the change); a
 * deleted object is sent as it last was, with the resourceVersion of the deletion.
 */
final class WatchTranslator<T extends KubeObject> {

    private final RegistryStore<T> store;
    private final Predicate<? super T> filter;
    private final Consumer<ApiWatchEvent<T>> listener;

    WatchTranslator(RegistryStore<T> store, Predicate<? super T> filter, Consumer<ApiWatchEvent<T>> listener) {
        this.store = store;
        this.filter = filter;
        this.listener = listener;
    }

    void accept(WatchEvent e) {
        String rv = Long.toString(e.revision());
        T old = e.prevKv() == null ? null : store.decode(e.prevKv());
        boolean oldMatches = old != null && filter.test(old);
        if (e.type() == WatchEvent.Type.DELETE) {
            if (oldMatches) {
                listener.accept(ApiWatchEvent.of(WatchEventType.DELETED, withRv(old, rv)));
            }
            return;
        }
        T now = store.decode(e.kv());
        boolean nowMatches = filter.test(now);
        if (nowMatches) {
            listener.accept(ApiWatchEvent.of(oldMatches ? WatchEventType.MODIFIED : WatchEventType.ADDED, now));
        } else if (oldMatches) {
            listener.accept(ApiWatchEvent.of(WatchEventType.DELETED, withRv(old, rv)));
        }
    }

    private T withRv(T obj, String rv) {
        return store.withMeta(obj, obj.metadata().withResourceVersion(rv));
    }
}
