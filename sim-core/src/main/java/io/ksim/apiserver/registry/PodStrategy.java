package io.ksim.apiserver.registry;

import io.ksim.api.core.Pod;
import io.ksim.api.core.PodPhase;
import io.ksim.api.core.PodSpec;
import io.ksim.api.core.PodStatus;

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

    @Override
    public Pod prepareForCreate(Pod pod) {
        PodStatus status = PodStatus.builder().phase(PodPhase.PENDING).qosClass(PodQos.of(pod.spec())).build();
        return pod.withStatus(status);
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
