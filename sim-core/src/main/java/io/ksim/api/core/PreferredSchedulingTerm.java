package io.ksim.api.core;

/** A weighted node preference (core/v1 PreferredSchedulingTerm); weight 1-100. */
public record PreferredSchedulingTerm(int weight, NodeSelectorTerm preference) {

    public PreferredSchedulingTerm {
        preference = preference == null ? new NodeSelectorTerm(null, null) : preference;
    }
}
