package io.ksim.cluster;

import io.ksim.api.core.Node;
import io.ksim.api.core.Pod;
import io.ksim.api.core.Volume;
import io.ksim.api.meta.ObjectMeta;
import io.ksim.api.meta.OwnerReference;
import io.ksim.api.policy.Eviction;
import io.ksim.apiserver.ApiException;
import io.ksim.apiserver.ApiServer;
import io.ksim.apiserver.DeleteOptions;
import io.ksim.apiserver.ListOptions;
import io.ksim.api.meta.Opaque;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import io.ksim.apiserver.registry.BuiltinResources;
import io.ksim.kernel.Kernel;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;

/**
 * {@code kubectl cordon}, {@code uncordon} and {@code drain} as kubectl does them (k8s.io/kubectl/pkg/drain
 * drain.go, filters.go, cordon.go): drain cordons the node, sorts its pods through kubectl's filters (DaemonSet
 * pods are an error unless {@code --ignore-daemonsets}, pods without a controller unless {@code --force},
 * pods with emptyDir volumes unless {@code --delete-emptydir-data}, mirror pods skipped), then evicts every
 * remaining pod at once through the eviction subresource. A 429 (a PodDisruptionBudget would be violated) is
 * retried every 5 s; an evicted pod is waited for until it is gone. Runs in virtual time: {@link #isDone()}
 * turns true when the node is drained, and {@link #output()} holds what kubectl would print.
 */
public final class Drain {

    /** kubectl's pause between eviction attempts answered 429. */
    public static final Duration EVICTION_RETRY = Duration.ofSeconds(5);
    /** kubectl's poll interval while waiting for evicted pods to go. */
    public static final Duration DELETE_POLL = Duration.ofSeconds(1);

    static final String DAEMON_SET_FATAL = "DaemonSet-managed Pods (use --ignore-daemonsets to ignore)";
    static final String DAEMON_SET_WARNING = "ignoring DaemonSet-managed Pods";
    static final String LOCAL_STORAGE_FATAL = "Pods with local storage (use --delete-emptydir-data to override)";
    static final String LOCAL_STORAGE_WARNING = "deleting Pods with local storage";
    static final String UNMANAGED_FATAL = "cannot delete Pods that declare no controller (use --force to override)";
    static final String UNMANAGED_WARNING = "deleting Pods that declare no controller";
    static final String MIRROR_POD_ANNOTATION = "kubernetes.io/config.mirror";
    private static final String COMPONENT = "kubectl";

    /**
     * The drain flags ksim models: {@code --ignore-daemonsets}, {@code --force}, {@code --delete-emptydir-data},
     * {@code --grace-period} (negative: each pod's own), {@code --timeout} (zero: no limit),
     * {@code --pod-selector} (null or empty: every pod) and {@code --disable-eviction} (delete instead of evict,
     * bypassing PodDisruptionBudgets).
     */
    public record Options(boolean ignoreDaemonSets, boolean force, boolean deleteEmptyDirData, int gracePeriodSeconds,
            Duration timeout, String podSelector, boolean disableEviction) {

        public Options(boolean ignoreDaemonSets, boolean force, boolean deleteEmptyDirData) {
            this(ignoreDaemonSets, force, deleteEmptyDirData, -1, Duration.ZERO, null, false);
        }

        public static Options defaults() {
            return new Options(false, false, false);
        }
    }

    /** The drain was refused before any eviction, with kubectl's message. */
    public static final class DrainRefusedException extends RuntimeException {
        DrainRefusedException(String message) {
            super(message);
        }
    }

    private final Kernel kernel;
    private final ApiServer api;
    private final String node;
    private final Options options;
    private final List<String> output = new ArrayList<>();
    private final Set<String> pending = new TreeSet<>();
    private final List<String> errors = new ArrayList<>();
    private boolean done;
    private boolean timedOut;

    private Drain(Kernel kernel, ApiServer api, String node, Options options) {
        this.kernel = kernel;
        this.api = api;
        this.node = node;
        this.options = options;
    }

    /** {@code kubectl cordon node}: marks the node unschedulable. */
    public static void cordon(ApiServer api, String node) {
        setUnschedulable(api, node, true);
    }

