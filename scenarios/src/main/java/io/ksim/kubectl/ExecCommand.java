package io.ksim.kubectl;

import io.ksim.api.core.Container;
import io.ksim.api.core.ContainerStatus;
import io.ksim.api.core.Pod;
import io.ksim.api.meta.Status;
import io.ksim.apiserver.ApiException;
import io.ksim.apiserver.registry.BuiltinResources;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.Callable;
import java.util.stream.Stream;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;

/**
 * {@code kubectl exec POD [-c CONTAINER] [-it] -- COMMAND [ARGS...]}: runs one of the programs the simulation
 * can answer ({@link InPodCommands}) in a running container; its output is the command's, its exit status is
 * propagated ({@code command terminated with exit code 7}).
 */
@Command(name = "exec")
final class ExecCommand implements Callable<Integer> {

    private final KubectlContext ctx;

    @Spec
    private CommandSpec spec;

    @Parameters(arity = "0..*")
    private List<String> args = new ArrayList<>();

    @Option(names = {"-c", "--container"})
    private String container;

    @Option(names = {"-i", "--stdin"}, arity = "0..1", fallbackValue = "true")
    private boolean stdin;

    @Option(names = {"-t", "--tty"}, arity = "0..1", fallbackValue = "true")
    private boolean tty;

    @Option(names = {"-q", "--quiet"}, arity = "0..1", fallbackValue = "true")
    private boolean quiet;

    ExecCommand(KubectlContext ctx) {
        this.ctx = ctx;
    }

    @Override
    public Integer call() {
        List<String> original = spec.commandLine().getParseResult().originalArgs();
        boolean dash = original.contains("--");
        if (!dash && args.size() > 1) {
            throw new KubectlException("error: exec [POD] [COMMAND] is not supported anymore. Use exec [POD] -- "
                    + "[COMMAND] instead\nSee 'kubectl exec -h' for help and examples");
        }
        if (args.isEmpty()) {
            throw new KubectlException("error: pod, type/name or --filename must be specified");
        }
        List<String> command = args.subList(1, args.size());
        if (command.isEmpty()) {
            throw new KubectlException("error: you must specify at least one command for the container");
        }
        Pod pod = PodTargets.resolve(ctx, args.get(0)).pod();
        String phase = pod.status().phase();
        if ("Succeeded".equals(phase) || "Failed".equals(phase)) {
            throw new KubectlException("error: cannot exec into a container in a completed pod; current phase is "
                    + phase);
        }
        String name = container != null && !container.isEmpty() ? container
                : quiet ? pod.spec().containers().get(0).name() : PodTargets.defaultContainer(ctx, pod);
        // POST pods/exec is authorized before the server looks at the pod's node and asks its kubelet.
        ctx.api().subresourceRequest("create", BuiltinResources.PODS, pod.metadata().namespace(), "exec",
                pod.metadata().name());
        if (pod.spec().nodeName() == null || pod.spec().nodeName().isEmpty()) {
            throw new ApiException(Status.failure(400, "BadRequest", "pod " + pod.metadata().name()
                    + " does not have a host assigned", null));
        }
        Container c = PodTargets.find(pod, name);
        if (c == null || !running(pod, name)) {
            throw new KubectlException("error: unable to upgrade connection: container not found (\"" + name + "\")");
        }
        PodTargets.requireKubelet(ctx, pod, "error dialing backend");
        InPodCommands.Result r;
        try {
            r = new InPodCommands(ctx, pod, c, stdin ? ctx.stdin() : "").run(command);
        } catch (InPodCommands.ExecFailed e) {
            throw new KubectlException(e.getMessage());
        }
        ctx.out().print(r.out());
        ctx.err().print(r.err());
        if (r.exitCode() != 0) {
            ctx.err().println("command terminated with exit code " + r.exitCode());
        }
        return r.exitCode();
    }

    private static boolean running(Pod pod, String name) {
        return Stream.concat(pod.status().containerStatuses().stream(), pod.status().initContainerStatuses().stream())
                .filter(s -> s.name().equals(name)).map(ContainerStatus::state)
                .anyMatch(s -> s != null && s.running() != null);
    }
}
