package io.ksim.node;

import io.ksim.api.core.Container;
import io.ksim.api.core.ContainerState;
import io.ksim.api.core.ContainerStateTerminated;
import io.ksim.api.core.ContainerStatus;
import io.ksim.api.core.LifecycleHandler;
import io.ksim.api.core.Pod;
import io.ksim.api.core.PodPhase;
import io.ksim.api.core.RestartPolicy;
import io.ksim.kernel.GoDuration;
import io.ksim.kernel.Kernel;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;

/**
 * One pod on one node: its sandbox, its containers' life (pull, create, start, postStart, probes, exit,
 * restart with back-off, stop) and the status the kubelet posts for it. Init containers run first, one at a
 * time (a sidecar lets the next one start once it has started); then the app containers start one after the
 * other in spec order, as the kubelet's SyncPod does. How the pod ends is {@link PodTermination}'s business.
 * Application timers keep running while the kubelet is stopped or cut off (the containers do), but only a
 * running kubelet restarts containers, and only one that reaches the API server writes status.
 */
final class PodWorker {

    /** The pod worker's backOffPeriod: a sync that failed is tried again this much later. */
    static final Duration SYNC_RETRY_PERIOD = Duration.ofSeconds(10);

    private final Kubelet kubelet;
    private final Kernel kernel;
    private Pod pod;
    private final List<ContainerRecord> containers = new ArrayList<>();
    private final List<CrashLoopBackOff> backOffs = new ArrayList<>();
    private String podIP;
    /** True while {@link #podIP} is an address of the node's pod CIDR this worker still holds. */
    private boolean holdsCidrIP;
    private Instant startTime;
    private final PodTermination termination;
    private boolean gone;
    /** Index of the init container the pod waits for; past the init containers once initialized. */
    private int initProgress;
    /** The next look at the volumes while the pod waits for them; null once they are mounted. */
    private io.ksim.kernel.Timer volumeRetry;
    /** Failed SetUp attempts so far, for the mount back-off. */
    private int mountFailures;
    /** This sync's wait has polled once after its first look; the next failing poll ends it with an event. */
    private boolean polledAgain;

    PodWorker(Kubelet kubelet, Pod pod) {
        this.kubelet = kubelet;
        this.kernel = kubelet.kernel();
        this.pod = pod;
        this.termination = new PodTermination(this);
        boolean hasInit = !pod.spec().initContainers().isEmpty();
        for (Container c : pod.spec().initContainers()) {
            add(c, c.isRestartable() ? ContainerRecord.Kind.SIDECAR : ContainerRecord.Kind.INIT, hasInit,
                    pod.status().initContainerStatuses());
        }
        for (Container c : pod.spec().containers()) {
            add(c, ContainerRecord.Kind.APP, hasInit, pod.status().containerStatuses());
        }
    }

    private void add(Container c, ContainerRecord.Kind kind, boolean hasInit, List<ContainerStatus> old) {
        ContainerRecord r = new ContainerRecord(c, kind, kubelet.catalog().model(c.image()), hasInit);
        // After a reboot the containers are created again: a container that had run counts a restart.
        for (ContainerStatus s : old) {
            if (s.name().equals(c.name())) {
                r.restartCount = s.restartCount() + (s.containerID() != null ? 1 : 0);
            }
        }
        containers.add(r);
        backOffs.add(new CrashLoopBackOff());
    }

    /**
     * Init containers run one at a time: the next starts when a regular one completed (exit 0) or a sidecar
     * started; after the last, the app containers start. Called when container {@code i} got that far.
     */
    private void initStepDone(int i) {
        if (i == initProgress) {
            initProgress++;
            startContainer(i + 1, true);
        }
    }

    Pod pod() {
        return pod;
    }

    String podIP() {
        return podIP;
    }

    /**
     * Gives the pod-CIDR address back, once: the IP the allocator may hand out again, or null when there is
     * none (a hostNetwork pod uses the node's IP; an address already returned must not free another pod's).
     */
    String returnPodIP() {
        if (!holdsCidrIP) {
            return null;
        }
        holdsCidrIP = false;
        return podIP;
    }

    /**
     * Waits until every volume is mounted ({@link VolumeManager}), then creates the sandbox (IP) and starts the
     * first container. The start time is the kubelet's first look at the pod, as its status manager sets it.
     */
    void start() {
        if (startTime == null) {
            startTime = kernel.instant();
        }
        VolumeManager.Check volumes = VolumeManager.check(kubelet.api(), pod);
        if (!volumes.ready()) {
            waitForVolumes(volumes);
            return;
        }
        volumeRetry = null;
        podIP = kubelet.allocateIP(pod);
        holdsCidrIP = !pod.spec().usesHostNetwork();
        publish();
        startContainer(0, true);
    }

