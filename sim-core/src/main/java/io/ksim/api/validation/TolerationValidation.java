package io.ksim.api.validation;

import io.ksim.api.core.Taint;
import io.ksim.api.core.TaintEffect;
import io.ksim.api.core.Toleration;
import io.ksim.api.core.TolerationOperator;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * Pod tolerations and node taints, as upstream's ValidateTolerations and validateNodeTaints check them. For
 * example an {@code Exists} toleration with a value gives
 * {@code spec.tolerations[0].operator: Invalid value: "v": value must be empty when `operator` is 'Exists'}, and
 * two taints with one key and effect give
 * {@code spec.taints[1]: Duplicate value: ...: taints must be unique by key and effect pair}.
 */
public final class TolerationValidation {

    private TolerationValidation() {
    }

    /** In upstream's order (an explicit list, not a sorted set). */
    static final List<String> TAINT_EFFECTS = List.of(TaintEffect.NO_SCHEDULE, TaintEffect.PREFER_NO_SCHEDULE,
            TaintEffect.NO_EXECUTE);

    /** Validates pod tolerations at {@code fldPath} ({@code spec.tolerations}). */
    public static List<FieldError> validateTolerations(List<Toleration> tolerations, FieldPath fldPath) {
        List<FieldError> errs = new ArrayList<>();
        for (int i = 0; i < tolerations.size(); i++) {
            Toleration t = tolerations.get(i);
            FieldPath idx = fldPath.index(i);
            String key = nullToEmpty(t.key());
            String operator = nullToEmpty(t.operator());
            String value = nullToEmpty(t.value());
            String effect = nullToEmpty(t.effect());
            if (!key.isEmpty()) {
                errs.addAll(ObjectMetaValidation.validateLabelName(key, idx.child("key")));
            }
            if (key.isEmpty() && !operator.equals(TolerationOperator.EXISTS)) {
                errs.add(FieldError.invalid(idx.child("operator"), operator,
                        "operator must be Exists when `key` is empty, which means \"match all values and all keys\""));
            }
            if (t.tolerationSeconds() != null && !effect.equals(TaintEffect.NO_EXECUTE)) {
                errs.add(FieldError.invalid(idx.child("effect"), effect,
                        "effect must be 'NoExecute' when `tolerationSeconds` is set"));
            }
            switch (operator) {
                case TolerationOperator.EQUAL, "" -> {
                    List<String> msgs = NameValidation.isValidLabelValue(value);
                    if (!msgs.isEmpty()) {
                        errs.add(FieldError.invalid(idx.child("operator"), value, String.join(";", msgs)));
                    }
                }
                case TolerationOperator.EXISTS -> {
                    if (!value.isEmpty()) {
                        errs.add(FieldError.invalid(idx.child("operator"), value,
                                "value must be empty when `operator` is 'Exists'"));
                    }
                }
                default -> errs.add(FieldError.notSupported(idx.child("operator"), operator,
                        List.of(TolerationOperator.EQUAL, TolerationOperator.EXISTS)));
            }
            if (!effect.isEmpty()) {
                errs.addAll(validateTaintEffect(effect, true, idx.child("effect")));
            }
        }
        return errs;
    }

    /** Validates node taints at {@code fldPath}: key a label name, value a label value, effect set and known, (key, effect) unique. */
    public static List<FieldError> validateTaints(List<Taint> taints, FieldPath fldPath) {
        List<FieldError> errs = new ArrayList<>();
        Map<String, Set<String>> seen = new HashMap<>();
        for (int i = 0; i < taints.size(); i++) {
            Taint t = taints.get(i);
            FieldPath idx = fldPath.index(i);
            String key = nullToEmpty(t.key());
            String effect = nullToEmpty(t.effect());
            errs.addAll(ObjectMetaValidation.validateLabelName(key, idx.child("key")));
            List<String> msgs = NameValidation.isValidLabelValue(nullToEmpty(t.value()));
            if (!msgs.isEmpty()) {
                errs.add(FieldError.invalid(idx.child("value"), nullToEmpty(t.value()), String.join(";", msgs)));
            }
            errs.addAll(validateTaintEffect(effect, false, idx.child("effect")));
            if (!seen.computeIfAbsent(effect, e -> new HashSet<>()).add(key)) {
                errs.add(new FieldError(ErrorType.DUPLICATE, idx.toString(), goTaint(t),
                        "taints must be unique by key and effect pair"));
            }
        }
        return errs;
    }

    static List<FieldError> validateTaintEffect(String effect, boolean allowEmpty, FieldPath fldPath) {
        if (!allowEmpty && effect.isEmpty()) {
            return List.of(FieldError.required(fldPath, ""));
        }
        if (!TAINT_EFFECTS.contains(effect)) {
            return List.of(FieldError.notSupported(fldPath, effect, TAINT_EFFECTS));
        }
        return List.of();
    }

    /** Go's {@code %#v} of a core.Taint (TimeAdded left out when unset, as it is on create). */
    private static FieldError.Rendered goTaint(Taint t) {
        String time = t.timeAdded() == null ? "(*v1.Time)(nil)" : "time.Date(...)";
        return new FieldError.Rendered("core.Taint{Key:" + GoFormat.quote(nullToEmpty(t.key())) + ", Value:"
                + GoFormat.quote(nullToEmpty(t.value())) + ", Effect:" + GoFormat.quote(nullToEmpty(t.effect()))
                + ", TimeAdded:" + time + "}");
    }

    private static String nullToEmpty(String s) {
        return s == null ? "" : s;
    }
}
