package io.ksim.node;

import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.Set;
import java.util.TreeSet;

/**
 * A node's image store and its puller. Pulls are serialized, as with the kubelet's default
 * serializeImagePulls=true: a pull asked for while another runs waits for it, which is the
 * "including waiting" part of the Pulled event.
 */
final class ImagePuller {

    /** What a pull will take: when it ends, the transfer itself, and the whole wait. */
    record Pull(long endNanos, Duration pulling, Duration includingWaiting) {
    }

    private final ImageCatalog catalog;
    private final Set<String> present = new TreeSet<>();
    private long busyUntilNanos;
    /** Failed pull attempts per image on this node, for images declared with {@code pull=fail:<n>}. */
    private final Map<String, Integer> failedAttempts = new TreeMap<>();

    ImagePuller(ImageCatalog catalog, Set<String> initiallyPresent) {
        this.catalog = catalog;
        present.addAll(initiallyPresent);
    }

    boolean isPresent(String image) {
        return present.contains(ImageCatalog.normalize(image));
    }

    /** Books a pull of {@code image} asked for at {@code nowNanos}; the image is present from its end on. */
    Pull schedule(String image, long nowNanos) {
        long begin = Math.max(nowNanos, busyUntilNanos);
        Duration pulling = catalog.pullTime(image);
        long end = begin + pulling.toNanos();
        busyUntilNanos = end;
        return new Pull(end, pulling, Duration.ofNanos(end - nowNanos));
    }

    /** Counts a pull attempt of {@code image}; true if it fails (its model fails that many pulls still). */
    boolean attemptFails(String image) {
        String ref = ImageCatalog.normalize(image);
        int failed = failedAttempts.getOrDefault(ref, 0);
        if (failed >= catalog.model(image).failingPulls()) {
            return false;
        }
        failedAttempts.put(ref, failed + 1);
        return true;
    }

    void pulled(String image) {
        present.add(ImageCatalog.normalize(image));
    }

    /** A machine's power cycle loses no images, but a pull under way is gone. */
    void reset(long nowNanos) {
        busyUntilNanos = nowNanos;
    }

    List<String> images() {
        return List.copyOf(present);
    }
}
