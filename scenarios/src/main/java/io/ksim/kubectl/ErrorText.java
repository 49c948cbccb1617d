package io.ksim.kubectl;

import io.ksim.api.meta.StatusCause;
import io.ksim.api.meta.StatusDetails;
import io.ksim.apiserver.ApiException;
import java.util.ArrayList;
import java.util.List;

/**
 * kubectl's texts for the errors a command ends with (cmdutil.CheckErr), whether it stopped at the first or
 * collected them while it went on with its other objects (get, create, apply, replace -f, ...): one error prints
 * alone, with {@code error: } before a client-side message, a server error as {@code Error from server (Reason):
 * ...}, an Invalid one as {@code The Deployment "web" is invalid: ...}; several print one per line as
 * StandardErrorMessage words them, without the prefix and with an Invalid error as {@code Error from server
 * (Invalid): ...}.
 */
final class ErrorText {

    private final List<RuntimeException> errors = new ArrayList<>();

    /** Adds a server error, or a client-side one whose message is Go's error text (no {@code error: } added). */
    void add(RuntimeException e) {
        errors.add(e);
    }

    /**
     * Adds an error a step threw as it would print alone: a server error as it is, a {@link KubectlException} as
     * Go's error text, without the {@code error: } CheckErr put before it.
     */
    void addThrown(RuntimeException e) {
        errors.add(e instanceof KubectlException k ? new Thrown(k.getMessage()) : e);
    }

    /** A client-side error as it was thrown: the text CheckErr prints for it alone. */
    private static final class Thrown extends RuntimeException {

        private static final long serialVersionUID = 1L;

        Thrown(String printed) {
            super(printed, null, false, false);
        }
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

    /** One of several errors, as MultipleErrors prints it (messageForError). */
    private static String text(RuntimeException e) {
        if (e instanceof ApiException api) {
            return api.kubectlMessage();
        }
        return e instanceof Thrown ? withoutPrefix(e.getMessage()) : e.getMessage();
    }

    private static String withoutPrefix(String m) {
        return m.startsWith("error: ") ? m.substring("error: ".length()) : m;
    }

    /**
     * What CheckErr prints (without the final newline) for the error a command stopped with: a server error in
     * kubectl's words; a {@link KubectlException} carries its printed text already, prefix and all.
     */
    static String printed(RuntimeException e) {
        return e instanceof ApiException api ? single(api) : e.getMessage();
    }

    /** The text of one collected error as CheckErr prints it alone. */
    static String single(RuntimeException e) {
        if (e instanceof ApiException api) {
            return "Invalid".equals(api.reason()) ? invalid(api) : api.kubectlMessage();
        }
        String m = e.getMessage();
        return e instanceof Thrown || m.startsWith("error: ") ? m : "error: " + m;
    }

    /** CheckErr's text for a StatusError of reason Invalid: kind and name from the details, one line per cause. */
    private static String invalid(ApiException api) {
        String message = api.status().message();
        StatusDetails d = api.status().details();
        String s = "The request is invalid";
        if (d == null) {
            return message == null || message.isEmpty() ? s : s + ": " + message;
        }
        List<String> causes = new ArrayList<>();
        for (StatusCause c : d.causes() == null ? List.<StatusCause>of() : d.causes()) {
            String text = c.field() + ": " + c.message();
            if (!causes.contains(text)) {
                causes.add(text);
            }
        }
        if (!isEmpty(d.kind()) || !isEmpty(d.name())) {
            s = "The " + (d.kind() == null ? "" : d.kind()) + " \"" + (d.name() == null ? "" : d.name()) + "\" is invalid";
        } else if (!isEmpty(message) && causes.isEmpty()) {
            s += ": " + message;
        }
        if (causes.isEmpty()) {
            return s;
        }
        if (causes.size() == 1) {
            return s + ": " + causes.get(0);
        }
        StringBuilder b = new StringBuilder(s).append(": ");
        for (String c : causes) {
            b.append("\n* ").append(c);
        }
        return b.toString();
    }

    private static boolean isEmpty(String s) {
        return s == null || s.isEmpty();
    }

}
