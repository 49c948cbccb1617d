package io.ksim.api.meta;

import com.google.common.collect.ImmutableSortedMap;
import java.util.List;
import java.util.Map;
import java.util.SortedMap;

/**
 * The structured selector of the API (metav1.LabelSelector): matchLabels AND matchExpressions. An empty
 * selector matches everything; a null selector (absent field) matches nothing, as upstream.
 */
public record LabelSelector(SortedMap<String, String> matchLabels, List<LabelSelectorRequirement> matchExpressions) {

    public LabelSelector {
        matchLabels = matchLabels == null ? ImmutableSortedMap.of() : ImmutableSortedMap.copyOfSorted(matchLabels);
        matchExpressions = matchExpressions == null ? List.of() : List.copyOf(matchExpressions);
    }

    public static LabelSelector matchLabels(Map<String, String> labels) {
        return new LabelSelector(ImmutableSortedMap.copyOf(labels), List.of());
    }
}
