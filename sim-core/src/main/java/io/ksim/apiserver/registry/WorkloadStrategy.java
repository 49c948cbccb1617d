package io.ksim.apiserver.registry;

import io.ksim.api.core.PodTemplateSpec;
import io.ksim.api.meta.KubeObject;
import io.ksim.api.meta.LabelSelector;
import io.ksim.api.meta.StatusCause;
import io.ksim.api.validation.FieldError;
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
    private final Function<T, List<FieldError>> kindChecks;

    WorkloadStrategy(String kindLower, String templateOwner, Function<T, S> spec, BiFunction<T, S, T> withSpec, Function<T, U> status,
            BiFunction<T, U, T> withStatus, Function<T, Integer> replicas, Function<T, LabelSelector> selector,
            Function<T, PodTemplateSpec> template) {
        super(spec, withSpec, status, withStatus, () -> null, true);
        this.kindLower = kindLower;
        this.templateOwner = templateOwner;
        this.replicas = replicas;
        this.selector = selector;
        this.template = template;
        this.kindChecks = obj -> List.of();
    }

    private WorkloadStrategy(WorkloadStrategy<T, S, U> base, Function<T, List<FieldError>> kindChecks) {
        super(base);
        this.kindLower = base.kindLower;
        this.templateOwner = base.templateOwner;
        this.replicas = base.replicas;
        this.selector = base.selector;
        this.template = base.template;
        this.kindChecks = kindChecks;
    }

    /** This strategy with checks of the kind's own fields, run after the shared ones (a Deployment's strategy). */
    WorkloadStrategy<T, S, U> withKindChecks(Function<T, List<FieldError>> checks) {
        return new WorkloadStrategy<>(this, checks);
    }

    @Override
    public List<StatusCause> validate(T obj) {
        List<StatusCause> causes = new ArrayList<>(WorkloadValidation.validate(kindLower, templateOwner, replicas.apply(obj),
                selector.apply(obj), template.apply(obj)));
        kindChecks.apply(obj).forEach(e -> causes.add(e.cause()));
        return causes;
    }

    @Override
    public List<StatusCause> validateUpdate(T obj, T old) {
        List<StatusCause> causes = new ArrayList<>(validate(obj));
        causes.addAll(WorkloadValidation.immutableSelector(selector.apply(obj), selector.apply(old)));
        return causes;
    }
}
