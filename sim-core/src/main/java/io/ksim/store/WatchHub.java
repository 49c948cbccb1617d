package io.ksim.store;

import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.function.LongSupplier;

/**
 * The watchable part of the store: the event history kept for replay, the registered watchers, and
 * delivery of their messages.
 *
 * <p>Finding the watchers of an event costs O(key length + interested watchers), never O(all watchers) or
 * O(history): single-key watches are found by hash, prefix watches by looking up each prefix length that
 * some watch uses, and only watches on arbitrary intervals are scanned.
 *
 * <p>Delivery order: messages go out through one FIFO queue, drained on the simulation thread after each
 * write. Each watcher therefore sees its messages in revision order, exactly once, even when a listener
 * writes to the store while handling a message. For one revision, watchers are served in order of their
 * IDs (creation order).
 */
final class WatchHub {

    /** etcd's watchBatchMaxRevs: a replay sends at most this many revisions per message. */
    static final int REPLAY_BATCH_REVISIONS = 1000;

    private record Pending(Watcher watcher, WatchResponse response) {
    }

    /** Every event since the compaction revision, in (revision, op) order. */
    private final ArrayList<WatchEvent> log = new ArrayList<>();

    private final Map<String, List<Watcher>> byKey = new HashMap<>();
    private final Map<String, List<Watcher>> byPrefix = new HashMap<>();
    /** prefix length -> number of prefix watchers with that length; sorted so lookups run shortest first. */
    private final TreeMap<Integer, Integer> prefixLengths = new TreeMap<>();
    private final List<Watcher> byInterval = new ArrayList<>();

    private final ArrayDeque<Pending> outbox = new ArrayDeque<>();
    /** The store's current revision, stamped on messages that are not about one write. */
    private final LongSupplier currentRevision;
    private boolean draining;
    private long nextWatchId;
    private int watching;

    WatchHub(LongSupplier currentRevision) {
        this.currentRevision = currentRevision;
    }

    // ---- watchers -------------------------------------------------------------------------------

    Watcher watch(WatchRequest request, WatchListener listener, long currentRevision, long compactRevision) {
        long start = request.startRevision();
        Watcher w = new Watcher(nextWatchId++, request, listener, this,
                start == 0 ? currentRevision + 1 : Math.max(start, 1));
        outbox.add(new Pending(w, WatchResponse.created(w.id(), currentRevision)));
        if (start != 0 && start < compactRevision) {
            // etcd creates the watch, then cancels it in its first sync: history from `start` is gone.
            w.deactivate();
            outbox.add(new Pending(w, WatchResponse.canceled(w.id(), 0, compactRevision)));
        } else {
            if (w.minRevision <= currentRevision) {
                replay(w, currentRevision, compactRevision);
            }
            register(w);
        }
        drain();
        return w;
    }

    /** A client's cancel: etcd answers with a cancelled message stamped with the current revision. */
    void cancel(Watcher w) {
        unregister(w);
        w.deactivate();
        outbox.add(new Pending(w, WatchResponse.canceled(w.id(), currentRevision.getAsLong(), 0)));
        drain();
    }

    int watcherCount() {
        return watching;
    }

    /**
     * Sends {@code w} the logged events from its start revision on. etcd looks up each event's prev_kv by
     * reading the key at the event's revision - 1; for an event at the compaction revision that read is
     * refused as compacted, so such an event goes out without prev_kv.
     */
    private void replay(Watcher w, long currentRevision, long compactRevision) {
        WatchRequest req = w.request();
        List<WatchEvent> batch = new ArrayList<>();
        int batchRevisions = 0;
        long lastRev = -1;
        for (int i = firstIndexAtOrAfter(w.minRevision); i < log.size(); i++) {
            WatchEvent e = log.get(i);
            if (!Keys.inRange(e.key(), req.key(), req.rangeEnd()) || !req.wants(e)) {
                continue;
            }
            if (e.revision() != lastRev) {
                if (batchRevisions == REPLAY_BATCH_REVISIONS) {
                    outbox.add(new Pending(w, WatchResponse.events(w.id(), currentRevision, batch)));
                    batch = new ArrayList<>();
                    batchRevisions = 0;
                }
                batchRevisions++;
                lastRev = e.revision();
            }
            batch.add(req.prevKv() && e.revision() > compactRevision ? e : e.withoutPrevKv());
        }
        if (!batch.isEmpty()) {
            outbox.add(new Pending(w, WatchResponse.events(w.id(), currentRevision, batch)));
        }
        w.minRevision = currentRevision + 1;
    }

    private void register(Watcher w) {
        WatchRequest req = w.request();
        if (req.rangeEnd().isEmpty()) {
            byKey.computeIfAbsent(req.key(), k -> new ArrayList<>(1)).add(w);
        } else if (req.rangeEnd().equals(Keys.prefixEnd(req.key())) && !req.rangeEnd().equals(Keys.ALL)) {
            byPrefix.computeIfAbsent(req.key(), k -> new ArrayList<>(1)).add(w);
            prefixLengths.merge(req.key().length(), 1, Integer::sum);
        } else {
            byInterval.add(w);
        }
        watching++;
    }

