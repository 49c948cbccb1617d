package io.ksim.kubectl;

import io.ksim.api.apps.DaemonSet;
import io.ksim.api.apps.Deployment;
import io.ksim.api.apps.ReplicaSet;
import io.ksim.api.apps.StatefulSet;
import io.ksim.api.batch.Job;
import io.ksim.api.core.Container;
import io.ksim.api.core.ContainerStatus;
import io.ksim.api.core.Pod;
import io.ksim.api.core.PodCondition;
import io.ksim.api.core.Service;
import io.ksim.api.meta.KubeObject;
import io.ksim.apiserver.ListOptions;
import io.ksim.apiserver.ResourceType;
import io.ksim.apiserver.registry.BuiltinResources;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;

/**
 * The pod a command that works on one pod ({@code logs}, {@code exec}) means by {@code POD} or
 * {@code TYPE/NAME}: the pod itself, or one of the pods a workload or Service selects, picked as kubectl's
 * GetFirstPod does (sorted by podutils.ByLogging: scheduled first, Running before Unknown before Pending,
 * ready first, ready for longer, more restarts, older).
 */
final class PodTargets {

    /** A chosen pod and how many the selector matched. */
    record Choice(Pod pod, int matched) {
    }

    private PodTargets() {
    }

    static Choice resolve(KubectlContext ctx, String arg) {
        String ns = ctx.namespace();
        int slash = arg.indexOf('/');
        if (slash < 0) {
            return new Choice(ctx.api().get(BuiltinResources.PODS, ns, arg), 1);
        }
        ResourceType<?> type = ctx.resources().resolve(arg.substring(0, slash));
        String name = arg.substring(slash + 1);
        if (type == BuiltinResources.PODS) {
            return new Choice(ctx.api().get(BuiltinResources.PODS, ns, name), 1);
        }
        KubeObject obj = ctx.api().get(type, ns, name);
        String selector = selector(obj);
        if (selector == null) {
            throw new KubectlException("error: cannot attach to " + type.kind() + ": selector for "
                    + type.kind() + " not implemented");
        }
        List<Pod> pods = ctx.api().list(BuiltinResources.PODS, ns, ListOptions.labels(selector)).items();
        if (pods.isEmpty()) {
            throw new KubectlException("error: timed out waiting for the condition");
        }
        List<Pod> sorted = new ArrayList<>(pods);
        sorted.sort(BY_LOGGING);
        return new Choice(sorted.get(0), pods.size());
    }

    /** The selector of a workload or Service in label-selector syntax, or null. */
    static String selector(KubeObject obj) {
        if (obj instanceof Deployment d) {
            return fromApi(d.spec().selector());
        }
        if (obj instanceof ReplicaSet r) {
            return fromApi(r.spec().selector());
        }
        if (obj instanceof StatefulSet s) {
            return fromApi(s.spec().selector());
        }
        if (obj instanceof DaemonSet d) {
            return fromApi(d.spec().selector());
        }
        if (obj instanceof Job j) {
            return fromApi(j.spec().selector());
        }
        if (obj instanceof Service s) {
            Map<String, String> sel = s.spec().selector();
            return sel == null || sel.isEmpty() ? null
                    : io.ksim.api.selector.LabelSelector.fromSet(sel).toString();
        }
        return null;
    }

    private static String fromApi(io.ksim.api.meta.LabelSelector s) {
        return s == null ? null
                : io.ksim.api.selector.LabelSelector.fromLabelSelector(s.matchLabels(), s.matchExpressions()).toString();
    }

    /** podutils.ByLogging's order. */
    static final Comparator<Pod> BY_LOGGING = Comparator
            .comparing((Pod p) -> p.spec().nodeName() == null || p.spec().nodeName().isEmpty())
            .thenComparing(p -> phaseRank(p.status().phase()))
            .thenComparing(p -> !isReady(p))
            .thenComparing(p -> readySince(p), Comparator.nullsLast(Comparator.naturalOrder()))
            .thenComparing(p -> -restarts(p))
            .thenComparing(p -> p.metadata().creationTimestamp(), Comparator.nullsLast(Comparator.naturalOrder()));

    private static int phaseRank(String phase) {
        if ("Running".equals(phase)) {
            return 0;
        }
        if ("Unknown".equals(phase)) {
            return 1;
        }
        if ("Pending".equals(phase)) {
            return 2;
        }
        return 3;
    }

    static boolean isReady(Pod p) {
        return readyCondition(p) != null && "True".equals(readyCondition(p).status());
    }

    private static PodCondition readyCondition(Pod p) {
        return p.status().conditions().stream().filter(c -> "Ready".equals(c.type())).findFirst().orElse(null);
    }

    private static Instant readySince(Pod p) {
        PodCondition c = readyCondition(p);
        return c != null && "True".equals(c.status()) ? c.lastTransitionTime() : null;
    }

    private static int restarts(Pod p) {
        return p.status().containerStatuses().stream().mapToInt(ContainerStatus::restartCount).max().orElse(0);
    }

    /** "a, b, i (init)": podcmd.AllContainerNames. */
    static String allContainerNames(Pod pod) {
        List<String> names = new ArrayList<>();
        pod.spec().containers().forEach(c -> names.add(c.name()));
        pod.spec().initContainers().forEach(c -> names.add(c.name() + " (init)"));
        return String.join(", ", names);
    }

    /** The container kubectl defaults to (annotation, else the first, with its note on stderr if there are more). */
    static String defaultContainer(KubectlContext ctx, Pod pod) {
        String annotated = pod.metadata().annotations().get("kubectl.kubernetes.io/default-container");
        if (annotated != null && !annotated.isEmpty() && find(pod, annotated) != null) {
            return annotated;
        }
        String first = pod.spec().containers().get(0).name();
        if (pod.spec().containers().size() > 1 || !pod.spec().initContainers().isEmpty()) {
            ctx.err().println("Defaulted container \"" + first + "\" out of: " + allContainerNames(pod));
        }
        return first;
    }

    static Container find(Pod pod, String name) {
        return Stream.concat(pod.spec().containers().stream(), pod.spec().initContainers().stream())
                .filter(c -> c.name().equals(name)).findFirst().orElse(null);
    }

    /**
     * The API server reaches the pod's kubelet on port 10250 for logs and exec; when it cannot, the dial error
     * comes back: connection refused (kubelet stopped), no route to host (machine off), i/o timeout (partition).
     * {@code what} is the request kubectl sees failing ({@code Get "https://..."} or {@code error dialing backend}).
     */
    static void requireKubelet(KubectlContext ctx, Pod pod, String what) {
        io.ksim.node.Kubelet kubelet = ctx.cluster().kubelet(pod.spec().nodeName());
        String cause = !kubelet.isPoweredOn() ? "connect: no route to host"
                : kubelet.isPartitioned() ? "i/o timeout"
                : !kubelet.isRunning() ? "connect: connection refused" : null;
        if (cause != null) {
            String ip = pod.status().hostIP() == null ? "" : pod.status().hostIP();
            throw new io.ksim.apiserver.ApiException(io.ksim.api.meta.Status.failure(500, "",
                    what + ": dial tcp " + ip + ":10250: " + cause, null));
        }
    }
}
