package io.ksim.apiserver.registry;

import io.ksim.api.core.PodTemplateSpec;
import io.ksim.api.core.ReplicationController;
import io.ksim.api.core.ReplicationController.ReplicationControllerSpec;
import io.ksim.api.core.ReplicationController.ReplicationControllerStatus;
import io.ksim.api.core.RestartPolicy;
import io.ksim.api.meta.StatusCause;
import io.ksim.api.selector.LabelSelector;
import io.ksim.api.validation.FieldError;
import io.ksim.api.validation.FieldPath;
import io.ksim.api.validation.GoValues;
import io.ksim.api.validation.ObjectMetaValidation;
import io.ksim.api.validation.PodSpecValidation;
import java.util.ArrayList;
import java.util.List;

/**
 * The strategy of core/v1 ReplicationControllers (upstream pkg/registry/core/replicationcontroller): status
 * and generation as the apps workloads, and ValidateReplicationControllerSpec's checks in its order:
 * minReadySeconds and replicas not negative, a selector that is not empty ({@code spec.selector: Required
 * value}), a template that is present, whose labels the selector matches ("`selector` does not match template
 * `labels`"), a valid pod template with restartPolicy Always and no activeDeadlineSeconds. Unlike an apps/v1
 * selector, a ReplicationController's selector may change on update.
 */
final class ReplicationControllerStrategy
        extends SpecStatusStrategy<ReplicationController, ReplicationControllerSpec, ReplicationControllerStatus> {

    private static final FieldPath SPEC = FieldPath.of("spec");

    ReplicationControllerStrategy() {
        super(ReplicationController::spec, ReplicationController::withSpec, ReplicationController::status,
                ReplicationController::withStatus, () -> null, true);
    }

    @Override
    public List<StatusCause> validate(ReplicationController rc) {
        return validateSpec(rc.spec()).stream().map(FieldError::cause).toList();
    }

    @Override
    public List<StatusCause> validateUpdate(ReplicationController rc, ReplicationController old) {
        return validate(rc);
    }

    static List<FieldError> validateSpec(ReplicationControllerSpec spec) {
        List<FieldError> errs = new ArrayList<>();
        if (spec.minReadySeconds() != null) {
            errs.addAll(ObjectMetaValidation.validateNonnegativeField(spec.minReadySeconds(), SPEC.child("minReadySeconds")));
        }
        if (spec.selector().isEmpty()) {
            errs.add(FieldError.required(SPEC.child("selector"), ""));
        }
        if (spec.replicas() != null) {
            errs.addAll(ObjectMetaValidation.validateNonnegativeField(spec.replicas(), SPEC.child("replicas")));
        }
        errs.addAll(validateTemplate(spec.template(), spec));
        return errs;
    }

    /** Upstream ValidatePodTemplateSpecForRC. */
    private static List<FieldError> validateTemplate(PodTemplateSpec template, ReplicationControllerSpec spec) {
        FieldPath path = SPEC.child("template");
        if (template == null) {
            return List.of(FieldError.required(path, ""));
        }
        List<FieldError> errs = new ArrayList<>();
        if (!spec.selector().isEmpty() && !LabelSelector.fromSet(spec.selector()).matches(template.metadata().labels())) {
            errs.add(FieldError.invalid(path.child("metadata", "labels"), GoValues.stringMap(template.metadata().labels()),
                    "`selector` does not match template `labels`"));
        }
        errs.addAll(PodSpecValidation.validatePodTemplateSpec(template, path));
        String restart = template.spec().restartPolicy();
        if (restart != null && !restart.equals(RestartPolicy.ALWAYS)) {
            errs.add(FieldError.notSupported(path.child("spec", "restartPolicy"), restart, List.of(RestartPolicy.ALWAYS)));
        }
        if (template.spec().activeDeadlineSeconds() != null) {
            errs.add(FieldError.forbidden(path.child("spec", "activeDeadlineSeconds"),
                    "activeDeadlineSeconds in ReplicationController is not Supported"));
        }
        return errs;
    }
}
