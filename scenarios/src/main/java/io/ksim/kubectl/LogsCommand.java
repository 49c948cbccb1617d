package io.ksim.kubectl;

import io.ksim.api.core.Container;
import io.ksim.api.core.ContainerStatus;
import io.ksim.api.core.Pod;
import io.ksim.apiserver.ApiException;
import io.ksim.apiserver.ListOptions;
import io.ksim.apiserver.registry.BuiltinResources;
import io.ksim.node.ContainerLogs;
import java.time.Duration;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.Callable;
import java.util.stream.Stream;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

/**
 * {@code kubectl logs}: a container's log as its node's kubelet keeps it (start-up lines of its image,
 * access-log lines of the requests it served), for a pod, a workload's or Service's pod ({@code deploy/web},
 * picked as kubectl picks it) or every pod a selector matches. {@code -f} follows the log while virtual time
 * runs, for {@code --request-timeout} (default here: 60 s, as no terminal will interrupt it) or until the
 * container instance ends.
 */
@Command(name = "logs")
final class LogsCommand implements Callable<Integer> {

    /** How long {@code -f} follows when no {@code --request-timeout} is given. */
    static final Duration DEFAULT_FOLLOW = Duration.ofSeconds(60);

    private static final DateTimeFormatter TIMESTAMP = DateTimeFormatter
            .ofPattern("yyyy-MM-dd'T'HH:mm:ss.SSSSSSSSS'Z'", Locale.ROOT).withZone(ZoneOffset.UTC);

    private final KubectlContext ctx;

    @Parameters(arity = "0..2")
    private List<String> args = new ArrayList<>();

    @Option(names = {"-c", "--container"})
    private String container;

    @Option(names = "--tail", defaultValue = "-1")
    private long tail;

    @Option(names = {"-p", "--previous"}, arity = "0..1", fallbackValue = "true")
    private boolean previous;

    @Option(names = "--timestamps", arity = "0..1", fallbackValue = "true")
    private boolean timestamps;

    @Option(names = {"-l", "--selector"})
    private String selector;

    @Option(names = "--all-containers", arity = "0..1", fallbackValue = "true")
    private boolean allContainers;

    @Option(names = {"-f", "--follow"}, arity = "0..1", fallbackValue = "true")
    private boolean follow;

    @Option(names = "--prefix", arity = "0..1", fallbackValue = "true")
    private boolean prefix;


    LogsCommand(KubectlContext ctx) {
        this.ctx = ctx;
    }

    @Override
    public Integer call() {
        if (selector != null && !selector.isEmpty()) {
            if (!args.isEmpty()) {
                throw new KubectlException("error: only one of a selector (-l) or a POD name is allowed");
            }
            List<Pod> pods = ctx.api().list(BuiltinResources.PODS, ctx.namespace(), ListOptions.labels(selector)).items();
            if (pods.isEmpty()) {
                ctx.out().flush();
                ctx.err().println("No resources found in " + ctx.namespace() + " namespace.");
                return 0;
            }
            long lines = tail == -1 ? 10 : tail;
            for (Pod pod : pods) {
                for (String c : containers(pod)) {
                    print(pod, c, read(pod, c), lines, prefix);
                }
            }
            return 0;
        }
        if (args.isEmpty()) {
            throw new KubectlException("error: expected 'logs [-f] [-p] (POD | TYPE/NAME) [-c CONTAINER]'.\n"
                    + "POD or TYPE/NAME is a required argument for the logs command\n"
                    + "See 'kubectl logs -h' for help and examples");
        }
        if (args.size() == 2) {
            if (container != null) {
                throw new KubectlException("error: only one of -c or an inline [CONTAINER] arg is allowed");
            }
            container = args.get(1);
        }
        PodTargets.Choice choice = PodTargets.resolve(ctx, args.get(0));
        Pod pod = choice.pod();
        if (choice.matched() > 1) {
            ctx.err().println("Found " + choice.matched() + " pods, using pod/" + pod.metadata().name());
        }
        List<String> names = containers(pod);
        for (String c : names) {
            if (follow && names.size() == 1) {
                follow(pod, c);
            } else {
                print(pod, c, read(pod, c), tail, prefix);
            }
        }
        return 0;
    }

