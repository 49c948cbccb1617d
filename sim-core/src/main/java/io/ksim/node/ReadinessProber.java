package io.ksim.node;

import io.ksim.api.core.Probe;
import io.ksim.kernel.Kernel;
import java.time.Duration;

/**
 * A container's readiness probe, as the kubelet's probe worker runs it: a tick at the container's start
 * and every periodSeconds after; ticks before initialDelaySeconds probe nothing; the container turns
 * ready after successThreshold consecutive successes and unready after failureThreshold consecutive
 * failures. A probe succeeds when the simulated application is ready (its image's {@code ready=} delay
 * has passed since the start).
 */
final class ReadinessProber {

    private final Kernel kernel;
    private final String component;
    private final Probe probe;
    private final ContainerRecord container;
    private final Runnable onChange;
    private final long startedNanos;
    private int successes;
    private int failures;

    ReadinessProber(Kernel kernel, String component, Probe probe, ContainerRecord container, Runnable onChange) {
        this.kernel = kernel;
        this.component = component;
        this.probe = probe;
        this.container = container;
        this.onChange = onChange;
        this.startedNanos = kernel.nanos();
    }

    void start() {
        tick();
    }

    private void tick() {
        long now = kernel.nanos();
        if (now >= startedNanos + seconds(probe.initialDelaySeconds(), 0).toNanos()) {
            if (applicationReady(now)) {
                failures = 0;
                successes++;
                if (!container.ready && successes >= orDefault(probe.successThreshold(), 1)) {
                    container.ready = true;
                    onChange.run();
                }
            } else {
                successes = 0;
                failures++;
                if (container.ready && failures >= orDefault(probe.failureThreshold(), 3)) {
                    container.ready = false;
                    onChange.run();
                }
            }
        }
        container.timers.add(kernel.schedule(seconds(probe.periodSeconds(), 10), component, this::tick));
    }

    private boolean applicationReady(long now) {
        Duration readyAfter = container.model.readyAfter();
        return readyAfter != null && now >= startedNanos + readyAfter.toNanos();
    }

    private static Duration seconds(Integer value, int dflt) {
        return Duration.ofSeconds(value == null || value == 0 ? dflt : value);
    }

    private static int orDefault(Integer value, int dflt) {
        return value == null || value == 0 ? dflt : value;
    }
}
