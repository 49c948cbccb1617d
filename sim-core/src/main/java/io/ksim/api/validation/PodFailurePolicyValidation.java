package io.ksim.api.validation;

import io.ksim.api.batch.JobSpec;
import io.ksim.api.batch.PodFailurePolicy.PodFailurePolicyOnExitCodesRequirement;
import io.ksim.api.batch.PodFailurePolicy.PodFailurePolicyOnPodConditionsPattern;
import io.ksim.api.batch.PodFailurePolicy.PodFailurePolicyRule;
import io.ksim.api.core.Container;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;

/**
 * A Job's podFailurePolicy checks (upstream validatePodFailurePolicy in pkg/apis/batch/validation, v1.32), in its
 * order and words: at most 20 rules; per rule an action (FailIndex only with backoffLimitPerIndex), exactly one of
 * onExitCodes and onPodConditions; an operator In or NotIn, a containerName of the template, 1 to 255 ordered,
 * distinct values and no 0 with In; at most 20 condition patterns with qualified-name types and status True,
 * False or Unknown.
 */
final class PodFailurePolicyValidation {

    static final int MAX_RULES = 20;
    static final int MAX_EXIT_CODE_VALUES = 255;
    static final int MAX_CONDITION_PATTERNS = 20;
    private static final List<String> ACTIONS = List.of("Count", "FailIndex", "FailJob", "Ignore");
    private static final List<String> OPERATORS = List.of("In", "NotIn");
    private static final List<String> STATUSES = List.of("False", "True", "Unknown");

    private PodFailurePolicyValidation() {
    }

    static List<FieldError> validate(JobSpec spec, FieldPath fldPath) {
        List<FieldError> errs = new ArrayList<>();
        List<PodFailurePolicyRule> rules = spec.podFailurePolicy().rules();
        FieldPath rulesPath = fldPath.child("rules");
        if (rules.size() > MAX_RULES) {
            errs.add(FieldError.tooMany(rulesPath, rules.size(), MAX_RULES));
        }
        Set<String> containerNames = new HashSet<>();
        if (spec.template() != null && spec.template().spec() != null) {
            spec.template().spec().containers().stream().map(Container::name).forEach(containerNames::add);
            spec.template().spec().initContainers().stream().map(Container::name).forEach(containerNames::add);
        }
        for (int i = 0; i < rules.size(); i++) {
            errs.addAll(rule(spec, rules.get(i), rulesPath.index(i), containerNames));
        }
        return errs;
    }

    private static List<FieldError> rule(JobSpec spec, PodFailurePolicyRule rule, FieldPath rulePath,
            Set<String> containerNames) {
        List<FieldError> errs = new ArrayList<>();
        FieldPath actionPath = rulePath.child("action");
        String action = rule.action() == null ? "" : rule.action();
        if (action.isEmpty()) {
            errs.add(FieldError.required(actionPath, "valid values: " + quoted(ACTIONS)));
        } else if (action.equals(PodFailurePolicyRule.FAIL_INDEX)) {
            if (spec.backoffLimitPerIndex() == null) {
                errs.add(FieldError.invalid(actionPath, action, "requires the backoffLimitPerIndex to be set"));
            }
        } else if (!ACTIONS.contains(action)) {
            errs.add(FieldError.notSupported(actionPath, action, ACTIONS));
        }
        if (rule.onExitCodes() != null) {
            errs.addAll(onExitCodes(rule.onExitCodes(), rulePath.child("onExitCodes"), containerNames));
        }
        if (!rule.onPodConditions().isEmpty()) {
            errs.addAll(onPodConditions(rule.onPodConditions(), rulePath.child("onPodConditions")));
        }
        if (rule.onExitCodes() != null && !rule.onPodConditions().isEmpty()) {
            errs.add(FieldError.invalid(rulePath, FieldError.OMITTED,
                    "specifying both OnExitCodes and OnPodConditions is not supported"));
        }
        if (rule.onExitCodes() == null && rule.onPodConditions().isEmpty()) {
            errs.add(FieldError.invalid(rulePath, FieldError.OMITTED,
                    "specifying one of OnExitCodes and OnPodConditions is required"));
        }
        return errs;
    }

    private static List<FieldError> onExitCodes(PodFailurePolicyOnExitCodesRequirement req, FieldPath path,
            Set<String> containerNames) {
        List<FieldError> errs = new ArrayList<>();
        String operator = req.operator() == null ? "" : req.operator();
        if (operator.isEmpty()) {
            errs.add(FieldError.required(path.child("operator"), "valid values: " + quoted(OPERATORS)));
        } else if (!OPERATORS.contains(operator)) {
            errs.add(FieldError.notSupported(path.child("operator"), operator, OPERATORS));
        }
        if (req.containerName() != null && !containerNames.contains(req.containerName())) {
            errs.add(FieldError.invalid(path.child("containerName"), req.containerName(),
                    "must be one of the container or initContainer names in the pod template"));
        }
        FieldPath valuesPath = path.child("values");
        List<Integer> values = req.values();
        if (values.isEmpty()) {
            errs.add(FieldError.invalid(valuesPath, GoValues.int32Slice(values), "at least one value is required"));
        } else if (values.size() > MAX_EXIT_CODE_VALUES) {
            errs.add(FieldError.tooMany(valuesPath, values.size(), MAX_EXIT_CODE_VALUES));
        }
        boolean ordered = true;
        Set<Integer> seen = new HashSet<>();
        for (int j = 0; j < values.size(); j++) {
            int v = values.get(j);
            if (operator.equals(PodFailurePolicyOnExitCodesRequirement.IN) && v == 0) {
                errs.add(FieldError.invalid(valuesPath.index(j), v, "must not be 0 for the In operator"));
            }
            if (!seen.add(v)) {
                errs.add(FieldError.duplicate(valuesPath.index(j), v));
            }
            if (j > 0 && values.get(j - 1) > v) {
                ordered = false;
            }
        }
        if (!ordered) {
            errs.add(FieldError.invalid(valuesPath, GoValues.int32Slice(values), "must be ordered"));
        }
        return errs;
    }

    private static List<FieldError> onPodConditions(List<PodFailurePolicyOnPodConditionsPattern> patterns,
            FieldPath path) {
        List<FieldError> errs = new ArrayList<>();
        if (patterns.size() > MAX_CONDITION_PATTERNS) {
            errs.add(FieldError.tooMany(path, patterns.size(), MAX_CONDITION_PATTERNS));
        }
        for (int j = 0; j < patterns.size(); j++) {
            PodFailurePolicyOnPodConditionsPattern p = patterns.get(j);
            FieldPath typePath = path.index(j).child("type");
            String type = p.type() == null ? "" : p.type();
            for (String msg : NameValidation.isQualifiedName(type)) {
                errs.add(FieldError.invalid(typePath, type, msg));
            }
            String status = p.status() == null ? "" : p.status();
            FieldPath statusPath = path.index(j).child("status");
            if (status.isEmpty()) {
                errs.add(FieldError.required(statusPath, "valid values: " + quoted(STATUSES)));
            } else if (!STATUSES.contains(status)) {
                errs.add(FieldError.notSupported(statusPath, status, STATUSES));
            }
        }
        return errs;
    }

    /** Go's {@code %q} of a []string: {@code ["In" "NotIn"]}. */
    private static String quoted(List<String> values) {
        return "[" + String.join(" ", values.stream().map(v -> "\"" + v + "\"").toList()) + "]";
    }
}
