package io.ksim.apiserver.registry;

import io.ksim.api.meta.Condition;
import io.ksim.api.policy.PodDisruptionBudget;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;

/**
 * The DisruptionAllowed condition of a PodDisruptionBudget (component-helpers apps/poddisruptionbudget
 * UpdateDisruptionAllowedCondition, set as apimachinery's meta.SetStatusCondition does): True with reason
 * SufficientPods while disruptions are allowed, else False with InsufficientPods. The transition time changes only
 * when the status does; reason, message and observedGeneration are always replaced.
 */
final class DisruptionAllowedCondition {

    private DisruptionAllowedCondition() {
    }

    static List<Condition> update(List<Condition> conditions, int disruptionsAllowed, Long observedGeneration,
            Instant now) {
        boolean allowed = disruptionsAllowed > 0;
        String status = allowed ? "True" : "False";
        String reason = allowed ? PodDisruptionBudget.SUFFICIENT_PODS_REASON : PodDisruptionBudget.INSUFFICIENT_PODS_REASON;
        List<Condition> out = new ArrayList<>(conditions);
        for (int i = 0; i < out.size(); i++) {
            Condition c = out.get(i);
            if (PodDisruptionBudget.DISRUPTION_ALLOWED_CONDITION.equals(c.type())) {
                Instant transition = status.equals(c.status()) ? c.lastTransitionTime() : now;
                out.set(i, new Condition(c.type(), status, observedGeneration, transition, reason, ""));
                return out;
            }
        }
        out.add(new Condition(PodDisruptionBudget.DISRUPTION_ALLOWED_CONDITION, status, observedGeneration, now, reason,
                ""));
        return out;
    }
}
