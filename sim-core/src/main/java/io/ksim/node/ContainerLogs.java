package io.ksim.node;

import io.ksim.api.core.ContainerState;
import io.ksim.api.core.ContainerStatus;
import io.ksim.api.core.Pod;
import io.ksim.api.meta.Status;
import io.ksim.apiserver.ApiException;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;

/**
 * The log files of one node's containers, as the container runtime keeps them under /var/log/pods: one log per
 * container instance (by container ID; each start is a new one), so {@code kubectl logs} reads the current
 * instance and {@code kubectl logs --previous} the last terminated one. A line carries the virtual time it was
 * written at (what {@code --timestamps} prints). What a container writes comes from its image
 * ({@link ImageLogs}: what it prints at start) and from the requests it serves (access-log lines, appended by
 * whoever simulates the request). Probes write nothing.
 */
public final class ContainerLogs {

    /** One line of a container's output and when it was written. */
    public record Line(Instant time, String text) {
    }

    private final Map<String, List<Line>> byContainerID = new HashMap<>();
    /** The container ID of the latest instance of each {@code namespace/pod/container}. */
    private final Map<String, String> latest = new HashMap<>();
    /** Every container ID of each {@code namespace/pod/}, to remove the files with the pod. */
    private final Map<String, List<String>> podContainers = new HashMap<>();

    private static String key(String namespace, String pod, String container) {
        return namespace + "/" + pod + "/" + container;
    }

    /** Container {@code container} of {@code pod} started as {@code containerID}: a new log with its start-up lines. */
    void started(Pod pod, String container, String containerID, Instant at, List<String> startupLines) {
        List<Line> lines = new ArrayList<>();
        startupLines.forEach(l -> lines.add(new Line(at, l)));
        byContainerID.put(containerID, lines);
        latest.put(key(pod.metadata().namespace(), pod.metadata().name(), container), containerID);
        podContainers.computeIfAbsent(pod.metadata().namespace() + "/" + pod.metadata().name() + "/",
                k -> new ArrayList<>()).add(containerID);
    }

    /** Appends a line to the latest instance of the container; nothing if it never started here. */
    public void append(String namespace, String pod, String container, Instant at, String text) {
        String id = latest.get(key(namespace, pod, container));
        if (id != null) {
            byContainerID.get(id).add(new Line(at, text));
        }
    }

    /** The log of the container instance {@code containerID} ({@code containerd://...}); empty if unknown here. */
    public List<Line> lines(String containerID) {
        return List.copyOf(byContainerID.getOrDefault(containerID, List.of()));
    }

    /**
     * What the kubelet serves for {@code GET pods/<name>/log?container=<c>[&previous=true]}: the log of the
     * container instance its status points at (running, else terminated, else the last termination; with
     * {@code previous} the last termination), or the kubelet's BadRequest when there is none.
     */
    public List<Line> read(Pod pod, String container, boolean previous) {
        ContainerStatus s = Stream.of(pod.status().initContainerStatuses(), pod.status().containerStatuses())
                .flatMap(List::stream).filter(cs -> cs.name().equals(container)).findFirst().orElse(null);
        String podName = pod.metadata().name();
        if (s == null) {
            throw badRequest("container \"" + container + "\" in pod \"" + podName
                    + "\" is waiting to start: ContainerCreating");
        }
        ContainerState state = s.state() == null ? ContainerState.NONE : s.state();
        ContainerState last = s.lastState() == null ? ContainerState.NONE : s.lastState();
        String id;
        if (previous) {
            if (last.terminated() == null) {
                throw badRequest("previous terminated container \"" + container + "\" in pod \"" + podName
                        + "\" not found");
            }
            id = last.terminated().containerID();
        } else if (state.running() != null) {
            id = s.containerID();
        } else if (state.terminated() != null) {
            id = state.terminated().containerID() != null ? state.terminated().containerID() : s.containerID();
        } else if (last.terminated() != null) {
            id = last.terminated().containerID();
        } else if (state.waiting() != null) {
            throw badRequest("container \"" + container + "\" in pod \"" + podName + "\" is waiting to start: "
                    + state.waiting().reason());
        } else {
            throw badRequest("container \"" + container + "\" in pod \"" + podName
                    + "\" is waiting to start - no logs yet");
        }
        if (id == null || id.isEmpty()) {
            throw badRequest("container \"" + container + "\" in pod \"" + podName + "\" is terminated");
        }
        return lines(id);
    }

    private static ApiException badRequest(String message) {
        return new ApiException(Status.failure(400, "BadRequest", message, null));
    }

    /** The pod is gone from the node: its log files are removed. */
    void forget(String namespace, String pod) {
        String prefix = namespace + "/" + pod + "/";
        List<String> ids = podContainers.remove(prefix);
        if (ids != null) {
            ids.forEach(byContainerID::remove);
        }
        latest.keySet().removeIf(k -> k.startsWith(prefix));
    }
}
