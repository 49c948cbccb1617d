package io.ksim.api.validation;

import io.ksim.api.meta.LabelSelector;
import io.ksim.api.policy.PodDisruptionBudget.PodDisruptionBudgetSpec;
import io.ksim.api.resource.IntOrString;
import io.ksim.api.selector.LabelSelectorValidation;
import java.util.ArrayList;
import java.util.List;
import java.util.regex.Pattern;

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
    private static final Pattern PERCENT = Pattern.compile("[0-9]+%");
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

    /** ValidatePositiveIntOrPercent and IsNotMoreThan100Percent from apps validation. */
    private static List<FieldError> intOrPercent(IntOrString v, FieldPath path) {
        List<FieldError> errs = new ArrayList<>();
        if (v.isInt()) {
            errs.addAll(ObjectMetaValidation.validateNonnegativeField(v.intVal(), path));
            return errs;
        }
        String s = v.strVal();
        if (!PERCENT.matcher(s).matches()) {
            errs.add(FieldError.invalid(path, goValue(v), NameValidation.regexError("a valid percent string must be a "
                    + "numeric string followed by an ending '%'", "[0-9]+%", "1%", "93%")));
            return errs;
        }
        long percent = Long.parseLong(s.substring(0, s.length() - 1));
        if (percent > 100) {
            errs.add(FieldError.invalid(path, goValue(v), "must not be greater than 100%"));
        }
        return errs;
    }

    /** Go's {@code %#v} of an intstr.IntOrString (its String method has a pointer receiver, so it is not used). */
    static FieldError.Rendered goValue(IntOrString v) {
        return v.isInt()
                ? new FieldError.Rendered("intstr.IntOrString{Type:0, IntVal:" + v.intVal() + ", StrVal:\"\"}")
                : new FieldError.Rendered("intstr.IntOrString{Type:1, IntVal:0, StrVal:" + GoFormat.quote(v.strVal()) + "}");
    }
}
