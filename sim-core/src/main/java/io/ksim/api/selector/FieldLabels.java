package io.ksim.api.selector;

import io.ksim.api.validation.GoFormat;
import java.util.Map;
import java.util.Set;

/**
 * Which fields each kind can be selected on, as the core/v1 API registers them, as {@link FieldSelector#transform}
 * conversions. A list request with another field fails with upstream's text, e.g.
 * <pre>{@code
 * FieldSelector.parse("spec.foo=x").transform(FieldLabels.forKind("Pod"));
 * // SelectorException: field label not supported: spec.foo
 * }</pre>
 * Kinds without a registered list accept only {@code metadata.name} and {@code metadata.namespace}
 * ({@link #DEFAULT}) and say {@code "spec.foo" is not a known field selector: only "metadata.name",
 * "metadata.namespace"}.
 */
public final class FieldLabels {

    private FieldLabels() {
    }

    private static final Map<String, Set<String>> CORE_V1 = Map.of(
            "Pod", Set.of("metadata.name", "metadata.namespace", "spec.nodeName", "spec.restartPolicy",
                    "spec.schedulerName", "spec.serviceAccountName", "spec.hostNetwork", "status.phase",
                    "status.podIP", "status.podIPs", "status.nominatedNodeName"),
            "Node", Set.of("metadata.name", "spec.unschedulable"),
            "ReplicationController", Set.of("metadata.name", "metadata.namespace", "status.replicas"),
            "Event", Set.of("involvedObject.kind", "involvedObject.namespace", "involvedObject.name",
                    "involvedObject.uid", "involvedObject.apiVersion", "involvedObject.resourceVersion",
                    "involvedObject.fieldPath", "reason", "reportingComponent", "source", "type",
                    "metadata.namespace", "metadata.name"),
            "Namespace", Set.of("status.phase", "metadata.name"),
            "Secret", Set.of("type", "metadata.namespace", "metadata.name"),
            "Service", Set.of("metadata.namespace", "metadata.name", "spec.clusterIP", "spec.type"));

    /** The conversion for kinds with no list of their own. */
    public static final FieldSelector.Transform DEFAULT = (label, value) -> {
        if (label.equals("metadata.name") || label.equals("metadata.namespace")) {
            return Map.entry(label, value);
        }
        throw new SelectorException(GoFormat.quote(label) + " is not a known field selector: only "
                + GoFormat.quote("metadata.name") + ", " + GoFormat.quote("metadata.namespace"));
    };

    /**
     * The conversion for a core/v1 kind ({@code Pod}, {@code Node}, {@code Namespace}, {@code Service},
     * {@code Secret}, {@code Event}, {@code ReplicationController}), or {@link #DEFAULT} for any other. For Pods
     * the old name {@code spec.host} is accepted and rewritten to {@code spec.nodeName}.
     */
    public static FieldSelector.Transform forKind(String kind) {
        Set<String> supported = CORE_V1.get(kind);
        if (supported == null) {
            return DEFAULT;
        }
        boolean pod = kind.equals("Pod");
        return (label, value) -> {
            if (supported.contains(label)) {
                return Map.entry(label, value);
            }
            if (pod && label.equals("spec.host")) {
                return Map.entry("spec.nodeName", value);
            }
            throw new SelectorException("field label not supported: " + label);
        };
    }

    /** The selectable fields of a core/v1 kind, or empty for kinds that only have the default ones. */
    public static Set<String> supportedFields(String kind) {
        return CORE_V1.getOrDefault(kind, Set.of());
    }
}
