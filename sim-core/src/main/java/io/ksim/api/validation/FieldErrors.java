package io.ksim.api.validation;

import java.util.ArrayList;
import java.util.Collection;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Optional;

/**
 * Joins several errors into the one message the API server shows, as its error aggregate does: duplicates
 * (by full message) are dropped, a single message stands alone, and several are written as
 * {@code [first, second]}.
 */
public final class FieldErrors {

    private FieldErrors() {
    }

    /**
     * The aggregate message of {@code errors}, or empty when there are none (upstream has no error at all then).
     * For example {@code [metadata.name: Required value: name or generateName is required,
     * metadata.namespace: Required value]}.
     */
    public static Optional<String> aggregate(Collection<FieldError> errors) {
        List<String> messages = new ArrayList<>(errors.size());
        for (FieldError e : errors) {
            messages.add(e.error());
        }
        return aggregateMessages(messages);
    }

    /** The same joining over plain messages. */
    public static Optional<String> aggregateMessages(Collection<String> messages) {
        LinkedHashSet<String> distinct = new LinkedHashSet<>(messages);
        if (distinct.isEmpty()) {
            return Optional.empty();
        }
        if (distinct.size() == 1) {
            return Optional.of(distinct.iterator().next());
        }
        return Optional.of("[" + String.join(", ", distinct) + "]");
    }

    /** The errors with later duplicates (same full message) removed, as upstream does before aggregating. */
    public static List<FieldError> distinct(Collection<FieldError> errors) {
        LinkedHashSet<String> seen = new LinkedHashSet<>();
        List<FieldError> out = new ArrayList<>(errors.size());
        for (FieldError e : errors) {
            if (seen.add(e.error())) {
                out.add(e);
            }
        }
        return List.copyOf(out);
    }
}
