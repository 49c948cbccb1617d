package io.ksim.apiserver.registry;

import io.ksim.api.apps.Apps;
import io.ksim.api.apps.Deployment;
import io.ksim.api.apps.Deployment.DeploymentSpec;
import io.ksim.api.apps.Deployment.DeploymentStrategy;
import io.ksim.api.apps.Deployment.RollingUpdateDeployment;
import io.ksim.api.meta.StatusCause;
import io.ksim.api.resource.IntOrString;
import io.ksim.api.validation.FieldError;
import io.ksim.api.validation.FieldPath;
import io.ksim.api.validation.GoFormat;
import io.ksim.api.validation.NameValidation;
import io.ksim.api.validation.ObjectMetaValidation;
import java.util.ArrayList;
import java.util.List;
import java.util.regex.Pattern;

/**
 * The Deployment-only spec checks of upstream's apps validation (ValidateDeploymentSpec,
 * ValidateDeploymentStrategy, ValidateRollingUpdateDeployment): the strategy type, maxSurge and
 * maxUnavailable as non-negative counts or percentages, not both 0, maxUnavailable at most 100%,
 * minReadySeconds, revisionHistoryLimit and progressDeadlineSeconds not negative, and a progress deadline
 * greater than minReadySeconds. Bounds are rendered as Go prints the internal IntOrString value, e.g.
 * {@code spec.strategy.rollingUpdate.maxSurge: Invalid value: intstr.IntOrString{Type:1, IntVal:0,
 * StrVal:"oops"}: a valid percent string must be a numeric string followed by an ending '%' (e.g. '1%',
 * or '93%', regex used for validation is '[0-9]+%')}.
 */
final class DeploymentValidation {

    private static final FieldPath SPEC = FieldPath.of("spec");
    private static final String PERCENT_FMT = "[0-9]+%";
    private static final Pattern PERCENT = Pattern.compile(PERCENT_FMT);
    private static final String PERCENT_ERR_MSG = "a valid percent string must be a numeric string followed by an ending '%'";

    private DeploymentValidation() {
    }

    static List<StatusCause> validate(Deployment d) {
        DeploymentSpec spec = d.spec();
        List<FieldError> errs = new ArrayList<>(strategy(spec.strategy(), SPEC.child("strategy")));
        int minReady = spec.minReadySeconds() == null ? 0 : spec.minReadySeconds();
        errs.addAll(ObjectMetaValidation.validateNonnegativeField(minReady, SPEC.child("minReadySeconds")));
        if (spec.revisionHistoryLimit() != null) {
            errs.addAll(ObjectMetaValidation.validateNonnegativeField(spec.revisionHistoryLimit(),
                    SPEC.child("revisionHistoryLimit")));
        }
        if (spec.progressDeadlineSeconds() != null) {
            FieldPath path = SPEC.child("progressDeadlineSeconds");
            errs.addAll(ObjectMetaValidation.validateNonnegativeField(spec.progressDeadlineSeconds(), path));
            if (spec.progressDeadlineSeconds() <= minReady) {
                errs.add(FieldError.invalid(path, spec.progressDeadlineSeconds(), "must be greater than minReadySeconds"));
            }
        }
        return errs.stream().map(FieldError::cause).toList();
    }

    private static List<FieldError> strategy(DeploymentStrategy s, FieldPath path) {
        List<FieldError> errs = new ArrayList<>();
        String type = s.type() == null ? "" : s.type();
        if (type.equals(Apps.RECREATE)) {
            if (s.rollingUpdate() != null) {
                errs.add(FieldError.forbidden(path.child("rollingUpdate"),
                        "may not be specified when strategy `type` is '" + Apps.RECREATE + "'"));
            }
        } else if (type.equals(Apps.ROLLING_UPDATE)) {
            if (s.rollingUpdate() == null) {
                errs.add(FieldError.required(path.child("rollingUpdate"), "this should be defaulted and never be nil"));
            } else {
                errs.addAll(rollingUpdate(s.rollingUpdate(), path.child("rollingUpdate")));
            }
        } else {
            String rendered = "apps.DeploymentStrategy{Type:" + GoFormat.quote(type) + ", RollingUpdate:"
                    + (s.rollingUpdate() == null ? "(*apps.RollingUpdateDeployment)(nil)" : "(*apps.RollingUpdateDeployment)(...)")
                    + "}";
            errs.add(FieldError.notSupported(path, new FieldError.Rendered(rendered),
                    List.of(Apps.RECREATE, Apps.ROLLING_UPDATE)));
        }
        return errs;
    }

    private static List<FieldError> rollingUpdate(RollingUpdateDeployment r, FieldPath path) {
        IntOrString unavailable = r.maxUnavailable() == null ? IntOrString.of(0) : r.maxUnavailable();
        IntOrString surge = r.maxSurge() == null ? IntOrString.of(0) : r.maxSurge();
        List<FieldError> errs = new ArrayList<>();
        errs.addAll(positiveIntOrPercent(unavailable, path.child("maxUnavailable")));
        errs.addAll(positiveIntOrPercent(surge, path.child("maxSurge")));
        if (intOrPercentValue(unavailable) == 0 && intOrPercentValue(surge) == 0) {
            errs.add(FieldError.invalid(path.child("maxUnavailable"), goValue(unavailable),
                    "may not be 0 when `maxSurge` is 0"));
        }
        Integer pct = percentValue(unavailable);
        if (pct != null && pct > 100) {
            errs.add(FieldError.invalid(path.child("maxUnavailable"), goValue(unavailable), "must not be greater than 100%"));
        }
        return errs;
    }

    private static List<FieldError> positiveIntOrPercent(IntOrString v, FieldPath path) {
        if (v.isInt()) {
            return ObjectMetaValidation.validateNonnegativeField(v.intVal(), path);
        }
        if (!PERCENT.matcher(v.strVal()).matches()) {
            return List.of(FieldError.invalid(path, goValue(v),
                    NameValidation.regexError(PERCENT_ERR_MSG, PERCENT_FMT, "1%", "93%")));
        }
        return List.of();
    }

    /** The percentage of a valid percent string, else null (upstream getPercentValue). */
    private static Integer percentValue(IntOrString v) {
        if (v.isInt() || !PERCENT.matcher(v.strVal()).matches()) {
            return null;
        }
        try {
            return Integer.parseInt(v.strVal().substring(0, v.strVal().length() - 1));
        } catch (NumberFormatException e) {
            return 0;
        }
    }

    /** Upstream getIntOrPercentValue: the percentage, the int, or a string's Atoi (0 if not a number). */
    private static int intOrPercentValue(IntOrString v) {
        Integer pct = percentValue(v);
        if (pct != null) {
            return pct;
        }
        if (v.isInt()) {
            return v.intVal();
        }
        try {
            return Integer.parseInt(v.strVal());
        } catch (NumberFormatException e) {
            return 0;
        }
    }

    /** Go's {@code %#v} of the internal (non-pointer) intstr.IntOrString. */
    private static Object goValue(IntOrString v) {
        return new FieldError.Rendered("intstr.IntOrString{Type:" + (v.isInt() ? 0 : 1) + ", IntVal:" + v.intVal()
                + ", StrVal:" + GoFormat.quote(v.isInt() ? "" : v.strVal()) + "}");
    }
}
