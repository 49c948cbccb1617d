package io.ksim.controller.serviceaccount;

import io.ksim.kernel.Kernel;
import java.util.Base64;
import java.util.SplittableRandom;

/**
 * The cluster's root CA bundle as ksim shows it: PEM framing around bytes drawn from the simulation seed, so the
 * same seed gives the same {@code ca.crt}. It has the shape of a certificate (BEGIN/END lines, base64 in 64-column
 * lines, about the size of kubeadm's 2048-bit RSA CA) but is not one: ksim does no TLS, and nothing parses it.
 */
public final class FakeRootCA {

    /** Bytes of the body: a kubeadm CA certificate is about this long in DER. */
    static final int BODY_BYTES = 768;

    private FakeRootCA() {
    }

    /**
     * The bundle of the cluster simulated by {@code kernel}: a function of the seed alone. It draws from a stream of
     * its own rather than a component's, so a restarted controller manager publishes the same CA again.
     */
    public static String pem(Kernel kernel) {
        return pem(new SplittableRandom(kernel.seed() * 31 + "kubeadm/ca".hashCode()));
    }

    static String pem(SplittableRandom random) {
        byte[] body = new byte[BODY_BYTES];
        random.nextBytes(body);
        String b64 = Base64.getEncoder().encodeToString(body);
        StringBuilder out = new StringBuilder("-----BEGIN CERTIFICATE-----\n");
        for (int i = 0; i < b64.length(); i += 64) {
            out.append(b64, i, Math.min(b64.length(), i + 64)).append('\n');
        }
        return out.append("-----END CERTIFICATE-----\n").toString();
    }
}
