package io.ksim.apiserver.registry;

import io.ksim.api.apps.Deployment;
import io.ksim.api.apps.ReplicaSet;
import io.ksim.api.apps.StatefulSet;
import io.ksim.api.autoscaling.Scale;
import io.ksim.api.core.ReplicationController;
import io.ksim.api.meta.KubeObject;
import io.ksim.api.meta.LabelSelector;
import io.ksim.api.meta.ObjectMeta;
import io.ksim.api.meta.StatusCause;
import io.ksim.apiserver.ApiErrors;
import io.ksim.apiserver.ApiServer;
import io.ksim.apiserver.GroupKind;
import io.ksim.apiserver.ResourceType;
import java.util.List;
import java.util.Map;
import java.util.function.BiFunction;
import java.util.function.Function;

/**
 * The scale subresource of Deployments, ReplicaSets, StatefulSets and ReplicationControllers (what {@code kubectl scale} uses):
 * reading gives an autoscaling/v1 Scale; writing sets {@code spec.replicas} through a normal update, so the
 * generation is bumped and a stale resourceVersion is a Conflict, as upstream.
 */
public final class ScaleSubresource {

    private record Scalable<T extends KubeObject>(ResourceType<T> type, Function<T, Integer> desired,
            Function<T, Integer> observed, Function<T, LabelSelector> selector, BiFunction<T, Integer, T> withReplicas) {
    }

    private static final Map<ResourceType<?>, Scalable<?>> SCALABLE = Map.of(
            BuiltinResources.DEPLOYMENTS, new Scalable<Deployment>(BuiltinResources.DEPLOYMENTS,
                    d -> d.spec().replicas(), d -> d.status().replicas() == null ? 0 : d.status().replicas(),
                    d -> d.spec().selector(), (d, n) -> d.withSpec(d.spec().withReplicas(n))),
            BuiltinResources.REPLICA_SETS, new Scalable<ReplicaSet>(BuiltinResources.REPLICA_SETS,
                    r -> r.spec().replicas(), r -> r.status().replicas(), r -> r.spec().selector(),
                    (r, n) -> r.withSpec(r.spec().withReplicas(n))),
            BuiltinResources.STATEFUL_SETS, new Scalable<StatefulSet>(BuiltinResources.STATEFUL_SETS,
                    s -> s.spec().replicas(), s -> s.status().replicas(), s -> s.spec().selector(),
                    (s, n) -> s.withSpec(s.spec().withReplicas(n))),
            // A ReplicationController's selector is a label map; its Scale shows it as a set-based selector.
            BuiltinResources.REPLICATION_CONTROLLERS, new Scalable<ReplicationController>(
                    BuiltinResources.REPLICATION_CONTROLLERS, r -> r.spec().replicas(), r -> r.status().replicas(),
                    r -> LabelSelector.matchLabels(r.spec().selector()), (r, n) -> r.withSpec(r.spec().withReplicas(n))));

    private ScaleSubresource() {
    }

    /** GET .../scale. */
    public static <T extends KubeObject> Scale get(ApiServer api, ResourceType<T> type, String namespace, String name) {
        ApiServer server = api.subresourceRequest("get", type, namespace, "scale", name);
        Scalable<T> s = scalable(type);
        return toScale(s, server.get(type, namespace, name));
    }

    /**
     * PUT .../scale with {@code replicas}; {@code resourceVersion} (may be null) must be the object's current one.
     */
    public static <T extends KubeObject> Scale update(ApiServer api, ResourceType<T> type, String namespace, String name,
            int replicas, String resourceVersion) {
        ApiServer server = api.subresourceRequest("update", type, namespace, "scale", name);
        Scalable<T> s = scalable(type);
        if (replicas < 0) {
            throw ApiErrors.invalid(new GroupKind("autoscaling", "Scale"), name, List.of(new StatusCause(
                    "FieldValueInvalid", "Invalid value: " + replicas + ": must be greater than or equal to 0",
                    "spec.replicas")));
        }
        T current = server.get(type, namespace, name);
        T changed = s.withReplicas().apply(current, replicas);
        if (resourceVersion != null && !resourceVersion.isEmpty()) {
            changed = type.cast(changed.withMetadata(changed.metadata().withResourceVersion(resourceVersion)));
        }
        return toScale(s, server.update(type, changed));
    }

    private static <T extends KubeObject> Scale toScale(Scalable<T> s, T obj) {
        ObjectMeta m = obj.metadata();
        ObjectMeta meta = ObjectMeta.builder().name(m.name()).namespace(m.namespace()).uid(m.uid())
                .resourceVersion(m.resourceVersion()).creationTimestamp(m.creationTimestamp()).build();
        LabelSelector sel = s.selector().apply(obj);
        String selector = sel == null ? null : io.ksim.api.selector.LabelSelector
                .fromLabelSelector(sel.matchLabels(), sel.matchExpressions()).toString();
        return new Scale(null, null, meta, new Scale.ScaleSpec(s.desired().apply(obj)),
                new Scale.ScaleStatus(s.observed().apply(obj), selector));
    }

    @SuppressWarnings("unchecked")
    private static <T extends KubeObject> Scalable<T> scalable(ResourceType<T> type) {
        Scalable<?> s = SCALABLE.get(type);
        if (s == null) {
            throw ApiErrors.notFound(type.groupResource(), "scale");
        }
        return (Scalable<T>) s;
    }

}
