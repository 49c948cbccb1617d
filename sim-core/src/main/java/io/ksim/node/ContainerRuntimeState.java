package io.ksim.node;

import io.ksim.kernel.GoDuration;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;

/**
 * What the kubelet knows of its container runtime's health (upstream pkg/kubelet/runtime.go runtimeState and the
 * generic PLEG's health check). Two loops of the kubelet process talk to the runtime: the runtime status check
 * (updateRuntimeUp, every 5 s from the process start) and the PLEG relist (every second). Each success stamps a
 * time; while the runtime is stopped neither succeeds. The errors the kubelet reports are derived from those
 * stamps: "container runtime is down" once the last good check is 30 s old (maxWaitForContainerRuntime), and
 * "PLEG is not healthy: pleg was last seen active X ago; threshold is 3m0s" once the last good relist is more
 * than 3 minutes old. The loops are not run as timers: their last success is computed from the grid of their
 * ticks, which gives the same stamps.
 */
final class ContainerRuntimeState {

    /** How often the kubelet checks the runtime's status (updateRuntimeUp). */
    static final Duration RUNTIME_CHECK_PERIOD = Duration.ofSeconds(5);
    /** How old the last good check may be before the runtime counts as down (maxWaitForContainerRuntime). */
    static final Duration RUNTIME_SYNC_THRESHOLD = Duration.ofSeconds(30);
    /** How often the generic PLEG relists the runtime's pods. */
    static final Duration PLEG_RELIST_PERIOD = Duration.ofSeconds(1);
    /** How old the last relist may be before PLEG counts as unhealthy. */
    static final Duration PLEG_RELIST_THRESHOLD = Duration.ofMinutes(3);

    static final String NOT_COMPLETED = "container runtime status check may not have completed yet";
    static final String DOWN = "container runtime is down";
    static final String PLEG_NEVER = "PLEG is not healthy: pleg has yet to be successful";

    private static final long NONE = -1;

    /** When the current kubelet process started; its loops tick from there. */
    private long processStart;
    /** When the runtime stopped, or NONE while it runs. */
    private long downSince = NONE;
    /** When the runtime last came back, or NONE if it never stopped in this process's life. */
    private long upSince = NONE;
    /** The last good status check and relist before the runtime went down (NONE: none in this process). */
    private long carriedCheck = NONE;
    private long carriedRelist = NONE;
    /** Pod synchronization waits for the first good status check after the runtime comes back. */
    private long podSyncResumesAt = NONE;

    boolean isDown() {
        return downSince != NONE;
    }

    long podSyncResumesAt() {
        return podSyncResumesAt;
    }

    /** A new kubelet process: its loops start now and remember nothing of the previous one. */
    void processStarted(long now) {
        processStart = now;
        upSince = NONE;
        carriedCheck = NONE;
        carriedRelist = NONE;
    }

    /** The machine reboots: the runtime starts with it. */
    void reboot() {
        downSince = NONE;
        podSyncResumesAt = NONE;
    }

    void stop(long now) {
        carriedCheck = lastSuccess(now - 1, RUNTIME_CHECK_PERIOD.toNanos(), carriedCheck);
        carriedRelist = lastSuccess(now - 1, PLEG_RELIST_PERIOD.toNanos(), carriedRelist);
        downSince = now;
    }

    void start(long now) {
        downSince = NONE;
        upSince = now;
        podSyncResumesAt = nextCheck(now);
    }

    /** The first status-check tick at or after {@code now}. */
    long nextCheck(long now) {
        long period = RUNTIME_CHECK_PERIOD.toNanos();
        long last = lastTick(now, period);
        return last == now ? now : last + period;
    }

    /**
     * The runtime errors the kubelet reports at {@code now}, joined as upstream's error aggregate prints them
     * (one error alone, several as "[a, b]"), or null when there are none.
     */
    String errors(long now) {
        List<String> errs = new ArrayList<>();
        long check = lastSuccess(now, RUNTIME_CHECK_PERIOD.toNanos(), carriedCheck);
        if (check == NONE) {
            errs.add(NOT_COMPLETED);
        } else if (check + RUNTIME_SYNC_THRESHOLD.toNanos() <= now) {
            errs.add(DOWN);
        }
        long relist = lastSuccess(now, PLEG_RELIST_PERIOD.toNanos(), carriedRelist);
        if (relist == NONE) {
            errs.add(PLEG_NEVER);
        } else if (now - relist > PLEG_RELIST_THRESHOLD.toNanos()) {
            errs.add("PLEG is not healthy: pleg was last seen active " + GoDuration.format(Duration.ofNanos(now - relist))
                    + " ago; threshold is " + GoDuration.format(PLEG_RELIST_THRESHOLD));
        }
        if (errs.isEmpty()) {
            return null;
        }
        return errs.size() == 1 ? errs.get(0) : "[" + String.join(", ", errs) + "]";
    }

    /** The last tick of a loop with this period at or before {@code now} that found the runtime up. */
    private long lastSuccess(long now, long period, long carried) {
        if (downSince != NONE) {
            return carried;
        }
        long tick = lastTick(now, period);
        long from = upSince == NONE ? processStart : Math.max(processStart, upSince);
        return tick != NONE && tick >= from ? tick : carried;
    }

    private long lastTick(long now, long period) {
        if (now < processStart) {
            return NONE;
        }
        return processStart + (now - processStart) / period * period;
    }
}
