package io.ksim.network.allocation;

import io.ksim.api.core.Service;
import io.ksim.apiserver.ApiServer;
import io.ksim.apiserver.registry.BuiltinResources;
import io.ksim.client.EventRecorder;
import io.ksim.kernel.Kernel;
import io.ksim.kernel.Timer;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.function.Function;

/**
 * kube-apiserver's allocation repair controllers (pkg/registry/core/service/ipallocator/controller/repair.go and
 * portallocator/controller/repair.go), one instance per allocator: every {@link #DEFAULT_INTERVAL} (and once at
 * start) it rebuilds the allocation map from the Services that exist, and compares it with what the allocator holds.
 *
 * <ul>
 *   <li>A value a Service uses that the allocator does not hold is taken ({@code ClusterIPNotAllocated} /
 *       {@code PortNotAllocated}, "... is not allocated; repairing").</li>
 *   <li>A value a second Service uses is reported ({@code ClusterIPAlreadyAllocated} / {@code PortAlreadyAllocated},
 *       "... was assigned to multiple services; please recreate service"); one outside the range too
 *       ({@code ClusterIPOutOfRange} / {@code PortOutOfRange}).</li>
 *   <li>A value the allocator holds that no Service uses may have leaked: it is kept for
 *       {@link #REPAIRS_BEFORE_LEAK_CLEANUP} runs (numRepairsBeforeLeakCleanup, to let racing creations finish) and
 *       released on the third, so a leak is reclaimed two intervals after it is first seen.</li>
 * </ul>
 * Events go to the Service under the controller's component name; the log lines upstream writes with HandleError
 * go to the trace.
 *
 * @param <V> an IP address (String) or a node port (Integer)
 */
public final class AllocationRepair<V extends Comparable<V>> {

    /** How often the repair loops run (kube-apiserver's RepairServicesInterval). */
    public static final Duration DEFAULT_INTERVAL = Duration.ofMinutes(3);
    /** Runs that must see a value unused before it is released. */
    public static final int REPAIRS_BEFORE_LEAK_CLEANUP = 3;

    /**
     * What differs between the cluster-IP and node-port repair: where values come from, and the words naming a
     * value and the range in the texts, which both repair loops otherwise share.
     */
    interface Range<V> {
        /** The values a Service uses, in spec order, without repeats. */
        List<V> used(Service svc);

        boolean inRange(V value);

        List<V> allocated();

        void allocate(V value);

        void release(V value);

        /** The event reason prefix ({@code ClusterIP}, {@code Port}). */
        String kind();

        /** The value as events name it ("Cluster IP [IPv4]:x", "Port x"). */
        String eventSubject(V value);

        /** The value as the log lines name it; upstream words an out-of-range node port differently. */
        String logSubject(V value, boolean outOfRange);

        /** The value as the leak log lines name it ("the cluster IP x", "the node port x"). */
        String leakSubject(V value);

        /** The range a value must lie in ("the service CIDR c", "the port range r"). */
        String rangeText();

        default String notAllocated(V value) {
            return eventSubject(value) + " is not allocated; repairing";
        }

        default String alreadyAllocated(V value) {
            return eventSubject(value) + " was assigned to multiple services; please recreate service";
        }

        default String outOfRange(V value) {
            return eventSubject(value) + " is not within " + rangeText() + "; please recreate service";
        }

        /** The text upstream logs when a value of {@code svc} is in trouble ("the cluster IP [IPv4]:x for ..."). */
        default String log(V value, Service svc, String what) {
            String head = logSubject(value, "out of range".equals(what)) + " for service " + svc.metadata().name()
                    + "/" + svc.metadata().namespace();
            return switch (what) {
                case "out of range" -> head + " is not within " + rangeText() + "; please recreate";
                case "duplicate" -> head + " was assigned to multiple services; please recreate";
                default -> head + " is not allocated; repairing";
            };
        }

        default String leakFlagged(V value) {
            return leakSubject(value) + " may have leaked: flagging for later clean up";
        }

        default String leakCleaned(V value) {
            return leakSubject(value) + " appears to have leaked: cleaning up";
        }
    }

    private final Kernel kernel;
    private final ApiServer api;
    private final Range<V> range;
    private final String component;
    private final EventRecorder events;
    /** value -> runs left before release (upstream's leaks map). */
    private final Map<V, Integer> leaks = new TreeMap<>();
    private Timer timer;

    AllocationRepair(ApiServer api, String component, Range<V> range) {
        this.kernel = api.kernel();
        this.api = api;
        this.range = range;
        this.component = component;
        this.events = new EventRecorder(kernel, api, component, null);
    }

    /** The cluster IP repair ({@code ipallocator-repair-controller}). */
    public static AllocationRepair<String> clusterIPs(ApiServer api, ClusterIPAllocator ips) {
        return new AllocationRepair<>(api, "ipallocator-repair-controller", new ClusterIPRange(ips));
    }

    /** The node port repair ({@code portallocator-repair-controller}). */
    public static AllocationRepair<Integer> nodePorts(ApiServer api, NodePortAllocator ports) {
        return new AllocationRepair<>(api, "portallocator-repair-controller", new NodePortRange(ports));
    }