    /** {@code kubectl uncordon node}. */
    public static void uncordon(ApiServer api, String node) {
        setUnschedulable(api, node, false);
    }

    private static boolean setUnschedulable(ApiServer api, String name, boolean value) {
        Node n = api.get(BuiltinResources.NODES, null, name);
        if (n.spec().isUnschedulable() == value) {
            return false;
        }
        api.update(BuiltinResources.NODES, n.withSpec(n.spec().withUnschedulable(value ? Boolean.TRUE : null)));
        return true;
    }

    /**
     * Starts {@code kubectl drain node}: cordons and filters now, then evicts in virtual time.
     *
     * @throws DrainRefusedException when a filter refuses a pod; the node stays cordoned, as with kubectl
     */
    public static Drain start(Kernel kernel, ApiServer api, String node, Options options) {
        Drain d = new Drain(kernel, api, node, options);
        d.output.add("node/" + node + (setUnschedulable(api, node, true) ? " cordoned" : " already cordoned"));
        Map<String, List<String>> errors = new LinkedHashMap<>();
        Map<String, List<String>> warnings = new LinkedHashMap<>();
        List<Pod> toEvict = new ArrayList<>();
        String podSelector = options.podSelector() == null ? "" : options.podSelector();
        ListOptions selection = new ListOptions(podSelector, "spec.nodeName=" + node);
        for (Pod pod : api.list(BuiltinResources.PODS, null, selection).items()) {
            String verdict = d.filter(pod, options);
            String id = pod.metadata().namespace() + "/" + pod.metadata().name();
            if (verdict == null) {
                toEvict.add(pod);
            } else if (verdict.startsWith("!")) {
                errors.computeIfAbsent(verdict.substring(1), k -> new ArrayList<>()).add(id);
            } else if (!verdict.isEmpty()) {
                warnings.computeIfAbsent(verdict.substring(1), k -> new ArrayList<>()).add(id);
                if (verdict.startsWith("+")) {
                    toEvict.add(pod);
                }
            }
        }
        if (!errors.isEmpty()) {
            List<String> msgs = new ArrayList<>();
            // kubectl prefixes every message with "cannot delete ", also the one that starts with it already.
            errors.forEach((msg, pods) -> msgs.add("cannot delete " + msg + ": " + String.join(", ", pods)));
            String aggregate = msgs.size() == 1 ? msgs.get(0) : "[" + String.join(", ", msgs) + "]";
            throw new DrainRefusedException(aggregate);
        }
        if (!warnings.isEmpty()) {
            List<String> msgs = new ArrayList<>();
            warnings.forEach((msg, pods) -> msgs.add(msg + ": " + String.join(", ", pods)));
            d.output.add("Warning: " + String.join("; ", msgs));
        }
        for (Pod pod : toEvict) {
            d.pending.add(pod.metadata().namespace() + "/" + pod.metadata().name());
        }
        if (options.disableEviction()) {
            // kubectl deletes every pod first, then polls until all of them are gone.
            for (Pod pod : toEvict) {
                try {
                    api.delete(BuiltinResources.PODS, pod.metadata().namespace(), pod.metadata().name(), d.deleteOptions());
                } catch (ApiException e) {
                    if (e.code() != 404) {
                        throw e;
                    }
                }
            }
            for (Pod pod : toEvict) {
                kernel.scheduleNow(COMPONENT, () -> d.waitForDelete(pod, "deleted"));
            }
        } else {
            for (Pod pod : toEvict) {
                kernel.scheduleNow(COMPONENT, () -> d.evict(pod));
            }
        }
        if (!options.timeout().isZero() && !toEvict.isEmpty()) {
            kernel.schedule(options.timeout(), COMPONENT, d::timeOut);
        }
        d.finishIfEmpty();
        return d;
    }

    private DeleteOptions deleteOptions() {
        return options.gracePeriodSeconds() >= 0 ? new DeleteOptions((long) options.gracePeriodSeconds(), null, null, null)
                : DeleteOptions.defaults();
    }

    /** The global timeout: every pod still pending fails, and the drain ends with an error. */
    private void timeOut() {
        if (done) {
            return;
        }
        timedOut = true;
        for (String id : pending) {
            String[] nsName = id.split("/", 2);
            errors.add("error when evicting pods/\"" + nsName[1] + "\" -n \"" + nsName[0] + "\": global timeout reached: "
                    + goDuration(options.timeout()));
        }
        done = true;
    }