    /**
     * The pod stays ContainerCreating (no sandbox, no IP): a volume the populator could not process fails the
     * sync (FailedMount, tried again after the pod worker's back-off); a failed SetUp is retried with the
     * operation executor's growing delay, each failure an event.
     */
    private void waitForVolumes(VolumeManager.Check volumes) {
        publish();
        Duration retry;
        String waitError = volumes.waitError();
        if (waitError != null && !polledAgain) {
            // WaitForAttachAndMount polls every 300 ms and only then sees the populator's errors: a claim the PV
            // controller binds meanwhile (at the instant the scheduler bound the pod) is no error.
            polledAgain = true;
            retry = VolumeManager.POLL_INTERVAL;
        } else if (waitError != null) {
            kubelet.recorder().warning(pod, "FailedMount", waitError);
            polledAgain = false;
            retry = SYNC_RETRY_PERIOD;
        } else {
            volumes.setUpFailures().forEach(f -> kubelet.recorder().warning(pod, "FailedMount", f));
            mountFailures++;
            retry = VolumeManager.mountRetryDelay(mountFailures);
        }
        volumeRetry = kernel.schedule(retry, kubelet.component(), () -> {
            if (kubelet.isRunning() && !termination.isStopping() && !gone) {
                start();
            }
        });
    }

    void update(Pod newer) {
        pod = newer;
        if (newer.metadata().deletionTimestamp() != null && !termination.isKilling()) {
            termination.kill();
        }
    }

    /** Pull if needed, then create and start container {@code i}; {@code chain}: go on with the next one. */
    private void startContainer(int i, boolean chain) {
        if (i >= containers.size() || termination.isStopping() || gone) {
            return;
        }
        ContainerRecord r = containers.get(i);
        kubelet.images().ensureImageExists(pod, r.spec, r.timers, outcome -> {
            if (outcome.ok()) {
                create(i, chain);
                return;
            }
            // The sync fails: "Error: <reason>", the container waits, and the pod worker tries again after its
            // back-off period (upstream: 10 s with up to 50 % jitter; ksim: 10 s).
            kubelet.recorder().warning(pod, "Failed", "Error: " + outcome.reason());
            r.state = ContainerState.waiting(outcome.reason(), outcome.message());
            publish();
            if (!ImageManager.ERR_IMAGE_NEVER_PULL.equals(outcome.reason())) {
                r.timers.add(kernel.schedule(SYNC_RETRY_PERIOD, kubelet.component(), () -> {
                    if (kubelet.isRunning()) {
                        startContainer(i, false);
                    }
                }));
            }
            if (chain && r.kind == ContainerRecord.Kind.APP) {
                startContainer(i + 1, true);
            }
        });
    }

    private void create(int i, boolean chain) {
        ContainerRecord r = containers.get(i);
        r.containerID = "containerd://" + kubelet.newId();
        r.everCreated = true;
        kubelet.recorder().normal(pod, "Created", "Created container: " + r.spec.name());
        r.timers.add(kernel.schedule(r.model.startDelay(), kubelet.component(), () -> {
            r.startedNanos = kernel.nanos();
            kubelet.recorder().normal(pod, "Started", "Started container " + r.spec.name());
            kubelet.logs().started(pod, r.spec.name(), r.containerID, kernel.instant(),
                    ImageLogs.startup(r.model.reference(), kernel.instant()));
            LifecycleHandler postStart = r.spec.lifecycle() == null ? null : r.spec.lifecycle().postStart();
            if (postStart == null) {
                running(i, chain);
                return;
            }
            // The kubelet waits for the hook: the container shows Running, and the next one starts, only after.
            LifecycleHooks.Run run = LifecycleHooks.run(postStart, r.model.postStart(), r.spec, pod, podIP);
            r.timers.add(kernel.schedule(run.took(), kubelet.component(), () -> {
                if (!run.failed()) {
                    running(i, chain);
                    return;
                }
                kubelet.recorder().warning(pod, "FailedPostStartHook", run.failure());
                kubelet.recorder().normal(pod, "Killing", "FailedPostStartHook");
                r.state = ContainerState.running(kernel.epoch().plusNanos(r.startedNanos));
                stopContainer(i, podGracePeriod(null));
                if (chain && r.kind == ContainerRecord.Kind.APP) {
                    startContainer(i + 1, true);
                }
            }));
        }));
    }

