package io.ksim.apiserver.registry;

import io.ksim.api.core.Container;
import io.ksim.api.core.Pod;
import io.ksim.api.core.Probe;
import io.ksim.api.meta.StatusCause;
import io.ksim.api.validation.FieldError;
import io.ksim.api.validation.FieldPath;
import io.ksim.api.validation.ObjectMetaValidation;
import java.util.ArrayList;
import java.util.List;

/**
 * Upstream's checks of a pod's probes and hooks (pkg/apis/core/validation/validation.go validateProbe,
 * validateLivenessProbe, validateStartupProbe, validateInitContainers), with its texts:
 * <pre>
 * spec.containers[0].livenessProbe: Required value: must specify a handler type
 * spec.containers[0].livenessProbe.successThreshold: Invalid value: 2: must be 1
 * spec.containers[0].readinessProbe.periodSeconds: Invalid value: -1: must be greater than or equal to 0
 * spec.initContainers[0].livenessProbe: Forbidden: may not be set for init containers without restartPolicy=Always
 * </pre>
 * Unset numbers count as their defaults (the thresholds 1 and 3), as they are after defaulting.
 */
final class PodProbeValidation {

    private static final String INIT_FORBIDDEN = "may not be set for init containers without restartPolicy=Always";

    private PodProbeValidation() {
    }

    static List<StatusCause> validate(Pod pod) {
        List<FieldError> errs = new ArrayList<>();
        FieldPath spec = FieldPath.of("spec");
        List<Container> inits = pod.spec().initContainers();
        for (int i = 0; i < inits.size(); i++) {
            Container c = inits.get(i);
            FieldPath path = spec.child("initContainers").index(i);
            if (c.isRestartable()) {
                errs.addAll(container(c, path));
                continue;
            }
            forbidIfSet(errs, c.livenessProbe(), path.child("livenessProbe"));
            forbidIfSet(errs, c.readinessProbe(), path.child("readinessProbe"));
            forbidIfSet(errs, c.startupProbe(), path.child("startupProbe"));
            forbidIfSet(errs, c.lifecycle(), path.child("lifecycle"));
        }
        List<Container> containers = pod.spec().containers();
        for (int i = 0; i < containers.size(); i++) {
            errs.addAll(container(containers.get(i), spec.child("containers").index(i)));
        }
        return errs.stream().map(FieldError::cause).toList();
    }

    private static void forbidIfSet(List<FieldError> errs, Object value, FieldPath path) {
        if (value != null) {
            errs.add(FieldError.forbidden(path, INIT_FORBIDDEN));
        }
    }

    private static List<FieldError> container(Container c, FieldPath path) {
        List<FieldError> errs = new ArrayList<>();
        errs.addAll(mustSucceedOnce(c.livenessProbe(), path.child("livenessProbe")));
        errs.addAll(probe(c.readinessProbe(), path.child("readinessProbe")));
        errs.addAll(mustSucceedOnce(c.startupProbe(), path.child("startupProbe")));
        return errs;
    }

    /** Liveness and startup probes: a success is final, so successThreshold must be 1. */
    private static List<FieldError> mustSucceedOnce(Probe p, FieldPath path) {
        List<FieldError> errs = probe(p, path);
        if (p != null && p.successThreshold() != null && p.successThreshold() != 0 && p.successThreshold() != 1) {
            errs.add(FieldError.invalid(path.child("successThreshold"), p.successThreshold(), "must be 1"));
        }
        return errs;
    }

    private static List<FieldError> probe(Probe p, FieldPath path) {
        List<FieldError> errs = new ArrayList<>();
        if (p == null) {
            return errs;
        }
        // Handlers in upstream's order: the first one set counts, each further one is forbidden.
        String[] names = {"exec", "httpGet", "tcpSocket", "grpc"};
        Object[] set = {p.exec(), p.httpGet(), p.tcpSocket(), p.grpc()};
        boolean found = false;
        for (int i = 0; i < names.length; i++) {
            if (set[i] == null) {
                continue;
            }
            if (found) {
                errs.add(FieldError.forbidden(path.child(names[i]), "may not specify more than 1 handler type"));
            }
            found = true;
        }
        if (!found) {
            errs.add(FieldError.required(path, "must specify a handler type"));
        }
        nonNegative(errs, p.initialDelaySeconds(), path.child("initialDelaySeconds"));
        nonNegative(errs, p.timeoutSeconds(), path.child("timeoutSeconds"));
        nonNegative(errs, p.periodSeconds(), path.child("periodSeconds"));
        nonNegative(errs, p.successThreshold(), path.child("successThreshold"));
        nonNegative(errs, p.failureThreshold(), path.child("failureThreshold"));
        if (p.terminationGracePeriodSeconds() != null && p.terminationGracePeriodSeconds() <= 0) {
            errs.add(FieldError.invalid(path.child("terminationGracePeriodSeconds"),
                    p.terminationGracePeriodSeconds(), "must be greater than 0"));
        }
        return errs;
    }

    private static void nonNegative(List<FieldError> errs, Integer value, FieldPath path) {
        if (value != null) {
            errs.addAll(ObjectMetaValidation.validateNonnegativeField(value, path));
        }
    }
}
