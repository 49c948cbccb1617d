package io.ksim.api.meta;

import java.util.List;
import java.util.Objects;

/**
 * One expression of a {@link LabelSelector}: {@code key operator values}. The operator is a plain string
 * (In, NotIn, Exists, DoesNotExist) because the API accepts any string here and rejects unknown ones in
 * validation, not in decoding.
 */
public record LabelSelectorRequirement(String key, String operator, List<String> values) {

    public static final String IN = "In";
    public static final String NOT_IN = "NotIn";
    public static final String EXISTS = "Exists";
    public static final String DOES_NOT_EXIST = "DoesNotExist";

    public LabelSelectorRequirement {
        Objects.requireNonNull(key, "key");
        Objects.requireNonNull(operator, "operator");
        values = values == null ? List.of() : List.copyOf(values);
    }

    public static LabelSelectorRequirement in(String key, String... values) {
        return new LabelSelectorRequirement(key, IN, List.of(values));
    }

    public static LabelSelectorRequirement notIn(String key, String... values) {
        return new LabelSelectorRequirement(key, NOT_IN, List.of(values));
    }

    public static LabelSelectorRequirement exists(String key) {
        return new LabelSelectorRequirement(key, EXISTS, List.of());
    }

    public static LabelSelectorRequirement doesNotExist(String key) {
        return new LabelSelectorRequirement(key, DOES_NOT_EXIST, List.of());
    }
}
