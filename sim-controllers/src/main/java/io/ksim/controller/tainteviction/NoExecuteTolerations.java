package io.ksim.controller.tainteviction;

import io.ksim.api.core.Taint;
import io.ksim.api.core.Toleration;
import io.ksim.api.core.TolerationOperator;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;

/**
 * How long a pod may stay on a node with NoExecute taints (upstream taint_eviction.go getMinTolerationTime and
 * k8s.io/component-helpers scheduling/corev1 GetMatchingTolerations, ToleratesTaint).
 */
public final class NoExecuteTolerations {

    /** The pod tolerates the taints for ever. */
    public static final long FOREVER = -1;
    /** Some taint is not tolerated: evict now. */
    public static final long NOW = 0;

    private NoExecuteTolerations() {
    }

    /** A toleration matches a taint by effect (empty = all), key (empty with Exists = all) and operator. */
    public static boolean tolerates(Toleration t, Taint taint) {
        if (t.effect() != null && !t.effect().isEmpty() && !t.effect().equals(taint.effect())) {
            return false;
        }
        if (t.key() != null && !t.key().isEmpty() && !t.key().equals(taint.key())) {
            return false;
        }
        String op = t.operator() == null || t.operator().isEmpty() ? TolerationOperator.EQUAL : t.operator();
        return switch (op) {
            case TolerationOperator.EXISTS -> true;
            case TolerationOperator.EQUAL -> Objects.equals(emptyIfNull(t.value()), emptyIfNull(taint.value()));
            default -> false;
        };
    }

    /**
     * Seconds the pod may stay: {@link #NOW} when some taint is untolerated or a matching toleration's
     * seconds are 0 or negative, {@link #FOREVER} when no matching toleration bounds the time, else the
     * smallest {@code tolerationSeconds} over the tolerations that match some taint.
     */
    public static long minTolerationSeconds(List<Taint> noExecuteTaints, List<Toleration> tolerations) {
        List<Toleration> used = new ArrayList<>();
        for (Taint taint : noExecuteTaints) {
            boolean tolerated = false;
            for (Toleration t : tolerations) {
                if (tolerates(t, taint)) {
                    tolerated = true;
                    used.add(t);
                }
            }
            if (!tolerated) {
                return NOW;
            }
        }
        long min = FOREVER;
        for (Toleration t : used) {
            if (t.tolerationSeconds() == null) {
                continue;
            }
            long s = Math.max(0, t.tolerationSeconds());
            if (min == FOREVER || s < min) {
                min = s;
            }
        }
        return min;
    }

    private static String emptyIfNull(String s) {
        return s == null ? "" : s;
    }
}
