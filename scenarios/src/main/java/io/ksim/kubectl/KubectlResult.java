package io.ksim.kubectl;

/**
 * What one kubectl command printed and its exit status: 0 on success, 1 on an error (kubectl's convention).
 * {@code out} is standard output, {@code err} standard error ("Error from server (NotFound): ...").
 */
public record KubectlResult(int exitCode, String out, String err) {

    /** Both streams as a terminal shows them when the command printed to only one. */
    public String output() {
        return out + err;
    }

    public boolean succeeded() {
        return exitCode == 0;
    }
}
