package io.ksim.scheduler.framework;

import io.ksim.api.core.Pod;
import io.ksim.api.core.PodAffinityTerm;
import io.ksim.api.selector.LabelSelector;
import io.ksim.api.selector.SelectorException;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import java.util.function.Function;

/**
 * A pod (anti-)affinity term parsed once (upstream framework.AffinityTerm / WeightedAffinityTerm): the
 * pods it selects, in which namespaces, over which topology key, with a weight for preferred terms.
 *
 * <p>Namespaces follow upstream's rule: the listed ones, plus those matching {@code namespaceSelector};
 * with neither, the namespace of the pod that owns the term. An empty namespaceSelector ({@code {}})
 * selects every namespace.
 *
 * @param namespaces        namespaces named in the term (or the owner's namespace)
 * @param namespaceSelector selector over namespace labels, or null when absent
 * @param selector          selector over pod labels; an absent labelSelector selects nothing
 * @param topologyKey       node label that defines the domain
 * @param weight            weight of a preferred term; 0 for required terms
 */
public record AffinityTerm(Set<String> namespaces, LabelSelector namespaceSelector, LabelSelector selector,
        String topologyKey, int weight) {

    /** Parses {@code term} owned by {@code owner}; a selector that does not parse selects nothing. */
    public static AffinityTerm of(Pod owner, PodAffinityTerm term, int weight) {
        Set<String> namespaces = new TreeSet<>(term.namespaces());
        LabelSelector nsSelector = term.namespaceSelector() == null ? null : parse(term.namespaceSelector());
        if (namespaces.isEmpty() && nsSelector == null) {
            namespaces.add(owner.metadata().namespace());
        }
        LabelSelector selector = term.labelSelector() == null ? LabelSelector.nothing() : parse(term.labelSelector());
        return new AffinityTerm(Set.copyOf(namespaces), nsSelector, selector, term.topologyKey(), weight);
    }

    private static LabelSelector parse(io.ksim.api.meta.LabelSelector s) {
        try {
            return LabelSelector.fromLabelSelector(s.matchLabels(), s.matchExpressions());
        } catch (SelectorException invalid) {
            return LabelSelector.nothing();
        }
    }

    /**
     * Whether {@code pod} is one of the pods this term selects (upstream AffinityTerm.Matches).
     * {@code namespaceLabels} gives a namespace's labels (empty if unknown).
     */
    public boolean matches(Pod pod, Function<String, Map<String, String>> namespaceLabels) {
        String ns = pod.metadata().namespace();
        boolean inNamespace = namespaces.contains(ns)
                || (namespaceSelector != null && namespaceSelector.matches(namespaceLabels.apply(ns)));
        return inNamespace && selector.matches(pod.metadata().labels());
    }
}
