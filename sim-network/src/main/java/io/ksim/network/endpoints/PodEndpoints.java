package io.ksim.network.endpoints;

import io.ksim.api.core.Container;
import io.ksim.api.core.ContainerPort;
import io.ksim.api.core.Node;
import io.ksim.api.core.ObjectReference;
import io.ksim.api.core.Pod;
import io.ksim.api.core.PodConditions;
import io.ksim.api.core.PodIP;
import io.ksim.api.core.PodPhase;
import io.ksim.api.core.RestartPolicy;
import io.ksim.api.core.Service;
import io.ksim.api.core.Service.ServicePort;
import io.ksim.api.core.WellKnownLabels;
import io.ksim.api.discovery.Endpoint;
import io.ksim.api.discovery.Endpoint.EndpointConditions;
import io.ksim.api.discovery.EndpointPort;
import io.ksim.api.resource.IntOrString;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.OptionalInt;

/**
 * How a pod becomes an endpoint of a service, shared by the EndpointSlice and Endpoints controllers
 * (upstream k8s.io/endpointslice utils.go and pkg/api/v1/pod FindPort): which pods count, their conditions,
 * the ports they serve after named targetPorts are resolved against their own containers.
 */
public final class PodEndpoints {

    /** The node label that gives an endpoint its zone. */

    private PodEndpoints() {
    }

    /** Whether the service's selector (a plain equality map, never empty here) picks the pod. */
    public static boolean selects(Service service, Pod pod) {
        Map<String, String> selector = service.spec().selector();
        if (selector.isEmpty() || !service.metadata().namespace().equals(pod.metadata().namespace())) {
            return false;
        }
        for (Map.Entry<String, String> e : selector.entrySet()) {
            if (!e.getValue().equals(pod.metadata().labels().get(e.getKey()))) {
                return false;
            }
        }
        return true;
    }

    /**
     * upstream ShouldPodBeInEndpoints: a pod with an IP, not terminated for good (a Never pod that ended, an
     * OnFailure pod that succeeded), and, unless {@code includeTerminating}, not being deleted.
     */
    public static boolean shouldPodBeInEndpoints(Pod pod, boolean includeTerminating) {
        if (podIPs(pod).isEmpty()) {
            return false;
        }
        if (!includeTerminating && pod.metadata().deletionTimestamp() != null) {
            return false;
        }
        String phase = pod.status() == null ? null : pod.status().phase();
        String restart = pod.spec().restartPolicy();
        if (RestartPolicy.NEVER.equals(restart)) {
            return !PodPhase.FAILED.equals(phase) && !PodPhase.SUCCEEDED.equals(phase);
        }
        if (RestartPolicy.ON_FAILURE.equals(restart)) {
            return !PodPhase.SUCCEEDED.equals(phase);
        }
        return true;
    }

    public static boolean isReady(Pod pod) {
        return pod.status() != null && PodConditions.isPodReady(pod);
    }

    /** The pod's IPv4 addresses: status.podIPs, or status.podIP when the list is empty. */
    public static List<String> podIPs(Pod pod) {
        if (pod.status() == null) {
            return List.of();
        }
        List<String> out = new ArrayList<>();
        for (PodIP ip : pod.status().podIPs()) {
            if (ip.ip() != null && !ip.ip().contains(":")) {
                out.add(ip.ip());
            }
        }
        if (out.isEmpty() && pod.status().podIP() != null && !pod.status().podIP().isEmpty()
                && !pod.status().podIP().contains(":")) {
            out.add(pod.status().podIP());
        }
        return out;
    }

    /**
     * upstream podutil.FindPort: a numeric targetPort as is; a named one is the containerPort of that name and
     * the service port's protocol in the pod's containers. Empty when the pod has no such port.
     */
    public static OptionalInt findPort(Pod pod, ServicePort servicePort) {
        IntOrString target = servicePort.targetPort();
        if (target == null) {
            return OptionalInt.of(servicePort.port());
        }
        if (target.isInt()) {
            return OptionalInt.of(target.intVal());
        }
        for (Container c : pod.spec().containers()) {
            for (ContainerPort p : c.ports()) {
                String protocol = p.protocol() == null ? "TCP" : p.protocol();
                if (target.strVal().equals(p.name()) && protocol.equals(servicePort.protocol())) {
                    return OptionalInt.of(p.containerPort());
                }
            }
        }
        return OptionalInt.empty();
    }

    /** The slice ports the pod serves for the service, in service port order; unresolvable ones skipped. */
    public static List<EndpointPort> endpointPorts(Service service, Pod pod) {
        List<EndpointPort> out = new ArrayList<>();
        for (ServicePort sp : service.spec().ports()) {
            OptionalInt port = findPort(pod, sp);
            if (port.isPresent()) {
                out.add(new EndpointPort(sp.name() == null ? "" : sp.name(), sp.protocol(), port.getAsInt(),
                        sp.appProtocol()));
            }
        }
        return out;
    }

    /** upstream ShouldSetHostname: the pod's hostname when its subdomain names the service (same namespace). */
    public static boolean shouldSetHostname(Pod pod, Service service) {
        return pod.spec().hostname() != null && !pod.spec().hostname().isEmpty()
                && service.metadata().name().equals(pod.spec().subdomain())
                && service.metadata().namespace().equals(pod.metadata().namespace());
    }

    /**
     * upstream podToEndpoint: serving = pod Ready; terminating = being deleted; ready = publishNotReadyAddresses
     * or (serving and not terminating); targetRef, nodeName and the node's zone.
     */
    public static Endpoint toEndpoint(Pod pod, Node node, Service service) {
        boolean serving = isReady(pod);
        boolean terminating = pod.metadata().deletionTimestamp() != null;
        boolean ready = Boolean.TRUE.equals(service.spec().publishNotReadyAddresses()) || (serving && !terminating);
        String nodeName = pod.spec().nodeName() == null || pod.spec().nodeName().isEmpty() ? null : pod.spec().nodeName();
        String zone = node == null ? null : node.metadata().labels().get(WellKnownLabels.TOPOLOGY_ZONE);
        if (zone != null && zone.isEmpty()) {
            zone = null;
        }
        return new Endpoint(podIPs(pod), new EndpointConditions(ready, serving, terminating),
                shouldSetHostname(pod, service) ? pod.spec().hostname() : null, podRef(pod), null, nodeName, zone, null);
    }

    static ObjectReference podRef(Pod pod) {
        return new ObjectReference("Pod", pod.metadata().namespace(), pod.metadata().name(), pod.metadata().uid(),
                null, null, null);
    }
}
