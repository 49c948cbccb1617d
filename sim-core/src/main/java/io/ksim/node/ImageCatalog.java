package io.ksim.node;

import io.ksim.api.resource.Quantity;
import io.ksim.kernel.GoDuration;
import java.math.BigDecimal;
import java.time.Duration;
import java.util.Collections;
import java.util.Map;
import java.util.Objects;
import java.util.TreeMap;

/**
 * The images a simulation knows and how their containers behave. Everything is declared, nothing drawn at
 * random, so a pod's start-up times follow from the catalog alone.
 *
 * <p>An image is declared by one line: the reference, then {@code key=value} words in any order:
 * <pre>
 * nginx:1.25        size=70Mi start=500ms ready=2s
 * busybox:1.36      size=2Mi exit=0 after=5s          # a job's container: completes after 5 s
 * crasher:1         exit=1 after=3s                   # fails 3 s after each start
 * slowpoke:1        ready=never sigterm=ignore        # never ready; killed only after the grace period
 * </pre>
 * <ul>
 *   <li>{@code size} — a quantity (bytes); pull time = size / the catalog's bandwidth, in whole ms, rounded up;</li>
 *   <li>{@code start} — from Created to Started (default {@value #DEFAULT_START});</li>
 *   <li>{@code ready} — from start until the application is ready, or {@code never} (default 0s);</li>
 *   <li>{@code exit} and {@code after} — the process exits with that code that long after each start
 *       (default: runs until stopped);</li>
 *   <li>{@code sigterm=ignore} — the process ignores SIGTERM, so deletion waits the whole grace period;</li>
 *   <li>{@code healthy}, {@code unhealthy} — liveness and startup checks pass from {@code healthy} (default 0s)
 *       after each start until {@code unhealthy} (default never); readiness checks fail from {@code unhealthy} on;</li>
 *   <li>{@code respond} — how long every probe takes to answer (default 0s); slower than the probe's
 *       timeoutSeconds is a timeout;</li>
 *   <li>{@code pull} — {@code ok}, {@code fail} (no registry has it) or {@code fail:<n>} (the first n pulls on a
 *       node fail);</li>
 *   <li>{@code poststart}, {@code prestop} — how long an exec or httpGet hook takes, or {@code fail}.</li>
 * </ul>
 * Durations use Go syntax ({@code 1.5s}, {@code 300ms}, {@code 2m}). An image not declared behaves as
 * {@code size=10Mi start=1s}: it runs forever and is ready at once. References are normalized as the
 * container runtime does ({@code nginx} is {@code docker.io/library/nginx:latest}).
 */
public final class ImageCatalog {

    public static final String DEFAULT_START = "1s";
    public static final long DEFAULT_SIZE = 10L * 1024 * 1024;
    /** Default pull bandwidth: 10 MiB/s, so an undeclared image pulls in 1 s. */
    public static final long DEFAULT_BANDWIDTH = 10L * 1024 * 1024;

    private final long bandwidth;
    private final Map<String, ImageModel> models;

    private ImageCatalog(long bandwidth, Map<String, ImageModel> models) {
        this.bandwidth = bandwidth;
        this.models = Collections.unmodifiableMap(new TreeMap<>(models));
    }

    public static Builder builder() {
        return new Builder();
    }

    /** Bytes per second a node pulls at. */
    public long bandwidth() {
        return bandwidth;
    }

    /** The model of {@code image} (any spelling), or the default model when it was not declared. */
    public ImageModel model(String image) {
        String ref = normalize(image);
        ImageModel m = models.get(ref);
        return m != null ? m : ImageModel.of(ref, DEFAULT_SIZE, GoDuration.parse(DEFAULT_START));
    }

    public Duration pullTime(String image) {
        return model(image).pullTime(bandwidth);
    }

    /**
     * The runtime's full name of an image: registry docker.io, library/ for single names, tag latest.
     * {@code nginx:1.25} -> {@code docker.io/library/nginx:1.25}; digests are kept.
     */
    public static String normalize(String image) {
        Objects.requireNonNull(image, "image");
        String name = image;
        int slash = name.indexOf('/');
        String first = slash < 0 ? "" : name.substring(0, slash);
        boolean hasRegistry = slash >= 0 && (first.contains(".") || first.contains(":") || first.equals("localhost"));
        if (!hasRegistry) {
            name = "docker.io/" + (slash < 0 ? "library/" : "") + name;
        }
        int lastSlash = name.lastIndexOf('/');
        if (!name.contains("@") && name.indexOf(':', lastSlash) < 0) {
            name = name + ":latest";
        }
        return name;
    }

