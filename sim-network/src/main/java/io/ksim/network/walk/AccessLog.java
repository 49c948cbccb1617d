package io.ksim.network.walk;

import io.ksim.api.core.Pod;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

/**
 * The lines applications write to stdout for the requests they serve, per pod ({@code namespace/name}): what
 * {@code kubectl logs} shows for them. A {@link Sink} set with {@link #to(Sink)} gets every line too, with the
 * pod and container that wrote it (a cluster hands them to the container logs of the pod's node).
 */
public final class AccessLog {

    /** Where each line goes as it is written. */
    @FunctionalInterface
    public interface Sink {
        void line(Pod server, String container, String line);
    }

    private final Map<String, List<String>> lines = new TreeMap<>();
    private Sink sink = (pod, container, line) -> { };

    /** Hands every later line to {@code sink} too. */
    public AccessLog to(Sink sink) {
        this.sink = sink;
        return this;
    }

    public void append(String namespace, String pod, String line) {
        lines.computeIfAbsent(namespace + "/" + pod, k -> new ArrayList<>()).add(line);
    }

    /** A line written by {@code container} of {@code server}. */
    public void append(Pod server, String container, String line) {
        append(server.metadata().namespace(), server.metadata().name(), line);
        sink.line(server, container, line);
    }

    /** The pod's lines, oldest first. */
    public List<String> lines(String namespace, String pod) {
        return List.copyOf(lines.getOrDefault(namespace + "/" + pod, List.of()));
    }
}