    /** The containers to read: all (init first) with --all-containers, else -c or kubectl's default. */
    private List<String> containers(Pod pod) {
        if (allContainers) {
            return Stream.concat(pod.spec().initContainers().stream(), pod.spec().containers().stream())
                    .map(Container::name).toList();
        }
        String c = container != null && !container.isEmpty() ? container : PodTargets.defaultContainer(ctx, pod);
        if (PodTargets.find(pod, c) == null) {
            throw new KubectlException("error: container " + c + " is not valid for pod " + pod.metadata().name());
        }
        return List.of(c);
    }

    /** The kubelet's answer; a pod no node runs yet has nothing to show. */
    private List<ContainerLogs.Line> read(Pod pod, String c) {
        // GET pods/log is a request of its own, authorized before the server asks the kubelet.
        ctx.api().subresourceRequest("get", BuiltinResources.PODS, pod.metadata().namespace(), "log",
                pod.metadata().name());
        String node = pod.spec().nodeName();
        if (node == null || node.isEmpty()) {
            return List.of();
        }
        String ip = pod.status().hostIP() == null ? "" : pod.status().hostIP();
        PodTargets.requireKubelet(ctx, pod, "Get \"https://" + ip + ":10250/containerLogs/" + pod.metadata().namespace()
                + "/" + pod.metadata().name() + "/" + c + (previous ? "?previous=true" : "") + "\"");
        return ctx.cluster().kubelet(node).logs().read(pod, c, previous);
    }

    private void print(Pod pod, String c, List<ContainerLogs.Line> lines, long tailLines, boolean withPrefix) {
        int from = tailLines < 0 ? 0 : (int) Math.max(0, lines.size() - tailLines);
        for (ContainerLogs.Line line : lines.subList(from, lines.size())) {
            StringBuilder sb = new StringBuilder();
            if (withPrefix) {
                sb.append("[pod/").append(pod.metadata().name()).append('/').append(c).append("] ");
            }
            if (timestamps) {
                sb.append(TIMESTAMP.format(line.time())).append(' ');
            }
            ctx.out().println(sb.append(line.text()));
        }
    }

    /**
     * {@code -f}: what the log holds now (after --tail), then each new line, until the request times out, the
     * container instance ends or the pod is gone.
     */
    private void follow(Pod pod, String c) {
        List<ContainerLogs.Line> now = read(pod, c);
        print(pod, c, now, tail, prefix);
        String node = pod.spec().nodeName();
        if (node == null || node.isEmpty() || previous) {
            return;
        }
        String id = containerID(pod, c);
        Duration timeout = followTimeout();
        ctx.cluster().runUntil(() -> {
            Pod current = current(pod);
            return current == null || !java.util.Objects.equals(id, containerID(current, c))
                    || !isRunning(current, c);
        }, timeout);
        List<ContainerLogs.Line> all = ctx.cluster().kubelet(node).logs().lines(id);
        print(pod, c, all.subList(Math.min(now.size(), all.size()), all.size()), -1, prefix);
    }

    private Pod current(Pod pod) {
        try {
            Pod p = ctx.api().get(BuiltinResources.PODS, pod.metadata().namespace(), pod.metadata().name());
            return p.metadata().uid().equals(pod.metadata().uid()) ? p : null;
        } catch (ApiException e) {
            return null;
        }
    }

    private static ContainerStatus status(Pod pod, String c) {
        return Stream.concat(pod.status().initContainerStatuses().stream(), pod.status().containerStatuses().stream())
                .filter(s -> s.name().equals(c)).findFirst().orElse(null);
    }

    private static String containerID(Pod pod, String c) {
        ContainerStatus s = status(pod, c);
        return s == null ? null : s.containerID();
    }

    private static boolean isRunning(Pod pod, String c) {
        ContainerStatus s = status(pod, c);
        return s != null && s.state() != null && s.state().running() != null;
    }

    private Duration followTimeout() {
        String requestTimeout = ctx.requestTimeout();
        if (requestTimeout == null || requestTimeout.isEmpty()) {
            return DEFAULT_FOLLOW;
        }
        Duration d = DurationFlags.requestTimeout(requestTimeout);
        return d.isZero() || d.isNegative() ? DEFAULT_FOLLOW : d;
    }
}
