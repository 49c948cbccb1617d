package io.ksim.scheduler.plugins;

import java.util.List;

/**
 * How NodeResourcesFit scores a node from its requested and allocatable amounts (upstream
 * config.ScoringStrategy): LeastAllocated (the default), MostAllocated, or RequestedToCapacityRatio with
 * a piecewise-linear shape. Each resource has a weight; the default is cpu and memory, weight 1 each.
 *
 * @param type      one of {@link #LEAST_ALLOCATED}, {@link #MOST_ALLOCATED}, {@link #REQUESTED_TO_CAPACITY_RATIO}
 * @param resources the scored resources with their weights, in order
 * @param shape     for RequestedToCapacityRatio: (utilization 0..100, score 0..10) points in increasing
 *                  utilization; ignored otherwise
 */
public record ScoringStrategy(String type, List<ResourceWeight> resources, List<ShapePoint> shape) {

    public static final String LEAST_ALLOCATED = "LeastAllocated";
    public static final String MOST_ALLOCATED = "MostAllocated";
    public static final String REQUESTED_TO_CAPACITY_RATIO = "RequestedToCapacityRatio";

    /** upstream's default resources: cpu and memory, weight 1 each. */
    public static final List<ResourceWeight> DEFAULT_RESOURCES = List.of(new ResourceWeight("cpu", 1),
            new ResourceWeight("memory", 1));

    /** The default profile's strategy. */
    public static final ScoringStrategy DEFAULT = new ScoringStrategy(LEAST_ALLOCATED, DEFAULT_RESOURCES, List.of());

    /** A scored resource and its weight. */
    public record ResourceWeight(String name, long weight) {
    }

    /** One point of a RequestedToCapacityRatio shape. */
    public record ShapePoint(long utilization, long score) {
    }

    public ScoringStrategy {
        resources = List.copyOf(resources);
        shape = List.copyOf(shape);
    }

    public static ScoringStrategy mostAllocated() {
        return new ScoringStrategy(MOST_ALLOCATED, DEFAULT_RESOURCES, List.of());
    }

    public static ScoringStrategy requestedToCapacityRatio(List<ShapePoint> shape) {
        return new ScoringStrategy(REQUESTED_TO_CAPACITY_RATIO, DEFAULT_RESOURCES, shape);
    }
}
