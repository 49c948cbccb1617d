package io.ksim.apiserver;

import io.ksim.api.meta.KubeObject;
import io.ksim.api.selector.FieldLabels;
import io.ksim.api.selector.FieldSelector;
import io.ksim.api.selector.LabelSelector;
import io.ksim.api.selector.SelectorException;
import java.util.function.Predicate;

/**
 * The selectors of a list or watch request ({@code -l app=web}, {@code --field-selector spec.nodeName=node-1}),
 * in upstream's syntax; empty or null selects everything.
 */
public record ListOptions(String labelSelector, String fieldSelector) {

    public static ListOptions everything() {
        return new ListOptions(null, null);
    }

    public static ListOptions labels(String selector) {
        return new ListOptions(selector, null);
    }

    public static ListOptions fields(String selector) {
        return new ListOptions(null, selector);
    }

    /**
     * The filter these selectors mean for objects of {@code kind}; an unparsable selector, or a field the
     * kind cannot be selected on, is a 400 Bad Request with the parser's words.
     */
    <T extends KubeObject> Predicate<T> filter(String kind) {
        try {
            LabelSelector labels = labelSelector == null || labelSelector.isBlank()
                    ? LabelSelector.everything() : LabelSelector.parse(labelSelector);
            FieldSelector fields = fieldSelector == null || fieldSelector.isBlank()
                    ? FieldSelector.everything() : FieldSelector.parse(fieldSelector).transform(FieldLabels.forKind(kind));
            if (labels.isEmpty() && fields.isEmpty()) {
                return o -> true;
            }
            return o -> labels.matches(o.metadata().labels()) && (fields.isEmpty() || fields.matches(SelectableFields.of(o)));
        } catch (SelectorException e) {
            throw ApiErrors.badRequest(e.getMessage());
        }
    }
}