    /** Runs now and then every {@code interval} until {@link #stop()}. */
    public AllocationRepair<V> start(Duration interval) {
        runOnce();
        timer = kernel.schedule(interval, component, () -> start(interval));
        return this;
    }

    public void stop() {
        if (timer != null) {
            timer.cancel();
            timer = null;
        }
    }

    /** The values seen unused and the runs left before each is released. */
    public Map<V, Integer> leaks() {
        return Map.copyOf(leaks);
    }

    /** One repair pass (RunOnce). */
    public void runOnce() {
        Set<V> stored = new LinkedHashSet<>(range.allocated());
        Set<V> rebuilt = new LinkedHashSet<>();
        List<V> toAllocate = new ArrayList<>();
        for (Service svc : api.list(BuiltinResources.SERVICES, null).items()) {
            for (V value : range.used(svc)) {
                if (!range.inRange(value)) {
                    events.warning(svc, range.kind() + "OutOfRange", range.outOfRange(value));
                    trace(range.log(value, svc, "out of range"));
                } else if (!rebuilt.add(value)) {
                    events.warning(svc, range.kind() + "AlreadyAllocated", range.alreadyAllocated(value));
                    trace(range.log(value, svc, "duplicate"));
                } else {
                    if (!stored.remove(value)) {
                        events.warning(svc, range.kind() + "NotAllocated", range.notAllocated(value));
                        trace(range.log(value, svc, "not allocated"));
                        toAllocate.add(value);
                    }
                    leaks.remove(value);
                }
            }
        }
        // What is left in the stored set is held by no Service.
        for (V value : stored) {
            Integer count = leaks.get(value);
            if (count == null) {
                trace(range.leakFlagged(value));
                count = REPAIRS_BEFORE_LEAK_CLEANUP - 1;
            }
            if (count > 0) {
                leaks.put(value, count - 1);
            } else {
                trace(range.leakCleaned(value));
                range.release(value);
            }
        }
        toAllocate.forEach(range::allocate);
    }

    private void trace(String message) {
        kernel.trace().record(component, "Repair", "", message);
    }

    /** Cluster IPs of Services that have one (not headless, not ExternalName). */
    private record ClusterIPRange(ClusterIPAllocator ips) implements Range<String> {

        @Override
        public List<String> used(Service svc) {
            String ip = svc.spec().clusterIP();
            if (ip == null || ip.isEmpty() || "None".equals(ip)) {
                return List.of();
            }
            List<String> all = svc.spec().clusterIPs().isEmpty() ? List.of(ip) : svc.spec().clusterIPs();
            return List.copyOf(new LinkedHashSet<>(all));
        }

        @Override
        public boolean inRange(String value) {
            return IPv4.inCidr(value, ips.cidr()) && !value.equals(ips.address(0))
                    && !value.equals(ips.address(ips.usable() + 1));
        }

        @Override
        public List<String> allocated() {
            return ips.allocated();
        }

        @Override
        public void allocate(String value) {
            ips.allocate(value);
        }

        @Override
        public void release(String value) {
            ips.release(value);
        }

        @Override
        public String kind() {
            return "ClusterIP";
        }

        @Override
        public String eventSubject(String ip) {
            return "Cluster IP [IPv4]:" + ip;
        }

        @Override
        public String logSubject(String ip, boolean outOfRange) {
            return "the cluster IP [IPv4]:" + ip;
        }

        @Override
        public String leakSubject(String ip) {
            return "the cluster IP " + ip;
        }

        @Override
        public String rangeText() {
            return "the service CIDR " + ips.cidr();
        }
    }

    /** Node ports and the health-check node port of a Service (the same port for TCP and UDP counts once). */
    private record NodePortRange(NodePortAllocator ports) implements Range<Integer> {

        @Override
        public List<Integer> used(Service svc) {
            Set<Integer> out = new LinkedHashSet<>();
            for (Service.ServicePort p : svc.spec().ports()) {
                if (p.nodePort() != null && p.nodePort() != 0) {
                    out.add(p.nodePort());
                }
            }
            if (svc.spec().healthCheckNodePort() != null && svc.spec().healthCheckNodePort() != 0) {
                out.add(svc.spec().healthCheckNodePort());
            }
            return List.copyOf(out);
        }

        @Override
        public boolean inRange(Integer port) {
            String[] r = ports.range().split("-");
            return port >= Integer.parseInt(r[0]) && port <= Integer.parseInt(r[1]);
        }

        @Override
        public List<Integer> allocated() {
            return ports.allocated();
        }

        @Override
        public void allocate(Integer port) {
            ports.allocate(port);
        }

        @Override
        public void release(Integer port) {
            ports.release(port);
        }

        @Override
        public String kind() {
            return "Port";
        }

        @Override
        public String eventSubject(Integer port) {
            return "Port " + port;
        }

        @Override
        public String logSubject(Integer port, boolean outOfRange) {
            return (outOfRange ? "the port " : "the node port ") + port;
        }

        @Override
        public String leakSubject(Integer port) {
            return "the node port " + port;
        }

        @Override
        public String rangeText() {
            return "the port range " + ports.range();
        }
    }
}
