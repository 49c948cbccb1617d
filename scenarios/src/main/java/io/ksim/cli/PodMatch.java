package io.ksim.cli;

import io.ksim.api.core.Pod;
import java.util.List;

/**
 * The pod a command-line argument names, so that a generated name can be given by its start: {@code NAME} or
 * {@code NS/NAME}; an exact name wins, otherwise the one pod of the namespace whose name starts with it.
 * Either {@link #error} is null and {@link #namespace}/{@link #name} say which pod, or it says why none.
 *
 * <pre>
 * pods web-5597fbd54-qbnp9, web-5597fbd54-b55xf, nvme in default:
 *   "nvme"               -> default/nvme
 *   "web-5597fbd54-q"    -> default/web-5597fbd54-qbnp9
 *   "web"                -> error: two pods start with it
 * </pre>
 */
record PodMatch(String namespace, String name, String error) {

    /** Resolves {@code query} among {@code pods} (any namespaces, in name order); {@code defaultNamespace} unless {@code NS/}. */
    static PodMatch resolve(String query, String defaultNamespace, List<Pod> pods) {
        String ns = defaultNamespace;
        String name = query;
        int slash = query.indexOf('/');
        if (slash >= 0) {
            ns = query.substring(0, slash);
            name = query.substring(slash + 1);
        }
        String namespace = ns;
        List<String> names = pods.stream().filter(p -> namespace.equals(p.metadata().namespace()))
                .map(p -> p.metadata().name()).sorted().toList();
        if (name.isEmpty()) {
            return failure("\"" + query + "\" names no pod: give NAME or NS/NAME");
        }
        if (names.contains(name)) {
            return new PodMatch(namespace, name, null);
        }
        String prefix = name;
        List<String> matches = names.stream().filter(n -> n.startsWith(prefix)).toList();
        if (matches.size() == 1) {
            return new PodMatch(namespace, matches.get(0), null);
        }
        if (matches.isEmpty()) {
            return failure("no pod in namespace " + namespace + " is named \"" + name + "\" or starts with it ("
                    + (names.isEmpty() ? "namespace " + namespace + " has no pods" : "pods: " + String.join(", ", names))
                    + ")");
        }
        return failure("\"" + name + "\" starts the names of " + matches.size() + " pods in namespace " + namespace
                + ": " + String.join(", ", matches) + " (give more of the name)");
    }

    private static PodMatch failure(String error) {
        return new PodMatch(null, null, error);
    }
}
