package io.ksim.apiserver.registry;

import io.ksim.api.core.Affinity;
import io.ksim.api.core.Container;
import io.ksim.api.core.PersistentVolumeClaim;
import io.ksim.api.core.Pod;
import io.ksim.api.core.PodAffinityTerm;
import io.ksim.api.core.PodQOSClass;
import io.ksim.api.core.PodPhase;
import io.ksim.api.core.ResourceQuota;
import io.ksim.api.core.ResourceQuota.ScopedResourceSelectorRequirement;
import io.ksim.api.core.Service;
import io.ksim.api.core.WeightedPodAffinityTerm;
import io.ksim.api.meta.KubeObject;
import io.ksim.api.meta.ObjectMeta;
import io.ksim.api.resource.Quantity;
import io.ksim.apiserver.ResourceType;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collection;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.SortedMap;
import java.util.TreeMap;
import java.util.TreeSet;
import java.util.function.Function;

/**
 * What an object charges against a ResourceQuota, as upstream's quota evaluators (pkg/quota/v1/evaluator/core
 * and the generic object count evaluator): the resource names each kind answers to, its usage, the scopes a
 * pod matches, and the pod constraint that a quota on cpu or memory needs every container to state it. The
 * ResourceQuota admission plugin and kube-controller-manager's resource quota controller share them, as both
 * use upstream's one evaluator registry; {@link #calculateUsage} is the controller's full recalculation.
 */
public final class QuotaUsage {

    private static final Quantity ONE = Quantity.of(1, Quantity.Format.DECIMAL_SI);
    private static final String REQUESTS = "requests.";
    private static final String LIMITS = "limits.";
    private static final String STORAGE_CLASS_SUFFIX = ".storageclass.storage.k8s.io/";
    private static final String BETA_STORAGE_CLASS = "volume.beta.kubernetes.io/storage-class";

    private static final Set<String> POD_RESOURCES = Set.of("count/pods", "cpu", "memory", "ephemeral-storage",
            "requests.cpu", "requests.memory", "requests.ephemeral-storage", "limits.cpu", "limits.memory",
            "limits.ephemeral-storage", "pods");
    /** The resources a quota must see stated by every container (a backward compatibility rule upstream keeps). */
    private static final Set<String> VALIDATION_SET = Set.of("cpu", "memory", "requests.cpu", "requests.memory",
            "limits.cpu", "limits.memory");
    /** Object counts with a legacy name besides count/<resource>. */
    private static final Set<String> LEGACY_COUNTS = Set.of("services", "configmaps", "secrets",
            "persistentvolumeclaims", "replicationcontrollers", "resourcequotas");

    private QuotaUsage() {
    }

    /** {@code count/pods}, {@code count/deployments.apps}. */
    public static String countName(ResourceType<?> type) {
        String group = type.groupResource().group();
        return "count/" + type.groupResource().resource() + (group == null || group.isEmpty() ? "" : "." + group);
    }

    /** The resource names of {@code hard} that objects of {@code type} are charged for. */
    public static Set<String> matching(ResourceType<?> type, Set<String> hard) {
        Set<String> out = new TreeSet<>();
        String resource = type.groupResource().resource();
        for (String name : hard) {
            if (name.equals(countName(type))) {
                out.add(name);
            } else if (type == BuiltinResources.PODS) {
                if (POD_RESOURCES.contains(name) || name.startsWith("hugepages-")
                        || name.startsWith(REQUESTS + "hugepages-")
                        || (name.startsWith(REQUESTS) && !isNative(name))) {
                    out.add(name);
                }
            } else if (type == BuiltinResources.SERVICES) {
                if (name.equals("services") || name.equals("services.loadbalancers")
                        || name.equals("services.nodeports")) {
                    out.add(name);
                }
            } else if (type == BuiltinResources.PERSISTENT_VOLUME_CLAIMS) {
                if (name.equals("persistentvolumeclaims") || name.equals("requests.storage")
                        || name.endsWith(STORAGE_CLASS_SUFFIX + "persistentvolumeclaims")
                        || name.endsWith(STORAGE_CLASS_SUFFIX + "requests.storage")) {
                    out.add(name);
                }
            } else if (LEGACY_COUNTS.contains(resource) && name.equals(resource)) {
                out.add(name);
            }
        }
        return out;
    }

