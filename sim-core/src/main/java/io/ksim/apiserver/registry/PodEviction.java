package io.ksim.apiserver.registry;

import io.ksim.api.core.ConditionStatus;
import io.ksim.api.core.Pod;
import io.ksim.api.core.PodCondition;
import io.ksim.api.core.PodConditionType;
import io.ksim.api.core.PodConditions;
import io.ksim.api.core.PodPhase;
import io.ksim.api.meta.StatusCause;
import io.ksim.api.policy.Eviction;
import io.ksim.api.policy.PodDisruptionBudget;
import io.ksim.api.policy.PodDisruptionBudget.PodDisruptionBudgetStatus;
import io.ksim.api.selector.LabelSelector;
import io.ksim.api.selector.SelectorException;
import io.ksim.apiserver.ApiErrors;
import io.ksim.apiserver.ApiException;
import io.ksim.apiserver.ApiServer;
import io.ksim.apiserver.GroupResource;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.List;
import java.util.TreeMap;

/**
 * The pods/eviction subresource (pkg/registry/core/pod/storage/eviction.go): a delete that respects the pod's
 * PodDisruptionBudget.
 * <ul>
 * <li>A pod that is Pending, Succeeded or Failed, or already being deleted, is deleted without looking at budgets.</li>
 * <li>Otherwise the budgets of its namespace whose selector matches it are found: none, and the pod is deleted;
 * two or more, and the answer is 500 {@value #MULTIPLE_BUDGETS}.</li>
 * <li>A pod that is not Ready is deleted without spending the budget if the budget says
 * {@code unhealthyPodEvictionPolicy: AlwaysAllow}, or (IfHealthyBudget, the default) if the budget is met
 * ({@code currentHealthy >= desiredHealthy > 0}).</li>
 * <li>Else the budget decides: a status older than the spec (observedGeneration &lt; generation) is a 429 whose
 * cause says the budget {@code is still being processed by the server}; no disruption left is 429
 * {@value #VIOLATES} with cause DisruptionBudget
 * {@code The disruption budget web-pdb needs 2 healthy pods and has 2 currently}; otherwise disruptionsAllowed is
 * decremented and the pod recorded in disruptedPods at the current time, by a resourceVersion-checked status
 * update retried on conflict.</li>
 * </ul>
 * The pod is then marked with the DisruptionTarget condition (reason EvictionByEvictionAPI) and deleted with the
 * eviction's delete options, e.g. its grace period.
 */
public final class PodEviction {

    public static final String VIOLATES = "Cannot evict pod as it would violate the pod's disruption budget.";
    public static final String MULTIPLE_BUDGETS =
            "This pod has more than one PodDisruptionBudget, which the eviction subresource does not support.";
    /** Upstream's MaxDisruptedPodSize: evictions the disruption controller has not confirmed yet. */
    public static final int MAX_DISRUPTED_POD_SIZE = 2000;
    /** Upstream's EvictionsRetry has 20 steps; ksim retries at once, as nothing else runs in between. */
    static final int RETRY_STEPS = 20;

    private static final GroupResource PDB_SINGULAR = new GroupResource("policy", "poddisruptionbudget");

    private PodEviction() {
    }

