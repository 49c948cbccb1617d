package io.ksim.network.proxy;

import io.ksim.api.core.Service;
import io.ksim.api.discovery.EndpointSlice;
import io.ksim.api.meta.KubeObject;
import io.ksim.apiserver.ApiServer;
import io.ksim.apiserver.registry.BuiltinResources;
import io.ksim.client.Informer;
import io.ksim.client.ResourceEventHandler;
import io.ksim.kernel.Kernel;
import io.ksim.kernel.Timer;
import io.ksim.network.proxy.iptables.IptablesConfig;
import io.ksim.network.proxy.iptables.IptablesProxier;
import io.ksim.network.proxy.iptables.IptablesRules;
import io.ksim.network.proxy.iptables.IptablesSave;
import io.ksim.network.proxy.iptables.NodeIptables;
import io.ksim.network.proxy.ipvs.IpvsConfig;
import io.ksim.network.proxy.ipvs.IpvsIptablesRules;
import io.ksim.network.proxy.ipvs.IpvsProxier;
import io.ksim.network.proxy.ipvs.IpvsState;
import io.ksim.network.system.KubeProxyConfiguration;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import java.util.Set;
import java.util.TreeSet;

/**
 * One node's kube-proxy: it watches Services and EndpointSlices and, on any change, re-syncs the node's rules
 * in its mode (iptables or ipvs), no more often than {@code --*-min-sync-period} (1 s by default), as
 * upstream's BoundedFrequencyRunner spaces syncs: a change right after a sync waits for the period to pass,
 * and all changes meanwhile are folded into one sync.
 *
 * <p>The rules go into the node's {@link NodeIptables}, which outlives the process: a kube-proxy started on a node
 * finds what the one before it wrote there. In iptables mode the first sync is full (jumps ensured, every chain
 * written, unused service chains deleted); later syncs are partial (MinimizeIPTablesRestore, on by default since
 * v1.27): they write the top-level chains and only the chains of services whose Service or endpoints changed. In
 * ipvs mode every sync writes the IPVS table and the same few ipset-matching iptables rules. v1.32 does not clean
 * up another mode's rules when it starts in iptables or ipvs mode (only when switching to nftables, or with
 * {@code kube-proxy --cleanup}, see {@link #cleanupLeftovers(NodeIptables)}). Each sync's cost is kept as a
 * {@link ProxySync}.
 *
 * <p>With {@link #periodicSyncs()} on, the runner also syncs when its maximum interval passes without one: every
 * {@code syncPeriod} (30 s) in ipvs mode; every hour in iptables mode (upstream passes time.Hour, relying on its
 * iptables monitor, not modeled, to force full syncs when the tables get flushed).
 */
public final class KubeProxy {

    /** The proxy modes ksim models. */
    public enum Mode { IPTABLES, IPVS }

    public static final Duration DEFAULT_MIN_SYNC_PERIOD = Duration.ofSeconds(1);
    /** KubeProxyConfiguration's syncPeriod default: the ipvs runner's maximum interval. */
    public static final Duration DEFAULT_SYNC_PERIOD = Duration.ofSeconds(30);
    /** The iptables runner's maximum interval (upstream's "time.Hour is arbitrary"). */
    public static final Duration IPTABLES_MAX_INTERVAL = Duration.ofHours(1);

    private final Kernel kernel;
    private final String nodeName;
    private final Mode mode;
    private final IptablesProxier iptables;
    private final IpvsProxier ipvs;
    private final NodeIptables host;
    private final Duration minSyncPeriod;
    private final String component;
    private final Informer<Service> services;
    private final Informer<EndpointSlice> slices;
    private final List<ProxySync> history = new ArrayList<>();
    private Timer pending;
    private Timer periodic;
    private boolean periodicSyncs;
    private boolean needFullSync = true;
    private long lastSyncNanos = Long.MIN_VALUE;
    private long lastCleanupNanos = Long.MIN_VALUE;
    private int syncs;
    private IptablesRules rules;
    private IptablesRules lastPayload;
    private IpvsState ipvsState;
    private ServiceEndpointsMap state;

    public KubeProxy(Kernel kernel, ApiServer api, Mode mode, IptablesConfig iptablesConfig, IpvsConfig ipvsConfig,
            Duration minSyncPeriod) {
        this(kernel, api, mode, iptablesConfig, ipvsConfig, minSyncPeriod, new NodeIptables());
    }

