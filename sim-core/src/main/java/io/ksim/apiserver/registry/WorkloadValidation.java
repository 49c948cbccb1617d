package io.ksim.apiserver.registry;

import io.ksim.api.core.PodTemplateSpec;
import io.ksim.api.core.RestartPolicy;
import io.ksim.api.meta.LabelSelector;
import io.ksim.api.meta.StatusCause;
import io.ksim.api.selector.LabelSelectorValidation;
import io.ksim.api.validation.FieldError;
import io.ksim.api.validation.FieldPath;
import io.ksim.api.validation.GoValues;
import io.ksim.api.validation.ObjectMetaValidation;
import io.ksim.api.validation.PodSpecValidation;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;

/**
 * The spec checks upstream's apps validation shares between Deployments, ReplicaSets, StatefulSets and
 * DaemonSets (pkg/apis/apps/validation): replicas not negative; a selector that is present, valid, not empty
 * and matches the template's labels ("`selector` does not match template `labels`"); a valid pod template
 * ({@link PodSpecValidation}; for StatefulSets only its labels and annotations, as upstream); restartPolicy
 * Always; no activeDeadlineSeconds;
 * and, on update, an immutable selector, reported with Go's rendering of the value as upstream does:
 * {@code spec.selector: Invalid value: v1.LabelSelector{MatchLabels:map[string]string{"app":"web2"},
 * MatchExpressions:[]v1.LabelSelectorRequirement(nil)}: field is immutable}.
 */
final class WorkloadValidation {

    private static final FieldPath SPEC = FieldPath.of("spec");

    private WorkloadValidation() {
    }

    static List<StatusCause> validate(String kindLower, String templateOwner, Integer replicas, LabelSelector selector,
            PodTemplateSpec template) {
        List<FieldError> errs = new ArrayList<>();
        if (replicas != null) {
            errs.addAll(ObjectMetaValidation.validateNonnegativeField(replicas, SPEC.child("replicas")));
        }
        if (selector == null) {
            errs.add(FieldError.required(SPEC.child("selector"), ""));
        } else {
            errs.addAll(LabelSelectorValidation.validate(selector.matchLabels(), selector.matchExpressions(),
                    LabelSelectorValidation.Options.DEFAULT, SPEC.child("selector")));
            if (selector.matchLabels().isEmpty() && selector.matchExpressions().isEmpty()) {
                errs.add(FieldError.invalid(SPEC.child("selector"), goValue(selector),
                        "empty selector is invalid for " + kindLower));
            } else if (errs.isEmpty()) {
                io.ksim.api.selector.LabelSelector parsed = io.ksim.api.selector.LabelSelector
                        .fromLabelSelector(selector.matchLabels(), selector.matchExpressions());
                if (!parsed.matches(template.metadata().labels())) {
                    errs.add(FieldError.invalid(SPEC.child("template", "metadata", "labels"),
                            GoValues.stringMap(template.metadata().labels()), "`selector` does not match template `labels`"));
                }
            }
        }
        if (templateOwner.equals("StatefulSet")) {
            // Upstream leaves a StatefulSet's pod spec unchecked (its mounts may name volumeClaimTemplates, which
            // the pod-spec check would not find): only the template's labels and annotations.
            FieldPath t = SPEC.child("template");
            errs.addAll(ObjectMetaValidation.validateLabels(template.metadata().labels(), t.child("labels")));
            errs.addAll(ObjectMetaValidation.validateAnnotations(template.metadata().annotations(), t.child("annotations")));
        } else {
            errs.addAll(PodSpecValidation.validatePodTemplateSpec(template, SPEC.child("template")));
        }
        String restart = template.spec().restartPolicy();
        if (restart != null && !restart.equals(RestartPolicy.ALWAYS)) {
            errs.add(FieldError.notSupported(SPEC.child("template", "spec", "restartPolicy"), restart,
                    List.of(RestartPolicy.ALWAYS)));
        }
        errs.addAll(activeDeadline(templateOwner, template.spec().activeDeadlineSeconds()));
        return causes(errs);
    }

    /**
     * Pods of apps/v1 workloads run for ever: a template's activeDeadlineSeconds is refused, in each kind's
     * words (Deployments share the ReplicaSet's).
     */
    private static List<FieldError> activeDeadline(String templateOwner, Long deadline) {
        if (deadline == null) {
            return List.of();
        }
        return List.of(FieldError.forbidden(SPEC.child("template", "spec", "activeDeadlineSeconds"),
                "activeDeadlineSeconds in " + templateOwner + " is not Supported"));
    }

    /** The selector of an apps/v1 workload may not change. */
    static List<StatusCause> immutableSelector(LabelSelector selector, LabelSelector old) {
        if (Objects.equals(selector, old)) {
            return List.of();
        }
        return causes(List.of(FieldError.invalid(SPEC.child("selector"), goValue(selector), "field is immutable")));
    }

    private static List<StatusCause> causes(List<FieldError> errs) {
        return errs.stream().map(FieldError::cause).toList();
    }

    /** Go's {@code %#v} of a metav1.LabelSelector. */
    static Object goValue(LabelSelector s) {
        return GoValues.labelSelector(s);
    }
}