    private void unregister(Watcher w) {
        WatchRequest req = w.request();
        boolean removed;
        if (req.rangeEnd().isEmpty()) {
            removed = removeFrom(byKey, req.key(), w);
        } else if (req.rangeEnd().equals(Keys.prefixEnd(req.key())) && !req.rangeEnd().equals(Keys.ALL)) {
            removed = removeFrom(byPrefix, req.key(), w);
            if (removed) {
                prefixLengths.computeIfPresent(req.key().length(), (len, n) -> n == 1 ? null : n - 1);
            }
        } else {
            removed = byInterval.remove(w);
        }
        if (removed) {
            watching--;
        }
    }

    private static boolean removeFrom(Map<String, List<Watcher>> map, String key, Watcher w) {
        List<Watcher> list = map.get(key);
        if (list == null || !list.remove(w)) {
            return false;
        }
        if (list.isEmpty()) {
            map.remove(key);
        }
        return true;
    }

    // ---- events ---------------------------------------------------------------------------------

    /** Records the events of one committed revision and sends them to the interested watchers. */
    void committed(long revision, List<WatchEvent> events) {
        // One add per event: addAll would copy the list into a fresh array on every write.
        for (int i = 0; i < events.size(); i++) {
            log.add(events.get(i));
        }
        if (watching == 0) {
            return;
        }
        if (events.size() == 1) {
            WatchEvent e = events.get(0);
            for (Watcher w : interested(e)) {
                outbox.add(new Pending(w, WatchResponse.events(w.id(), revision, List.of(forWatcher(w, e)))));
            }
        } else {
            // Several events in one revision (a txn, a range delete, a lease revoke): one message per
            // watcher holding its events in op order.
            Map<Watcher, List<WatchEvent>> perWatcher = new TreeMap<>((a, b) -> Long.compare(a.id(), b.id()));
            for (WatchEvent e : events) {
                for (Watcher w : interested(e)) {
                    perWatcher.computeIfAbsent(w, k -> new ArrayList<>()).add(forWatcher(w, e));
                }
            }
            perWatcher.forEach((w, evs) -> outbox.add(new Pending(w, WatchResponse.events(w.id(), revision, evs))));
        }
        drain();
    }

    /**
     * Drops history below {@code revision}: watches can no longer start before it. At the compaction
     * revision itself only the changes that survive as a key's newest version are kept, as etcd's compaction
     * keeps only those in its backend, from which it replays: deletions at that revision are gone, and so
     * is a put that a later operation of the same txn deleted.
     */
    void compact(long revision) {
        log.subList(0, firstIndexAtOrAfter(revision)).clear();
        List<WatchEvent> atRevision = log.subList(0, firstIndexAtOrAfter(revision + 1));
        ArrayDeque<WatchEvent> kept = new ArrayDeque<>();
        Set<String> changedLater = new HashSet<>();
        for (int i = atRevision.size() - 1; i >= 0; i--) {
            WatchEvent e = atRevision.get(i);
            if (changedLater.add(e.key()) && e.type() == WatchEvent.Type.PUT) {
                kept.addFirst(e);
            }
        }
        atRevision.clear();
        log.addAll(0, kept);
    }

    int historySize() {
        return log.size();
    }

    private static WatchEvent forWatcher(Watcher w, WatchEvent e) {
        return w.request().prevKv() ? e : e.withoutPrevKv();
    }

    /**
     * Active watchers that want {@code e}, ordered by watch ID. Each watcher is registered in exactly one
     * place, so no watcher can be found twice; each place lists its watchers in ID order, so only results
     * gathered from more than one place need sorting.
     */
    private List<Watcher> interested(WatchEvent e) {
        String key = e.key();
        long rev = e.revision();
        List<Watcher> found = new ArrayList<>();
        int places = collect(byKey.get(key), e, rev, found);
        for (int len : prefixLengths.keySet()) {
            if (len > key.length()) {
                break;
            }
            places += collect(byPrefix.get(key.substring(0, len)), e, rev, found);
        }
        for (Watcher w : byInterval) {
            if (Keys.inRange(key, w.request().key(), w.request().rangeEnd()) && wants(w, e, rev)) {
                found.add(w);
                places++;
            }
        }
        if (places > 1) {
            found.sort((a, b) -> Long.compare(a.id(), b.id()));
        }
        return found;
    }

    /** Adds the candidates that want {@code e}; returns 1 if any was added, else 0. */
    private static int collect(List<Watcher> candidates, WatchEvent e, long rev, List<Watcher> found) {
        if (candidates == null) {
            return 0;
        }
        int before = found.size();
        for (Watcher w : candidates) {
            if (wants(w, e, rev)) {
                found.add(w);
            }
        }
        return found.size() > before ? 1 : 0;
    }

    private static boolean wants(Watcher w, WatchEvent e, long rev) {
        return w.isActive() && rev >= w.minRevision && w.request().wants(e);
    }

    private void drain() {
        if (draining) {
            return;
        }
        draining = true;
        try {
            Pending p;
            while ((p = outbox.poll()) != null) {
                WatchResponse r = p.response();
                if (p.watcher().isActive() || r.canceled() || r.created()) {
                    p.watcher().listener().onResponse(r);
                }
            }
        } finally {
            draining = false;
        }
    }

    /** Index of the first logged event with revision >= {@code revision}. */
    private int firstIndexAtOrAfter(long revision) {
        int lo = 0;
        int hi = log.size();
        while (lo < hi) {
            int mid = (lo + hi) >>> 1;
            if (log.get(mid).revision() < revision) {
                lo = mid + 1;
            } else {
                hi = mid;
            }
        }
        return lo;
    }
}
