package io.ksim.node;

import io.ksim.api.core.LifecycleHandler;
import io.ksim.api.core.Pod;
import io.ksim.kernel.Kernel;
import java.time.Duration;
import java.util.function.IntConsumer;

/**
 * Stops one container as the kubelet's killContainer does (pkg/kubelet/kuberuntime/kuberuntime_container.go):
 * its preStop hook first, if it has one and there is a grace period, which uses up the grace period by its
 * whole seconds (and is cut off at its end); then SIGTERM; a process that ignores SIGTERM gets SIGKILL
 * (exit 137) when what is left of the grace period, never less than 2 s (minimumGracePeriodInSeconds), has
 * passed. A process that honours SIGTERM exits 0 at once.
 */
final class ContainerKiller {

    /** terminationGracePeriodSeconds when the pod sets none. */
    static final long DEFAULT_GRACE_SECONDS = 30;
    /** The kubelet's minimumGracePeriodInSeconds: a stopping container always gets this long after SIGTERM. */
    static final Duration MINIMUM_GRACE = Duration.ofSeconds(2);

    private ContainerKiller() {
    }

    /** Stops {@code r}; {@code exited} gets the exit code when the process is gone. */
    static void stop(Kubelet kubelet, Pod pod, String podIP, ContainerRecord r, Duration grace, IntConsumer exited) {
        r.cancelTimers();
        LifecycleHandler preStop = r.spec.lifecycle() == null ? null : r.spec.lifecycle().preStop();
        if (preStop == null || grace.isZero()) {
            sigterm(kubelet.kernel(), kubelet.component(), r, grace, exited);
            return;
        }
        LifecycleHooks.Run run = LifecycleHooks.run(preStop, r.model.preStop(), r.spec, pod, podIP);
        Duration took = run.took().compareTo(grace) > 0 ? grace : run.took();
        r.timers.add(kubelet.kernel().schedule(took, kubelet.component(), () -> {
            if (run.failed()) {
                kubelet.recorder().warning(pod, "FailedPreStopHook", run.failure());
            }
            sigterm(kubelet.kernel(), kubelet.component(), r, grace.minusSeconds(took.getSeconds()), exited);
        }));
    }

    private static void sigterm(Kernel kernel, String component, ContainerRecord r, Duration grace,
            IntConsumer exited) {
        Duration window = grace.compareTo(MINIMUM_GRACE) < 0 ? MINIMUM_GRACE : grace;
        if (r.model.ignoresSigterm()) {
            r.timers.add(kernel.schedule(window, component, () -> exited.accept(137)));
        } else {
            exited.accept(0);
        }
    }

    /**
     * The grace period of a kill: the pending deletion's, else {@code override} (a probe's
     * terminationGracePeriodSeconds), else the pod's terminationGracePeriodSeconds (default 30 s).
     */
    static Duration gracePeriod(Pod pod, Long override) {
        Long grace = pod.metadata().deletionGracePeriodSeconds() != null ? pod.metadata().deletionGracePeriodSeconds()
                : override != null ? override : pod.spec().terminationGracePeriodSeconds();
        return Duration.ofSeconds(grace != null ? grace : DEFAULT_GRACE_SECONDS);
    }
}
