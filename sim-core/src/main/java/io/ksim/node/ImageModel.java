package io.ksim.node;

import java.time.Duration;
import java.util.Objects;

/**
 * How one image behaves on a simulated node: its size (which, over the node's bandwidth, gives its pull
 * time), how long its container takes from Created to Started, and what the application then does.
 *
 * @param reference      normalized image reference, e.g. {@code docker.io/library/nginx:1.25}
 * @param sizeBytes      image size, reported in the Pulled event
 * @param startDelay     from creating the container to the process running
 * @param readyAfter     from start until the application is ready; null: never ready
 * @param exitCode       the code the process exits with; null: it runs until stopped
 * @param exitAfter      from start until the exit (when {@code exitCode} is set)
 * @param ignoresSigterm true if the process only stops at SIGKILL, after the pod's grace period
 */
public record ImageModel(String reference, long sizeBytes, Duration startDelay, Duration readyAfter,
        Integer exitCode, Duration exitAfter, boolean ignoresSigterm) {

    public ImageModel {
        Objects.requireNonNull(reference, "reference");
        Objects.requireNonNull(startDelay, "startDelay");
        if (sizeBytes < 0) {
            throw new IllegalArgumentException("size must not be negative: " + sizeBytes);
        }
        if (exitCode != null) {
            Objects.requireNonNull(exitAfter, "exitAfter");
        }
    }

    public boolean runsForever() {
        return exitCode == null;
    }

    /** Time to pull the image at {@code bytesPerSecond}, in whole milliseconds (rounded up). */
    public Duration pullTime(long bytesPerSecond) {
        long millis = (sizeBytes * 1000 + bytesPerSecond - 1) / bytesPerSecond;
        return Duration.ofMillis(millis);
    }
}
