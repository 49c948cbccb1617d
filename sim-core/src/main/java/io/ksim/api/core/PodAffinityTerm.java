package io.ksim.api.core;

import io.ksim.api.meta.LabelSelector;
import java.util.List;

/**
 * A set of pods and a topology domain (core/v1 PodAffinityTerm). Namespaces: the listed ones plus those
 * matching {@code namespaceSelector}; both absent means the pod's own namespace, while an empty selector
 * ({@code {}}) means all namespaces. {@code matchLabelKeys} and {@code mismatchLabelKeys} add the incoming
 * pod's label values to the selector.
 */
public record PodAffinityTerm(LabelSelector labelSelector, List<String> namespaces, String topologyKey,
        LabelSelector namespaceSelector, List<String> matchLabelKeys, List<String> mismatchLabelKeys) {

    public PodAffinityTerm {
        namespaces = namespaces == null ? List.of() : List.copyOf(namespaces);
        matchLabelKeys = matchLabelKeys == null ? List.of() : List.copyOf(matchLabelKeys);
        mismatchLabelKeys = mismatchLabelKeys == null ? List.of() : List.copyOf(mismatchLabelKeys);
    }
}
