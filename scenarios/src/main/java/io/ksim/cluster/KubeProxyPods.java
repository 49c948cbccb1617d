package io.ksim.cluster;

import io.ksim.api.core.Pod;
import io.ksim.apiserver.ApiServer;
import io.ksim.apiserver.registry.BuiltinResources;
import io.ksim.client.Informer;
import io.ksim.client.ResourceEventHandler;
import io.ksim.kernel.Kernel;
import io.ksim.network.proxy.KubeProxy;
import io.ksim.network.proxy.iptables.NodeIptables;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.TreeSet;

/**
 * Runs each node's kube-proxy as its pod runs: the kube-proxy process of a node exists only while a
 * {@code k8s-app=kube-proxy} pod of kube-system is Running on that node. A new pod (a different uid, as after
 * {@code kubectl rollout restart daemonset kube-proxy} or a template change) is a new process: it reads the
 * {@code kube-proxy} ConfigMap as it is at that moment, so a changed {@code mode} takes effect node by node as
 * the DaemonSet rolls. When the pod stops running the process stops syncing; the rules it programmed stay on
 * the node, as they do when a real kube-proxy exits, and the next process writes into the same tables (v1.32 does
 * not clean up the other mode's rules when switching between iptables and ipvs).
 */
final class KubeProxyPods {

    static final String LABEL = "k8s-app";
    static final String VALUE = "kube-proxy";

    private final Kernel kernel;
    private final ApiServer api;
    private final Map<String, String> nodeIPs;
    private final Informer<Pod> pods;
    /** Per node: the proxy process now (or the last one, stopped), and the uid of the pod it belongs to. */
    private final Map<String, KubeProxy> proxies = new LinkedHashMap<>();
    private final Map<String, String> podUids = new LinkedHashMap<>();
    /** Per node: its kernel's iptables tables, which every kube-proxy process of the node writes into in turn. */
    private final Map<String, NodeIptables> tables = new LinkedHashMap<>();
    /** Nodes without power: their kube-proxy process is gone whatever the API server still shows. */
    private final Set<String> poweredOff = new TreeSet<>();

    KubeProxyPods(Kernel kernel, ApiServer api, Map<String, String> nodeIPs) {
        this.kernel = kernel;
        this.api = api;
        this.nodeIPs = Map.copyOf(nodeIPs);
        this.pods = Informer.builder(kernel, api, BuiltinResources.PODS).namespace(KubeSystemAddons.NAMESPACE)
                .component("kube-proxy-pods").build();
        pods.addEventHandler(new ResourceEventHandler<>() {
            @Override
            public void onAdd(Pod pod, boolean initial) {
                reconcile(pod);
            }

            @Override
            public void onUpdate(Pod oldPod, Pod newPod) {
                reconcile(newPod);
            }

            @Override
            public void onDelete(Pod pod) {
                reconcile(pod);
            }
        });
    }

    void start() {
        pods.start();
    }

    /** The kube-proxy of {@code node}: the running process, else the last one that ran, else null. */
    KubeProxy proxy(String node) {
        return proxies.get(node);
    }

    /** The node lost power: its kube-proxy process died with it. */
    void powerOff(String node) {
        poweredOff.add(node);
        stop(node, "node powered off");
    }

    /**
     * The node is back: its kubelet restarts the kube-proxy container, and the pod status that reports it
     * starts a new process (which reads the ConfigMap afresh).
     */
    void powerOn(String node) {
        poweredOff.remove(node);
    }

    /** True while a kube-proxy process runs on {@code node}. */
    boolean isRunning(String node) {
        return podUids.containsKey(node);
    }

    private void stop(String node, String why) {
        if (podUids.remove(node) != null) {
            proxies.get(node).stop();
            kernel.trace().record("kube-proxy-pods", "KubeProxyStopped", node, why);
        }
    }

    private void reconcile(Pod changed) {
        if (!isKubeProxyPod(changed) || changed.spec().nodeName() == null) {
            return;
        }
        String node = changed.spec().nodeName();
        String ip = nodeIPs.get(node);
        if (ip == null || poweredOff.contains(node)) {
            return;
        }
        // The oldest Running kube-proxy pod of the node owns the host's rules (a DaemonSet keeps at most one
        // there once a rollout settles); name order breaks ties deterministically.
        Optional<Pod> running = pods.indexer().list().stream()
                .filter(KubeProxyPods::isKubeProxyPod)
                .filter(p -> node.equals(p.spec().nodeName()))
                .filter(p -> p.metadata().deletionTimestamp() == null)
                .filter(p -> p.status() != null && "Running".equals(p.status().phase()))
                .min(Comparator.comparing((Pod p) -> p.metadata().creationTimestamp())
                        .thenComparing(p -> p.metadata().name()));
        String uid = running.map(p -> p.metadata().uid()).orElse(null);
        String current = podUids.get(node);
        if (uid == null) {
            stop(node, "no Running kube-proxy pod");
            return;
        }
        if (uid.equals(current)) {
            return;
        }
        if (current != null) {
            proxies.get(node).stop();
        }
        KubeProxy proxy = KubeProxy.fromConfigMap(kernel, api, node, ip,
                tables.computeIfAbsent(node, n -> new NodeIptables())).periodicSyncs();
        proxies.put(node, proxy);
        podUids.put(node, uid);
        kernel.trace().record("kube-proxy-pods", "KubeProxyStarted", node, "pod "
                + running.get().metadata().name() + ", mode " + proxy.mode().name().toLowerCase(Locale.ROOT));
        proxy.start();
    }

    private static boolean isKubeProxyPod(Pod p) {
        return VALUE.equals(p.metadata().labels().get(LABEL));
    }
}
