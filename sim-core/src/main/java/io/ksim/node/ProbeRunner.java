package io.ksim.node;

import io.ksim.api.core.Container;
import io.ksim.api.core.ContainerPort;
import io.ksim.api.core.HTTPGetAction;
import io.ksim.api.core.Probe;
import io.ksim.api.resource.IntOrString;
import io.ksim.kernel.GoDuration;
import java.time.Duration;
import java.util.Locale;

/**
 * Runs one probe against a simulated application and says what the kubelet's prober would see: success or
 * failure, the output its Unhealthy event quotes, and how long the probe took. Whether the application
 * answers well comes from the image model ({@link ImageModel#isReady}, {@link ImageModel.Health}); the
 * texts come from the handler, as upstream's probers write them (pkg/probe/http/http.go, tcp/tcp.go,
 * exec/exec.go, grpc/grpc.go, and the CRI client's exec timeout):
 * <pre>
 * httpGet   failure  HTTP probe failed with statuscode: 500    (503 while not yet ready)
 *           timeout  Get "http://10.244.1.2:8080/healthz": context deadline exceeded (Client.Timeout exceeded while awaiting headers)
 * tcpSocket failure  dial tcp 10.244.1.2:8080: connect: connection refused
 *           timeout  dial tcp 10.244.1.2:8080: i/o timeout
 * exec      failure  (the command's output: empty)
 *           timeout  command "cat /tmp/healthy" timed out
 * grpc      failure  service unhealthy (responded with "NOT_SERVING")
 *           timeout  timeout: health rpc did not complete within 1s
 * </pre>
 * A response strictly slower than timeoutSeconds times out; a timed-out probe takes exactly the timeout.
 */
final class ProbeRunner {

    /** One probe's outcome. */
    record Result(boolean success, String output, Duration took) {
    }

    private ProbeRunner() {
    }

    /**
     * Probes {@code container} of kind {@code type} {@code sinceStart} after its start; {@code podIP} is the
     * address probes go to when the handler names no host.
     */
    static Result run(ProbeType type, Probe probe, Container container, ImageModel model, String podIP,
            Duration sinceStart) {
        Duration timeout = Duration.ofSeconds(positiveOr(probe.timeoutSeconds(), 1));
        Duration response = model.health().response();
        if (response.compareTo(timeout) > 0) {
            return new Result(false, timeoutOutput(probe, container, podIP, timeout), timeout);
        }
        boolean ok = type == ProbeType.READINESS ? model.isReady(sinceStart)
                : model.health().isHealthy(sinceStart);
        boolean notYetReady = type == ProbeType.READINESS && !ok && model.health().isHealthy(sinceStart);
        return new Result(ok, ok ? "" : failureOutput(probe, container, podIP, notYetReady), response);
    }

    private static String failureOutput(Probe probe, Container container, String podIP, boolean notYetReady) {
        if (probe.httpGet() != null) {
            return "HTTP probe failed with statuscode: " + (notYetReady ? 503 : 500);
        }
        if (probe.tcpSocket() != null) {
            return "dial tcp " + hostPort(probe.tcpSocket().host(), podIP, port(probe.tcpSocket().port(), container))
                    + ": connect: connection refused";
        }
        if (probe.grpc() != null) {
            return "service unhealthy (responded with \"NOT_SERVING\")";
        }
        return ""; // exec: the command printed nothing and exited 1
    }

    private static String timeoutOutput(Probe probe, Container container, String podIP, Duration timeout) {
        if (probe.httpGet() != null) {
            return "Get \"" + url(probe.httpGet(), container, podIP)
                    + "\": context deadline exceeded (Client.Timeout exceeded while awaiting headers)";
        }
        if (probe.tcpSocket() != null) {
            return "dial tcp " + hostPort(probe.tcpSocket().host(), podIP, port(probe.tcpSocket().port(), container))
                    + ": i/o timeout";
        }
        if (probe.grpc() != null) {
            return "timeout: health rpc did not complete within " + GoDuration.format(timeout);
        }
        return "command \"" + String.join(" ", probe.exec().command()) + "\" timed out";
    }

    /** The URL the HTTP prober requests: lower-case scheme, host (the pod IP by default), port and path. */
    static String url(HTTPGetAction get, Container container, String podIP) {
        String scheme = get.scheme() == null ? "http" : get.scheme().toLowerCase(Locale.ROOT);
        String path = get.path() == null || get.path().isEmpty() ? "/" : get.path();
        if (!path.startsWith("/")) {
            path = "/" + path;
        }
        return scheme + "://" + hostPort(get.host(), podIP, port(get.port(), container)) + path;
    }

    private static String hostPort(String host, String podIP, int port) {
        String h = host == null || host.isEmpty() ? podIP : host;
        return (h != null && h.contains(":") ? "[" + h + "]" : h) + ":" + port;
    }

    /** A port number, or a container port's name resolved as upstream's findPortByName does. */
    static int port(IntOrString port, Container container) {
        if (port == null) {
            return 0;
        }
        if (port.isInt()) {
            return port.intVal();
        }
        for (ContainerPort p : container.ports()) {
            if (port.strVal().equals(p.name())) {
                return p.containerPort();
            }
        }
        try {
            return Integer.parseInt(port.strVal());
        } catch (NumberFormatException e) {
            return 0;
        }
    }

    static int positiveOr(Integer value, int dflt) {
        return value == null || value <= 0 ? dflt : value;
    }
}
