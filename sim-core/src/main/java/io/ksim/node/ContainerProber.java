package io.ksim.node;

import io.ksim.api.core.Probe;
import io.ksim.kernel.Kernel;
import java.time.Duration;
import java.util.function.Supplier;

/**
 * One probe of one running container, as the kubelet's probe worker runs it (pkg/kubelet/prober/worker.go):
 * a tick at the container's start and every periodSeconds after. A tick
 * <ul>
 *   <li>probes nothing before initialDelaySeconds (whole seconds since the start, truncated);</li>
 *   <li>is gated by the startup probe: liveness and readiness wait until the container has started
 *       (its startup probe passed), and the startup probe stops once it has;</li>
 *   <li>otherwise probes the application ({@link ProbeRunner}); each failure is a Warning {@code Unhealthy}
 *       event "&lt;Kind&gt; probe failed: &lt;output&gt;" when the probe ends (after its response time);</li>
 *   <li>counts consecutive equal results and reports a result only once the run reaches successThreshold
 *       (a success) or failureThreshold (a failure);</li>
 *   <li>after a reported liveness or startup failure, holds (probes nothing more) until the container is
 *       replaced: the kubelet kills it.</li>
 * </ul>
 * The prober lives as long as its container: its timers are the container's and die with it, and a
 * restarted container gets new probers, as upstream's worker starts over on a new container ID.
 */
final class ContainerProber {

    /** Who hears a result that reached its threshold. */
    interface Listener {
        void onResult(ContainerRecord container, ProbeType type, boolean success);
    }

    /** Upstream's probe defaults (SetDefaults_Probe); thresholds of 0 mean the default too. */
    static final int DEFAULT_PERIOD_SECONDS = 10;
    static final int DEFAULT_SUCCESS_THRESHOLD = 1;
    static final int DEFAULT_FAILURE_THRESHOLD = 3;

    private final Kernel kernel;
    private final Kubelet kubelet;
    private final ProbeType type;
    private final Probe probe;
    private final ContainerRecord container;
    private final Supplier<io.ksim.api.core.Pod> pod;
    private final Supplier<String> podIP;
    private final Listener listener;
    private final long startedNanos;
    private Boolean lastResult;
    private int resultRun;
    private boolean onHold;
    /** The kubelet run the counts belong to: a restarted kubelet starts its probe workers afresh. */
    private int kubeletRun;

    ContainerProber(Kubelet kubelet, ProbeType type, Probe probe, ContainerRecord container,
            Supplier<io.ksim.api.core.Pod> pod, Supplier<String> podIP, Listener listener) {
        this.kernel = kubelet.kernel();
        this.kubelet = kubelet;
        this.type = type;
        this.probe = probe;
        this.container = container;
        this.pod = pod;
        this.podIP = podIP;
        this.listener = listener;
        this.startedNanos = container.startedNanos;
        this.kubeletRun = kubelet.runs();
    }

    ProbeType type() {
        return type;
    }

    void start() {
        tick();
    }

    private void tick() {
        container.timers.add(kernel.schedule(Duration.ofSeconds(ProbeRunner.positiveOr(probe.periodSeconds(),
                DEFAULT_PERIOD_SECONDS)), kubelet.component(), this::tick));
        if (!kubelet.isRunning()) {
            return; // a stopped kubelet probes nothing (a partitioned one still does: probes are node-local)
        }
        if (kubeletRun != kubelet.runs()) {
            kubeletRun = kubelet.runs();
            lastResult = null;
            resultRun = 0;
        }
        if (onHold) {
            return;
        }
        Duration sinceStart = Duration.ofNanos(kernel.nanos() - startedNanos);
        int initialDelay = probe.initialDelaySeconds() == null ? 0 : probe.initialDelaySeconds();
        if (sinceStart.getSeconds() < initialDelay) {
            return;
        }
        if (container.started == (type == ProbeType.STARTUP)) {
            return; // startup probes stop once started; the others wait for it
        }
        ProbeRunner.Result result = ProbeRunner.run(type, probe, container.spec, container.model,
                podIP.get(), sinceStart);
        if (result.took().isZero()) {
            record(result);
        } else {
            container.timers.add(kernel.schedule(result.took(), kubelet.component(), () -> record(result)));
        }
    }

    private void record(ProbeRunner.Result result) {
        if (!result.success()) {
            kubelet.recorder().warning(pod.get(), "Unhealthy", type.label() + " probe failed: " + result.output());
        }
        if (lastResult != null && lastResult == result.success()) {
            resultRun++;
        } else {
            lastResult = result.success();
            resultRun = 1;
        }
        int threshold = result.success()
                ? ProbeRunner.positiveOr(probe.successThreshold(), DEFAULT_SUCCESS_THRESHOLD)
                : ProbeRunner.positiveOr(probe.failureThreshold(), DEFAULT_FAILURE_THRESHOLD);
        if (resultRun < threshold) {
            return;
        }
        if (type.killsOnFailure() && !result.success()) {
            onHold = true;
            resultRun = 0;
        }
        listener.onResult(container, type, result.success());
    }
}
