package io.ksim.apiserver.registry;

import io.ksim.api.core.Binding;
import io.ksim.api.core.ConditionStatus;
import io.ksim.api.core.Pod;
import io.ksim.api.core.PodCondition;
import io.ksim.api.core.PodConditionType;
import io.ksim.api.core.PodConditions;
import io.ksim.api.meta.StatusCause;
import io.ksim.apiserver.ApiErrors;
import io.ksim.apiserver.ApiServer;
import io.ksim.apiserver.GroupKind;
import io.ksim.apiserver.GroupResource;
import java.time.temporal.ChronoUnit;
import java.util.List;
import java.util.TreeMap;

/**
 * The pods/binding subresource (upstream's BindingREST): sets {@code spec.nodeName}, merges the binding's
 * annotations into the pod's and marks the pod PodScheduled=True, in one write. A pod already on a node
 * is a Conflict ({@code pod web-1 is already assigned to node "node-2"}); a pod being deleted cannot be
 * bound.
 */
public final class PodBinding {

    private static final GroupResource PODS_BINDING = new GroupResource("", "pods/binding");

    private PodBinding() {
    }

    public static Pod bind(ApiServer api, Binding binding) {
        String kind = binding.target() == null ? null : binding.target().kind();
        if (kind != null && !kind.isEmpty() && !kind.equals("Node")) {
            throw ApiErrors.invalid(new GroupKind("", "Binding"), binding.metadata().name(), List.of(new StatusCause(
                    "FieldValueNotSupported", "Unsupported value: \"" + kind + "\": supported values: \"Node\", \"\"",
                    "target.kind")));
        }
        String node = binding.target() == null ? null : binding.target().name();
        String name = binding.metadata().name();
        return api.guaranteedUpdate(BuiltinResources.PODS, binding.metadata().namespace(), name, pod -> {
            if (pod.metadata().deletionTimestamp() != null) {
                // Upstream returns a plain error here, which the API server reports as an internal error.
                throw ApiErrors.internalError("pod " + name + " is being deleted, cannot be assigned to a host");
            }
            String current = pod.spec().nodeName();
            if (current != null && !current.isEmpty()) {
                throw ApiErrors.conflict(PODS_BINDING, name, "pod " + name + " is already assigned to node \"" + current + "\"");
            }
            TreeMap<String, String> annotations = new TreeMap<>(pod.metadata().annotations());
            annotations.putAll(binding.metadata().annotations());
            PodCondition scheduled = new PodCondition(PodConditionType.POD_SCHEDULED, ConditionStatus.TRUE, null,
                    null, null, null);
            return pod.withMetadata(pod.metadata().withAnnotations(annotations))
                    .withSpec(pod.spec().withNodeName(node))
                    .withStatus(PodConditions.updatePodCondition(pod.status(), scheduled,
                            api.kernel().instant().truncatedTo(ChronoUnit.SECONDS)));
        });
    }
}
