package io.ksim.controller;

import io.ksim.api.core.Pod;
import io.ksim.api.core.PodConditions;
import io.ksim.api.core.PodTemplateSpec;
import io.ksim.api.meta.KubeObject;
import io.ksim.api.meta.LabelSelector;
import io.ksim.api.meta.ObjectMeta;
import io.ksim.api.meta.OwnerReference;
import io.ksim.controller.hash.DumpForHash;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.function.IntPredicate;

/**
 * Helpers every workload controller shares (upstream pkg/controller/controller_utils.go): active pods,
 * selectors, controller references, the template hash, pods from templates and slow-start batches.
 */
public final class ControllerUtils {

    /** Upstream SlowStartInitialBatchSize: the first batch of creates is one pod. */
    public static final int SLOW_START_INITIAL_BATCH_SIZE = 1;

    /** apimachinery util/rand's alphabet: no vowels, no 0, 1, 3, so no words and no look-alikes. */
    static final String ALPHANUMS = "bcdfghjklmnpqrstvwxz2456789";

    private ControllerUtils() {
    }

    /** A pod counts for its controller unless it finished or is being deleted (upstream IsPodActive). */
    public static boolean isPodActive(Pod pod) {
        return !PodConditions.isPodTerminal(pod) && pod.metadata().deletionTimestamp() == null;
    }

    public static List<Pod> filterActivePods(List<Pod> pods) {
        return pods.stream().filter(ControllerUtils::isPodActive).toList();
    }

    /** The API selector as a matcher; a null selector matches nothing, an empty one everything. */
    public static io.ksim.api.selector.LabelSelector selector(LabelSelector s) {
        if (s == null) {
            return io.ksim.api.selector.LabelSelector.nothing();
        }
        return io.ksim.api.selector.LabelSelector.fromLabelSelector(s.matchLabels(), s.matchExpressions());
    }

    /** The controller reference {@code owner} puts on what it creates (metav1.NewControllerRef). */
    public static OwnerReference controllerRef(KubeObject owner) {
        ObjectMeta m = owner.metadata();
        return OwnerReference.controllerOf(owner.apiVersion(), owner.kind(), m.name(), m.uid());
    }

    /** Whether {@code obj} is controlled by the object with {@code uid}. */
    public static boolean isControlledBy(KubeObject obj, String uid) {
        OwnerReference ref = obj.metadata().controllerRef();
        return ref != null && ref.uid().equals(uid);
    }

    /**
     * A pod made from {@code template} for {@code owner} (upstream GetPodFromTemplate): labels, annotations
     * and finalizers of the template, its spec, a generateName {@code <owner>-} and the controller reference.
     */
    public static Pod podFromTemplate(PodTemplateSpec template, KubeObject owner) {
        ObjectMeta t = template.metadata();
        ObjectMeta meta = ObjectMeta.builder().namespace(owner.metadata().namespace())
                .generateName(owner.metadata().name() + "-").labels(t.labels()).annotations(t.annotations())
                .finalizers(t.finalizers()).ownerReferences(List.of(controllerRef(owner))).build();
        return Pod.of(meta, template.spec());
    }

    /**
     * The hash of a pod template (upstream ComputeHash): FNV-32a over {@link DumpForHash} of the template,
     * then, when the collision count is set, eight bytes: the count as a little-endian uint32 and four zero
     * bytes (upstream writes a uint32 into an eight-byte buffer). The sum is printed in decimal and mapped
     * through {@link #safeEncodeString}. For {@code kubectl create deployment nginx --image=nginx} this is
     * {@code 5869d7778c}, the ReplicaSet a v1.32 cluster names {@code nginx-5869d7778c}.
     */
    public static String computeHash(PodTemplateSpec template, Integer collisionCount) {
        int hash = 0x811c9dc5;
        for (byte b : DumpForHash.podTemplateSpec(template).getBytes(StandardCharsets.UTF_8)) {
            hash = fnvStep(hash, b);
        }
        if (collisionCount != null) {
            int c = collisionCount;
            for (int i = 0; i < 8; i++) {
                hash = fnvStep(hash, i < 4 ? (byte) (c >>> (8 * i)) : 0);
            }
        }
        return safeEncodeString(Long.toString(Integer.toUnsignedLong(hash)));
    }

    private static int fnvStep(int hash, byte b) {
        return (hash ^ (b & 0xff)) * 0x01000193;
    }

    /**
     * Maps each byte of {@code s} to the alphabet {@code bcdfghjklmnpqrstvwxz2456789} (upstream
     * rand.SafeEncodeString), so "1234" becomes "5678": hashes cannot spell words.
     */
    public static String safeEncodeString(String s) {
        StringBuilder out = new StringBuilder(s.length());
        for (byte b : s.getBytes(StandardCharsets.UTF_8)) {
            out.append(ALPHANUMS.charAt((b & 0xff) % ALPHANUMS.length()));
        }
        return out.toString();
    }

    /**
     * Runs {@code count} calls of {@code fn} in batches of 1, 2, 4, ... (upstream slowStartBatch): a
     * batch runs whole, and no further batch starts after one with a failure. {@code fn} gets the call's
     * index and says whether it succeeded. Returns the successes; the calls never attempted are
     * {@code count} minus the calls made, which the caller learns from {@link BatchResult#attempted()}.
     */
    public static BatchResult slowStartBatch(int count, int initialBatchSize, IntPredicate fn) {
        int remaining = count;
        int successes = 0;
        int attempted = 0;
        List<Integer> batches = new ArrayList<>();
        for (int batch = Math.min(remaining, initialBatchSize); batch > 0; batch = Math.min(2 * batch, remaining)) {
            batches.add(batch);
            int errors = 0;
            for (int i = 0; i < batch; i++) {
                if (fn.test(attempted++)) {
                    successes++;
                } else {
                    errors++;
                }
            }
            if (errors > 0) {
                return new BatchResult(successes, attempted, batches);
            }
            remaining -= batch;
        }
        return new BatchResult(successes, attempted, batches);
    }

    /** The outcome of {@link #slowStartBatch}: successes, calls attempted, and the batch sizes run. */
    public record BatchResult(int successes, int attempted, List<Integer> batches) {
    }
}
