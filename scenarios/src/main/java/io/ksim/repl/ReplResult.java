package io.ksim.repl;

/**
 * What one line of a {@link ReplSession} printed: standard output, standard error, the exit status of the
 * command (0 on success, 1 on an error, as kubectl reports it) and whether the line ended the session
 * ({@code exit}, {@code quit}).
 */
public record ReplResult(int exitCode, String out, String err, boolean exit) {

    static ReplResult ok(String out) {
        return new ReplResult(0, out, "", false);
    }

    static ReplResult error(String err) {
        return new ReplResult(1, "", err, false);
    }

    /** Both streams as a terminal shows them: standard output, then standard error. */
    public String output() {
        return out + err;
    }

    public boolean succeeded() {
        return exitCode == 0;
    }
}
