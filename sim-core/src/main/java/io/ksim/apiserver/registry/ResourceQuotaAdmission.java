package io.ksim.apiserver.registry;

import io.ksim.api.core.Pod;
import io.ksim.api.core.ResourceQuota;
import io.ksim.api.meta.KubeObject;
import io.ksim.api.resource.Quantity;
import io.ksim.apiserver.AdmissionPlugin;
import io.ksim.apiserver.ApiErrors;
import io.ksim.apiserver.ApiServer;
import io.ksim.apiserver.ResourceType;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.SortedMap;
import java.util.TreeMap;

/**
 * The ResourceQuota admission plugin (k8s.io/apiserver/pkg/admission/plugin/resourcequota): a new object in a
 * namespace with quotas is charged against every quota whose hard limits name something it uses (pods, cpu,
 * {@code requests.memory}, {@code count/configmaps}, {@code services.nodeports}, ...) and whose scopes it
 * falls in, and refused as Forbidden when that would go over a limit:
 * {@code exceeded quota: compute-resources, requested: limits.cpu=500m, used: limits.cpu=1, limited:
 * limits.cpu=1}; a pod that does not state cpu or memory a quota constrains is refused with
 * {@code failed quota: compute-resources: must specify limits.cpu for: app}.
 *
 * <p>Upstream checks against the quota's {@code status} as the quota controller last wrote it (and refuses
 * with "status unknown for quota" before the first sync); ksim takes {@code spec.hard} and sums what is used
 * now from the objects in the namespace, so admission never waits for the controller and writes no status.
 * Terminal pods (Succeeded, Failed) and pods past their deletion grace period are charged only
 * {@code count/pods}. Updates (pod resize) and the limitedResources configuration are not modeled.
 */
public final class ResourceQuotaAdmission implements AdmissionPlugin {

    private final ApiServer api;

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
            Set<String> restricted = QuotaUsage.matching(type, quota.spec().hard().keySet());
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
            interesting.add(quota);
        }
        if (interesting.isEmpty()) {
            return obj;
        }
        Instant now = api.kernel().instant();
        SortedMap<String, Quantity> delta = QuotaUsage.usage(type, obj, now);
        delta.values().removeIf(Quantity::isZero);
        if (delta.isEmpty()) {
            return obj;
        }
        List<T> existing = null;
        for (ResourceQuota quota : interesting) {
            SortedMap<String, Quantity> hard = quota.spec().hard();
            SortedMap<String, Quantity> requested = mask(delta, hard.keySet());
            if (requested.isEmpty()) {
                continue;
            }
            if (existing == null) {
                existing = api.list(type, namespace).items();
            }
            SortedMap<String, Quantity> used = used(type, quota, existing, now);
            SortedMap<String, Quantity> exceeded = new TreeMap<>();
            requested.forEach((r, q) -> {
                Quantity after = used.getOrDefault(r, Quantity.ZERO).add(q);
                if (after.compareTo(hard.get(r)) > 0) {
                    exceeded.put(r, q);
                }
            });
            if (!exceeded.isEmpty()) {
                throw ApiErrors.forbidden(type.groupResource(), who, String.format(
                        "exceeded quota: %s, requested: %s, used: %s, limited: %s", quota.metadata().name(),
                        print(exceeded), print(mask(used, exceeded.keySet())), print(mask(hard, exceeded.keySet()))));
            }
        }
        return obj;
    }

    /** What the objects in the quota's scopes use of each resource it limits (0 for nothing), as its status would say. */
    private static <T extends KubeObject> SortedMap<String, Quantity> used(ResourceType<T> type, ResourceQuota quota,
            List<T> existing, Instant now) {
        SortedMap<String, Quantity> used = new TreeMap<>();
        Set<String> names = QuotaUsage.matching(type, quota.spec().hard().keySet());
        names.forEach(r -> used.put(r, Quantity.ZERO));
        for (T o : existing) {
            if (QuotaUsage.matchesScopes(quota, o)) {
                PodResourceSums.add(used, mask(QuotaUsage.usage(type, o, now), names));
            }
        }
        return used;
    }

    private static SortedMap<String, Quantity> mask(Map<String, Quantity> list, Set<String> names) {
        SortedMap<String, Quantity> out = new TreeMap<>();
        list.forEach((k, v) -> {
            if (names.contains(k)) {
                out.put(k, v);
            }
        });
        return out;
    }

    /** Upstream's prettyPrint: {@code name=value} in name order, joined by commas. */
    private static String print(SortedMap<String, Quantity> list) {
        List<String> parts = new ArrayList<>();
        list.forEach((k, v) -> parts.add(k + "=" + v));
        return String.join(",", parts);
    }
}