    /** What {@code obj} charges; a pod in a terminal phase or past its deletion grace period only its count. */
    public static SortedMap<String, Quantity> usage(ResourceType<?> type, KubeObject obj, Instant now) {
        SortedMap<String, Quantity> out = new TreeMap<>();
        out.put(countName(type), ONE);
        if (obj instanceof Pod pod) {
            if (!chargesCompute(pod, now)) {
                return out;
            }
            PodResourceSums.add(out, compute(PodResourceSums.requests(pod.spec(), true),
                    PodResourceSums.limits(pod.spec(), true)));
        } else if (obj instanceof Service svc) {
            int ports = svc.spec().ports().size();
            out.put("services", ONE);
            Quantity lbs = Quantity.ZERO;
            Quantity nodePorts = Quantity.ZERO;
            if ("NodePort".equals(svc.spec().type())) {
                nodePorts = Quantity.of(ports, Quantity.Format.DECIMAL_SI);
            } else if ("LoadBalancer".equals(svc.spec().type())) {
                boolean allocate = !Boolean.FALSE.equals(svc.spec().allocateLoadBalancerNodePorts());
                nodePorts = Quantity.of(allocate ? ports : 0, Quantity.Format.DECIMAL_SI);
                lbs = ONE;
            }
            out.put("services.loadbalancers", lbs);
            out.put("services.nodeports", nodePorts);
        } else if (obj instanceof PersistentVolumeClaim pvc) {
            out.put("persistentvolumeclaims", ONE);
            String cls = pvc.metadata().annotations().get(BETA_STORAGE_CLASS);
            if (cls == null) {
                cls = pvc.spec().storageClassName();
            }
            boolean hasClass = cls != null && !cls.isEmpty();
            if (hasClass) {
                out.put(cls + STORAGE_CLASS_SUFFIX + "persistentvolumeclaims", ONE);
            }
            Quantity storage = pvc.spec().resources() == null ? null
                    : pvc.spec().resources().requests().get("storage");
            if (storage != null) {
                out.put("requests.storage", storage);
                if (hasClass) {
                    out.put(cls + STORAGE_CLASS_SUFFIX + "requests.storage", storage);
                }
            }
        } else if (LEGACY_COUNTS.contains(type.groupResource().resource())) {
            out.put(type.groupResource().resource(), ONE);
        }
        return out;
    }

    /**
     * Whether a pod's compute resources (and {@code pods}) count, upstream's QuotaV1Pod: not terminal, and not
     * stuck past its deletion grace period (a lost node must not keep a namespace from scaling up elsewhere).
     */
    public static boolean chargesCompute(Pod pod, Instant now) {
        if (pod.status() != null && PodPhase.isTerminal(pod.status().phase())) {
            return false;
        }
        ObjectMeta m = pod.metadata();
        return m.deletionTimestamp() == null || m.deletionGracePeriodSeconds() == null
                || !now.isAfter(m.deletionTimestamp().plusSeconds(m.deletionGracePeriodSeconds()));
    }

    /** Upstream's podComputeUsageHelper: pods 1 and the quota names of the given requests and limits. */
    private static SortedMap<String, Quantity> compute(Map<String, Quantity> requests, Map<String, Quantity> limits) {
        SortedMap<String, Quantity> out = new TreeMap<>();
        out.put("pods", ONE);
        for (String r : List.of("cpu", "memory", "ephemeral-storage")) {
            if (requests.containsKey(r)) {
                out.put(r, requests.get(r));
                out.put(REQUESTS + r, requests.get(r));
            }
            if (limits.containsKey(r)) {
                out.put(LIMITS + r, limits.get(r));
            }
        }
        requests.forEach((r, q) -> {
            if (r.startsWith("hugepages-")) {
                out.put(r, q);
                out.put(REQUESTS + r, q);
            } else if (!isNative(r) && !r.startsWith(REQUESTS)) {
                out.put(REQUESTS + r, q);
            }
        });
        return out;
    }

