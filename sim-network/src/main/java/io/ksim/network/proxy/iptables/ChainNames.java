package io.ksim.network.proxy.iptables;

import com.google.common.hash.Hashing;
import com.google.common.io.BaseEncoding;
import io.ksim.network.proxy.EndpointInfo;
import io.ksim.network.proxy.ServicePortName;
import java.nio.charset.StandardCharsets;
import java.util.List;

/**
 * kube-proxy's iptables chain names (pkg/proxy/iptables/proxier.go portProtoHash and
 * servicePortEndpointChainName): the first 16 characters of the standard base32 encoding of
 * SHA-256({@code servicePortName + protocol}), or of SHA-256({@code servicePortName + protocol + IP:port}) for an
 * endpoint, after a prefix; the protocol is lower case ("tcp"), as the proxier passes it. All names stay within
 * iptables' 28-character limit.
 *
 * <p>Example: {@code ns1/svc1:p80} TCP gives {@code KUBE-SVC-XPGD46QRK7WJZT7O}; its endpoint 10.180.0.1:80 gives
 * {@code KUBE-SEP-SXIVWICOYRO3J4NJ}.
 */
public final class ChainNames {

    private ChainNames() {
    }

    /** The hash shared by a service port's SVC, SVL, EXT and FW chains. */
    public static String portProtoHash(ServicePortName name) {
        return hash(name.toString() + protocol(name));
    }

    public static String service(ServicePortName name) {
        return "KUBE-SVC-" + portProtoHash(name);
    }

    public static String serviceLocal(ServicePortName name) {
        return "KUBE-SVL-" + portProtoHash(name);
    }

    public static String external(ServicePortName name) {
        return "KUBE-EXT-" + portProtoHash(name);
    }

    public static String firewall(ServicePortName name) {
        return "KUBE-FW-" + portProtoHash(name);
    }

    public static String endpoint(ServicePortName name, EndpointInfo endpoint) {
        return "KUBE-SEP-" + hash(name.toString() + protocol(name) + endpoint.toString());
    }

    /**
     * Whether a chain is one of a service port's (upstream isServiceChainName): KUBE-SVC-, KUBE-SVL-, KUBE-EXT-,
     * KUBE-FW- or KUBE-SEP-. A full sync deletes such chains when no service uses them any more.
     */
    public static boolean isServiceChain(String chain) {
        for (String prefix : List.of("KUBE-SVC-", "KUBE-SVL-", "KUBE-EXT-", "KUBE-FW-", "KUBE-SEP-")) {
            if (chain.startsWith(prefix)) {
                return true;
            }
        }
        return false;
    }

    private static String protocol(ServicePortName name) {
        return name.protocol().toLowerCase(java.util.Locale.ROOT);
    }

    private static String hash(String input) {
        byte[] sum = Hashing.sha256().hashString(input, StandardCharsets.UTF_8).asBytes();
        return BaseEncoding.base32().encode(sum).substring(0, 16);
    }
}
