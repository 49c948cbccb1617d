package io.ksim.api.core;

import io.ksim.api.resource.IntOrString;
import java.util.List;

/**
 * A health check of a container (core/v1 Probe, with its ProbeHandler fields inline): one of exec, httpGet,
 * tcpSocket or grpc, and its timing. Absent numbers are upstream's zero, which defaulting replaces
 * (timeout 1 s, period 10 s, success threshold 1, failure threshold 3).
 */
public record Probe(ExecAction exec, HTTPGetAction httpGet, TCPSocketAction tcpSocket, GRPCAction grpc,
        Integer initialDelaySeconds, Integer timeoutSeconds, Integer periodSeconds, Integer successThreshold,
        Integer failureThreshold, Long terminationGracePeriodSeconds) {

    /** An HTTP GET probe of {@code path} on {@code port} with upstream's zero timing. */
    public static Probe httpGet(String path, IntOrString port) {
        return new Probe(null, new HTTPGetAction(path, port, null, null, null), null, null, null, null, null, null,
                null, null);
    }

    /** A TCP connect probe of {@code port} with upstream's zero timing. */
    public static Probe tcpSocket(IntOrString port) {
        return new Probe(null, null, new TCPSocketAction(port, null), null, null, null, null, null, null, null);
    }

    /** A command probe with upstream's zero timing. */
    public static Probe exec(String... command) {
        return new Probe(new ExecAction(List.of(command)), null, null, null, null, null, null, null, null, null);
    }

    /** The same probe with other timing: initial delay, timeout, period, success and failure thresholds. */
    public Probe withTiming(Integer initialDelay, Integer timeout, Integer period, Integer success, Integer failure) {
        return new Probe(exec, httpGet, tcpSocket, grpc, initialDelay, timeout, period, success, failure,
                terminationGracePeriodSeconds);
    }
}
