package io.ksim.apiserver.registry;

import io.ksim.api.core.Pod;
import io.ksim.api.core.ResourceQuota;
import io.ksim.api.core.ResourceQuota.ResourceQuotaStatus;
import io.ksim.api.meta.KubeObject;
import io.ksim.api.resource.Quantity;
import io.ksim.apiserver.AdmissionPlugin;
import io.ksim.apiserver.ApiErrors;
import io.ksim.apiserver.ApiException;
import io.ksim.apiserver.ApiServer;
import io.ksim.apiserver.ResourceType;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Set;
import java.util.SortedMap;
import java.util.TreeMap;
import java.util.TreeSet;

/**
 * The ResourceQuota admission plugin (k8s.io/apiserver/pkg/admission/plugin/resourcequota): a new object in a
 * namespace with quotas is charged against every quota whose {@code status.hard} names something it uses (pods,
 * cpu, {@code requests.memory}, {@code count/configmaps}, {@code services.nodeports}, ...) and whose scopes it
 * falls in, and refused as Forbidden when that would take {@code status.used} over {@code status.hard}:
 * {@code exceeded quota: compute-resources, requested: limits.cpu=500m, used: limits.cpu=1, limited:
 * limits.cpu=1}; a pod that does not state cpu or memory a quota constrains is refused with
 * {@code failed quota: compute-resources: must specify limits.cpu for: app}. An admitted create adds its usage
 * to the quotas' {@code status.used} in the same request, so the next create sees it.
 *
 * <p>As upstream, the plugin reads the status the resource quota controller keeps: a quota the controller has
 * not synced yet (empty {@code status.hard}) constrains nothing, and one whose status has a limit without a
 * used amount refuses with {@code status unknown for quota: NAME, resources: pods}. Upstream writes the new
 * usage before storage answers (a create that storage then refuses stays charged until the controller's next
 * recalculation); ksim writes it once the object is stored, since its validation runs in storage, after
 * admission, where upstream validates before this plugin. Updates (a pod resize, a Service changing type) and
 * the limitedResources configuration are not modeled.
 */
public final class ResourceQuotaAdmission implements AdmissionPlugin {

    private final ApiServer api;
    /** The quotas with the usage of the create being admitted, written when storage has the object. */
    private final List<ResourceQuota> charged = new ArrayList<>();

    public ResourceQuotaAdmission(ApiServer api) {
        this.api = api;
    }

    @Override
    public String name() {
        return "ResourceQuota";
    }

    @Override
    public <T extends KubeObject> T admit(Operation operation, ResourceType<T> type, String namespace, String name,
            T obj, T old) {
        charged.clear();
        if (operation != Operation.CREATE || !type.namespaced() || namespace == null || namespace.isEmpty()) {
            return obj;
        }
        List<ResourceQuota> quotas = new ArrayList<>(api.list(BuiltinResources.RESOURCE_QUOTAS, namespace).items());
        if (quotas.isEmpty()) {
            return obj;
        }
        quotas.sort(Comparator.comparing(q -> q.metadata().name()));
        String who = LimitRanger.attributeName(name, obj);
        List<ResourceQuota> interesting = new ArrayList<>();
        for (ResourceQuota quota : quotas) {
            Set<String> restricted = QuotaUsage.matching(type, quota.status().hard().keySet());
            if (restricted.isEmpty() || !QuotaUsage.matchesScopes(quota, obj)) {
                continue;
            }
            if (obj instanceof Pod pod) {
                String failed = QuotaUsage.podConstraints(restricted, pod);
                if (failed != null) {
                    throw ApiErrors.forbidden(type.groupResource(), who,
                            "failed quota: " + quota.metadata().name() + ": " + failed);
                }
            }
            if (!quota.status().used().keySet().containsAll(restricted)) {
                throw ApiErrors.forbidden(type.groupResource(), who, "status unknown for quota: "
                        + quota.metadata().name() + ", resources: " + String.join(",", new TreeSet<>(restricted)));
            }
            interesting.add(quota);
        }
        if (interesting.isEmpty()) {
            return obj;
        }
        SortedMap<String, Quantity> delta = QuotaUsage.usage(type, obj, api.kernel().instant());
        delta.values().removeIf(Quantity::isZero);
        if (delta.isEmpty()) {
            return obj;
        }
        List<ResourceQuota> updated = new ArrayList<>();
        for (ResourceQuota quota : interesting) {
            SortedMap<String, Quantity> hard = quota.status().hard();
            SortedMap<String, Quantity> used = quota.status().used();
            SortedMap<String, Quantity> requested = QuotaUsage.mask(delta, hard.keySet());
            SortedMap<String, Quantity> newUsage = new TreeMap<>(used);
            QuotaUsage.add(newUsage, requested);
            SortedMap<String, Quantity> exceeded = new TreeMap<>();
            requested.forEach((r, q) -> {
                if (newUsage.get(r).compareTo(hard.get(r)) > 0) {
                    exceeded.put(r, q);
                }
            });
            if (!exceeded.isEmpty()) {
                throw ApiErrors.forbidden(type.groupResource(), who, String.format(
                        "exceeded quota: %s, requested: %s, used: %s, limited: %s", quota.metadata().name(),
                        print(exceeded), print(QuotaUsage.mask(used, exceeded.keySet())),
                        print(QuotaUsage.mask(hard, exceeded.keySet()))));
            }
            if (!QuotaUsage.equal(used, newUsage)) {
                updated.add(quota.withStatus(new ResourceQuotaStatus(hard, newUsage)));
            }
        }
        charged.addAll(updated);
        return obj;
    }

    /**
     * Writes the charged quotas' status once the object is stored. The quota read in {@link #admit} is the
     * current one (nothing runs between admission and storage), so its resourceVersion still holds.
     */
    @Override
    public <T extends KubeObject> void finish(Operation operation, ResourceType<T> type, T admitted, T old,
            boolean stored) {
        List<ResourceQuota> writes = List.copyOf(charged);
        charged.clear();
        if (!stored || operation != Operation.CREATE) {
            return;
        }
        for (ResourceQuota quota : writes) {
            try {
                api.updateStatus(BuiltinResources.RESOURCE_QUOTAS, quota);
            } catch (ApiException e) {
                // Deleted meanwhile, or changed by its controller: its next recalculation counts the object.
                if (e.code() != 404 && e.code() != 409) {
                    throw e;
                }
            }
        }
    }

    /** Upstream's prettyPrint: {@code name=value} in name order, joined by commas. */
    private static String print(SortedMap<String, Quantity> list) {
        List<String> parts = new ArrayList<>();
        list.forEach((k, v) -> parts.add(k + "=" + v));
        return String.join(",", parts);
    }
}
