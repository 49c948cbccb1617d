package io.ksim.node;

import java.time.Duration;
import java.util.Objects;

/**
 * How one image behaves on a simulated node: its size (which, over the node's bandwidth, gives its pull
 * time), whether pulls of it fail, how long its container takes from Created to Started, and what the
 * application then does: when it is ready, how its health checks answer, when it exits, how its lifecycle
 * hooks behave.
 *
 * @param reference      normalized image reference, e.g. {@code docker.io/library/nginx:1.25}
 * @param sizeBytes      image size, reported in the Pulled event
 * @param startDelay     from creating the container to the process running
 * @param readyAfter     from start until the application is ready (readiness probes pass); null: never ready
 * @param exitCode       the code the process exits with; null: it runs until stopped
 * @param exitAfter      from start until the exit (when {@code exitCode} is set)
 * @param ignoresSigterm true if the process only stops at SIGKILL, after the grace period
 * @param health         how the application answers probes (see {@link Health})
 * @param failingPulls   how many pulls of the image fail on each node before one succeeds;
 *                       {@link #ALWAYS_FAILS} for an image no registry has
 * @param postStart      the postStart hook's behaviour (exec and httpGet handlers)
 * @param preStop        the preStop hook's behaviour (exec and httpGet handlers)
 */
public record ImageModel(String reference, long sizeBytes, Duration startDelay, Duration readyAfter,
        Integer exitCode, Duration exitAfter, boolean ignoresSigterm, Health health, int failingPulls,
        Hook postStart, Hook preStop) {

    /** {@link #failingPulls} of an image that can never be pulled. */
    public static final int ALWAYS_FAILS = Integer.MAX_VALUE;

    /**
     * The application's health endpoint: it passes liveness and startup checks from {@code healthyAfter}
     * after each start until {@code unhealthyAfter} (null: for good), and every probe of it takes
     * {@code response}; a response slower than the probe's timeoutSeconds is a timeout.
     */
    public record Health(Duration healthyAfter, Duration unhealthyAfter, Duration response) {

        /** Healthy at once, for good, answering at once. */
        public static final Health ALWAYS = new Health(Duration.ZERO, null, Duration.ZERO);

        public Health {
            Objects.requireNonNull(healthyAfter, "healthyAfter");
            Objects.requireNonNull(response, "response");
        }

        /** Whether a health check {@code sinceStart} after the start passes. */
        public boolean isHealthy(Duration sinceStart) {
            return sinceStart.compareTo(healthyAfter) >= 0
                    && (unhealthyAfter == null || sinceStart.compareTo(unhealthyAfter) < 0);
        }
    }

    /** A lifecycle hook handler's run: how long it takes and whether it fails. */
    public record Hook(Duration duration, boolean fails) {

        /** Instant success. */
        public static final Hook INSTANT = new Hook(Duration.ZERO, false);

        public Hook {
            Objects.requireNonNull(duration, "duration");
        }
    }

    public ImageModel {
        Objects.requireNonNull(reference, "reference");
        Objects.requireNonNull(startDelay, "startDelay");
        health = health == null ? Health.ALWAYS : health;
        postStart = postStart == null ? Hook.INSTANT : postStart;
        preStop = preStop == null ? Hook.INSTANT : preStop;
        if (sizeBytes < 0) {
            throw new IllegalArgumentException("size must not be negative: " + sizeBytes);
        }
        if (failingPulls < 0) {
            throw new IllegalArgumentException("failing pulls must not be negative: " + failingPulls);
        }
        if (exitCode != null) {
            Objects.requireNonNull(exitAfter, "exitAfter");
        }
    }

    /** A well-behaved image: pulls, starts in {@code startDelay}, is ready and healthy at once, runs forever. */
    public static ImageModel of(String reference, long sizeBytes, Duration startDelay) {
        return new ImageModel(reference, sizeBytes, startDelay, Duration.ZERO, null, null, false, Health.ALWAYS, 0,
                Hook.INSTANT, Hook.INSTANT);
    }

    public boolean runsForever() {
        return exitCode == null;
    }

    /** Whether the application passes a readiness check {@code sinceStart} after its start. */
    public boolean isReady(Duration sinceStart) {
        return readyAfter != null && sinceStart.compareTo(readyAfter) >= 0
                && (health.unhealthyAfter() == null || sinceStart.compareTo(health.unhealthyAfter()) < 0);
    }

    /** Time to pull the image at {@code bytesPerSecond}, in whole milliseconds (rounded up). */
    public Duration pullTime(long bytesPerSecond) {
        long millis = (sizeBytes * 1000 + bytesPerSecond - 1) / bytesPerSecond;
        return Duration.ofMillis(millis);
    }
}
