package io.ksim.network.endpoints;

import io.ksim.api.core.Service;
import io.ksim.api.discovery.Endpoint;
import io.ksim.api.discovery.EndpointPort;
import io.ksim.api.discovery.EndpointSlice;
import io.ksim.api.meta.ObjectMeta;
import io.ksim.api.meta.OwnerReference;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.TreeMap;

/**
 * The EndpointSlice reconciler of upstream k8s.io/endpointslice (reconciler.go, {@code reconcileByPortMapping}
 * and {@code finalize}), as a pure function from (service, desired endpoints, existing slices) to the writes.
 *
 * <p>Per group of endpoints serving the same ports: (1) existing slices drop endpoints no longer wanted and take
 * changed ones (a slice left empty is deleted); (2) slices already being rewritten are filled up to the maximum
 * with new endpoints; (3) leftovers go into the unchanged slice that they fill most closely, if fewer than the
 * maximum remain, else into new slices. A service with no endpoints keeps one empty placeholder slice. A
 * delete and a create are turned into an update of the slice that would be deleted, keeping its name.
 *
 * <p>Endpoint identity is (addresses, hostname, pod namespace/name), as upstream's endpoint hash; a change of
 * conditions, node or zone rewrites the endpoint in place. Ordering where upstream uses map order: port groups
 * by their text, new endpoints by pod key, so the result is deterministic.
 */
public final class SliceReconciler {

    /** upstream --max-endpoints-per-slice default. */
    public static final int DEFAULT_MAX_ENDPOINTS_PER_SLICE = 100;

    /** The writes that make the slices of a service what they should be. */
    public record Plan(List<EndpointSlice> creates, List<EndpointSlice> updates, List<EndpointSlice> deletes) {

        public boolean isEmpty() {
            return creates.isEmpty() && updates.isEmpty() && deletes.isEmpty();
        }
    }

    /** A desired endpoint with the ports its pod serves (named targetPorts resolved for that pod). */
    public record DesiredEndpoint(Endpoint endpoint, List<EndpointPort> ports) {
    }

    private final int maxEndpointsPerSlice;

    public SliceReconciler(int maxEndpointsPerSlice) {
        if (maxEndpointsPerSlice < 1 || maxEndpointsPerSlice > 1000) {
            throw new IllegalArgumentException("max-endpoints-per-slice must be in 1..1000");
        }
        this.maxEndpointsPerSlice = maxEndpointsPerSlice;
    }

    public Plan reconcile(Service service, List<DesiredEndpoint> desired, List<EndpointSlice> existing) {
        Map<String, List<EndpointPort>> portsByKey = new TreeMap<>();
        Map<String, Map<String, Endpoint>> desiredByPorts = new TreeMap<>();
        for (DesiredEndpoint d : desired) {
            String key = d.ports().toString();
            portsByKey.putIfAbsent(key, d.ports());
            desiredByPorts.computeIfAbsent(key, k -> new LinkedHashMap<>()).put(identity(d.endpoint()), d.endpoint());
        }
        Map<String, List<EndpointSlice>> existingByPorts = new TreeMap<>();
        for (EndpointSlice s : existing) {
            existingByPorts.computeIfAbsent(s.ports().toString(), k -> new ArrayList<>()).add(s);
        }
        List<EndpointSlice> creates = new ArrayList<>();
        List<EndpointSlice> updates = new ArrayList<>();
        List<EndpointSlice> deletes = new ArrayList<>();
        for (Map.Entry<String, Map<String, Endpoint>> group : desiredByPorts.entrySet()) {
            reconcileGroup(service, portsByKey.get(group.getKey()), group.getValue(),
                    existingByPorts.getOrDefault(group.getKey(), List.of()), creates, updates, deletes);
        }
        for (Map.Entry<String, List<EndpointSlice>> e : existingByPorts.entrySet()) {
            if (!desiredByPorts.containsKey(e.getKey())) {
                deletes.addAll(e.getValue());
            }
        }
        // No endpoints at all: one empty placeholder slice stays (or is created).
        if (existing.size() == deletes.size() && creates.isEmpty()) {
            EndpointSlice placeholder = newSlice(service, List.of());
            if (deletes.size() == 1 && isPlaceholder(deletes.get(0))) {
                deletes.clear();
            } else {
                creates.add(placeholder);
            }
        }
        // A delete and a create become an update of the slice that would go.
        Iterator<EndpointSlice> it = deletes.iterator();
        while (it.hasNext() && !creates.isEmpty()) {
            EndpointSlice gone = it.next();
            EndpointSlice made = creates.remove(creates.size() - 1);
            updates.add(made.withMetadata(gone.metadata().toBuilder().labels(made.metadata().labels())
                    .ownerReferences(made.metadata().ownerReferences()).build()));
            it.remove();
        }
        return new Plan(List.copyOf(creates), List.copyOf(updates), List.copyOf(deletes));
    }

