package io.ksim.api.validation;

/**
 * Recognizes IP address literals as Go's sloppy parser does (k8s.io/utils/net ParseIPSloppy): dotted IPv4 with
 * leading zeros allowed, and IPv6 with at most one {@code ::} and an optional dotted IPv4 tail. Never resolves
 * names, unlike {@link java.net.InetAddress}.
 */
final class IpText {

    private IpText() {
    }

    /** The address's family (4 or 6), or null when {@code s} is no IP literal. */
    static Integer parse(String s) {
        if (s == null || s.isEmpty()) {
            return null;
        }
        if (s.indexOf(':') < 0) {
            return isIpv4(s) ? 4 : null;
        }
        return isIpv6(s) ? 6 : null;
    }

    private static boolean isIpv4(String s) {
        String[] parts = s.split("\\.", -1);
        if (parts.length != 4) {
            return false;
        }
        for (String p : parts) {
            if (p.isEmpty() || p.length() > 3 || !p.chars().allMatch(Character::isDigit) || Integer.parseInt(p) > 255) {
                return false;
            }
        }
        return true;
    }

    private static boolean isIpv6(String s) {
        int doubleColon = s.indexOf("::");
        if (doubleColon >= 0 && s.indexOf("::", doubleColon + 1) >= 0) {
            return false;
        }
        String[] groups = s.split(":", -1);
        int words = 0;
        for (int i = 0; i < groups.length; i++) {
            String g = groups[i];
            if (g.isEmpty()) {
                // Only the empty strings around a "::" are allowed.
                continue;
            }
            if (i == groups.length - 1 && g.indexOf('.') >= 0) {
                if (!isIpv4(g)) {
                    return false;
                }
                words += 2;
                continue;
            }
            if (g.length() > 4 || !g.chars().allMatch(c -> Character.digit(c, 16) >= 0)) {
                return false;
            }
            words++;
        }
        if (doubleColon < 0) {
            return words == 8 && !s.startsWith(":") && !s.endsWith(":");
        }
        boolean badStart = s.startsWith(":") && !s.startsWith("::");
        boolean badEnd = s.endsWith(":") && !s.endsWith("::");
        return words < 8 && !badStart && !badEnd;
    }
}
