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
import java.time.Instant;
import java.util.List;
import java.util.Map;
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
 * {@code failed quota: compute-resources: must specify limits.cpu for: app}. An admitted request adds its usage
 * to the quotas' {@code status.used} in the same request, so the next one sees it.
 *
 * <p>As upstream, the plugin reads the status the resource quota controller keeps: a quota the controller has
 * not synced yet (empty {@code status.hard}) constrains nothing, and one whose status has a limit without a
 * used amount refuses with {@code status unknown for quota: NAME, resources: pods}. Upstream writes the new
 * usage before storage answers (a create that storage then refuses stays charged until the controller's next
 * recalculation); ksim writes it once the object is stored, since its validation runs in storage, after
 * admission, where upstream validates before this plugin. An update of a Service or a PersistentVolumeClaim is
 * charged what it adds ({@code services.nodeports} when a ClusterIP Service becomes a NodePort one); the
 * limitedResources configuration is not modeled.
 */
public final class ResourceQuotaAdmission implements AdmissionPlugin {

    private final ApiServer api;
    /** The ResourceQuotas, as upstream's informer lister. */
    private final WatchedObjects<ResourceQuota> quotaLister;
    /** The quotas with the usage of the create being admitted, written when storage has the object. */
    private final List<ResourceQuota> charged = new ArrayList<>();

    public ResourceQuotaAdmission(ApiServer api) {
        this.api = api;
        this.quotaLister = new WatchedObjects<>(api, BuiltinResources.RESOURCE_QUOTAS);
    }

    @Override
    public String name() {
        return "ResourceQuota";
    }

    @Override
    public <T extends KubeObject> T admit(Operation operation, ResourceType<T> type, String namespace, String name,
            T obj, T old) {
        charged.clear();
        if (!handles(operation, type) || !type.namespaced() || namespace == null || namespace.isEmpty()) {
            return obj;
        }
        List<ResourceQuota> quotas = quotaLister.in(namespace);
        if (quotas.isEmpty()) {
            return obj;
        }
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
        Instant now = api.kernel().instant();
        SortedMap<String, Quantity> input = QuotaUsage.usage(type, obj, now);
        SortedMap<String, Quantity> previous = old == null || old.metadata().resourceVersion() == null
                ? null : QuotaUsage.usage(type, old, now);
        List<ResourceQuota> updated = new ArrayList<>();
        for (ResourceQuota quota : interesting) {
            // An update is charged what it adds to the old object, for a quota that already counted the old one.
            SortedMap<String, Quantity> delta = previous != null && QuotaUsage.matchesScopes(quota, old)
                    ? subtractNonNegative(input, previous) : new TreeMap<>(input);
            delta.values().removeIf(Quantity::isZero);
            if (delta.isEmpty()) {
                continue;
            }
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
        if (!stored) {
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

    /**
     * The evaluators' Handles: every create; updates only of Services (a type change charges node ports and load
     * balancers) and PersistentVolumeClaims (a resize charges storage). Pod updates are charged only with
     * in-place resize, a feature gate that is off in v1.32.
     */
    private static boolean handles(Operation operation, ResourceType<?> type) {
        return operation == Operation.CREATE || (operation == Operation.UPDATE
                && (type == BuiltinResources.SERVICES || type == BuiltinResources.PERSISTENT_VOLUME_CLAIMS));
    }

    /** Upstream's SubtractWithNonNegativeResult: {@code a - b} per name of {@code a}, never below 0. */
    private static SortedMap<String, Quantity> subtractNonNegative(Map<String, Quantity> a, Map<String, Quantity> b) {
        SortedMap<String, Quantity> out = new TreeMap<>();
        a.forEach((k, v) -> {
            Quantity diff = b.containsKey(k) ? v.subtract(b.get(k)) : v;
            out.put(k, diff.signum() < 0 ? Quantity.ZERO : diff);
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
