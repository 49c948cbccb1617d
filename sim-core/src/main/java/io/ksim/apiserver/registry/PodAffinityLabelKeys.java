package io.ksim.apiserver.registry;

import io.ksim.api.core.Affinity;
import io.ksim.api.core.Pod;
import io.ksim.api.core.PodAffinity;
import io.ksim.api.core.PodAffinityTerm;
import io.ksim.api.core.PodAntiAffinity;
import io.ksim.api.core.WeightedPodAffinityTerm;
import io.ksim.api.meta.LabelSelector;
import io.ksim.api.meta.LabelSelectorRequirement;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/**
 * What the pod strategy does at creation with the {@code matchLabelKeys} and {@code mismatchLabelKeys} of pod
 * (anti-)affinity terms (upstream strategy.go applyMatchLabelKeysAndMismatchLabelKeys, feature
 * MatchLabelKeysInPodAffinity, beta and on by default in 1.32): for each key the new pod has a label for, the
 * term's labelSelector gets {@code key In [value]} (matchLabelKeys) or {@code key NotIn [value]}
 * (mismatchLabelKeys) appended to its matchExpressions. The key lists stay as written; a term without a
 * labelSelector is left alone; keys the pod has no label for add nothing. Pod templates are not changed, only
 * pods.
 *
 * <p>Example: a pod labelled {@code app=web, pod-template-hash=7c9f} with an anti-affinity term selecting
 * {@code app=web} and {@code matchLabelKeys: [pod-template-hash]} is stored with the selector
 * {@code app=web, pod-template-hash In [7c9f]}: it repels only pods of its own ReplicaSet.
 */
final class PodAffinityLabelKeys {

    private PodAffinityLabelKeys() {
    }

    static Pod apply(Pod pod) {
        Affinity a = pod.spec().affinity();
        if (a == null || (a.podAffinity() == null && a.podAntiAffinity() == null)) {
            return pod;
        }
        Map<String, String> labels = pod.metadata().labels();
        PodAffinity aff = a.podAffinity() == null ? null : new PodAffinity(
                required(a.podAffinity().requiredDuringSchedulingIgnoredDuringExecution(), labels),
                preferred(a.podAffinity().preferredDuringSchedulingIgnoredDuringExecution(), labels));
        PodAntiAffinity anti = a.podAntiAffinity() == null ? null : new PodAntiAffinity(
                required(a.podAntiAffinity().requiredDuringSchedulingIgnoredDuringExecution(), labels),
                preferred(a.podAntiAffinity().preferredDuringSchedulingIgnoredDuringExecution(), labels));
        Affinity merged = new Affinity(a.nodeAffinity(), aff, anti);
        return merged.equals(a) ? pod : pod.withSpec(pod.spec().toBuilder().affinity(merged).build());
    }

    private static List<PodAffinityTerm> required(List<PodAffinityTerm> terms, Map<String, String> labels) {
        if (terms == null) {
            return null;
        }
        List<PodAffinityTerm> out = new ArrayList<>(terms.size());
        for (PodAffinityTerm t : terms) {
            out.add(term(t, labels));
        }
        return out;
    }

    private static List<WeightedPodAffinityTerm> preferred(List<WeightedPodAffinityTerm> terms,
            Map<String, String> labels) {
        if (terms == null) {
            return null;
        }
        List<WeightedPodAffinityTerm> out = new ArrayList<>(terms.size());
        for (WeightedPodAffinityTerm t : terms) {
            out.add(new WeightedPodAffinityTerm(t.weight(), term(t.podAffinityTerm(), labels)));
        }
        return out;
    }

    /** upstream addMatchLabelKeysAndMismatchLabelKeys. */
    static PodAffinityTerm term(PodAffinityTerm t, Map<String, String> labels) {
        LabelSelector s = t == null ? null : t.labelSelector();
        if (s == null || (t.matchLabelKeys().isEmpty() && t.mismatchLabelKeys().isEmpty())) {
            return t;
        }
        List<LabelSelectorRequirement> exprs = new ArrayList<>(s.matchExpressions());
        for (String key : t.matchLabelKeys()) {
            String value = labels.get(key);
            if (value != null) {
                exprs.add(new LabelSelectorRequirement(key, LabelSelectorRequirement.IN, List.of(value)));
            }
        }
        for (String key : t.mismatchLabelKeys()) {
            String value = labels.get(key);
            if (value != null) {
                exprs.add(new LabelSelectorRequirement(key, LabelSelectorRequirement.NOT_IN, List.of(value)));
            }
        }
        if (exprs.size() == s.matchExpressions().size()) {
            return t;
        }
        return new PodAffinityTerm(new LabelSelector(s.matchLabels(), exprs), t.namespaces(), t.topologyKey(),
                t.namespaceSelector(), t.matchLabelKeys(), t.mismatchLabelKeys());
    }
}