    /** A kube-proxy writing into {@code host}, the node's tables as earlier kube-proxies left them. */
    public KubeProxy(Kernel kernel, ApiServer api, Mode mode, IptablesConfig iptablesConfig, IpvsConfig ipvsConfig,
            Duration minSyncPeriod, NodeIptables host) {
        this.kernel = Objects.requireNonNull(kernel, "kernel");
        this.mode = Objects.requireNonNull(mode, "mode");
        this.host = Objects.requireNonNull(host, "host");
        this.nodeName = iptablesConfig.nodeName();
        this.iptables = new IptablesProxier(iptablesConfig);
        this.ipvs = new IpvsProxier(ipvsConfig);
        this.minSyncPeriod = minSyncPeriod;
        this.component = "kube-proxy/" + nodeName;
        this.services = Informer.builder(kernel, api, BuiltinResources.SERVICES).component(component).build();
        this.slices = Informer.builder(kernel, api, BuiltinResources.ENDPOINT_SLICES).component(component).build();
        services.addEventHandler(changes());
        slices.addEventHandler(changes());
    }

    /** A kube-proxy with kubeadm's defaults for a node: pod network 10.244.0.0/16, rr, 1 s min sync period. */
    public static KubeProxy forNode(Kernel kernel, ApiServer api, Mode mode, String nodeName, String nodeIP) {
        return new KubeProxy(kernel, api, mode, IptablesConfig.forNode(nodeName, nodeIP),
                IpvsConfig.forNode(nodeName, nodeIP), DEFAULT_MIN_SYNC_PERIOD);
    }

    /**
     * A kube-proxy as its pod starts on a node: mode, cluster CIDR and scheduler from the
     * {@code kube-system/kube-proxy} ConfigMap as it is now. Restarting the pod (a new instance) picks up a
     * changed mode, as {@code kubectl rollout restart daemonset kube-proxy -n kube-system} does.
     */
    public static KubeProxy fromConfigMap(Kernel kernel, ApiServer api, String nodeName, String nodeIP) {
        return fromConfigMap(kernel, api, nodeName, nodeIP, new NodeIptables());
    }

    /** As {@link #fromConfigMap(Kernel, ApiServer, String, String)}, on a node whose tables are {@code host}. */
    public static KubeProxy fromConfigMap(Kernel kernel, ApiServer api, String nodeName, String nodeIP,
            NodeIptables host) {
        KubeProxyConfiguration c = KubeProxyConfiguration.read(api);
        return new KubeProxy(kernel, api, c.proxyMode(),
                new IptablesConfig(nodeName, nodeIP, c.clusterCIDR(), c.masqueradeAll(), true),
                new IpvsConfig(nodeName, List.of(nodeIP), c.ipvsScheduler(), c.clusterCIDR(), c.masqueradeAll()),
                DEFAULT_MIN_SYNC_PERIOD, host);
    }

    /**
     * What {@code kube-proxy --cleanup} removes from a node's tables (platformCleanup with cleanupAndExit): the
     * iptables proxier's leftovers, then the ipvs proxier's iptables chains and jumps.
     */
    public static void cleanupLeftovers(NodeIptables host) {
        IptablesProxier.cleanupLeftovers(host);
        IpvsIptablesRules.cleanupLeftovers(host);
    }

    private <T extends KubeObject> ResourceEventHandler<T> changes() {
        return new ResourceEventHandler<>() {
            @Override
            public void onAdd(T obj, boolean initial) {
                requestSync();
            }

            @Override
            public void onUpdate(T o, T n) {
                if (o != n) {
                    requestSync();
                }
            }

            @Override
            public void onDelete(T obj) {
                requestSync();
            }
        };
    }

    /**
     * Turns on the runner's periodic syncs (every {@link #DEFAULT_SYNC_PERIOD} in ipvs mode, every hour in iptables
     * mode). Off by default, so that a kernel running only network components can go idle.
     */
    public KubeProxy periodicSyncs() {
        this.periodicSyncs = true;
        if (syncs > 0 && periodic == null) {
            schedulePeriodic();
        }
        return this;
    }

    public void start() {
        services.start();
        slices.start();
    }

    public void stop() {
        services.stop();
        slices.stop();
        if (pending != null) {
            pending.cancel();
            pending = null;
        }
        if (periodic != null) {
            periodic.cancel();
            periodic = null;
        }
    }

    public Mode mode() {
        return mode;
    }

    public String nodeName() {
        return nodeName;
    }

    /** Syncs done so far. */
    public int syncs() {
        return syncs;
    }

    /** Every sync so far with its cost, oldest first. */
    public List<ProxySync> syncHistory() {
        return List.copyOf(history);
    }

    /** The last sync, or null before the first. */
    public ProxySync lastSync() {
        return history.isEmpty() ? null : history.get(history.size() - 1);
    }

    /** The rules kube-proxy's chains hold after the last sync (iptables mode), or null before the first. */
    public IptablesRules iptablesRules() {
        return rules;
    }

