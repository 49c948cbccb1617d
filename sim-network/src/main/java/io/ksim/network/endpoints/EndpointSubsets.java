package io.ksim.network.endpoints;

import io.ksim.api.core.Endpoints;
import io.ksim.api.core.Endpoints.EndpointAddress;
import io.ksim.api.core.Endpoints.EndpointSubset;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

/**
 * Building the subsets of a legacy Endpoints object (upstream pkg/api/v1/endpoints RepackSubsets and the
 * endpoints controller's truncateEndpoints): addresses that serve the same ports share a subset; addresses
 * are sorted by IP, then pod uid. Over {@link #MAX_CAPACITY} addresses, not-ready ones are cut first, each
 * subset keeping its share rounded up, then ready ones the same way.
 */
final class EndpointSubsets {

    /** upstream maxCapacity of an Endpoints object. */
    static final int MAX_CAPACITY = 1000;

    private static final Comparator<EndpointAddress> BY_IP_AND_UID = Comparator
            .comparing(EndpointAddress::ip)
            .thenComparing(a -> a.targetRef() == null || a.targetRef().uid() == null ? "" : a.targetRef().uid());

    /** address key -> (address, ready, ports). */
    private final Map<String, Entry> byAddress = new TreeMap<>();

    private static final class Entry {
        final EndpointAddress address;
        final boolean ready;
        final List<Endpoints.EndpointPort> ports = new ArrayList<>();

        Entry(EndpointAddress address, boolean ready) {
            this.address = address;
            this.ready = ready;
        }
    }

    /** A subset under construction (mutable while truncating). */
    static final class Subset {
        List<EndpointAddress> addresses = new ArrayList<>();
        List<EndpointAddress> notReady = new ArrayList<>();
        final List<Endpoints.EndpointPort> ports;

        Subset(List<Endpoints.EndpointPort> ports) {
            this.ports = ports;
        }

        EndpointSubset toSubset() {
            return new EndpointSubset(addresses, notReady, ports);
        }
    }

    void add(EndpointAddress address, boolean ready, Endpoints.EndpointPort port) {
        String key = address.ip() + "|" + (address.targetRef() == null ? "" : address.targetRef().uid());
        Entry e = byAddress.computeIfAbsent(key, k -> new Entry(address, ready));
        if (port != null && !e.ports.contains(port)) {
            e.ports.add(port);
        }
    }

    /** Groups addresses by their port set; subsets in the order of their ports' text. */
    List<Subset> repack() {
        Map<String, Subset> byPorts = new TreeMap<>();
        for (Entry e : byAddress.values()) {
            List<Endpoints.EndpointPort> ports = new ArrayList<>(e.ports);
            ports.sort(Comparator.comparing((Endpoints.EndpointPort p) -> p.name() == null ? "" : p.name())
                    .thenComparing(Endpoints.EndpointPort::port));
            Subset s = byPorts.computeIfAbsent(ports.toString(), k -> new Subset(List.copyOf(ports)));
            (e.ready ? s.addresses : s.notReady).add(e.address);
        }
        for (Subset s : byPorts.values()) {
            s.addresses.sort(BY_IP_AND_UID);
            s.notReady.sort(BY_IP_AND_UID);
        }
        return new ArrayList<>(byPorts.values());
    }

    /** upstream truncateEndpoints; true if anything was cut. */
    static boolean truncate(List<Subset> subsets, int maxCapacity) {
        int totalReady = 0;
        int totalNotReady = 0;
        for (Subset s : subsets) {
            totalReady += s.addresses.size();
            totalNotReady += s.notReady.size();
        }
        if (totalReady + totalNotReady <= maxCapacity) {
            return false;
        }
        boolean truncateReady = totalReady > maxCapacity;
        int max = truncateReady ? maxCapacity : maxCapacity - totalReady;
        int numTotal = truncateReady ? totalReady : totalNotReady;
        int canBeAdded = max;
        for (Subset s : subsets) {
            int inSubset = truncateReady ? s.addresses.size() : s.notReady.size();
            int toBeAdded = (int) Math.ceil((double) inSubset / numTotal * max);
            toBeAdded = Math.min(toBeAdded, canBeAdded);
            if (truncateReady) {
                s.addresses = new ArrayList<>(s.addresses.subList(0, Math.min(toBeAdded, s.addresses.size())));
                s.notReady = new ArrayList<>();
                canBeAdded -= s.addresses.size();
            } else {
                s.notReady = new ArrayList<>(s.notReady.subList(0, Math.min(toBeAdded, s.notReady.size())));
                canBeAdded -= s.notReady.size();
            }
        }
        return true;
    }
}
