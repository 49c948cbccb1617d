package io.ksim.controller.namespace;

import io.ksim.api.core.Namespace.NamespaceCondition;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.SortedMap;

/**
 * The deletion conditions of a terminating namespace (upstream pkg/controller/namespace/deletion/
 * status_condition_utils.go). All five types are always present: a failing one with status True and what
 * went wrong, the others False with their "ok" reason and message. A condition's lastTransitionTime moves
 * only when its status flips.
 */
final class NamespaceConditions {

    /** Type -> {ok reason, ok message}, in upstream's order. */
    private static final Map<String, String[]> OK = new LinkedHashMap<>();

    static {
        OK.put(NamespaceCondition.DELETION_DISCOVERY_FAILURE,
                new String[] {"ResourcesDiscovered", "All resources successfully discovered"});
        OK.put(NamespaceCondition.DELETION_GV_PARSING_FAILURE,
                new String[] {"ParsedGroupVersions", "All legacy kube types successfully parsed"});
        OK.put(NamespaceCondition.DELETION_CONTENT_FAILURE,
                new String[] {"ContentDeleted", "All content successfully deleted, may be waiting on finalization"});
        OK.put(NamespaceCondition.CONTENT_REMAINING,
                new String[] {"ContentRemoved", "All content successfully removed"});
        OK.put(NamespaceCondition.FINALIZERS_REMAINING,
                new String[] {"ContentHasNoFinalizers", "All content-preserving finalizers finished"});
    }

    private NamespaceConditions() {
    }

    /**
     * The failing conditions for what is left: {@code remaining} counts objects by {@code resource.group}
     * ("pods." for the core group, as upstream prints it), {@code finalizers} counts objects per finalizer,
     * {@code deleteErrors} are the messages of deletes that failed.
     */
    static List<NamespaceCondition> failing(SortedMap<String, Integer> remaining, SortedMap<String, Integer> finalizers,
            List<String> deleteErrors, Instant now) {
        List<NamespaceCondition> out = new ArrayList<>();
        if (!deleteErrors.isEmpty()) {
            List<String> sorted = deleteErrors.stream().sorted().toList();
            out.add(new NamespaceCondition(NamespaceCondition.DELETION_CONTENT_FAILURE, "True", now,
                    "ContentDeletionFailed", "Failed to delete all resource types, " + sorted.size() + " remaining: "
                            + String.join(", ", sorted)));
        }
        if (!remaining.isEmpty()) {
            List<String> parts = new ArrayList<>();
            remaining.forEach((gr, n) -> parts.add(gr + " has " + n + " resource instances"));
            parts.sort(null);
            out.add(new NamespaceCondition(NamespaceCondition.CONTENT_REMAINING, "True", now, "SomeResourcesRemain",
                    "Some resources are remaining: " + String.join(", ", parts)));
        }
        if (!finalizers.isEmpty()) {
            List<String> parts = new ArrayList<>();
            finalizers.forEach((f, n) -> parts.add(f + " in " + n + " resource instances"));
            parts.sort(null);
            out.add(new NamespaceCondition(NamespaceCondition.FINALIZERS_REMAINING, "True", now,
                    "SomeFinalizersRemain",
                    "Some content in the namespace has finalizers remaining: " + String.join(", ", parts)));
        }
        return out;
    }

    /** Upstream updateConditions: every type set, failing or ok, keeping transition times of unchanged status. */
    static List<NamespaceCondition> merge(List<NamespaceCondition> old, List<NamespaceCondition> failing, Instant now) {
        List<NamespaceCondition> out = new ArrayList<>(old);
        for (Map.Entry<String, String[]> e : OK.entrySet()) {
            String type = e.getKey();
            NamespaceCondition wanted = find(failing, type);
            if (wanted == null) {
                wanted = new NamespaceCondition(type, "False", now, e.getValue()[0], e.getValue()[1]);
            }
            NamespaceCondition current = find(out, type);
            if (current == null) {
                out.add(wanted);
            } else if (!current.status().equals(wanted.status()) || !current.reason().equals(wanted.reason())
                    || !current.message().equals(wanted.message())) {
                Instant t = current.status().equals(wanted.status()) ? current.lastTransitionTime() : now;
                out.set(out.indexOf(current),
                        new NamespaceCondition(type, wanted.status(), t, wanted.reason(), wanted.message()));
            }
        }
        return out;
    }

    private static NamespaceCondition find(List<NamespaceCondition> conditions, String type) {
        for (NamespaceCondition c : conditions) {
            if (c.type().equals(type)) {
                return c;
            }
        }
        return null;
    }
}
