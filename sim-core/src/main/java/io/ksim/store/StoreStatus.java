package io.ksim.store;

/**
 * What the store holds, for reports and benchmarks.
 *
 * @param revision         current revision
 * @param compactRevision  revision of the last compaction (0 if none)
 * @param liveKeys         keys that exist now
 * @param liveBytes        key + value bytes of the current versions
 * @param retainedBytes    key + value bytes of every version kept for history (what compaction frees)
 * @param historyEvents    events kept for watch replay
 * @param watchers         active watchers
 * @param leases           granted leases
 */
public record StoreStatus(long revision, long compactRevision, long liveKeys, long liveBytes, long retainedBytes,
        long historyEvents, long watchers, long leases) {
}
