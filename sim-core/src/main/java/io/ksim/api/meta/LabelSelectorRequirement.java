package io.ksim.api.meta;

import java.util.List;
import java.util.Objects;

/** One expression of a {@link LabelSelector}: {@code key operator values} (operator In, NotIn, Exists, DoesNotExist). */
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
}
