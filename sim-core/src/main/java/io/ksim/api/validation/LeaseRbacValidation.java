package io.ksim.api.validation;

import io.ksim.api.coordination.Lease.LeaseSpec;
import io.ksim.api.rbac.PolicyRule;
import java.util.ArrayList;
import java.util.List;

/**
 * Leases (pkg/apis/coordination/validation: {@code spec.leaseDurationSeconds: Invalid value: 0: must be greater
 * than 0}) and RBAC policy rules (pkg/apis/rbac/validation ValidatePolicyRule:
 * {@code rules[0].verbs: Required value: verbs must contain at least one value}), as upstream validates them.
 */
public final class LeaseRbacValidation {

    private LeaseRbacValidation() {
    }

    public static List<FieldError> validateLeaseSpec(LeaseSpec spec) {
        List<FieldError> errs = new ArrayList<>();
        if (spec == null) {
            return errs;
        }
        FieldPath p = FieldPath.of("spec");
        if (spec.leaseDurationSeconds() != null && spec.leaseDurationSeconds() <= 0) {
            errs.add(FieldError.invalid(p.child("leaseDurationSeconds"), spec.leaseDurationSeconds(), "must be greater than 0"));
        }
        if (spec.leaseTransitions() != null && spec.leaseTransitions() < 0) {
            errs.add(FieldError.invalid(p.child("leaseTransitions"), spec.leaseTransitions(),
                    ObjectMetaValidation.IS_NEGATIVE_ERROR_MSG));
        }
        boolean noStrategy = spec.strategy() == null || spec.strategy().isEmpty();
        if (spec.preferredHolder() != null && !spec.preferredHolder().isEmpty() && noStrategy) {
            errs.add(FieldError.forbidden(p.child("preferredHolder"), "may only be specified if `strategy` is defined"));
        }
        return errs;
    }

    /** The rules of a Role ({@code namespaced}) or ClusterRole, at {@code rules[i]}. */
    public static List<FieldError> validateRules(List<PolicyRule> rules, boolean namespaced) {
        List<FieldError> errs = new ArrayList<>();
        for (int i = 0; i < rules.size(); i++) {
            errs.addAll(validatePolicyRule(rules.get(i), namespaced, FieldPath.of("rules").index(i)));
        }
        return errs;
    }

    static List<FieldError> validatePolicyRule(PolicyRule rule, boolean namespaced, FieldPath fldPath) {
        List<FieldError> errs = new ArrayList<>();
        if (empty(rule.verbs())) {
            errs.add(FieldError.required(fldPath.child("verbs"), "verbs must contain at least one value"));
        }
        if (!empty(rule.nonResourceURLs())) {
            if (namespaced) {
                errs.add(FieldError.invalid(fldPath.child("nonResourceURLs"), rule.nonResourceURLs(),
                        "namespaced rules cannot apply to non-resource URLs"));
            }
            if (!empty(rule.apiGroups()) || !empty(rule.resources()) || !empty(rule.resourceNames())) {
                errs.add(FieldError.invalid(fldPath.child("nonResourceURLs"), rule.nonResourceURLs(),
                        "rules cannot apply to both regular resources and non-resource URLs"));
            }
            return errs;
        }
        if (empty(rule.apiGroups())) {
            errs.add(FieldError.required(fldPath.child("apiGroups"), "resource rules must supply at least one api group"));
        }
        if (empty(rule.resources())) {
            errs.add(FieldError.required(fldPath.child("resources"), "resource rules must supply at least one resource"));
        }
        return errs;
    }

    private static boolean empty(List<String> l) {
        return l == null || l.isEmpty();
    }
}