    /** The container runs (since its start, even if a postStart hook held the kubelet up). */
    private void running(int i, boolean chain) {
        ContainerRecord r = containers.get(i);
        r.state = ContainerState.running(kernel.epoch().plusNanos(r.startedNanos));
        // Without a startup probe a running container has started; without a readiness probe a started
        // container is ready (upstream's status manager); with probes, the probes decide.
        r.started = r.spec.startupProbe() == null;
        // A regular init container is ready only once it has completed.
        r.ready = r.started && r.spec.readinessProbe() == null && r.kind != ContainerRecord.Kind.INIT;
        armApplication(i);
        publish();
        if (r.kind == ContainerRecord.Kind.APP && chain) {
            startContainer(i + 1, true);
        } else if (r.kind == ContainerRecord.Kind.SIDECAR && r.started) {
            initStepDone(i);
        }
    }

    /** The application's own behaviour after start (exiting) and the kubelet's probes of it. */
    private void armApplication(int i) {
        ContainerRecord r = containers.get(i);
        startProber(r, ProbeType.STARTUP, r.spec.startupProbe());
        startProber(r, ProbeType.LIVENESS, r.spec.livenessProbe());
        startProber(r, ProbeType.READINESS, r.spec.readinessProbe());
        if (!r.model.runsForever()) {
            long exitAt = Math.max(kernel.nanos(), r.startedNanos + r.model.exitAfter().toNanos());
            r.timers.add(kernel.scheduleAtNanos(exitAt, kubelet.component(), () -> exited(i, r.model.exitCode())));
        }
    }

    private void startProber(ContainerRecord r, ProbeType type, io.ksim.api.core.Probe probe) {
        if (probe != null) {
            new ContainerProber(kubelet, type, probe, r, () -> pod, () -> podIP, this::probeResult).start();
        }
    }

    /** A probe result that reached its threshold (upstream: the results managers' updates). */
    private void probeResult(ContainerRecord r, ProbeType type, boolean success) {
        if (!r.isRunning() || termination.isKilling()) {
            return;
        }
        if (type.killsOnFailure() && !success) {
            killForRestart(containers.indexOf(r), type);
            return;
        }
        boolean wasStarted = r.started;
        boolean wasReady = r.ready;
        if (type == ProbeType.STARTUP) {
            r.started = true;
            r.ready = r.spec.readinessProbe() == null;
        } else if (type == ProbeType.READINESS) {
            r.ready = success && r.started;
        }
        if (wasStarted != r.started || wasReady != r.ready) {
            publish();
        }
        if (type == ProbeType.STARTUP && r.kind == ContainerRecord.Kind.SIDECAR) {
            initStepDone(containers.indexOf(r));
        }
    }

    /**
     * A container that failed its liveness or startup probe is killed (with the probe's grace period if it
     * sets one, else the pod's) and, unless the restart policy is Never, started again per the back-off
     * (upstream kuberuntime_manager.go computePodActions and killContainer).
     */
    private void killForRestart(int i, ProbeType type) {
        ContainerRecord r = containers.get(i);
        boolean restart = !RestartPolicy.NEVER.equals(pod.spec().restartPolicy());
        String probe = type == ProbeType.LIVENESS ? "liveness" : "startup";
        kubelet.recorder().normal(pod, "Killing", "Container " + r.spec.name() + " failed " + probe + " probe"
                + (restart ? ", will be restarted" : ""));
        io.ksim.api.core.Probe spec = type == ProbeType.LIVENESS ? r.spec.livenessProbe() : r.spec.startupProbe();
        r.restartAfterKill = restart;
        stopContainer(i, podGracePeriod(spec.terminationGracePeriodSeconds()));
    }

    void stopContainer(int i, Duration grace) {
        containers.get(i).stopping = true;
        ContainerKiller.stop(kubelet, pod, podIP, containers.get(i), grace, code -> exited(i, code));
    }

    Duration podGracePeriod(Long override) {
        return ContainerKiller.gracePeriod(pod, override);
    }

    private void exited(int i, int exitCode) {
        ContainerRecord r = containers.get(i);
        r.cancelTimers();
        Instant startedAt = r.state.running() != null ? r.state.running().startedAt() : null;
        r.state = ContainerState.terminated(new ContainerStateTerminated(exitCode, null,
                exitCode == 0 ? "Completed" : "Error", null, startedAt, kernel.instant(), r.containerID));
        r.stopping = false;
        // A regular init container that completed counts as ready (upstream prober_manager UpdatePodStatus).
        r.ready = r.kind == ContainerRecord.Kind.INIT && exitCode == 0;
        r.started = false;
        if (termination.isStopping()) {
            termination.finishIfDone();
            return;
        }
        if (kubelet.isRunning()) {
            considerRestart(i);
            if (r.kind == ContainerRecord.Kind.INIT && exitCode == 0) {
                initStepDone(i);
            }
            publish();
            if (r.kind == ContainerRecord.Kind.APP) {
                termination.finishIfAppContainersDone();
            }
        }
    }

