package io.ksim.api.selector;

import io.ksim.api.meta.LabelSelectorRequirement;
import io.ksim.api.validation.FieldError;
import io.ksim.api.validation.FieldPath;
import io.ksim.api.validation.NameValidation;
import io.ksim.api.validation.ObjectMetaValidation;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/**
 * API validation of a structured selector (a Deployment's {@code spec.selector}, say), with the API server's
 * paths and texts, e.g.
 * <pre>{@code
 * spec.selector.matchExpressions[0].values: Required value: must be specified when `operator` is 'In' or 'NotIn'
 * spec.selector.matchExpressions[1].operator: Invalid value: "Foo": not a valid selector operator
 * }</pre>
 * This is what rejects a bad selector on create/update; {@link LabelSelector#fromLabelSelector} is the later
 * conversion controllers do, with its own (terser) errors.
 */
public final class LabelSelectorValidation {

    private LabelSelectorValidation() {
    }

    /**
     * Switches for compatibility cases: accepting label values that are invalid (for objects stored before the
     * check existed) and unknown operators (for access reviews that only pass selectors along).
     */
    public record Options(boolean allowInvalidLabelValueInSelector, boolean allowUnknownOperatorInRequirement) {
        public static final Options DEFAULT = new Options(false, false);
    }

    /** Validates {@code matchLabels} as labels and each expression in turn. */
    public static List<FieldError> validate(Map<String, String> matchLabels, List<LabelSelectorRequirement> matchExpressions,
                                            Options opts, FieldPath fldPath) {
        List<FieldError> errs = new ArrayList<>(
                ObjectMetaValidation.validateLabels(matchLabels, fldPath.child("matchLabels")));
        if (matchExpressions != null) {
            for (int i = 0; i < matchExpressions.size(); i++) {
                errs.addAll(validateRequirement(matchExpressions.get(i), opts,
                        fldPath.child("matchExpressions").index(i)));
            }
        }
        return errs;
    }

    /** Operator and value count first, then the key, then each value. */
    public static List<FieldError> validateRequirement(LabelSelectorRequirement expr, Options opts, FieldPath fldPath) {
        List<FieldError> errs = new ArrayList<>();
        switch (expr.operator()) {
            case LabelSelectorRequirement.IN, LabelSelectorRequirement.NOT_IN -> {
                if (expr.values().isEmpty()) {
                    errs.add(FieldError.required(fldPath.child("values"),
                            "must be specified when `operator` is 'In' or 'NotIn'"));
                }
            }
            case LabelSelectorRequirement.EXISTS, LabelSelectorRequirement.DOES_NOT_EXIST -> {
                if (!expr.values().isEmpty()) {
                    errs.add(FieldError.forbidden(fldPath.child("values"),
                            "may not be specified when `operator` is 'Exists' or 'DoesNotExist'"));
                }
            }
            default -> {
                if (!opts.allowUnknownOperatorInRequirement()) {
                    errs.add(FieldError.invalid(fldPath.child("operator"), expr.operator(),
                            "not a valid selector operator"));
                }
            }
        }
        errs.addAll(ObjectMetaValidation.validateLabelName(expr.key(), fldPath.child("key")));
        if (!opts.allowInvalidLabelValueInSelector()) {
            for (int i = 0; i < expr.values().size(); i++) {
                String v = expr.values().get(i);
                for (String msg : NameValidation.isValidLabelValue(v)) {
                    errs.add(FieldError.invalid(fldPath.child("values").index(i), v, msg));
                }
            }
        }
        return errs;
    }
}
