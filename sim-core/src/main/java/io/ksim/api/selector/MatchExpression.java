package io.ksim.api.selector;

import java.util.List;
import java.util.Objects;

/**
 * One entry of a structured selector's {@code matchExpressions}: a key, an operator as the API spells it
 * ({@code In}, {@code NotIn}, {@code Exists}, {@code DoesNotExist}) and values. The operator is a plain string
 * because the API accepts any string here and rejects unknown ones during validation.
 */
public record MatchExpression(String key, String operator, List<String> values) {

    public static final String IN = "In";
    public static final String NOT_IN = "NotIn";
    public static final String EXISTS = "Exists";
    public static final String DOES_NOT_EXIST = "DoesNotExist";

    public MatchExpression {
        Objects.requireNonNull(key, "key");
        Objects.requireNonNull(operator, "operator");
        values = values == null ? List.of() : List.copyOf(values);
    }

    public static MatchExpression in(String key, String... values) {
        return new MatchExpression(key, IN, List.of(values));
    }

    public static MatchExpression notIn(String key, String... values) {
        return new MatchExpression(key, NOT_IN, List.of(values));
    }

    public static MatchExpression exists(String key) {
        return new MatchExpression(key, EXISTS, List.of());
    }

    public static MatchExpression doesNotExist(String key) {
        return new MatchExpression(key, DOES_NOT_EXIST, List.of());
    }
}
