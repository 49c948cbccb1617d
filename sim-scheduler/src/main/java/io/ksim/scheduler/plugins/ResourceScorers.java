package io.ksim.scheduler.plugins;

import io.ksim.scheduler.framework.ScorePlugin;
import java.util.List;

/**
 * The per-resource formulas of NodeResourcesFit's strategies (upstream least_allocated.go,
 * most_allocated.go, requested_to_capacity_ratio.go). All arithmetic is integer and truncates, as Go's.
 */
public final class ResourceScorers {

    /** upstream MaxCustomPriorityScore: shape scores are 0..10 and scaled by 100/10. */
    static final long MAX_CUSTOM_PRIORITY_SCORE = 10;

    private ResourceScorers() {
    }

    /** (capacity - requested) * 100 / capacity; 0 when capacity is 0 or exceeded. Example: 3000 of 4000 -> 25. */
    public static long leastRequested(long requested, long capacity) {
        if (capacity == 0 || requested > capacity) {
            return 0;
        }
        return (capacity - requested) * ScorePlugin.MAX_NODE_SCORE / capacity;
    }

    /** requested * 100 / capacity, requested capped at capacity; 0 when capacity is 0. */
    public static long mostRequested(long requested, long capacity) {
        if (capacity == 0) {
            return 0;
        }
        return Math.min(requested, capacity) * ScorePlugin.MAX_NODE_SCORE / capacity;
    }

    /**
     * The shape's piecewise-linear function at utilization {@code requested * 100 / capacity} (100 when the
     * capacity is 0 or exceeded), scaled from 0..10 to 0..100 (upstream buildBrokenLinearFunction).
     */
    public static long requestedToCapacityRatio(long requested, long capacity, List<ScoringStrategy.ShapePoint> shape) {
        long utilization = capacity == 0 || requested > capacity ? 100 : requested * 100 / capacity;
        long scale = ScorePlugin.MAX_NODE_SCORE / MAX_CUSTOM_PRIORITY_SCORE;
        for (int i = 0; i < shape.size(); i++) {
            ScoringStrategy.ShapePoint p = shape.get(i);
            if (utilization <= p.utilization()) {
                if (i == 0) {
                    return p.score() * scale;
                }
                ScoringStrategy.ShapePoint prev = shape.get(i - 1);
                return (prev.score() * scale) + (p.score() * scale - prev.score() * scale)
                        * (utilization - prev.utilization()) / (p.utilization() - prev.utilization());
            }
        }
        return shape.get(shape.size() - 1).score() * scale;
    }
}