    private void reconcileGroup(Service service, List<EndpointPort> ports, Map<String, Endpoint> wanted,
            List<EndpointSlice> slices, List<EndpointSlice> creates, List<EndpointSlice> updates,
            List<EndpointSlice> deletes) {
        Map<String, Endpoint> remaining = new LinkedHashMap<>(wanted);
        List<EndpointSlice> toUpdate = new ArrayList<>();
        List<EndpointSlice> unchanged = new ArrayList<>();
        Map<String, String> labels = labels(service);
        // (1) existing slices keep what is still wanted, with its current state.
        for (EndpointSlice slice : slices) {
            List<Endpoint> kept = new ArrayList<>();
            boolean changed = false;
            for (Endpoint e : slice.endpoints()) {
                Endpoint want = remaining.remove(identity(e));
                if (want == null) {
                    changed = true;
                } else {
                    kept.add(want);
                    changed |= !want.equals(e);
                }
            }
            boolean labelsChanged = !slice.metadata().labels().equals(labels);
            if (kept.isEmpty() && !slice.endpoints().isEmpty()) {
                deletes.add(slice);
            } else if (changed || labelsChanged) {
                toUpdate.add(slice.withEndpoints(kept)
                        .withMetadata(slice.metadata().toBuilder().labels(labels).build()));
            } else {
                unchanged.add(slice);
            }
        }
        // (2) fill the slices being rewritten anyway.
        for (int i = 0; i < toUpdate.size() && !remaining.isEmpty(); i++) {
            EndpointSlice s = toUpdate.get(i);
            List<Endpoint> eps = new ArrayList<>(s.endpoints());
            fill(eps, remaining);
            toUpdate.set(i, s.withEndpoints(eps));
        }
        // (3) leftovers: into the unchanged slice they fill most closely, else new slices.
        while (!remaining.isEmpty()) {
            EndpointSlice target = null;
            if (remaining.size() < maxEndpointsPerSlice && !unchanged.isEmpty()) {
                target = sliceToFill(unchanged, remaining.size());
            }
            if (target == null) {
                List<Endpoint> eps = new ArrayList<>();
                fill(eps, remaining);
                creates.add(newSlice(service, ports).withEndpoints(eps));
            } else {
                List<Endpoint> eps = new ArrayList<>(target.endpoints());
                fill(eps, remaining);
                toUpdate.add(target.withEndpoints(eps));
            }
        }
        updates.addAll(toUpdate);
    }

    private void fill(List<Endpoint> eps, Map<String, Endpoint> remaining) {
        Iterator<Map.Entry<String, Endpoint>> it = remaining.entrySet().iterator();
        while (eps.size() < maxEndpointsPerSlice && it.hasNext()) {
            eps.add(it.next().getValue());
            it.remove();
        }
    }

    /** upstream getSliceToFill: the unchanged slice with room for {@code n} more that is left fullest. */
    private EndpointSlice sliceToFill(List<EndpointSlice> unchanged, int n) {
        int closest = maxEndpointsPerSlice;
        EndpointSlice best = null;
        for (EndpointSlice s : unchanged) {
            int diff = maxEndpointsPerSlice - (n + s.endpoints().size());
            if (diff >= 0 && diff < closest) {
                closest = diff;
                best = s;
                if (diff == 0) {
                    break;
                }
            }
        }
        if (best != null) {
            unchanged.remove(best);
        }
        return best;
    }

    /** A new slice for the service: generateName {@code <service>-}, controller owner reference, labels. */
    public static EndpointSlice newSlice(Service service, List<EndpointPort> ports) {
        ObjectMeta svc = service.metadata();
        ObjectMeta meta = ObjectMeta.builder().generateName(svc.name() + "-").namespace(svc.namespace())
                .labels(labels(service))
                .ownerReferences(List.of(OwnerReference.controllerOf("v1", "Service", svc.name(), svc.uid())))
                .build();
        return new EndpointSlice(meta, EndpointSlice.ADDRESS_TYPE_IPV4, List.of(), ports);
    }

    /**
     * upstream setEndpointSliceLabels: the service's labels (without the two reserved ones), the headless label
     * for {@code clusterIP: None}, the service name and the managing controller.
     */
    public static Map<String, String> labels(Service service) {
        Map<String, String> labels = new TreeMap<>(service.metadata().labels());
        labels.remove(EndpointSlice.LABEL_SERVICE_NAME);
        labels.remove(EndpointSlice.LABEL_MANAGED_BY);
        if (service.spec().isHeadless()) {
            labels.put(EndpointsController.LABEL_HEADLESS, "");
        } else {
            labels.remove(EndpointsController.LABEL_HEADLESS);
        }
        labels.put(EndpointSlice.LABEL_SERVICE_NAME, service.metadata().name());
        labels.put(EndpointSlice.LABEL_MANAGED_BY, EndpointSlice.CONTROLLER_NAME);
        return labels;
    }

    private static boolean isPlaceholder(EndpointSlice s) {
        return s.endpoints().isEmpty() && s.ports().isEmpty();
    }

    /** upstream's endpoint hash inputs: addresses, hostname, and the pod it is. */
    static String identity(Endpoint e) {
        String ref = e.targetRef() == null ? "" : e.targetRef().namespace() + "/" + e.targetRef().name();
        return e.addresses().stream().sorted().toList() + "|" + Objects.toString(e.hostname(), "") + "|" + ref;
    }
}
