package io.ksim.scheduler.framework;

import io.ksim.api.core.Affinity;
import io.ksim.api.core.Pod;
import io.ksim.api.core.PodAffinityTerm;
import io.ksim.api.core.WeightedPodAffinityTerm;
import java.util.ArrayList;
import java.util.List;

/**
 * A pod with what the scheduler derives from it once rather than per node (upstream framework.PodInfo):
 * its requests, its non-zero requests for scoring, its priority and its parsed affinity terms.
 *
 * @param pod                      the pod as last seen
 * @param priority                 its resolved priority (spec.priority, else its class's value, else 0)
 * @param requests                 requests as NodeResourcesFit's filter counts them
 * @param nonZeroRequests          requests with the scoring defaults (100m cpu, 200Mi memory)
 * @param requiredAffinity         required pod affinity terms
 * @param requiredAntiAffinity     required pod anti-affinity terms
 * @param preferredAffinity        preferred pod affinity terms with weights
 * @param preferredAntiAffinity    preferred pod anti-affinity terms with weights
 * @param key                      {@code namespace/name}, made once: the queue, the cache and the nominator
 *                                 key their maps by it several times per cycle
 */
public record PodInfo(Pod pod, int priority, Resource requests, Resource nonZeroRequests,
        List<AffinityTerm> requiredAffinity, List<AffinityTerm> requiredAntiAffinity,
        List<AffinityTerm> preferredAffinity, List<AffinityTerm> preferredAntiAffinity, String key) {

    /** Derives everything from {@code pod}, with {@code priority} already resolved. */
    public static PodInfo of(Pod pod, int priority) {
        Affinity a = pod.spec().affinity();
        List<PodAffinityTerm> reqAff = a == null || a.podAffinity() == null ? List.of()
                : a.podAffinity().requiredDuringSchedulingIgnoredDuringExecution();
        List<PodAffinityTerm> reqAnti = a == null || a.podAntiAffinity() == null ? List.of()
                : a.podAntiAffinity().requiredDuringSchedulingIgnoredDuringExecution();
        List<WeightedPodAffinityTerm> prefAff = a == null || a.podAffinity() == null ? List.of()
                : a.podAffinity().preferredDuringSchedulingIgnoredDuringExecution();
        List<WeightedPodAffinityTerm> prefAnti = a == null || a.podAntiAffinity() == null ? List.of()
                : a.podAntiAffinity().preferredDuringSchedulingIgnoredDuringExecution();
        return new PodInfo(pod, priority, PodRequests.of(pod.spec()), PodRequests.nonZero(pod.spec()),
                required(pod, reqAff), required(pod, reqAnti), weighted(pod, prefAff), weighted(pod, prefAnti),
                pod.metadata().namespace() + "/" + pod.metadata().name());
    }

    /** A pod at priority 0, or at {@code spec.priority} when set; for tests and fixtures. */
    public static PodInfo of(Pod pod) {
        Integer p = pod.spec().priority();
        return of(pod, p == null ? 0 : p);
    }

    private static List<AffinityTerm> required(Pod pod, List<PodAffinityTerm> terms) {
        List<AffinityTerm> out = new ArrayList<>(terms.size());
        for (PodAffinityTerm t : terms) {
            out.add(AffinityTerm.of(pod, t, 0));
        }
        return List.copyOf(out);
    }

    private static List<AffinityTerm> weighted(Pod pod, List<WeightedPodAffinityTerm> terms) {
        List<AffinityTerm> out = new ArrayList<>(terms.size());
        for (WeightedPodAffinityTerm t : terms) {
            out.add(AffinityTerm.of(pod, t.podAffinityTerm(), t.weight()));
        }
        return List.copyOf(out);
    }

    public boolean hasAffinityTerms() {
        return !requiredAffinity.isEmpty() || !requiredAntiAffinity.isEmpty() || !preferredAffinity.isEmpty()
                || !preferredAntiAffinity.isEmpty();
    }

    public boolean hasRequiredAntiAffinity() {
        return !requiredAntiAffinity.isEmpty();
    }
}
