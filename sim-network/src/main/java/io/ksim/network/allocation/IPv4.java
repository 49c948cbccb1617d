package io.ksim.network.allocation;

/** Dotted-quad IPv4 addresses as unsigned 32-bit values in a long. */
public final class IPv4 {

    private IPv4() {
    }

    /** Parses {@code a.b.c.d}; throws IllegalArgumentException for anything else. */
    public static long parse(String ip) {
        String[] parts = ip.split("\\.", -1);
        if (parts.length != 4) {
            throw new IllegalArgumentException("not an IPv4 address: " + ip);
        }
        long v = 0;
        for (String p : parts) {
            if (p.isEmpty() || p.length() > 3 || !p.chars().allMatch(Character::isDigit)) {
                throw new IllegalArgumentException("not an IPv4 address: " + ip);
            }
            int octet = Integer.parseInt(p);
            if (octet > 255) {
                throw new IllegalArgumentException("not an IPv4 address: " + ip);
            }
            v = (v << 8) | octet;
        }
        return v;
    }

    public static String format(long v) {
        return ((v >> 24) & 0xFF) + "." + ((v >> 16) & 0xFF) + "." + ((v >> 8) & 0xFF) + "." + (v & 0xFF);
    }

    /** Whether {@code ip} is an IPv4 address in {@code cidr} ({@code a.b.c.d/n}). */
    public static boolean inCidr(String ip, String cidr) {
        int slash = cidr.indexOf('/');
        int prefix = Integer.parseInt(cidr.substring(slash + 1));
        long mask = prefix == 0 ? 0 : (0xFFFFFFFFL << (32 - prefix)) & 0xFFFFFFFFL;
        return (parse(ip) & mask) == (parse(cidr.substring(0, slash)) & mask);
    }
}