    /** A native resource name: unprefixed or in the kubernetes.io domain. */
    private static boolean isNative(String name) {
        return !name.contains("/") || name.contains("kubernetes.io/");
    }

    /** Upstream's pod Constraints: null, or {@code must specify limits.cpu for: app; memory for: app,side}. */
    static String podConstraints(Set<String> restricted, Pod pod) {
        Set<String> required = new TreeSet<>(restricted);
        required.retainAll(VALIDATION_SET);
        if (required.isEmpty()) {
            return null;
        }
        SortedMap<String, TreeSet<String>> missing = new TreeMap<>();
        List<Container> all = new ArrayList<>(pod.spec().containers());
        all.addAll(pod.spec().initContainers());
        for (Container c : all) {
            Set<String> stated = compute(c.resources().requests(), c.resources().limits()).keySet();
            for (String r : required) {
                if (!stated.contains(r)) {
                    missing.computeIfAbsent(r, k -> new TreeSet<>()).add(c.name());
                }
            }
        }
        if (missing.isEmpty()) {
            return null;
        }
        List<String> parts = new ArrayList<>();
        missing.forEach((r, names) -> parts.add(r + " for: " + String.join(",", names)));
        return "must specify " + String.join("; ", parts);
    }

    /**
     * What the objects of a namespace use of the quota's {@code spec.hard}, as the quota controller's full
     * recalculation (upstream's CalculateUsage): each served type that answers to a hard name sums the usage of
     * its objects in the quota's scopes ({@code objects} gives them, the namespace's only), with 0 for a name
     * nothing uses. A hard name no type answers to is left out.
     *
     * <pre>
     * hard {pods: 4, requests.cpu: 2, count/configmaps: 3}, pods a (500m) and b (250m), no ConfigMap
     *   -> {count/configmaps: 0, pods: 2, requests.cpu: 750m}
     * </pre>
     */
    public static SortedMap<String, Quantity> calculateUsage(ResourceQuota quota, Iterable<ResourceType<?>> types,
            Function<ResourceType<?>, ? extends Collection<? extends KubeObject>> objects, Instant now) {
        Set<String> hard = quota.spec().hard().keySet();
        SortedMap<String, Quantity> used = new TreeMap<>();
        Set<String> matched = new TreeSet<>();
        for (ResourceType<?> type : types) {
            Set<String> names = matching(type, hard);
            if (names.isEmpty()) {
                continue;
            }
            matched.addAll(names);
            add(used, usageStats(type, quota, names, objects.apply(type), now));
        }
        return mask(used, matched);
    }

    /** Upstream's CalculateUsageStats: 0 for each of {@code names}, plus the usage of every object in the quota's scopes. */
    static SortedMap<String, Quantity> usageStats(ResourceType<?> type, ResourceQuota quota, Set<String> names,
            Collection<? extends KubeObject> objects, Instant now) {
        SortedMap<String, Quantity> out = new TreeMap<>();
        names.forEach(r -> out.put(r, Quantity.ZERO));
        for (KubeObject o : objects) {
            if (matchesScopes(quota, o)) {
                add(out, usage(type, o, now));
            }
        }
        return out;
    }

    /** Upstream's GetQuotaServiceType: NodePort, LoadBalancer, or "" for the types quota does not charge apart. */
    public static String quotaServiceType(Service svc) {
        String type = svc.spec().type();
        return "NodePort".equals(type) || "LoadBalancer".equals(type) ? type : "";
    }

    /** Upstream's quota.Add: the sum per resource name, into {@code into}. */
    public static void add(Map<String, Quantity> into, Map<String, Quantity> more) {
        PodResourceSums.add(into, more);
    }

    /** Upstream's quota.Mask: the entries of {@code list} whose names are in {@code names}. */
    public static SortedMap<String, Quantity> mask(Map<String, Quantity> list, Set<String> names) {
        SortedMap<String, Quantity> out = new TreeMap<>();
        list.forEach((k, v) -> {
            if (names.contains(k)) {
                out.put(k, v);
            }
        });
        return out;
    }

