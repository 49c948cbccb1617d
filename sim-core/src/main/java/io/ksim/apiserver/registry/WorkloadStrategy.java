package io.ksim.apiserver.registry;

import io.ksim.api.core.PodTemplateSpec;
import io.ksim.api.meta.KubeObject;
import io.ksim.api.meta.LabelSelector;
import io.ksim.api.meta.StatusCause;
import java.util.ArrayList;
import java.util.List;
import java.util.function.BiFunction;
import java.util.function.Function;

/**
 * The spec/status strategy of an apps/v1 workload, with the spec validation they share. {@code kindLower} names
 * the kind in the empty-selector message, {@code templateOwner} in the activeDeadlineSeconds one (both follow
 * upstream's wording, which for some kinds names another kind).
 */
final class WorkloadStrategy<T extends KubeObject, S, U> extends SpecStatusStrategy<T, S, U> {

    private final String kindLower;
    private final String templateOwner;
    private final Function<T, Integer> replicas;
    private final Function<T, LabelSelector> selector;
    private final Function<T, PodTemplateSpec> template;
    private final boolean statusWritesAnnotations;
    private final Function<T, List<StatusCause>> kindValidation;

    WorkloadStrategy(String kindLower, String templateOwner, Function<T, S> spec, BiFunction<T, S, T> withSpec,
            Function<T, U> status, BiFunction<T, U, T> withStatus, Function<T, Integer> replicas,
            Function<T, LabelSelector> selector, Function<T, PodTemplateSpec> template) {
        this(kindLower, templateOwner, spec, withSpec, status, withStatus, replicas, selector, template, false,
                o -> List.of());
    }

    /**
     * With {@code statusWritesAnnotations}, an update of the status subresource also takes the request's
     * annotations, as upstream's Deployment status strategy does (it resets only spec and labels): the
     * deployment controller writes the revision annotation that way. {@code kindValidation} adds the checks
     * only one kind has (a Deployment's strategy, say).
     */
    WorkloadStrategy(String kindLower, String templateOwner, Function<T, S> spec, BiFunction<T, S, T> withSpec,
            Function<T, U> status, BiFunction<T, U, T> withStatus, Function<T, Integer> replicas,
            Function<T, LabelSelector> selector, Function<T, PodTemplateSpec> template, boolean statusWritesAnnotations,
            Function<T, List<StatusCause>> kindValidation) {
        super(spec, withSpec, status, withStatus, () -> null, true);
        this.kindLower = kindLower;
        this.templateOwner = templateOwner;
        this.replicas = replicas;
        this.selector = selector;
        this.template = template;
        this.statusWritesAnnotations = statusWritesAnnotations;
        this.kindValidation = kindValidation;
    }

    @Override
    public T prepareForStatusUpdate(T obj, T old) {
        T prepared = super.prepareForStatusUpdate(obj, old);
        if (!statusWritesAnnotations) {
            return prepared;
        }
        return meta(prepared, prepared.metadata().withAnnotations(obj.metadata().annotations()));
    }

    @Override
    public List<StatusCause> validate(T obj) {
        List<StatusCause> causes = new ArrayList<>(WorkloadValidation.validate(kindLower, templateOwner,
                replicas.apply(obj), selector.apply(obj), template.apply(obj)));
        causes.addAll(kindValidation.apply(obj));
        return causes;
    }

    @Override
    public List<StatusCause> validateUpdate(T obj, T old) {
        List<StatusCause> causes = new ArrayList<>(validate(obj));
        causes.addAll(WorkloadValidation.immutableSelector(selector.apply(obj), selector.apply(old)));
        return causes;
    }
}
