package io.ksim.api.validation;

import io.ksim.api.meta.LabelSelector;
import io.ksim.api.meta.LabelSelectorRequirement;

/**
 * Go's {@code %#v} of API values that appear as bad values in field errors, e.g. a label selector:
 * {@code v1.LabelSelector{MatchLabels:map[string]string{"app":"web"}, MatchExpressions:[]v1.LabelSelectorRequirement(nil)}}.
 */
public final class GoValues {

    private GoValues() {
    }

    /** A metav1.LabelSelector; null gives {@code null} as a bad value does. */
    public static Object labelSelector(LabelSelector s) {
        if (s == null) {
            return null;
        }
        String labels = s.matchLabels().isEmpty() ? "map[string]string(nil)" : GoFormat.stringMap(s.matchLabels());
        StringBuilder exprs = new StringBuilder();
        if (s.matchExpressions().isEmpty()) {
            exprs.append("[]v1.LabelSelectorRequirement(nil)");
        } else {
            exprs.append("[]v1.LabelSelectorRequirement{");
            for (int i = 0; i < s.matchExpressions().size(); i++) {
                LabelSelectorRequirement r = s.matchExpressions().get(i);
                if (i > 0) {
                    exprs.append(", ");
                }
                exprs.append("v1.LabelSelectorRequirement{Key:").append(GoFormat.quote(r.key()))
                        .append(", Operator:").append(GoFormat.quote(r.operator()))
                        .append(", Values:").append(r.values().isEmpty() ? "[]string(nil)" : GoFormat.stringSlice(r.values()))
                        .append('}');
            }
            exprs.append('}');
        }
        return new FieldError.Rendered("v1.LabelSelector{MatchLabels:" + labels + ", MatchExpressions:" + exprs + "}");
    }

    /** A map[string]string bad value: an empty map is shown as Go shows the nil map it would be upstream. */
    public static Object stringMap(java.util.Map<String, String> m) {
        return m == null || m.isEmpty() ? new FieldError.Rendered("map[string]string(nil)") : m;
    }

    /** A []int32 bad value, as {@code %#v} prints it: {@code []int32{2, 1}}; an empty one as the nil slice it would be. */
    public static Object int32Slice(java.util.List<Integer> values) {
        if (values == null || values.isEmpty()) {
            return new FieldError.Rendered("[]int32(nil)");
        }
        StringBuilder b = new StringBuilder("[]int32{");
        for (int i = 0; i < values.size(); i++) {
            b.append(i > 0 ? ", " : "").append(values.get(i));
        }
        return new FieldError.Rendered(b.append('}').toString());
    }
}
