package io.ksim.api.validation;

import io.ksim.api.apps.Apps;
import io.ksim.api.apps.Deployment.DeploymentSpec;
import io.ksim.api.apps.Deployment.DeploymentStrategy;
import io.ksim.api.apps.Deployment.RollingUpdateDeployment;
import io.ksim.api.resource.IntOrString;
import java.util.ArrayList;
import java.util.List;

/**
 * The parts of a Deployment's spec beyond what every apps/v1 workload shares, as upstream's
 * ValidateDeploymentSpec checks them after the template (pkg/apis/apps/validation/validation.go): the strategy
 * ({@code spec.strategy.rollingUpdate.maxUnavailable: Invalid value: intstr.IntOrString{Type:0, IntVal:0,
 * StrVal:""}: may not be 0 when `maxSurge` is 0}), minReadySeconds, revisionHistoryLimit and
 * progressDeadlineSeconds ({@code must be greater than minReadySeconds}).
 */
public final class DeploymentValidation {

    private DeploymentValidation() {
    }

    private static final FieldPath SPEC = FieldPath.of("spec");

    public static List<FieldError> validate(DeploymentSpec spec) {
        List<FieldError> errs = new ArrayList<>(strategy(spec.strategy(), SPEC.child("strategy")));
        int minReady = spec.minReadySeconds() == null ? 0 : spec.minReadySeconds();
        errs.addAll(ObjectMetaValidation.validateNonnegativeField(minReady, SPEC.child("minReadySeconds")));
        if (spec.revisionHistoryLimit() != null) {
            errs.addAll(ObjectMetaValidation.validateNonnegativeField(spec.revisionHistoryLimit(),
                    SPEC.child("revisionHistoryLimit")));
        }
        Integer deadline = spec.progressDeadlineSeconds();
        if (deadline != null) {
            errs.addAll(ObjectMetaValidation.validateNonnegativeField(deadline, SPEC.child("progressDeadlineSeconds")));
            if (deadline <= minReady) {
                errs.add(FieldError.invalid(SPEC.child("progressDeadlineSeconds"), deadline,
                        "must be greater than minReadySeconds"));
            }
        }
        return errs;
    }

    private static List<FieldError> strategy(DeploymentStrategy s, FieldPath fldPath) {
        List<FieldError> errs = new ArrayList<>();
        String type = s == null || s.type() == null ? "" : s.type();
        switch (type) {
            case Apps.RECREATE -> {
                if (s.rollingUpdate() != null) {
                    errs.add(FieldError.forbidden(fldPath.child("rollingUpdate"),
                            "may not be specified when strategy `type` is 'Recreate'"));
                }
            }
            case Apps.ROLLING_UPDATE -> {
                if (s.rollingUpdate() == null) {
                    errs.add(FieldError.required(fldPath.child("rollingUpdate"), "this should be defaulted and never be nil"));
                } else {
                    errs.addAll(rollingUpdate(s.rollingUpdate(), fldPath.child("rollingUpdate")));
                }
            }
            default -> errs.add(FieldError.notSupported(fldPath, new FieldError.Rendered(goStrategy(s)),
                    List.of(Apps.RECREATE, Apps.ROLLING_UPDATE)));
        }
        return errs;
    }

    private static List<FieldError> rollingUpdate(RollingUpdateDeployment r, FieldPath fldPath) {
        IntOrString maxUnavailable = orZero(r.maxUnavailable());
        IntOrString maxSurge = orZero(r.maxSurge());
        List<FieldError> errs = new ArrayList<>(IntOrPercent.validatePositive(maxUnavailable, fldPath.child("maxUnavailable")));
        errs.addAll(IntOrPercent.validatePositive(maxSurge, fldPath.child("maxSurge")));
        if (IntOrPercent.value(maxUnavailable) == 0 && IntOrPercent.value(maxSurge) == 0) {
            errs.add(FieldError.invalid(fldPath.child("maxUnavailable"), IntOrPercent.goValue(maxUnavailable),
                    "may not be 0 when `maxSurge` is 0"));
        }
        errs.addAll(IntOrPercent.notMoreThan100Percent(maxUnavailable, fldPath.child("maxUnavailable")));
        return errs;
    }

    private static IntOrString orZero(IntOrString v) {
        return v == null ? IntOrString.of(0) : v;
    }

    /** Go's {@code %#v} of an apps.DeploymentStrategy, when it holds no rollingUpdate pointer to print. */
    private static String goStrategy(DeploymentStrategy s) {
        String type = s == null || s.type() == null ? "" : s.type();
        String ru = s == null || s.rollingUpdate() == null ? "(*apps.RollingUpdateDeployment)(nil)"
                : "(*apps.RollingUpdateDeployment)(...)";
        return "apps.DeploymentStrategy{Type:" + GoFormat.quote(type) + ", RollingUpdate:" + ru + "}";
    }
}
