package io.ksim.store;

import java.util.List;

/**
 * A lease's remaining life, as etcd's LeaseTimeToLiveResponse.
 *
 * @param ttlSeconds        whole seconds left (truncated); -1 if the lease does not exist (expired,
 *                          revoked or never granted) — not an error, as etcd answers
 * @param grantedTtlSeconds the TTL it was granted with
 * @param keys              attached keys in key order, when asked for
 */
public record LeaseTimeToLiveResponse(long id, long ttlSeconds, long grantedTtlSeconds, List<String> keys) {

    public LeaseTimeToLiveResponse {
        keys = List.copyOf(keys);
    }
}
