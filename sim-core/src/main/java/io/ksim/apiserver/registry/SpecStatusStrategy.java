package io.ksim.apiserver.registry;

import io.ksim.api.meta.KubeObject;
import io.ksim.api.meta.ObjectMeta;
import io.ksim.apiserver.Strategy;
import java.util.Objects;
import java.util.function.BiFunction;
import java.util.function.Function;
import java.util.function.Supplier;

/**
 * The strategy upstream's workload resources share (deployments, replicasets, statefulsets, daemonsets,
 * jobs, cronjobs, poddisruptionbudgets): on create the status starts empty and generation is 1; an update
 * of the main resource keeps the old status and bumps the generation when the spec changed; an update of
 * the status subresource keeps the old spec and metadata (metav1.ResetObjectMetaForStatus).
 */
class SpecStatusStrategy<T extends KubeObject, S, U> implements Strategy<T> {

    private final Function<T, S> spec;
    private final BiFunction<T, S, T> withSpec;
    private final Function<T, U> status;
    private final BiFunction<T, U, T> withStatus;
    private final Supplier<U> emptyStatus;
    private final boolean hasGeneration;

    SpecStatusStrategy(Function<T, S> spec, BiFunction<T, S, T> withSpec, Function<T, U> status,
            BiFunction<T, U, T> withStatus, Supplier<U> emptyStatus, boolean hasGeneration) {
        this.spec = spec;
        this.withSpec = withSpec;
        this.status = status;
        this.withStatus = withStatus;
        this.emptyStatus = emptyStatus;
        this.hasGeneration = hasGeneration;
    }

    /** The same strategy, for subclasses that add checks to a configured one. */
    SpecStatusStrategy(SpecStatusStrategy<T, S, U> other) {
        this(other.spec, other.withSpec, other.status, other.withStatus, other.emptyStatus, other.hasGeneration);
    }

    @Override
    public T prepareForCreate(T obj) {
        T fresh = withStatus.apply(obj, emptyStatus.get());
        return hasGeneration ? meta(fresh, fresh.metadata().toBuilder().generation(1L).build()) : fresh;
    }

    @Override
    public T prepareForUpdate(T obj, T old) {
        T kept = withStatus.apply(obj, status.apply(old));
        if (!hasGeneration) {
            return kept;
        }
        long generation = old.metadata().generation() == null ? 1 : old.metadata().generation();
        if (!Objects.equals(spec.apply(obj), spec.apply(old))) {
            generation++;
        }
        return meta(kept, kept.metadata().toBuilder().generation(generation).build());
    }

    @Override
    public T prepareForStatusUpdate(T obj, T old) {
        T kept = withSpec.apply(obj, spec.apply(old));
        return meta(kept, old.metadata().withResourceVersion(obj.metadata().resourceVersion()));
    }

    @SuppressWarnings("unchecked")
    static <T extends KubeObject> T meta(T obj, ObjectMeta m) {
        return (T) obj.withMetadata(m);
    }
}
