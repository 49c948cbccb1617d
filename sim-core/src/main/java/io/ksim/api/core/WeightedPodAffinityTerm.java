package io.ksim.api.core;

/** A weighted pod (anti-)affinity preference (core/v1 WeightedPodAffinityTerm); weight 1-100. */
public record WeightedPodAffinityTerm(int weight, PodAffinityTerm podAffinityTerm) {

    public WeightedPodAffinityTerm {
        podAffinityTerm = podAffinityTerm == null
                ? new PodAffinityTerm(null, null, null, null, null, null) : podAffinityTerm;
    }
}
