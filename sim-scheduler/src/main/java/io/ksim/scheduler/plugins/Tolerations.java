package io.ksim.scheduler.plugins;

import io.ksim.api.core.Taint;
import io.ksim.api.core.TaintEffect;
import io.ksim.api.core.Toleration;
import java.util.List;
import java.util.function.Predicate;

/**
 * Taint and toleration matching as upstream's core/v1 helpers (Toleration.ToleratesTaint,
 * FindMatchingUntoleratedTaint).
 *
 * <p>A toleration tolerates a taint when its effect is empty or equal, its key is empty or equal (an empty
 * key with Exists tolerates everything), and with Exists any value matches while with Equal (or no
 * operator) the values must be equal. {@code tolerationSeconds} does not matter to scheduling: it only
 * bounds how long a running pod stays on a NoExecute-tainted node.
 */
public final class Tolerations {

    private Tolerations() {
    }

    public static boolean tolerates(Toleration t, Taint taint) {
        return t.toleratesTaint(taint);
    }

    public static boolean toleratedByAny(List<Toleration> tolerations, Taint taint) {
        for (Toleration t : tolerations) {
            if (tolerates(t, taint)) {
                return true;
            }
        }
        return false;
    }

    /**
     * The first taint (in the node's order) that {@code inScope} selects and no toleration tolerates, or
     * null (upstream FindMatchingUntoleratedTaint).
     */
    public static Taint firstUntolerated(List<Taint> taints, List<Toleration> tolerations, Predicate<Taint> inScope) {
        for (Taint taint : taints) {
            if (inScope.test(taint) && !toleratedByAny(tolerations, taint)) {
                return taint;
            }
        }
        return null;
    }

    /** NoSchedule and NoExecute taints: the ones the filter enforces (upstream DoNotScheduleTaintsFilterFunc). */
    public static boolean doNotSchedule(Taint t) {
        return TaintEffect.NO_SCHEDULE.equals(t.effect()) || TaintEffect.NO_EXECUTE.equals(t.effect());
    }
}
