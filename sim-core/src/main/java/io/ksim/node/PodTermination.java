package io.ksim.node;

import io.ksim.apiserver.ApiException;
import io.ksim.apiserver.DeleteOptions;
import io.ksim.apiserver.registry.BuiltinResources;
import java.time.Duration;
import java.util.List;

/**
 * How a pod's containers come to an end, in upstream's order (kuberuntime_termination_order.go): on a
 * graceful deletion every container but the sidecars is stopped at once (preStop, SIGTERM, SIGKILL after
 * the grace period); the sidecars then stop one after the other, last first, within what is left of the
 * grace period; then the kubelet writes the terminal status and deletes the pod with grace 0. A pod whose
 * app containers are done for good (not restarted) stops its sidecars the same way and stays, finished.
 */
final class PodTermination {

    private final PodWorker worker;
    /** A deletion is under way. */
    private boolean killing;
    /** The app containers are done for good: the sidecars are being stopped. */
    private boolean finishing;
    private long startedNanos;

    PodTermination(PodWorker worker) {
        this.worker = worker;
    }

    boolean isKilling() {
        return killing;
    }

    /** True while containers are being stopped for good (a deletion, or a finished pod's sidecars). */
    boolean isStopping() {
        return killing || finishing;
    }

    /** Graceful deletion: the non-sidecar containers first. */
    void kill() {
        killing = true;
        startedNanos = worker.kubelet().kernel().nanos();
        Duration grace = worker.podGracePeriod(null);
        List<ContainerRecord> containers = worker.containers();
        for (int i = 0; i < containers.size(); i++) {
            ContainerRecord r = containers.get(i);
            if (!r.stopping) {
                r.cancelTimers();
            }
            if (r.isRunning() && !r.stopping && r.kind != ContainerRecord.Kind.SIDECAR) {
                worker.kubelet().recorder().normal(worker.pod(), "Killing", "Stopping container " + r.spec.name());
                worker.stopContainer(i, grace);
            }
        }
        finishIfDone();
    }

    /** After an app container terminated: if none will run again, the sidecars have nothing left to serve. */
    void finishIfAppContainersDone() {
        for (ContainerRecord r : worker.containers()) {
            if (r.kind == ContainerRecord.Kind.APP && (!r.isTerminated() || !r.everCreated)) {
                return;
            }
        }
        finishing = true;
        startedNanos = worker.kubelet().kernel().nanos();
        finishIfDone();
    }

    /** Stops the next sidecar once everything else is down; deletes the pod when a deletion is complete. */
    void finishIfDone() {
        List<ContainerRecord> containers = worker.containers();
        for (ContainerRecord r : containers) {
            if (r.isRunning() && (r.kind != ContainerRecord.Kind.SIDECAR || r.stopping)) {
                return;
            }
        }
        for (int i = containers.size() - 1; i >= 0; i--) {
            ContainerRecord r = containers.get(i);
            if (r.kind == ContainerRecord.Kind.SIDECAR && r.isRunning()) {
                Duration left = worker.podGracePeriod(null)
                        .minusNanos(worker.kubelet().kernel().nanos() - startedNanos);
                worker.kubelet().recorder().normal(worker.pod(), "Killing", "Stopping container " + r.spec.name());
                worker.stopContainer(i, left.isNegative() ? Duration.ZERO : left);
                return;
            }
        }
        if (!killing) {
            worker.publish(); // a finished pod: its sidecars are down too
            return;
        }
        Kubelet kubelet = worker.kubelet();
        if (worker.isGone() || !kubelet.canWrite()) {
            return;
        }
        worker.publish(true);
        worker.markGone();
        try {
            kubelet.api().delete(BuiltinResources.PODS, worker.pod().metadata().namespace(),
                    worker.pod().metadata().name(), DeleteOptions.now());
        } catch (ApiException e) {
            if (e.code() != 404) {
                throw e;
            }
        }
        kubelet.forget(worker);
    }
}
