package io.ksim.kubectl;

import io.ksim.api.autoscaling.Scale;
import io.ksim.apiserver.ApiException;
import io.ksim.apiserver.ResourceType;
import io.ksim.apiserver.registry.BuiltinResources;
import io.ksim.apiserver.registry.ScaleSubresource;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

/**
 * {@code kubectl scale}: sets {@code spec.replicas} through the scale subresource (Deployments, ReplicaSets,
 * StatefulSets, ReplicationControllers; Jobs have no scale subresource since kubectl 1.28 dropped its Job
 * special case). With {@code --current-replicas} or {@code --resource-version} it reads the
 * Scale first and refuses as kubectl's scaler does; {@code --timeout} waits (in virtual time) until the status
 * has the new count.
 */
@Command(name = "scale")
final class ScaleCommand implements Callable<Integer> {

    private static final Set<ResourceType<?>> SCALABLE = Set.of(BuiltinResources.DEPLOYMENTS,
            BuiltinResources.REPLICA_SETS, BuiltinResources.STATEFUL_SETS, BuiltinResources.REPLICATION_CONTROLLERS);

    private final KubectlContext ctx;

    @Option(names = "--replicas", required = true)
    int replicas;

    @Option(names = "--current-replicas", defaultValue = "-1")
    int currentReplicas;

    @Option(names = "--resource-version")
    String resourceVersion;

    @Option(names = {"-l", "--selector"})
    String selector;

    @Option(names = "--all")
    boolean all;

    @Option(names = "--timeout", defaultValue = "0")
    String timeout;

    @Parameters
    List<String> args = new ArrayList<>();

    ScaleCommand(KubectlContext ctx) {
        this.ctx = ctx;
    }

    @Override
    public Integer call() {
        if (replicas < 0) {
            throw new KubectlException("error: The --replicas=COUNT flag is required, and COUNT must be greater than or equal to 0");
        }
        if (currentReplicas < -1) {
            throw new KubectlException("error: The --current-replicas must specify an integer of -1 or greater");
        }
        Duration wait = DurationFlags.parse(timeout, "--timeout", "kubectl scale");
        List<ResourceBuilder.Target> targets = ResourceBuilder.select(ctx, args, selector, all);
        ErrorText infoErrors = new ErrorText();
        List<ResourceBuilder.Target> found = new ArrayList<>();
        String firstError = null;
        for (ResourceBuilder.Target t : targets) {
            try {
                t.get(ctx);
                found.add(t);
            } catch (ApiException e) {
                infoErrors.add(e);
                firstError = firstError == null ? e.getMessage() : firstError;
            }
        }
        if (resourceVersion != null && !resourceVersion.isEmpty() && found.size() > 1) {
            throw new KubectlException("error: cannot use --resource-version with multiple resources");
        }
        if (found.isEmpty()) {
            throw new KubectlException("error: no objects passed to scale" + (firstError == null ? "" : " " + firstError));
        }
        for (ResourceBuilder.Target t : found) {
            scale(t);
            ctx.out().println(t.display() + " scaled");
            if (!wait.isZero()) {
                waitForReplicas(t, wait);
            }
        }
        infoErrors.throwIfAny();
        return 0;
    }

    private void scale(ResourceBuilder.Target t) {
        if (!SCALABLE.contains(t.type())) {
            throw new KubectlException("Error from server (NotFound): the server could not find the requested resource (patch "
                    + t.type().groupResource() + " " + t.name() + ")");
        }
        boolean precondition = currentReplicas != -1 || (resourceVersion != null && !resourceVersion.isEmpty());
        for (int attempt = 0; ; attempt++) {
            try {
                if (precondition) {
                    Scale s = ScaleSubresource.get(ctx.api(), t.type(), t.namespace(), t.name());
                    if (currentReplicas != -1 && s.spec().replicas() != currentReplicas) {
                        throw new KubectlException("error: Expected replicas to be " + currentReplicas + ", was "
                                + s.spec().replicas());
                    }
                    if (resourceVersion != null && !resourceVersion.isEmpty()
                            && !resourceVersion.equals(s.metadata().resourceVersion())) {
                        throw new KubectlException("error: Expected resource version to be " + resourceVersion + ", was "
                                + s.metadata().resourceVersion());
                    }
                    ScaleSubresource.update(ctx.api(), t.type(), t.namespace(), t.name(), replicas,
                            s.metadata().resourceVersion());
                } else {
                    ScaleSubresource.update(ctx.api(), t.type(), t.namespace(), t.name(), replicas, null);
                }
                return;
            } catch (ApiException e) {
                // kubectl's scaler retries conflicts every second, for up to five minutes.
                if (e.code() != 409 || attempt >= 300) {
                    throw e;
                }
                ctx.cluster().advance(Duration.ofSeconds(1));
            }
        }
    }

    private void waitForReplicas(ResourceBuilder.Target t, Duration wait) {
        boolean synced = ctx.cluster().runUntil(() -> {
            Scale s = ScaleSubresource.get(ctx.api(), t.type(), t.namespace(), t.name());
            return s.spec().replicas() != replicas || s.status().replicas() == replicas;
        }, wait);
        if (!synced) {
            throw new KubectlException("error: timed out waiting for \"" + t.name() + "\" to be synced: "
                    + "timed out waiting for the condition");
        }
    }
}
