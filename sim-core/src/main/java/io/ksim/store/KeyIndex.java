package io.ksim.store;

import java.util.ArrayList;
import java.util.List;

/**
 * The history of one key: every version still kept, oldest first, deletions as tombstones.
 *
 * <p>A worked example (it is also {@code KeyIndexTest}): key "foo" is put at revisions 2 and 3, deleted
 * at 5 and put again at 6, 8:
 * <pre>
 *   history: put@2(v1) put@3(v2) del@5 put@6(v1) put@8(v2)
 *   get(1) = none     get(4) = put@3   get(5) = none (deleted)   get(7) = put@6
 * </pre>
 * Compacting at revision 7 keeps, for reads at 7 and later, the newest version at or before 7 and
 * everything after it: {@code put@6 put@8}. Compacting at 5 keeps nothing older than the tombstone, and
 * the tombstone itself is dropped too (a read at 5 or later sees no key either way): {@code put@6 put@8}.
 * A key whose whole history is one tombstone at or before the compaction revision disappears.
 */
final class KeyIndex {

    private final String key;
    /** The key's UTF-8 length, computed once: every version's size accounting needs it. */
    private final int keyBytes;
    private final ArrayList<KeyValue> history = new ArrayList<>(2);

    KeyIndex(String key) {
        this.key = key;
        this.keyBytes = Keys.byteLength(key);
    }

    /** Key plus value bytes of one version of this key, as etcd's backend stores it. */
    long storedBytes(KeyValue kv) {
        return kv.isTombstone() ? 0 : keyBytes + kv.value().size();
    }

    String key() {
        return key;
    }

    /** The current version, or null if the key is deleted. */
    KeyValue current() {
        KeyValue last = history.get(history.size() - 1);
        return last.isTombstone() ? null : last;
    }

    /** The version visible at {@code revision}, or null if the key did not exist then. */
    KeyValue at(long revision) {
        int i = lastAtOrBefore(revision);
        if (i < 0) {
            return null;
        }
        KeyValue kv = history.get(i);
        return kv.isTombstone() ? null : kv;
    }

    /**
     * Appends a change. Two changes in one revision are possible (a txn may put a key and delete "every key
     * from" it, which etcd accepts): the later one, as etcd's higher sub-revision, wins for reads.
     */
    void append(KeyValue kv) {
        if (!history.isEmpty() && history.get(history.size() - 1).modRevision() > kv.modRevision()) {
            throw new IllegalStateException("history of " + key + " must not go back in revision: "
                    + history.get(history.size() - 1).modRevision() + " then " + kv.modRevision());
        }
        history.add(kv);
    }

    /**
     * Drops what no read at {@code revision} or later can see. Returns the bytes released; the caller
     * removes the index when {@link #isEmpty()} afterwards.
     */
    long compact(long revision) {
        int keep = lastAtOrBefore(revision);
        if (keep < 0) {
            return 0;
        }
        if (history.get(keep).isTombstone()) {
            keep++;
        }
        long released = 0;
        List<KeyValue> dropped = history.subList(0, keep);
        for (KeyValue kv : dropped) {
            released += storedBytes(kv);
        }
        dropped.clear();
        return released;
    }

    boolean isEmpty() {
        return history.isEmpty();
    }

    int versionsKept() {
        return history.size();
    }

    /** Index of the newest entry with modRevision <= revision, or -1. History is short; most reads hit the tail. */
    private int lastAtOrBefore(long revision) {
        int lo = 0;
        int hi = history.size() - 1;
        if (hi >= 0 && history.get(hi).modRevision() <= revision) {
            return hi;
        }
        int found = -1;
        while (lo <= hi) {
            int mid = (lo + hi) >>> 1;
            if (history.get(mid).modRevision() <= revision) {
                found = mid;
                lo = mid + 1;
            } else {
                hi = mid - 1;
            }
        }
        return found;
    }
}
