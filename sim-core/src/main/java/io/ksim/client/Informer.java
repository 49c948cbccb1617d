package io.ksim.client;

import io.ksim.api.meta.KubeObject;
import io.ksim.apiserver.ApiServer;
import io.ksim.apiserver.ApiWatch;
import io.ksim.apiserver.ApiWatchEvent;
import io.ksim.apiserver.ListOptions;
import io.ksim.apiserver.ObjectList;
import io.ksim.apiserver.ResourceType;
import io.ksim.kernel.Kernel;
import io.ksim.kernel.Timer;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Objects;
import java.util.Set;

/**
 * A shared informer (client-go's SharedIndexInformer) on virtual time: it lists a resource, then watches
 * it from the list's resourceVersion, keeps an indexed cache, and tells handlers about every change.
 *
 * <p>Its promise, as client-go's: the cache converges to the API server's state; handlers see each object's
 * changes in order; after {@link #hasSynced()} the cache holds at least the state of the initial list.
 * Watch events reach the informer as kernel events of its own component, {@code watchLatency} after the
 * write (0 by default: the same instant, after the writer's own work). When the API server answers 410
 * (history compacted away), the informer lists again and reconciles its cache with what it finds, as the
 * reflector does; the trace records the relist. {@link #stop()} and a new informer model a component restart:
 * the cache is rebuilt from a fresh list.
 */
public final class Informer<T extends KubeObject> {

    private final Kernel kernel;
    private final ApiServer api;
    private final ResourceType<T> type;
    private final String namespace;
    private final String component;
    private final Duration resyncPeriod;
    private final Duration watchLatency;
    private final ListOptions selectors;
    private final Indexer<T> indexer = new Indexer<>();
    private final List<ResourceEventHandler<T>> handlers = new ArrayList<>();

    private ApiWatch watch;
    /** Incremented per (re)list; events of an older watch still in flight are ignored. */
    private int watchGeneration;
    private boolean synced;
    /** The newest resourceVersion the informer has seen: where a new watch resumes. */
    private String lastResourceVersion;
    private boolean stopped;
    private Timer resyncTimer;
    private int relists;

    private Informer(Builder<T> b) {
        this.kernel = b.kernel;
        this.api = b.api;
        this.type = b.type;
        this.namespace = b.namespace;
        this.component = b.component;
        this.resyncPeriod = b.resyncPeriod;
        this.watchLatency = b.watchLatency;
        this.selectors = b.selectors;
    }

    public static <T extends KubeObject> Builder<T> builder(Kernel kernel, ApiServer api, ResourceType<T> type) {
        return new Builder<>(kernel, api, type);
    }

    public ResourceType<T> type() {
        return type;
    }

    public Indexer<T> indexer() {
        return indexer;
    }

    /** True once the initial list is in the cache. */
    public boolean hasSynced() {
        return synced;
    }

    /** Times the informer listed again after losing its watch. */
    public int relists() {
        return relists;
    }

    /**
     * Adds a handler. One added after the informer synced first hears an add for every cached object, as
     * client-go replays the cache to late handlers.
     */
    public void addEventHandler(ResourceEventHandler<T> handler) {
        handlers.add(Objects.requireNonNull(handler, "handler"));
        if (synced) {
            indexer.list().forEach(o -> handler.onAdd(o, true));
        }
    }

    /** Lists and starts watching, as a kernel event of the informer's component at the current instant. */
    public void start() {
        kernel.scheduleNow(component, () -> listAndWatch(true));
        if (!resyncPeriod.isZero()) {
            scheduleResync();
        }
    }

    /** Stops watching; the cache stays as it was. */
    public void stop() {
        stopped = true;
        watchGeneration++;
        if (watch != null) {
            watch.stop();
        }
        if (resyncTimer != null) {
            resyncTimer.cancel();
        }
    }

    private void listAndWatch(boolean initial) {
        if (stopped) {
            return;
        }
        int generation = ++watchGeneration;
        ObjectList<T> list = api.list(type, namespace, selectors);
        reconcileWith(list.items(), initial);
        synced = true;
        lastResourceVersion = list.resourceVersion();
        startWatch(generation);
    }

    private void startWatch(int generation) {
        watch = api.watch(type, namespace, lastResourceVersion, selectors,
                event -> kernel.schedule(watchLatency, component, () -> handle(generation, event)));
    }

