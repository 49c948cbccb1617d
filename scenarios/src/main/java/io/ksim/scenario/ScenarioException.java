package io.ksim.scenario;

/**
 * A malformed scenario file: where (file, line, column), which field (its path, {@code steps[3].advance}) and
 * the rule it breaks. {@link #getMessage()} reads {@code scenario.yaml:12:5: steps[3].advance: invalid duration
 * "3x" (want e.g. 30s, 2m, 1h30m)}.
 */
public final class ScenarioException extends RuntimeException {

    private final String file;
    private final int line;
    private final int column;
    private final String path;
    private final String rule;

    public ScenarioException(String file, int line, int column, String path, String rule) {
        super(file + ":" + line + ":" + column + ": " + (path.isEmpty() ? "" : path + ": ") + rule);
        this.file = file;
        this.line = line;
        this.column = column;
        this.path = path;
        this.rule = rule;
    }

    public String file() {
        return file;
    }

    public int line() {
        return line;
    }

    public int column() {
        return column;
    }

    /** The field the error is about, as {@code steps[3].advance}; empty for the whole file. */
    public String path() {
        return path;
    }

    public String rule() {
        return rule;
    }
}
