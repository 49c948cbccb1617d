package io.ksim.node;

import io.ksim.api.core.Container;
import io.ksim.api.core.ContainerStatus;
import io.ksim.api.core.HostIP;
import io.ksim.api.core.Pod;
import io.ksim.api.core.PodIP;
import io.ksim.api.core.PodPhase;
import io.ksim.api.core.PodStatus;
import io.ksim.apiserver.ApiException;
import io.ksim.apiserver.registry.BuiltinResources;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;

/**
 * Writes a pod's status as the kubelet's status manager does: the phase and conditions computed from the
 * container records ({@link PodStatusGenerator}), the sandbox's IPs and start time, posted through the
 * status subresource only when something changed.
 */
final class PodStatusWriter {

    private PodStatusWriter() {
    }

    /**
     * Posts the status of {@code pod} (fetched fresh, so other writers' conditions are kept) and returns the
     * pod as written, or null if it is gone or nothing changed; {@code terminal}: the pod is being finished.
     */
    static Pod write(Kubelet kubelet, Pod pod, List<ContainerRecord> containers, String podIP, Instant startTime,
            boolean terminal) {
        Pod current;
        try {
            current = kubelet.api().get(BuiltinResources.PODS, pod.metadata().namespace(), pod.metadata().name());
        } catch (ApiException e) {
            if (e.code() == 404) {
                return null;
            }
            throw e;
        }
        List<ContainerStatus> initStatuses = new ArrayList<>();
        List<ContainerStatus> statuses = new ArrayList<>();
        for (ContainerRecord r : containers) {
            (r.kind == ContainerRecord.Kind.APP ? statuses : initStatuses)
                    .add(r.toStatus(kubelet.imageID(r.model.reference())));
        }
        List<Container> initSpecs = pod.spec().initContainers();
        String phase = PodStatusGenerator.initializationFailed(pod.spec().restartPolicy(), initSpecs, initStatuses)
                ? PodPhase.FAILED : PodStatusGenerator.phase(pod.spec().restartPolicy(), statuses, terminal);
        PodStatus old = current.status();
        PodStatus status = old.toBuilder()
                .phase(phase)
                .conditions(PodStatusGenerator.conditions(old, true, phase, initSpecs, initStatuses, statuses,
                        kubelet.kernel().instant()))
                .initContainerStatuses(initStatuses)
                .hostIP(kubelet.config().internalIP())
                .hostIPs(List.of(new HostIP(kubelet.config().internalIP())))
                .podIP(podIP)
                .podIPs(podIP == null ? List.of() : List.of(new PodIP(podIP)))
                .startTime(startTime)
                .containerStatuses(statuses)
                .build();
        if (status.equals(old)) {
            return current;
        }
        return kubelet.api().updateStatus(BuiltinResources.PODS, current.withStatus(status));
    }
}
