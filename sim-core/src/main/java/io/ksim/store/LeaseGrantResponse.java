package io.ksim.store;

/** A granted lease: its ID and the TTL actually granted (raised to the minimum TTL if asked for less). */
public record LeaseGrantResponse(long id, long ttlSeconds) {
}