    /** The iptables-restore input of the last sync (partial or full; in ipvs mode its few rules), or null. */
    public IptablesRules lastPayload() {
        return lastPayload;
    }

    /** The node's iptables tables, as every kube-proxy that ran there left them. */
    public NodeIptables hostIptables() {
        return host;
    }

    /**
     * What {@code iptables-save} prints on the node now, in either mode (the rules of earlier kube-proxies
     * included), or null while the tables hold nothing.
     */
    public String iptablesSave() {
        return host.ruleCount() == 0 ? null : IptablesSave.render(host, kernel.instant());
    }

    /** What {@code iptables-save -t TABLE} prints ({@code filter} or {@code nat}), or null while the tables hold nothing. */
    public String iptablesSave(String table) {
        return host.ruleCount() == 0 ? null : IptablesSave.render(host, kernel.instant(), List.of(table));
    }

    /** The IPVS table of the last sync (ipvs mode), or null before the first. */
    public IpvsState ipvsState() {
        return ipvsState;
    }

    /** The service and endpoint maps of the last sync. */
    public ServiceEndpointsMap serviceEndpoints() {
        return state;
    }

    private void requestSync() {
        if (pending != null) {
            return;
        }
        long earliest = lastSyncNanos == Long.MIN_VALUE ? kernel.nanos() : lastSyncNanos + minSyncPeriod.toNanos();
        pending = kernel.scheduleAtNanos(Math.max(kernel.nanos(), earliest), component, this::sync);
    }

    private void sync() {
        pending = null;
        lastSyncNanos = kernel.nanos();
        syncs++;
        ServiceEndpointsMap next = ServiceEndpointsMap.build(nodeName, services.indexer().list(),
                slices.indexer().list());
        boolean full = needFullSync || state == null;
        Set<String> changed = state == null ? Set.of() : next.changedServices(state);
        IptablesRules payload;
        if (mode == Mode.IPTABLES) {
            IptablesRules all = iptables.sync(next);
            payload = full ? all : all.partial(portsOf(next, changed));
            if (full) {
                IptablesProxier.ensureJumps(host);
            }
            // Upstream looks for stale chains on every sync, or only once per syncPeriod in large clusters.
            boolean large = next.totalEndpoints() > IptablesProxier.LARGE_CLUSTER_ENDPOINTS_THRESHOLD;
            if (!large || lastCleanupNanos == Long.MIN_VALUE
                    || kernel.nanos() - lastCleanupNanos > DEFAULT_SYNC_PERIOD.toNanos()) {
                payload = payload.deleting("nat", IptablesProxier.staleChains(host, all));
                lastCleanupNanos = kernel.nanos();
            }
            host.restore(payload);
            rules = all;
        } else {
            IpvsState table = ipvs.sync(next);
            // The kernel updates virtual servers in place: an unchanged table keeps its identity, so the
            // schedulers' state (round-robin position, connections) survives a periodic sync.
            if (!table.equals(ipvsState)) {
                ipvsState = table;
            }
            IpvsIptablesRules.ensureJumps(host);
            payload = IpvsIptablesRules.write(ipvs.config(), ipvsState);
            host.restore(payload);
        }
        lastPayload = payload;
        IptablesRules.SyncCost cost = payload.cost();
        history.add(new ProxySync(kernel.instant(), mode, full, changed.size(), cost.lines(), cost.bytes(),
                payload.deletedChains("nat").size()));
        boolean quiet = !full && changed.isEmpty() && state != null;
        needFullSync = false;
        state = next;
        if (!quiet) {
            if (mode == Mode.IPTABLES) {
                kernel.trace().record(component, "SyncProxyRules", nodeName, "iptables: " + rules.ruleCount("nat")
                        + " nat rules, " + rules.ruleCount("filter") + " filter rules");
            } else {
                kernel.trace().record(component, "SyncProxyRules", nodeName, "ipvs: "
                        + ipvsState.virtualServers().size() + " virtual servers");
            }
        }
        schedulePeriodic();
    }

    private void schedulePeriodic() {
        if (!periodicSyncs) {
            return;
        }
        if (periodic != null) {
            periodic.cancel();
        }
        Duration max = mode == Mode.IPVS ? DEFAULT_SYNC_PERIOD : IPTABLES_MAX_INTERVAL;
        periodic = kernel.schedule(max, component, () -> {
            periodic = null;
            if (pending == null) {
                sync();
            }
        });
    }

    private static Set<ServicePortName> portsOf(ServiceEndpointsMap map, Set<String> services) {
        Set<ServicePortName> out = new TreeSet<>();
        for (ServicePortInfo p : map.servicePorts()) {
            if (services.contains(p.name().namespace() + "/" + p.name().name())) {
                out.add(p.name());
            }
        }
        return out;
    }
}