    /** Parses one declaration line (see the class comment); {@code #} starts a comment. */
    static ImageModel parseLine(String line) {
        String text = line.contains("#") ? line.substring(0, line.indexOf('#')) : line;
        String[] words = text.trim().split("\\s+");
        if (words.length == 0 || words[0].isEmpty()) {
            throw new IllegalArgumentException("empty image declaration");
        }
        long size = DEFAULT_SIZE;
        Duration start = GoDuration.parse(DEFAULT_START);
        Duration ready = Duration.ZERO;
        Integer exit = null;
        Duration after = null;
        boolean ignoreTerm = false;
        Duration healthy = Duration.ZERO;
        Duration unhealthy = null;
        Duration respond = Duration.ZERO;
        int failingPulls = 0;
        ImageModel.Hook postStart = ImageModel.Hook.INSTANT;
        ImageModel.Hook preStop = ImageModel.Hook.INSTANT;
        for (int i = 1; i < words.length; i++) {
            int eq = words[i].indexOf('=');
            if (eq < 0) {
                throw new IllegalArgumentException("expected key=value, got \"" + words[i] + "\" in: " + line);
            }
            String key = words[i].substring(0, eq);
            String value = words[i].substring(eq + 1);
            switch (key) {
                case "size" -> size = Quantity.parse(value).toBigDecimal().setScale(0, java.math.RoundingMode.CEILING)
                        .min(BigDecimal.valueOf(Long.MAX_VALUE / 1000)).longValueExact();
                case "start" -> start = duration(value);
                case "ready" -> ready = value.equals("never") ? null : duration(value);
                case "exit" -> exit = Integer.parseInt(value);
                case "after" -> after = duration(value);
                case "sigterm" -> {
                    if (!value.equals("ignore") && !value.equals("exit")) {
                        throw new IllegalArgumentException("sigterm must be ignore or exit: " + line);
                    }
                    ignoreTerm = value.equals("ignore");
                }
                case "healthy" -> healthy = duration(value);
                case "unhealthy" -> unhealthy = value.equals("never") ? null : duration(value);
                case "respond" -> respond = duration(value);
                case "pull" -> failingPulls = parsePull(value, line);
                case "poststart" -> postStart = parseHook(value);
                case "prestop" -> preStop = parseHook(value);
                default -> throw new IllegalArgumentException("unknown key \"" + key + "\" in: " + line);
            }
        }
        if (exit != null && after == null) {
            throw new IllegalArgumentException("exit needs after=<duration>: " + line);
        }
        if (exit == null && after != null) {
            throw new IllegalArgumentException("after needs exit=<code>: " + line);
        }
        return new ImageModel(normalize(words[0]), size, start, ready, exit, after, ignoreTerm,
                new ImageModel.Health(healthy, unhealthy, respond), failingPulls, postStart, preStop);
    }

    /** {@code ok}, {@code fail} (every pull fails) or {@code fail:<n>} (the first n pulls on a node fail). */
    private static int parsePull(String value, String line) {
        if (value.equals("ok")) {
            return 0;
        }
        if (value.equals("fail")) {
            return ImageModel.ALWAYS_FAILS;
        }
        if (value.startsWith("fail:")) {
            int n = Integer.parseInt(value.substring("fail:".length()));
            if (n >= 0) {
                return n;
            }
        }
        throw new IllegalArgumentException("pull must be ok, fail or fail:<count>: " + line);
    }

    /** A Go duration ({@code 1.5s}, {@code 300ms}, {@code 1m30s}, {@code 0}); a catalog's durations are never negative. */
    private static Duration duration(String value) {
        Duration d = GoDuration.parse(value);
        if (d.isNegative()) {
            throw new IllegalArgumentException("negative duration \"" + value + "\"");
        }
        return d;
    }

    /** A Go duration the hook takes, or {@code fail}: the handler fails at once. */
    private static ImageModel.Hook parseHook(String value) {
        return value.equals("fail") ? new ImageModel.Hook(Duration.ZERO, true)
                : new ImageModel.Hook(duration(value), false);
    }

    public static final class Builder {
        private long bandwidth = DEFAULT_BANDWIDTH;
        private final Map<String, ImageModel> models = new TreeMap<>();

        private Builder() {
        }

        /** Pull bandwidth of every node, in bytes per second. */
        public Builder bandwidth(long bytesPerSecond) {
            if (bytesPerSecond <= 0) {
                throw new IllegalArgumentException("bandwidth must be positive: " + bytesPerSecond);
            }
            bandwidth = bytesPerSecond;
            return this;
        }

        /** Declares an image by one line of the catalog syntax. */
        public Builder image(String declaration) {
            ImageModel m = parseLine(declaration);
            models.put(m.reference(), m);
            return this;
        }

        public Builder image(ImageModel model) {
            models.put(model.reference(), model);
            return this;
        }

        public ImageCatalog build() {
            return new ImageCatalog(bandwidth, models);
        }
    }
}
