package io.ksim.network.proxy;

import io.ksim.api.core.Service;
import io.ksim.api.discovery.EndpointSlice;
import io.ksim.apiserver.ApiServer;
import io.ksim.apiserver.registry.BuiltinResources;
import io.ksim.client.Informer;
import io.ksim.client.ResourceEventHandler;
import io.ksim.api.meta.KubeObject;
import io.ksim.kernel.Kernel;
import io.ksim.kernel.Timer;
import io.ksim.network.proxy.iptables.IptablesConfig;
import io.ksim.network.proxy.iptables.IptablesProxier;
import io.ksim.network.proxy.iptables.IptablesRules;
import io.ksim.network.proxy.ipvs.IpvsConfig;
import io.ksim.network.proxy.ipvs.IpvsProxier;
import io.ksim.network.proxy.ipvs.IpvsState;
import java.time.Duration;
import java.util.List;
import java.util.Objects;

/**
 * One node's kube-proxy: it watches Services and EndpointSlices and, on any change, re-syncs the node's rules
 * in its mode (iptables or ipvs), no more often than {@code --*-min-sync-period} (1 s by default), as
 * upstream's BoundedFrequencyRunner spaces syncs: a change right after a sync waits for the period to pass,
 * and all changes meanwhile are folded into one sync.
 */
public final class KubeProxy {

    /** The proxy modes ksim models. */
    public enum Mode { IPTABLES, IPVS }

    public static final Duration DEFAULT_MIN_SYNC_PERIOD = Duration.ofSeconds(1);

    private final Kernel kernel;
    private final String nodeName;
    private final Mode mode;
    private final IptablesProxier iptables;
    private final IpvsProxier ipvs;
    private final Duration minSyncPeriod;
    private final String component;
    private final Informer<Service> services;
    private final Informer<EndpointSlice> slices;
    private Timer pending;
    private long lastSyncNanos = Long.MIN_VALUE;
    private int syncs;
    private IptablesRules rules;
    private IpvsState ipvsState;
    private ServiceEndpointsMap state;

    public KubeProxy(Kernel kernel, ApiServer api, Mode mode, IptablesConfig iptablesConfig, IpvsConfig ipvsConfig,
            Duration minSyncPeriod) {
        this.kernel = Objects.requireNonNull(kernel, "kernel");
        this.mode = Objects.requireNonNull(mode, "mode");
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
        io.ksim.network.system.KubeProxyConfiguration c = io.ksim.network.system.KubeProxyConfiguration.read(api);
        return new KubeProxy(kernel, api, c.proxyMode(),
                new IptablesConfig(nodeName, nodeIP, c.clusterCIDR(), c.masqueradeAll(), true),
                new IpvsConfig(nodeName, java.util.List.of(nodeIP), c.ipvsScheduler()), DEFAULT_MIN_SYNC_PERIOD);
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

    /** The rules of the last sync (iptables mode), or null before the first. */
    public IptablesRules iptablesRules() {
        return rules;
    }

    /** What {@code iptables-save} prints on the node now (iptables mode, after the first sync), or null. */
    public String iptablesSave() {
        return rules == null ? null : io.ksim.network.proxy.iptables.IptablesSave.render(rules, kernel.instant());
    }

    /** What {@code iptables-save -t TABLE} prints ({@code filter} or {@code nat}), or null before the first sync. */
    public String iptablesSave(String table) {
        return rules == null ? null
                : io.ksim.network.proxy.iptables.IptablesSave.render(rules, kernel.instant(), List.of(table));
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
        state = ServiceEndpointsMap.build(nodeName, services.indexer().list(), slices.indexer().list());
        if (mode == Mode.IPTABLES) {
            rules = iptables.sync(state);
            kernel.trace().record(component, "SyncProxyRules", nodeName, "iptables: " + rules.ruleCount("nat")
                    + " nat rules, " + rules.ruleCount("filter") + " filter rules");
        } else {
            ipvsState = ipvs.sync(state);
            kernel.trace().record(component, "SyncProxyRules", nodeName, "ipvs: "
                    + ipvsState.virtualServers().size() + " virtual servers");
        }
    }
}