    /** Go's time.Duration String for whole seconds: 30s, 1m0s, 1h0m0s. */
    static String goDuration(Duration d) {
        long s = d.toSeconds();
        if (s < 60) {
            return s + "s";
        }
        if (s < 3600) {
            return (s / 60) + "m" + (s % 60) + "s";
        }
        return (s / 3600) + "h" + (s % 3600 / 60) + "m" + (s % 60) + "s";
    }

    /** null: evict; "+msg": evict with a warning; "-msg": skip with a warning; "!msg": error; "": skip. */
    private String filter(Pod pod, Options options) {
        String phase = pod.status().phase();
        boolean finished = "Succeeded".equals(phase) || "Failed".equals(phase);
        OwnerReference ref = pod.metadata().controllerRef();
        String warning = null;
        if (ref != null && "DaemonSet".equals(ref.kind()) && !finished) {
            return options.ignoreDaemonSets() ? "-" + DAEMON_SET_WARNING : "!" + DAEMON_SET_FATAL;
        }
        if (pod.metadata().annotations().containsKey(MIRROR_POD_ANNOTATION)) {
            return "";
        }
        boolean emptyDir = pod.spec().volumes().stream().map(Volume::emptyDir).anyMatch(v -> v != null);
        if (emptyDir && !finished) {
            if (!options.deleteEmptyDirData()) {
                return "!" + LOCAL_STORAGE_FATAL;
            }
            warning = "+" + LOCAL_STORAGE_WARNING;
        }
        if (ref == null && !finished) {
            return options.force() ? "+" + UNMANAGED_WARNING : "!" + UNMANAGED_FATAL;
        }
        return warning;
    }

    private void evict(Pod pod) {
        if (timedOut) {
            return;
        }
        String ns = pod.metadata().namespace();
        String name = pod.metadata().name();
        output.add("evicting pod " + ns + "/" + name);
        try {
            Opaque delete = options.gracePeriodSeconds() >= 0
                    ? Opaque.of(JsonNodeFactory.instance.objectNode().put("gracePeriodSeconds", (long) options.gracePeriodSeconds()))
                    : null;
            api.evict(ns, name, new Eviction(null, null, ObjectMeta.of(ns, name), delete));
        } catch (ApiException e) {
            if (e.code() == 429) {
                output.add("error when evicting pods/\"" + name + "\" -n \"" + ns + "\" (will retry after 5s): "
                        + e.getMessage());
                kernel.schedule(EVICTION_RETRY, COMPONENT, () -> evict(pod));
                return;
            }
            if (e.code() != 404) {
                throw e;
            }
        }
        waitForDelete(pod, "evicted");
    }

    private void waitForDelete(Pod pod, String verb) {
        if (timedOut) {
            return;
        }
        String ns = pod.metadata().namespace();
        String name = pod.metadata().name();
        Pod now;
        try {
            now = api.get(BuiltinResources.PODS, ns, name);
        } catch (ApiException e) {
            now = null;
        }
        if (now != null && now.metadata().uid().equals(pod.metadata().uid())) {
            kernel.schedule(DELETE_POLL, COMPONENT, () -> waitForDelete(pod, verb));
            return;
        }
        output.add("pod/" + name + " " + verb);
        pending.remove(ns + "/" + name);
        finishIfEmpty();
    }

    private void finishIfEmpty() {
        if (pending.isEmpty() && !done) {
            done = true;
            output.add("node/" + node + " drained");
        }
    }

    /** True once every evicted pod is gone, or the timeout ended the drain. */
    public boolean isDone() {
        return done;
    }

    /** The errors that ended the drain ({@code --timeout}), in kubectl's words; empty when it drained. */
    public List<String> errors() {
        return List.copyOf(errors);
    }

    /** The pods not yet gone, as {@code namespace/name}. */
    public List<String> pendingPods() {
        return List.copyOf(pending);
    }

    /** What kubectl printed so far, line by line. */
    public List<String> output() {
        return List.copyOf(output);
    }
}