    /** Evicts the pod {@code name} in {@code namespace}; returns normally when the pod was deleted (or marked). */
    public static void evict(ApiServer api, String namespace, String name, Eviction eviction) {
        if (eviction.metadata() == null || !name.equals(eviction.metadata().name())) {
            throw ApiErrors.badRequest("name in URL does not match name in Eviction object");
        }
        String ns = eviction.metadata().namespace();
        if (ns != null && !ns.isEmpty() && !ns.equals(namespace)) {
            throw ApiErrors.badRequest(
                    "the namespace of the provided object does not match the namespace sent on the request");
        }
        EvictionDeleteOptions options = EvictionDeleteOptions.of(eviction);
        Pod pod = api.get(BuiltinResources.PODS, namespace, name);
        if (canIgnoreBudget(pod)) {
            EvictionDeleteOptions delete = options;
            if (shouldEnforceResourceVersion(pod) && options.resourceVersionUnset()) {
                delete = options.withResourceVersion(pod.metadata().resourceVersion());
            }
            addConditionAndDelete(api, pod, delete);
            return;
        }
        List<PodDisruptionBudget> budgets = matchingBudgets(api, pod);
        if (budgets.size() > 1) {
            throw ApiErrors.failure(500, MULTIPLE_BUDGETS);
        }
        boolean preconditionAdded = false;
        String budgetName = null;
        if (budgets.size() == 1) {
            PodDisruptionBudget pdb = budgets.get(0);
            budgetName = pdb.metadata().name();
            if (!PodConditions.isPodReady(pod) && unhealthyMayGo(pdb)) {
                preconditionAdded = true;
            } else {
                checkAndDecrementWithRetry(api, pdb, pod.metadata().name(), options.dryRun());
            }
        }
        EvictionDeleteOptions delete = preconditionAdded
                ? options.withResourceVersion(pod.metadata().resourceVersion()) : options;
        try {
            addConditionAndDelete(api, pod, delete);
        } catch (ApiException e) {
            if (e.code() == 409 && preconditionAdded && options.resourceVersionUnset()) {
                // The pod changed (it may have become ready) since the budget was judged: ask the client to retry.
                throw stillProcessing(budgetName);
            }
            throw e;
        }
    }

    /** Pending, Succeeded, Failed or terminating pods disrupt nothing more by going. */
    static boolean canIgnoreBudget(Pod pod) {
        String phase = pod.status() == null ? null : pod.status().phase();
        return PodPhase.SUCCEEDED.equals(phase) || PodPhase.FAILED.equals(phase) || PodPhase.PENDING.equals(phase)
                || pod.metadata().deletionTimestamp() != null;
    }

    private static boolean shouldEnforceResourceVersion(Pod pod) {
        String phase = pod.status() == null ? null : pod.status().phase();
        return !(PodPhase.SUCCEEDED.equals(phase) || PodPhase.FAILED.equals(phase)
                || pod.metadata().deletionTimestamp() != null);
    }

    /** An unready pod may go without spending the budget: AlwaysAllow, or IfHealthyBudget with the budget met. */
    static boolean unhealthyMayGo(PodDisruptionBudget pdb) {
        if (PodDisruptionBudget.ALWAYS_ALLOW.equals(pdb.spec().unhealthyPodEvictionPolicy())) {
            return true;
        }
        PodDisruptionBudgetStatus s = pdb.status();
        return s.currentHealthy() >= s.desiredHealthy() && s.desiredHealthy() > 0;
    }

    /** Budgets of the pod's namespace whose selector matches its labels; an absent or invalid selector matches none. */
    static List<PodDisruptionBudget> matchingBudgets(ApiServer api, Pod pod) {
        return api.list(BuiltinResources.POD_DISRUPTION_BUDGETS, pod.metadata().namespace()).items().stream()
                .filter(pdb -> selects(pdb, pod)).toList();
    }

    private static boolean selects(PodDisruptionBudget pdb, Pod pod) {
        io.ksim.api.meta.LabelSelector sel = pdb.spec().selector();
        if (sel == null) {
            return false;
        }
        try {
            return LabelSelector.fromLabelSelector(sel.matchLabels(), sel.matchExpressions())
                    .matches(pod.metadata().labels());
        } catch (SelectorException e) {
            return false;
        }
    }

    private static void checkAndDecrementWithRetry(ApiServer api, PodDisruptionBudget pdb, String podName,
            boolean dryRun) {
        PodDisruptionBudget current = pdb;
        for (int attempt = 0; attempt < RETRY_STEPS; attempt++) {
            if (attempt > 0) {
                current = api.get(BuiltinResources.POD_DISRUPTION_BUDGETS, pdb.metadata().namespace(),
                        pdb.metadata().name());
            }
            try {
                checkAndDecrement(api, current, podName, dryRun);
                return;
            } catch (ApiException e) {
                if (e.code() != 409) {
                    throw e;
                }
            }
        }
        throw ApiErrors.timeout("couldn't update PodDisruptionBudget \"" + pdb.metadata().name()
                + "\" due to conflicts", 10);
    }