    /** Upstream's quota.Equals: the same names with equal amounts (1000m equals 1). */
    public static boolean equal(Map<String, Quantity> a, Map<String, Quantity> b) {
        if (!a.keySet().equals(b.keySet())) {
            return false;
        }
        for (Map.Entry<String, Quantity> e : a.entrySet()) {
            if (e.getValue().compareTo(b.get(e.getKey())) != 0) {
                return false;
            }
        }
        return true;
    }

    /**
     * Whether {@code obj} falls in every scope of the quota ({@code spec.scopes} and {@code spec.scopeSelector});
     * only pods have scopes, so a scoped quota never matches other objects.
     */
    public static boolean matchesScopes(ResourceQuota quota, KubeObject obj) {
        List<ScopedResourceSelectorRequirement> selectors = new ArrayList<>();
        for (String scope : quota.spec().scopes()) {
            selectors.add(new ScopedResourceSelectorRequirement(scope, ScopedResourceSelectorRequirement.EXISTS,
                    null));
        }
        if (quota.spec().scopeSelector() != null) {
            selectors.addAll(quota.spec().scopeSelector().matchExpressions());
        }
        for (ScopedResourceSelectorRequirement s : selectors) {
            if (!(obj instanceof Pod pod) || !podMatches(s, pod)) {
                return false;
            }
        }
        return true;
    }

    private static boolean podMatches(ScopedResourceSelectorRequirement s, Pod pod) {
        Long deadline = pod.spec().activeDeadlineSeconds();
        boolean terminating = deadline != null && deadline >= 0;
        boolean bestEffort = PodQOSClass.BEST_EFFORT.equals(PodQos.of(pod.spec()));
        String pc = pod.spec().priorityClassName();
        boolean hasClass = pc != null && !pc.isEmpty();
        switch (s.scopeName()) {
            case ResourceQuota.SCOPE_TERMINATING:
                return terminating;
            case ResourceQuota.SCOPE_NOT_TERMINATING:
                return !terminating;
            case ResourceQuota.SCOPE_BEST_EFFORT:
                return bestEffort;
            case ResourceQuota.SCOPE_NOT_BEST_EFFORT:
                return !bestEffort;
            case ResourceQuota.SCOPE_PRIORITY_CLASS:
                return switch (s.operator()) {
                    case ScopedResourceSelectorRequirement.EXISTS -> hasClass;
                    case ScopedResourceSelectorRequirement.DOES_NOT_EXIST -> !hasClass;
                    case ScopedResourceSelectorRequirement.IN -> hasClass && s.values().contains(pc);
                    case ScopedResourceSelectorRequirement.NOT_IN -> !hasClass || !s.values().contains(pc);
                    default -> false;
                };
            case ResourceQuota.SCOPE_CROSS_NAMESPACE_POD_AFFINITY:
                return crossNamespaceAffinity(pod.spec().affinity());
            default:
                return false;
        }
    }

    private static boolean crossNamespaceAffinity(Affinity affinity) {
        if (affinity == null) {
            return false;
        }
        List<PodAffinityTerm> terms = new ArrayList<>();
        List<WeightedPodAffinityTerm> weighted = new ArrayList<>();
        if (affinity.podAffinity() != null) {
            addAll(terms, affinity.podAffinity().requiredDuringSchedulingIgnoredDuringExecution());
            addAll(weighted, affinity.podAffinity().preferredDuringSchedulingIgnoredDuringExecution());
        }
        if (affinity.podAntiAffinity() != null) {
            addAll(terms, affinity.podAntiAffinity().requiredDuringSchedulingIgnoredDuringExecution());
            addAll(weighted, affinity.podAntiAffinity().preferredDuringSchedulingIgnoredDuringExecution());
        }
        weighted.forEach(w -> terms.add(w.podAffinityTerm()));
        for (PodAffinityTerm t : terms) {
            if ((t.namespaces() != null && !t.namespaces().isEmpty()) || t.namespaceSelector() != null) {
                return true;
            }
        }
        return false;
    }

    private static <E> void addAll(List<E> into, List<E> more) {
        if (more != null) {
            into.addAll(more);
        }
    }
}
