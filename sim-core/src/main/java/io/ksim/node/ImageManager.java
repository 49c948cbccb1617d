package io.ksim.node;

import io.ksim.api.core.Container;
import io.ksim.api.core.Pod;
import io.ksim.api.core.PullPolicy;
import io.ksim.kernel.GoDuration;
import io.ksim.kernel.Kernel;
import io.ksim.kernel.Timer;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.function.Consumer;

/**
 * The kubelet's image manager (upstream pkg/kubelet/images/image_manager.go EnsureImageExists): decides per
 * pull policy whether to pull, pulls through the node's serialized {@link ImagePuller}, and keeps the image
 * back-off per pod and image: after a failed pull the next attempt waits 10 s, doubling to 300 s
 * (flowcontrol.Backoff, the same numbers as the CrashLoopBackOff); an attempt inside the back-off is
 * {@code ImagePullBackOff} without pulling.
 *
 * <p>Outcomes and events, as upstream:
 * <pre>
 * present (IfNotPresent)  Normal Pulled  Container image "x" already present on machine
 * missing (Never)         Warning ErrImageNeverPull  Container image "x" is not present with pull policy of Never
 * pull                    Normal Pulling  Pulling image "x", then Normal Pulled  Successfully pulled image "x" in ...
 * failed pull             Warning Failed  Failed to pull image "x": &lt;error&gt;          -> ErrImagePull
 * inside the back-off     Normal BackOff  Back-off pulling image "x"                    -> ImagePullBackOff
 * </pre>
 * The ImagePullBackOff message repeats the last pull error: {@code Back-off pulling image "x": ErrImagePull:
 * <error>} (upstream since 1.32). Images are named as the pod names them, {@code :latest} added when untagged.
 */
final class ImageManager {

    /** What {@link #ensureImageExists} ended with: ok, or the waiting reason and message of the container. */
    record Outcome(String reason, String message) {
        static final Outcome OK = new Outcome(null, null);

        boolean ok() {
            return reason == null;
        }
    }

    static final String ERR_IMAGE_PULL = "ErrImagePull";
    static final String IMAGE_PULL_BACK_OFF = "ImagePullBackOff";
    static final String ERR_IMAGE_NEVER_PULL = "ErrImageNeverPull";

    private final Kernel kernel;
    private final String component;
    private final KubeletEvents recorder;
    private final ImagePuller puller;
    private final ImageCatalog catalog;
    /** Back-off per "podUID_image", as upstream keys it; sorted so no iteration order depends on hashing. */
    private final Map<String, CrashLoopBackOff> backOffs = new TreeMap<>();
    /** The last pull error per back-off key, which the ImagePullBackOff message repeats (since 1.32). */
    private final Map<String, String> lastErrors = new TreeMap<>();

    ImageManager(Kernel kernel, String component, KubeletEvents recorder, ImagePuller puller, ImageCatalog catalog) {
        this.kernel = kernel;
        this.component = component;
        this.recorder = recorder;
        this.puller = puller;
        this.catalog = catalog;
    }

    /**
     * Makes {@code container}'s image present for {@code pod}, then calls {@code done} (at once, or when the
     * pull ends; the pull's timer goes to {@code timers} so that a kill cancels it).
     */
    void ensureImageExists(Pod pod, Container container, List<Timer> timers, Consumer<Outcome> done) {
        String image = withDefaultTag(container.image());
        String policy = container.imagePullPolicy() == null ? PullPolicy.IF_NOT_PRESENT : container.imagePullPolicy();
        boolean present = puller.isPresent(image);
        if (!PullPolicy.ALWAYS.equals(policy) && present) {
            recorder.normal(pod, "Pulled", "Container image \"" + image + "\" already present on machine");
            done.accept(Outcome.OK);
            return;
        }
        if (PullPolicy.NEVER.equals(policy)) {
            String message = "Container image \"" + image + "\" is not present with pull policy of Never";
            recorder.warning(pod, ERR_IMAGE_NEVER_PULL, message);
            done.accept(new Outcome(ERR_IMAGE_NEVER_PULL, message));
            return;
        }
        String key = pod.metadata().uid() + "_" + image;
        CrashLoopBackOff backOff = backOffs.get(key);
        if (backOff != null && backOff.inBackOffSinceUpdate(kernel.nanos())) {
            String message = "Back-off pulling image \"" + image + "\"";
            recorder.normal(pod, "BackOff", message);
            String previous = lastErrors.get(key);
            done.accept(new Outcome(IMAGE_PULL_BACK_OFF, previous == null ? message : message + ": " + previous));
            return;
        }
        lastErrors.remove(key);
        recorder.normal(pod, "Pulling", "Pulling image \"" + image + "\"");
        if (puller.attemptFails(image)) {
            // Resolving a reference no registry has fails at once, without holding the node's pull slot.
            String error = notFound(ImageCatalog.normalize(image));
            recorder.warning(pod, "Failed", "Failed to pull image \"" + image + "\": " + error);
            backOffs.computeIfAbsent(key, k -> new CrashLoopBackOff()).restarted(kernel.nanos());
            lastErrors.put(key, ERR_IMAGE_PULL + ": " + error);
            done.accept(new Outcome(ERR_IMAGE_PULL, error));
            return;
        }
        ImagePuller.Pull pull = puller.schedule(image, kernel.nanos());
        timers.add(kernel.scheduleAtNanos(pull.endNanos(), component, () -> {
            puller.pulled(image);
            recorder.normal(pod, "Pulled", "Successfully pulled image \"" + image + "\" in "
                    + GoDuration.format(pull.pulling()) + " (" + GoDuration.format(pull.includingWaiting())
                    + " including waiting). Image size: " + catalog.model(image).sizeBytes() + " bytes.");
            done.accept(Outcome.OK);
        }));
    }

    /** The reference as the kubelet names it in events: {@code :latest} added when it has no tag or digest. */
    static String withDefaultTag(String image) {
        int lastSlash = image.lastIndexOf('/');
        return image.contains("@") || image.indexOf(':', lastSlash + 1) >= 0 ? image : image + ":latest";
    }

    /** containerd's error for a reference its registry does not have, as the CRI returns it. */
    static String notFound(String reference) {
        return "rpc error: code = NotFound desc = failed to pull and unpack image \"" + reference
                + "\": failed to resolve reference \"" + reference + "\": " + reference + ": not found";
    }
}
