package io.ksim.controller.daemon;

import io.ksim.api.apps.DaemonSet;
import io.ksim.api.core.Pod;
import io.ksim.api.core.PodSpec;
import io.ksim.api.meta.ObjectMeta;
import io.ksim.controller.ControllerUtils;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

/** Daemon pods: how they are made (upstream CreatePodTemplate plus syncNodes) and which one is current. */
final class DaemonPods {

    /** Oldest first, then by name (upstream podByCreationTimestampAndPhase without the phase tie-break). */
    static final Comparator<Pod> OLDEST_FIRST = Comparator
            .comparing((Pod p) -> p.metadata().creationTimestamp(), Comparator.nullsLast(Comparator.naturalOrder()))
            .thenComparing(p -> p.metadata().name());

    /** The annotation apps/v1 DaemonSets carry their template generation in. */
    static final String TEMPLATE_GENERATION_ANNOTATION = "deprecated.daemonset.template.generation";

    private DaemonPods() {
    }

    /**
     * The daemon pod for {@code nodeName}: the template with the revision hash and template generation labels,
     * the daemon tolerations, and a required node affinity on {@code metadata.name} naming the node.
     */
    static Pod newPod(DaemonSet ds, String nodeName, String hash) {
        Pod fromTemplate = ControllerUtils.podFromTemplate(ds.spec().template(), ds);
        Map<String, String> labels = new TreeMap<>(fromTemplate.metadata().labels());
        labels.put(DaemonSetController.REVISION_LABEL, hash);
        String generation = templateGeneration(ds);
        if (generation != null) {
            labels.put(DaemonSetController.TEMPLATE_GENERATION_LABEL, generation);
        }
        ObjectMeta meta = fromTemplate.metadata().withLabels(labels);
        PodSpec t = fromTemplate.spec();
        PodSpec spec = t.toBuilder().tolerations(DaemonPlacement.withDaemonTolerations(t))
                .affinity(DaemonPlacement.pinned(t.affinity(), nodeName)).build();
        return Pod.of(meta, spec);
    }

    /** Upstream IsPodUpdated: the pod carries the current hash (or, for old pods, the current generation). */
    static boolean isUpdated(DaemonSet ds, Pod pod, String hash) {
        Map<String, String> labels = pod.metadata().labels();
        boolean hashMatches = hash != null && hash.equals(labels.get(DaemonSetController.REVISION_LABEL));
        String generation = templateGeneration(ds);
        boolean generationMatches = generation != null
                && generation.equals(labels.get(DaemonSetController.TEMPLATE_GENERATION_LABEL));
        return hashMatches || generationMatches;
    }

    /**
     * Upstream GetTemplateGeneration: the {@value #TEMPLATE_GENERATION_ANNOTATION} annotation. ksim's API server
     * does not keep that annotation yet, so without it the object's generation stands in (it also moves
     * on spec changes outside the template).
     */
    static String templateGeneration(DaemonSet ds) {
        String annotated = ds.metadata().annotations().get(TEMPLATE_GENERATION_ANNOTATION);
        if (annotated != null) {
            return annotated;
        }
        return ds.metadata().generation() == null ? null : Long.toString(ds.metadata().generation());
    }

    static List<Pod> oldestFirst(List<Pod> pods) {
        return pods.stream().sorted(OLDEST_FIRST).toList();
    }
}
