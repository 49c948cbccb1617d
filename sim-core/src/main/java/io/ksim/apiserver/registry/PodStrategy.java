package io.ksim.apiserver.registry;

import io.ksim.api.core.Container;
import io.ksim.api.core.Pod;
import io.ksim.api.core.PodPhase;
import io.ksim.api.core.PodSpec;
import io.ksim.api.core.PodStatus;
import io.ksim.api.core.Toleration;
import io.ksim.api.meta.StatusCause;
import io.ksim.api.validation.FieldError;
import io.ksim.api.validation.FieldPath;
import io.ksim.api.validation.PodSpecValidation;
import java.util.ArrayList;
import java.util.List;

/**
 * Upstream's pod strategy (pkg/registry/core/pod/strategy.go) as far as ksim models it: a new pod is
 * Pending with its QoS class, the main resource cannot change the status, and deletion is graceful.
 *
 * <p>Grace period: the one asked for, else {@code spec.terminationGracePeriodSeconds} (30 s by default);
 * a pod never scheduled to a node, or already Succeeded or Failed, goes at once; a negative request counts
 * as 1 s. The kubelet finishes a graceful deletion by deleting the pod again with grace 0.
 */
final class PodStrategy extends SpecStatusStrategy<Pod, PodSpec, PodStatus> {

    /** Pods have no metadata.generation in 1.32 (it arrives with 1.33's PodObservedGenerationTracking). */
    PodStrategy() {
        super(Pod::spec, Pod::withSpec, Pod::status, Pod::withStatus, () -> PodStatus.EMPTY, false);
    }

    /** Pending with its QoS class; pod (anti-)affinity terms get their matchLabelKeys merged ({@link PodAffinityLabelKeys}). */
    @Override
    public Pod prepareForCreate(Pod pod) {
        PodStatus status = PodStatus.builder().phase(PodPhase.PENDING).qosClass(PodQos.of(pod.spec())).build();
        return PodAffinityLabelKeys.apply(pod.withStatus(status));
    }

    /** ValidatePodCreate's spec checks ({@link PodSpecValidation#validatePod}). */
    @Override
    public List<StatusCause> validate(Pod pod) {
        return causes(PodSpecValidation.validatePod(pod.spec(), SPEC));
    }

    /** ValidatePodUpdate's message (without the spec diff upstream appends). */
    static final String POD_UPDATE_FORBIDDEN = "pod updates may not change fields other than "
            + "`spec.containers[*].image`,`spec.initContainers[*].image`,`spec.activeDeadlineSeconds`,"
            + "`spec.tolerations` (only additions to existing tolerations),"
            + "`spec.terminationGracePeriodSeconds` (allow it to be set to 1 if it was previously negative)";

    /**
     * A pod's spec is immutable but for container images, activeDeadlineSeconds, added tolerations and a
     * negative grace period set to 1; the node is set through the binding subresource, never by an update.
     */
    @Override
    public List<StatusCause> validateUpdate(Pod pod, Pod old) {
        PodSpec spec = pod.spec();
        PodSpec was = old.spec();
        if (spec.equals(was)) {
            // A status or metadata update: the stored spec was validated when it was written.
            return List.of();
        }
        List<StatusCause> causes = new ArrayList<>(validate(pod));
        List<Toleration> tolerations = spec.tolerations();
        boolean onlyAdded = tolerations.size() >= was.tolerations().size()
                && tolerations.subList(0, was.tolerations().size()).equals(was.tolerations());
        Long grace = spec.terminationGracePeriodSeconds();
        Long oldGrace = was.terminationGracePeriodSeconds();
        boolean graceOk = java.util.Objects.equals(grace, oldGrace)
                || (oldGrace != null && oldGrace < 0 && grace != null && grace == 1);
        PodSpec mutable = was.toBuilder()
                .containers(withImagesOf(was.containers(), spec.containers()))
                .initContainers(withImagesOf(was.initContainers(), spec.initContainers()))
                .activeDeadlineSeconds(spec.activeDeadlineSeconds())
                .tolerations(onlyAdded ? tolerations : was.tolerations())
                .terminationGracePeriodSeconds(graceOk ? grace : oldGrace)
                .build();
        if (!mutable.equals(spec)) {
            causes.add(new StatusCause("FieldValueForbidden", "Forbidden: " + POD_UPDATE_FORBIDDEN, "spec"));
        }
        return causes;
    }

    private static List<StatusCause> causes(List<FieldError> errs) {
        return errs.stream().map(FieldError::cause).toList();
    }

    private static final FieldPath SPEC = FieldPath.of("spec");

    /** {@code old} with each container's image taken from the same position of {@code updated}, when both have it. */
    private static List<Container> withImagesOf(List<Container> old, List<Container> updated) {
        if (old.size() != updated.size()) {
            return old;
        }
        List<Container> out = new ArrayList<>(old.size());
        for (int i = 0; i < old.size(); i++) {
            out.add(old.get(i).toBuilder().image(updated.get(i).image()).build());
        }
        return out;
    }

    @Override
    public long gracePeriodSeconds(Pod pod, Long requested) {
        long period;
        if (requested != null) {
            period = requested < 0 ? 1 : requested;
        } else if (pod.spec().terminationGracePeriodSeconds() != null) {
            period = pod.spec().terminationGracePeriodSeconds();
        } else {
            period = 30;
        }
        String nodeName = pod.spec().nodeName();
        if (nodeName == null || nodeName.isEmpty()) {
            return 0;
        }
        String phase = pod.status().phase();
        if (PodPhase.SUCCEEDED.equals(phase) || PodPhase.FAILED.equals(phase)) {
            return 0;
        }
        return period;
    }
}
