package io.ksim.node;

import java.util.HashSet;
import java.util.Set;

/**
 * Hands out pod IPs from a node's IPv4 CIDR as the host-local IPAM plugin does: the network address and
 * the gateway (.1) are never given, addresses go out in increasing order from the last one given and wrap
 * around, so a released address is not reused at once (a stale endpoint must not reach a new pod).
 */
final class PodIPAllocator {

    private final long base;
    private final long size;
    private final Set<Long> inUse = new HashSet<>();
    /** Offset of the last address handed out; the next search starts after it. */
    private long last = 1;

    PodIPAllocator(String cidr) {
        long[] parsed = parse(cidr);
        base = parsed[0];
        size = parsed[1];
    }

    /** {network address, number of addresses}; throws on anything but a.b.c.d/n with n in 0..30. */
    static long[] parse(String cidr) {
        String[] parts = cidr.split("/");
        if (parts.length != 2) {
            throw new IllegalArgumentException("invalid CIDR address: " + cidr);
        }
        int bits = Integer.parseInt(parts[1]);
        if (bits < 0 || bits > 30) {
            throw new IllegalArgumentException("invalid CIDR address: " + cidr);
        }
        long ip = toLong(parts[0]);
        long count = 1L << (32 - bits);
        return new long[] {ip & ~(count - 1) & 0xFFFFFFFFL, count};
    }

    /** The next free address, or null when the range is exhausted. */
    String allocate() {
        // Usable offsets: 2 .. size-2 (network, gateway and broadcast excluded).
        long usable = size - 3;
        for (long i = 0; i < usable; i++) {
            long candidate = 2 + ((last - 2 + 1 + i) % usable + usable) % usable;
            if (inUse.add(candidate)) {
                last = candidate;
                return toText(base + candidate);
            }
        }
        return null;
    }

    void release(String ip) {
        if (ip != null) {
            inUse.remove(toLong(ip) - base);
        }
    }

    private static long toLong(String ip) {
        String[] o = ip.split("\\.");
        if (o.length != 4) {
            throw new IllegalArgumentException("invalid IP address: " + ip);
        }
        long v = 0;
        for (String octet : o) {
            int b = Integer.parseInt(octet);
            if (b < 0 || b > 255) {
                throw new IllegalArgumentException("invalid IP address: " + ip);
            }
            v = (v << 8) | b;
        }
        return v;
    }

    private static String toText(long v) {
        return ((v >> 24) & 255) + "." + ((v >> 16) & 255) + "." + ((v >> 8) & 255) + "." + (v & 255);
    }
}
