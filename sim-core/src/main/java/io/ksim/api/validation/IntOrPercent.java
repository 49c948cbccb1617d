package io.ksim.api.validation;

import io.ksim.api.resource.IntOrString;
import java.util.ArrayList;
import java.util.List;
import java.util.regex.Pattern;

/**
 * apps validation's checks of counts-or-percentages (maxSurge, maxUnavailable, a PDB's minAvailable): a
 * non-negative count or a {@code N%} string, a percentage at most 100% where a fraction of pods is meant. The bad
 * value is Go's {@code %#v} of the intstr.IntOrString (its String method has a pointer receiver).
 */
final class IntOrPercent {

    private IntOrPercent() {
    }

    private static final Pattern PERCENT = Pattern.compile("[0-9]+%");

    /** ValidatePositiveIntOrPercent. */
    static List<FieldError> validatePositive(IntOrString v, FieldPath path) {
        List<FieldError> errs = new ArrayList<>();
        if (v.isInt()) {
            errs.addAll(ObjectMetaValidation.validateNonnegativeField(v.intVal(), path));
        } else if (!PERCENT.matcher(v.strVal()).matches()) {
            errs.add(FieldError.invalid(path, goValue(v), NameValidation.regexError("a valid percent string must be a "
                    + "numeric string followed by an ending '%'", "[0-9]+%", "1%", "93%")));
        }
        return errs;
    }

    /** IsNotMoreThan100Percent: only a valid percentage above 100 is refused. */
    static List<FieldError> notMoreThan100Percent(IntOrString v, FieldPath path) {
        if (v.isInt() || !PERCENT.matcher(v.strVal()).matches()) {
            return List.of();
        }
        long percent = Long.parseLong(v.strVal().substring(0, v.strVal().length() - 1));
        return percent > 100 ? List.of(FieldError.invalid(path, goValue(v), "must not be greater than 100%")) : List.of();
    }

    /** The count, or the percentage's number (getIntOrPercentValue); -1 for a malformed percentage. */
    static long value(IntOrString v) {
        if (v.isInt()) {
            return v.intVal();
        }
        String s = v.strVal();
        return PERCENT.matcher(s).matches() ? Long.parseLong(s.substring(0, s.length() - 1)) : -1;
    }

    static FieldError.Rendered goValue(IntOrString v) {
        return v.isInt()
                ? new FieldError.Rendered("intstr.IntOrString{Type:0, IntVal:" + v.intVal() + ", StrVal:\"\"}")
                : new FieldError.Rendered("intstr.IntOrString{Type:1, IntVal:0, StrVal:" + GoFormat.quote(v.strVal()) + "}");
    }
}
