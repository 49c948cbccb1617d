package io.ksim.network.proxy;

/**
 * One endpoint of a service port as kube-proxy keeps it (pkg/proxy/endpoint.go): the first address of the
 * slice endpoint with the port resolved for this service port, its conditions, and whether it runs on this
 * node. {@link #toString()} is {@code IP:port}, the text kube-proxy sorts endpoints by and hashes into
 * KUBE-SEP chain names. {@code pod} is the endpoint's targetRef name, for packet walks to report.
 */
public record EndpointInfo(String ip, int port, boolean ready, boolean serving, boolean terminating,
        String nodeName, String zone, boolean local, String pod) {

    public EndpointInfo(String ip, int port, boolean ready, boolean serving, boolean terminating, String nodeName,
            String zone, boolean local) {
        this(ip, port, ready, serving, terminating, nodeName, zone, local, null);
    }

    @Override
    public String toString() {
        return ip + ":" + port;
    }
}
