package io.ksim.api.validation;

import io.ksim.api.core.ResourceRequirements;
import io.ksim.api.resource.Quantity;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.SortedMap;
import java.util.TreeMap;

/**
 * Container resource requirements as upstream's ValidateContainerResourceRequirements checks them
 * (pkg/apis/core/validation/validation.go): every name a standard container resource or a qualified extended
 * resource, every quantity non-negative, each request at most its limit, e.g.
 * <pre>{@code
 * spec.containers[0].resources.requests: Invalid value: "1": must be less than or equal to cpu limit of 500m
 * }</pre>
 * Resources that may not be overcommitted (extended resources, hugepages) need request equal to limit and a limit
 * whenever there is a request. Maps are walked in sorted key order (upstream's order is Go's random map order).
 */
public final class ResourceRequirementsValidation {

    private ResourceRequirementsValidation() {
    }

    /** Upstream's isNegativeErrorMsg. */
    static final String IS_NEGATIVE = "must be greater than or equal to 0";

    private static final Set<String> STANDARD_CONTAINER_RESOURCES = Set.of("cpu", "memory", "ephemeral-storage");
    private static final Set<String> STANDARD_RESOURCES = Set.of("cpu", "memory", "ephemeral-storage",
            "requests.cpu", "requests.memory", "requests.ephemeral-storage", "limits.cpu", "limits.memory",
            "limits.ephemeral-storage", "pods", "services", "replicationcontrollers", "resourcequotas", "secrets",
            "configmaps", "persistentvolumeclaims", "storage", "requests.storage", "services.nodeports",
            "services.loadbalancers");
    private static final String HUGEPAGES_PREFIX = "hugepages-";

    /** The errors of one container's (or the pod overhead's) resource requirements under {@code fldPath}. */
    public static List<FieldError> validate(ResourceRequirements r, FieldPath fldPath) {
        List<FieldError> errs = new ArrayList<>();
        FieldPath limPath = fldPath.child("limits");
        FieldPath reqPath = fldPath.child("requests");
        SortedMap<String, Quantity> limits = r == null || r.limits() == null ? new TreeMap<>() : r.limits();
        SortedMap<String, Quantity> requests = r == null || r.requests() == null ? new TreeMap<>() : r.requests();
        for (Map.Entry<String, Quantity> e : limits.entrySet()) {
            FieldPath p = limPath.key(e.getKey());
            errs.addAll(validateContainerResourceName(e.getKey(), p));
            errs.addAll(validateNonnegativeQuantity(e.getValue(), p));
        }
        for (Map.Entry<String, Quantity> e : requests.entrySet()) {
            String name = e.getKey();
            Quantity q = e.getValue();
            FieldPath p = reqPath.key(name);
            errs.addAll(validateContainerResourceName(name, p));
            errs.addAll(validateNonnegativeQuantity(q, p));
            Quantity limit = limits.get(name);
            if (limit != null) {
                if (q.compareTo(limit) != 0 && !isOvercommitAllowed(name)) {
                    errs.add(FieldError.invalid(reqPath, q.toString(),
                            "must be equal to " + name + " limit of " + limit));
                } else if (q.compareTo(limit) > 0) {
                    errs.add(FieldError.invalid(reqPath, q.toString(),
                            "must be less than or equal to " + name + " limit of " + limit));
                }
            } else if (!isOvercommitAllowed(name)) {
                errs.add(FieldError.required(limPath, "Limit must be set for non overcommitable resources"));
            }
        }
        return errs;
    }

    /** {@code Invalid value: "-1": must be greater than or equal to 0} (the quantity printed as text). */
    public static List<FieldError> validateNonnegativeQuantity(Quantity q, FieldPath fldPath) {
        return q.signum() < 0 ? List.of(FieldError.invalid(fldPath, q.toString(), IS_NEGATIVE)) : List.of();
    }

    /**
     * A container resource name: a qualified name; unprefixed it must be cpu, memory, ephemeral-storage or
     * hugepages-*; prefixed by anything but kubernetes.io it must be a valid extended resource name.
     */
    static List<FieldError> validateContainerResourceName(String name, FieldPath fldPath) {
        List<FieldError> errs = new ArrayList<>();
        for (String msg : NameValidation.isQualifiedName(name)) {
            errs.add(FieldError.invalid(fldPath, name, msg));
        }
        boolean unprefixed = !name.contains("/");
        if (errs.isEmpty() && unprefixed && !isStandardResourceName(name)) {
            errs.add(FieldError.invalid(fldPath, name, "must be a standard resource type or fully qualified"));
        }
        if (unprefixed) {
            if (!STANDARD_CONTAINER_RESOURCES.contains(name) && !name.startsWith(HUGEPAGES_PREFIX)) {
                errs.add(FieldError.invalid(fldPath, name, "must be a standard resource for containers"));
            }
        } else if (!isNativeResource(name) && !isExtendedResourceName(name)) {
            errs.add(FieldError.invalid(fldPath, name, "doesn't follow extended resource name standard"));
        }
        return errs;
    }

    private static boolean isStandardResourceName(String name) {
        return STANDARD_RESOURCES.contains(name) || name.startsWith(HUGEPAGES_PREFIX)
                || name.startsWith("requests." + HUGEPAGES_PREFIX);
    }

    /** Unprefixed, or prefixed with kubernetes.io (or a subdomain of it). */
    static boolean isNativeResource(String name) {
        if (!name.contains("/")) {
            return true;
        }
        String prefix = name.substring(0, name.indexOf('/'));
        return prefix.equals("kubernetes.io") || prefix.endsWith(".kubernetes.io");
    }

    private static boolean isExtendedResourceName(String name) {
        if (isNativeResource(name) || name.startsWith("requests.")) {
            return false;
        }
        return NameValidation.isQualifiedName("requests." + name).isEmpty();
    }

    /** Native resources but hugepages may be overcommitted (request below limit). */
    static boolean isOvercommitAllowed(String name) {
        return isNativeResource(name) && !name.startsWith(HUGEPAGES_PREFIX);
    }
}
