package io.ksim.network.dns;

/**
 * A resource record as {@code dig} prints it: {@code web.default.svc.cluster.local. 5 IN A 10.96.0.20}. Names
 * are fully qualified with the trailing dot.
 */
public record DnsRecord(String name, int ttl, String type, String data) {

    @Override
    public String toString() {
        return name + " " + ttl + " IN " + type + " " + data;
    }
}
