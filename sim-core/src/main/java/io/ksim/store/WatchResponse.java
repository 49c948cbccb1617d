package io.ksim.store;

import java.util.List;

/**
 * One message on a watch, as etcd's WatchResponse: the creation notice, a batch of events, or the
 * cancellation.
 *
 * @param headerRevision  the store revision the message was sent at (for live events: their revision)
 * @param created         the first message of every watch
 * @param canceled        the last message: the client cancelled, or the start revision was compacted
 * @param compactRevision set when cancelled because history from the start revision is gone; the client
 *                        must re-list and watch again from a newer revision
 */
public record WatchResponse(long watchId, long headerRevision, List<WatchEvent> events, boolean created,
        boolean canceled, long compactRevision) {

    public WatchResponse {
        events = List.copyOf(events);
    }

    static WatchResponse created(long watchId, long rev) {
        return new WatchResponse(watchId, rev, List.of(), true, false, 0);
    }

    static WatchResponse events(long watchId, long rev, List<WatchEvent> events) {
        return new WatchResponse(watchId, rev, events, false, false, 0);
    }

    static WatchResponse canceled(long watchId, long rev, long compactRevision) {
        return new WatchResponse(watchId, rev, List.of(), false, true, compactRevision);
    }
}
