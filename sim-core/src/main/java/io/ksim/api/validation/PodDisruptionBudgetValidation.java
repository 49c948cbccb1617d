package io.ksim.api.validation;

import io.ksim.api.meta.LabelSelector;
import io.ksim.api.policy.PodDisruptionBudget.PodDisruptionBudgetSpec;
import io.ksim.api.resource.IntOrString;
import io.ksim.api.selector.LabelSelectorValidation;
import java.util.ArrayList;
import java.util.List;

/**
 * PodDisruptionBudgets as upstream's ValidatePodDisruptionBudgetSpec checks them
 * (pkg/apis/policy/validation/validation.go): not both minAvailable and maxUnavailable, each a non-negative
 * count or a percentage of at most 100% ({@code spec.minAvailable: Invalid value:
 * intstr.IntOrString{Type:1, IntVal:0, StrVal:"120%"}: must not be greater than 100%}), a valid selector, and a
 * known unhealthyPodEvictionPolicy.
 */
public final class PodDisruptionBudgetValidation {

    private PodDisruptionBudgetValidation() {
    }

    private static final FieldPath SPEC = FieldPath.of("spec");
    static final List<String> UNHEALTHY_POD_EVICTION_POLICIES = List.of("AlwaysAllow", "IfHealthyBudget");

    public static List<FieldError> validate(PodDisruptionBudgetSpec spec) {
        List<FieldError> errs = new ArrayList<>();
        if (spec.minAvailable() != null && spec.maxUnavailable() != null) {
            // Upstream shows the whole spec with Go's %#v, pointer addresses included; ksim abbreviates it.
            errs.add(FieldError.invalid(SPEC, new FieldError.Rendered("policy.PodDisruptionBudgetSpec{...}"),
                    "minAvailable and maxUnavailable cannot be both set"));
        }
        if (spec.minAvailable() != null) {
            errs.addAll(intOrPercent(spec.minAvailable(), SPEC.child("minAvailable")));
        }
        if (spec.maxUnavailable() != null) {
            errs.addAll(intOrPercent(spec.maxUnavailable(), SPEC.child("maxUnavailable")));
        }
        LabelSelector s = spec.selector();
        if (s != null) {
            errs.addAll(LabelSelectorValidation.validate(s.matchLabels(), s.matchExpressions(),
                    LabelSelectorValidation.Options.DEFAULT, SPEC.child("selector")));
        }
        String policy = spec.unhealthyPodEvictionPolicy();
        if (policy != null && !UNHEALTHY_POD_EVICTION_POLICIES.contains(policy)) {
            errs.add(FieldError.notSupported(SPEC.child("unhealthyPodEvictionPolicy"), policy, UNHEALTHY_POD_EVICTION_POLICIES));
        }
        return errs;
    }

    private static List<FieldError> intOrPercent(IntOrString v, FieldPath path) {
        List<FieldError> errs = new ArrayList<>(IntOrPercent.validatePositive(v, path));
        errs.addAll(IntOrPercent.notMoreThan100Percent(v, path));
        return errs;
    }
}