    /** Spends one disruption of {@code pdb} on {@code podName}, or refuses as upstream's checkAndDecrement. */
    static void checkAndDecrement(ApiServer api, PodDisruptionBudget pdb, String podName, boolean dryRun) {
        PodDisruptionBudgetStatus s = pdb.status();
        long observed = s.observedGeneration() == null ? 0 : s.observedGeneration();
        long generation = pdb.metadata().generation() == null ? 0 : pdb.metadata().generation();
        String name = pdb.metadata().name();
        if (observed < generation) {
            throw stillProcessing(name);
        }
        if (s.disruptionsAllowed() < 0) {
            throw ApiErrors.forbidden(PDB_SINGULAR, name, "pdb disruptions allowed is negative");
        }
        if (s.disruptedPods().size() > MAX_DISRUPTED_POD_SIZE) {
            throw ApiErrors.forbidden(PDB_SINGULAR, name,
                    "DisruptedPods map too big - too many evictions not confirmed by PDB controller");
        }
        if (s.disruptionsAllowed() == 0) {
            throw ApiErrors.tooManyRequests(VIOLATES, 0, List.of(new StatusCause(Eviction.DISRUPTION_BUDGET_CAUSE,
                    "The disruption budget " + name + " needs " + s.desiredHealthy() + " healthy pods and has "
                            + s.currentHealthy() + " currently", null)));
        }
        if (dryRun) {
            return;
        }
        Instant now = api.kernel().instant().truncatedTo(ChronoUnit.SECONDS);
        int allowed = s.disruptionsAllowed() - 1;
        TreeMap<String, Instant> disrupted = new TreeMap<>(s.disruptedPods());
        disrupted.put(podName, now);
        var conditions = allowed == 0 ? DisruptionAllowedCondition.update(s.conditions(), allowed,
                s.observedGeneration(), now) : s.conditions();
        PodDisruptionBudgetStatus updated = new PodDisruptionBudgetStatus(s.observedGeneration(), disrupted, allowed,
                s.currentHealthy(), s.desiredHealthy(), s.expectedPods(), conditions);
        api.updateStatus(BuiltinResources.POD_DISRUPTION_BUDGETS, pdb.withStatus(updated));
    }

    /** The 429 of a budget whose status is behind its spec, or of a pod that changed while the budget was judged. */
    private static ApiException stillProcessing(String budget) {
        return ApiErrors.tooManyRequests(VIOLATES, 10, List.of(new StatusCause(Eviction.DISRUPTION_BUDGET_CAUSE,
                "The disruption budget " + budget + " is still being processed by the server.", null)));
    }

    /**
     * Marks the pod DisruptionTarget=True (EvictionByEvictionAPI, "Eviction API: evicting"), then deletes it. Both
     * honour the preconditions; the delete's resourceVersion precondition follows the condition's own write.
     */
    private static void addConditionAndDelete(ApiServer api, Pod pod, EvictionDeleteOptions options) {
        String ns = pod.metadata().namespace();
        String name = pod.metadata().name();
        if (options.dryRun()) {
            return;
        }
        Instant now = api.kernel().instant().truncatedTo(ChronoUnit.SECONDS);
        Pod marked = api.guaranteedUpdate(BuiltinResources.PODS, ns, name, latest -> {
            String uid = options.delete().preconditionUid();
            if (uid != null && !uid.isEmpty() && !uid.equals(latest.metadata().uid())) {
                throw ApiErrors.conflict(new GroupResource("", "Pod"), name, "the UID in the precondition (" + uid
                        + ") does not match the UID in record (" + latest.metadata().uid()
                        + "). The object might have been deleted and then recreated");
            }
            String rv = options.delete().preconditionResourceVersion();
            if (rv != null && !rv.isEmpty() && !rv.equals(latest.metadata().resourceVersion())) {
                throw ApiErrors.conflict(new GroupResource("", "Pod"), name, "the ResourceVersion in the precondition ("
                        + rv + ") does not match the ResourceVersion in record (" + latest.metadata().resourceVersion()
                        + "). The object might have been modified");
            }
            PodCondition target = new PodCondition(PodConditionType.DISRUPTION_TARGET, ConditionStatus.TRUE, null,
                    null, "EvictionByEvictionAPI", "Eviction API: evicting");
            return latest.withStatus(PodConditions.updatePodCondition(latest.status(), target, now));
        });
        EvictionDeleteOptions delete = options.resourceVersionUnset() ? options
                : options.withResourceVersion(marked.metadata().resourceVersion());
        api.delete(BuiltinResources.PODS, ns, name, delete.delete());
    }
}