    /**
     * A fault: the watch connection breaks. As client-go's reflector, the informer watches again from the
     * last resourceVersion it saw (at the next instant); if that history is compacted meanwhile, the API
     * server answers 410 and the informer lists again.
     */
    public void dropWatch() {
        if (stopped || watch == null) {
            return;
        }
        watch.stop();
        int generation = ++watchGeneration;
        kernel.scheduleNow(component, () -> {
            if (!stopped && generation == watchGeneration) {
                startWatch(generation);
            }
        });
    }

    /** Makes the cache equal to {@code items}, telling handlers what changed. */
    private void reconcileWith(List<T> items, boolean initial) {
        Set<String> seen = new HashSet<>();
        for (T obj : items) {
            seen.add(Indexer.keyOf(obj));
            T old = indexer.put(obj);
            if (old == null) {
                handlers.forEach(h -> h.onAdd(obj, initial));
            } else if (!old.equals(obj)) {
                handlers.forEach(h -> h.onUpdate(old, obj));
            }
        }
        for (String key : List.copyOf(indexer.asMap().keySet())) {
            if (!seen.contains(key)) {
                T gone = indexer.remove(key);
                handlers.forEach(h -> h.onDelete(gone));
            }
        }
    }

    private void handle(int generation, ApiWatchEvent<T> event) {
        if (stopped || generation != watchGeneration) {
            return;
        }
        if (event.object() != null) {
            lastResourceVersion = event.object().metadata().resourceVersion();
        }
        switch (event.type()) {
            case ADDED, MODIFIED -> {
                T obj = event.object();
                T old = indexer.put(obj);
                if (old == null) {
                    handlers.forEach(h -> h.onAdd(obj, false));
                } else {
                    handlers.forEach(h -> h.onUpdate(old, obj));
                }
            }
            case DELETED -> {
                T old = indexer.remove(Indexer.keyOf(event.object()));
                T last = old != null ? old : event.object();
                handlers.forEach(h -> h.onDelete(last));
            }
            case ERROR -> {
                relists++;
                kernel.trace().record(component, "Relist", type.toString(),
                        "watch ended: " + event.error().message() + "; listing again");
                listAndWatch(false);
            }
            default -> {
            }
        }
    }

    private void scheduleResync() {
        resyncTimer = kernel.schedule(resyncPeriod, component, () -> {
            if (stopped) {
                return;
            }
            for (T obj : indexer.list()) {
                handlers.forEach(h -> h.onUpdate(obj, obj));
            }
            scheduleResync();
        });
    }

    /** Builds an informer: all namespaces, no resync, no watch latency unless set. */
    public static final class Builder<T extends KubeObject> {
        private final Kernel kernel;
        private final ApiServer api;
        private final ResourceType<T> type;
        private String namespace;
        private String component;
        private Duration resyncPeriod = Duration.ZERO;
        private Duration watchLatency = Duration.ZERO;
        private ListOptions selectors = ListOptions.everything();

        private Builder(Kernel kernel, ApiServer api, ResourceType<T> type) {
            this.kernel = Objects.requireNonNull(kernel);
            this.api = Objects.requireNonNull(api);
            this.type = Objects.requireNonNull(type);
            this.component = "informer/" + type.resource();
        }

        public Builder<T> namespace(String ns) {
            namespace = ns;
            return this;
        }

        /** The component name events run under and the trace shows, e.g. "kube-controller-manager". */
        public Builder<T> component(String name) {
            component = name;
            return this;
        }

        public Builder<T> resyncPeriod(Duration period) {
            resyncPeriod = period;
            return this;
        }

        public Builder<T> watchLatency(Duration latency) {
            watchLatency = latency;
            return this;
        }

        /**
         * Label and field selectors of the list and watch, e.g. {@code ListOptions.fields("spec.nodeName=node-1")}
         * for a kubelet: the cache then holds only what matches, and an object that stops matching is
         * seen as deleted, as with upstream's filtered watches.
         */
        public Builder<T> selectors(ListOptions options) {
            selectors = Objects.requireNonNull(options, "options");
            return this;
        }

        public Informer<T> build() {
            return new Informer<>(this);
        }
    }
}
