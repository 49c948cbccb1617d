package io.ksim.scheduler.plugins;

import io.ksim.api.meta.LabelSelector;
import io.ksim.api.policy.PodDisruptionBudget;
import io.ksim.api.selector.SelectorException;
import io.ksim.scheduler.framework.PodInfo;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/**
 * Preemption's split of potential victims into those whose eviction would break a PodDisruptionBudget and
 * the others (upstream preemption.filterPodsWithPDBViolation). Each budget starts with its
 * {@code status.disruptionsAllowed}; every pod it selects, in the order given, uses one up, and a pod that
 * takes some budget below zero is violating. The order of each group is the order given.
 *
 * <p>As upstream: a pod without labels matches no budget; a budget matches pods of its own namespace only;
 * a budget with an absent, empty or invalid selector matches nothing (unlike the disruption controller, for
 * which an empty selector selects every pod); a pod already listed in the budget's
 * {@code status.disruptedPods} has been counted by the eviction API and uses nothing up.
 *
 * <p>Example: budget app=foo with disruptionsAllowed 1 and pods p1, p2, p3 (all app=foo, p3 in
 * disruptedPods): p1 takes the budget to 0, p2 to -1 and is violating, p3 is skipped; so p2 is violating
 * and p1, p3 are not.
 *
 * @param violating    the pods whose eviction breaks a budget
 * @param nonViolating the others
 */
record PdbViolations(List<PodInfo> violating, List<PodInfo> nonViolating) {

    PdbViolations {
        violating = List.copyOf(violating);
        nonViolating = List.copyOf(nonViolating);
    }

    static PdbViolations split(List<PodInfo> pods, List<PodDisruptionBudget> pdbs) {
        int[] allowed = new int[pdbs.size()];
        io.ksim.api.selector.LabelSelector[] selectors = new io.ksim.api.selector.LabelSelector[pdbs.size()];
        for (int i = 0; i < pdbs.size(); i++) {
            allowed[i] = pdbs.get(i).status().disruptionsAllowed();
            selectors[i] = selectorOf(pdbs.get(i).spec().selector());
        }
        List<PodInfo> violating = new ArrayList<>();
        List<PodInfo> nonViolating = new ArrayList<>();
        for (PodInfo pi : pods) {
            boolean violated = false;
            Map<String, String> labels = pi.pod().metadata().labels();
            if (!labels.isEmpty()) {
                for (int i = 0; i < pdbs.size(); i++) {
                    PodDisruptionBudget pdb = pdbs.get(i);
                    if (!java.util.Objects.equals(pdb.metadata().namespace(), pi.pod().metadata().namespace())
                            || selectors[i] == null || !selectors[i].matches(labels)
                            || pdb.status().disruptedPods().containsKey(pi.pod().metadata().name())) {
                        continue;
                    }
                    allowed[i]--;
                    if (allowed[i] < 0) {
                        violated = true;
                    }
                }
            }
            (violated ? violating : nonViolating).add(pi);
        }
        return new PdbViolations(violating, nonViolating);
    }

    /** The budget's selector, or null when it matches nothing (absent, empty or invalid). */
    private static io.ksim.api.selector.LabelSelector selectorOf(LabelSelector s) {
        if (s == null) {
            return null;
        }
        try {
            io.ksim.api.selector.LabelSelector sel = io.ksim.api.selector.LabelSelector
                    .fromLabelSelector(s.matchLabels(), s.matchExpressions());
            return sel.isEmpty() ? null : sel;
        } catch (SelectorException invalid) {
            return null;
        }
    }
}