    /** The restart policy's answer to a terminated container, with the kubelet's back-off. */
    void considerRestart(int i) {
        ContainerRecord r = containers.get(i);
        if (!r.isTerminated() || termination.isStopping()) {
            return;
        }
        boolean restart = RestartRules.shouldRestart(r.kind, pod.spec().restartPolicy(),
                r.state.terminated().exitCode(), r.restartAfterKill, termination.isStopping());
        r.restartAfterKill = false;
        if (!restart) {
            return;
        }
        CrashLoopBackOff backOff = backOffs.get(i);
        Instant finished = r.state.terminated().finishedAt();
        long finishedNanos = finished == null ? kernel.nanos()
                : Duration.between(kernel.epoch(), finished).toNanos();
        Duration wait = backOff.waitAfterFailure(finishedNanos, kernel.nanos());
        r.lastTerminated = r.state.terminated();
        if (wait.isZero()) {
            restartNow(i);
            return;
        }
        String key = r.spec.name() + " pod=" + pod.metadata().name() + "_" + pod.metadata().namespace() + "("
                + pod.metadata().uid() + ")";
        r.state = ContainerState.waiting("CrashLoopBackOff",
                "back-off " + GoDuration.format(backOff.delay()) + " restarting failed container=" + key);
        kubelet.recorder().warning(pod, "BackOff", "Back-off restarting failed container " + r.spec.name() + " in pod "
                + pod.metadata().name() + "_" + pod.metadata().namespace() + "(" + pod.metadata().uid() + ")");
        r.timers.add(kernel.schedule(wait, kubelet.component(), () -> {
            if (kubelet.isRunning()) {
                restartNow(i);
                publish();
            }
        }));
    }

    private void restartNow(int i) {
        ContainerRecord r = containers.get(i);
        backOffs.get(i).restarted(kernel.nanos());
        r.restartCount++;
        r.state = ContainerState.waiting("ContainerCreating", null);
        startContainer(i, false);
    }

    /** A kubelet that comes back: finishes what it could not do while stopped. */
    void resync() {
        if (termination.isStopping()) {
            termination.finishIfDone();
            return;
        }
        if (volumeRetry != null && !volumeRetry.isPending()) {
            start(); // a look at the volumes fell due while the kubelet was down
            return;
        }
        for (int i = 0; i < containers.size(); i++) {
            ContainerRecord r = containers.get(i);
            boolean timersIdle = r.timers.stream().noneMatch(io.ksim.kernel.Timer::isPending);
            if (r.state.waiting() != null && r.lastTerminated == null && !r.everCreated && timersIdle
                    && !ImageManager.ERR_IMAGE_NEVER_PULL.equals(r.state.waiting().reason())
                    && r.state.waiting().message() != null) {
                startContainer(i, false); // an image pull retry fell due while the kubelet was down
                continue;
            }
            // A back-off that fell due while the kubelet was down did nothing: decide again now.
            if (r.isTerminated() || (r.lastTerminated != null && r.state.waiting() != null
                    && r.timers.stream().noneMatch(io.ksim.kernel.Timer::isPending))) {
                r.cancelTimers();
                if (r.state.waiting() != null) {
                    r.state = ContainerState.terminated(r.lastTerminated);
                }
                considerRestart(i);
            }
        }
        publish();
    }

    /** The machine lost power: every process and timer is gone. */
    void powerLost() {
        gone = true;
        containers.forEach(ContainerRecord::cancelTimers);
        if (volumeRetry != null) {
            volumeRetry.cancel();
        }
    }

    boolean isGone() {
        return gone;
    }

    /** The pod is finished here: no more writes. */
    void markGone() {
        gone = true;
    }

    Kubelet kubelet() {
        return kubelet;
    }

    List<ContainerRecord> containers() {
        return containers;
    }

    void publish() {
        publish(false);
    }

    void publish(boolean terminal) {
        if (!kubelet.canWrite() || gone) {
            return;
        }
        Pod written = PodStatusWriter.write(kubelet, pod, containers, podIP, startTime, terminal);
        if (written == null) {
            return;
        }
        pod = written;
        if (PodPhase.isTerminal(written.status().phase()) && !terminal) {
            kubelet.releaseIP(this);
        }
    }
}
