package io.ksim.network.walk;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

/**
 * The lines applications write to stdout for the requests they serve, per pod ({@code namespace/name}): what
 * {@code kubectl logs} shows for them.
 */
public final class AccessLog {

    private final Map<String, List<String>> lines = new TreeMap<>();

    public void append(String namespace, String pod, String line) {
        lines.computeIfAbsent(namespace + "/" + pod, k -> new ArrayList<>()).add(line);
    }

    /** The pod's lines, oldest first. */
    public List<String> lines(String namespace, String pod) {
        return List.copyOf(lines.getOrDefault(namespace + "/" + pod, List.of()));
    }
}
