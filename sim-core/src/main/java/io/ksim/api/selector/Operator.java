package io.ksim.api.selector;

/**
 * How a label requirement relates a key to its values. {@link #token()} is the operator's name as upstream
 * spells it in error texts ({@code in}, {@code notin}, {@code =}, {@code ==}, {@code !=}, {@code gt},
 * {@code lt}, {@code exists}, {@code !}); the selector syntax writes {@code >} and {@code <} for gt and lt, and
 * nothing (or a leading {@code !}) for exists and does-not-exist.
 */
public enum Operator {
    IN("in"),
    NOT_IN("notin"),
    EQUALS("="),
    DOUBLE_EQUALS("=="),
    NOT_EQUALS("!="),
    GREATER_THAN("gt"),
    LESS_THAN("lt"),
    EXISTS("exists"),
    DOES_NOT_EXIST("!");

    private final String token;

    Operator(String token) {
        this.token = token;
    }

    public String token() {
        return token;
    }

    /** The binary operators in upstream's order, as listed in "expected:" parse errors. */
    static final String BINARY_LIST = "in, notin, =, ==, !=, gt, lt";
}
