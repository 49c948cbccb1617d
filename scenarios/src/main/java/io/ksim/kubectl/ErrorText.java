package io.ksim.kubectl;

import io.ksim.api.meta.StatusCause;
import io.ksim.api.meta.StatusDetails;
import io.ksim.apiserver.ApiException;
import java.util.ArrayList;
import java.util.List;

/**
 * kubectl's texts for the errors a command collects while it goes on with its other objects
 * (cmdutil.CheckErr): one error prints alone, with {@code error: } before a client-side message; several
 * print one per line without that prefix; a server error prints as {@code Error from server (Reason): ...},
 * an Invalid one as {@code The Deployment "web" is invalid: ...}.
 */
final class ErrorText {

    private final List<RuntimeException> errors = new ArrayList<>();

    /** Adds a server error, or a client-side one whose message is Go's error text (no {@code error: } added). */
    void add(RuntimeException e) {
        errors.add(e);
    }

    /** Adds an error unless one with the same text is already there, as kubectl get collects them. */
    void addOnce(RuntimeException e) {
        String text = text(e);
        if (errors.stream().noneMatch(x -> text(x).equals(text))) {
            errors.add(e);
        }
    }

    boolean isEmpty() {
        return errors.isEmpty();
    }

    /** Throws the collected errors as kubectl prints them, if there are any. */
    void throwIfAny() {
        if (errors.isEmpty()) {
            return;
        }
        throw new KubectlException(text());
    }

    /** The collected errors as kubectl prints them (without the final newline). */
    String text() {
        if (errors.size() == 1) {
            return single(errors.get(0));
        }
        StringBuilder b = new StringBuilder();
        for (RuntimeException e : errors) {
            if (b.length() > 0) {
                b.append('\n');
            }
            b.append(text(e));
        }
        return b.toString();
    }

    /** Prints the collected errors to the command's error stream; kubectl's exit code, 1 if there were any. */
    int print(KubectlContext ctx) {
        if (errors.isEmpty()) {
            return 0;
        }
        ctx.err().println(text());
        return 1;
    }

    private static String text(RuntimeException e) {
        return e instanceof ApiException api ? single(api) : e.getMessage();
    }

    /** The text of one error as CheckErr prints it alone. */
    static String single(RuntimeException e) {
        if (e instanceof ApiException api) {
            StatusDetails d = api.status().details();
            if ("Invalid".equals(api.reason()) && d != null) {
                String s = "The " + d.kind() + " \"" + d.name() + "\" is invalid";
                List<StatusCause> causes = d.causes() == null ? List.of() : d.causes();
                if (causes.isEmpty()) {
                    return s;
                }
                if (causes.size() == 1) {
                    return s + ": " + cause(causes.get(0));
                }
                StringBuilder b = new StringBuilder(s).append(": ");
                for (StatusCause c : causes) {
                    b.append("\n* ").append(cause(c));
                }
                return b.toString();
            }
            return api.kubectlMessage();
        }
        String m = e.getMessage();
        return m.startsWith("error: ") ? m : "error: " + m;
    }

    private static String cause(StatusCause c) {
        return c.field() + ": " + c.message();
    }

}
