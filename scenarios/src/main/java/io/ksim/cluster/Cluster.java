package io.ksim.cluster;

import io.ksim.api.core.ConfigMap;
import io.ksim.api.core.Node;
import io.ksim.api.core.PersistentVolume;
import io.ksim.api.core.Pod;
import io.ksim.api.core.PodConditions;
import io.ksim.api.meta.KubeObject;
import io.ksim.api.meta.ObjectMeta;
import io.ksim.api.storage.StorageClass;
import io.ksim.apiserver.ApiException;
import io.ksim.apiserver.ApiServer;
import io.ksim.apiserver.ListOptions;
import io.ksim.apiserver.ResourceType;
import io.ksim.apiserver.registry.BuiltinResources;
import io.ksim.apiserver.registry.KubeApiServer;
import io.ksim.controller.ControllerContext;
import io.ksim.controller.ControllerManager;
import io.ksim.controller.KubeControllerManager;
import io.ksim.controller.volume.LocalPathProvisioner;
import io.ksim.kernel.Kernel;
import io.ksim.kernel.Trace;
import io.ksim.network.allocation.ServiceNetwork;
import io.ksim.network.allocation.ServiceNetworkConfig;
import io.ksim.network.endpoints.EndpointSliceController;
import io.ksim.network.endpoints.EndpointsController;
import io.ksim.network.lb.AddressPool;
import io.ksim.network.lb.MetalLB;
import io.ksim.network.proxy.KubeProxy;
import io.ksim.network.system.KubeProxyConfiguration;
import io.ksim.network.system.KubeSystemNetwork;
import io.ksim.node.ImageCatalog;
import io.ksim.node.Kubelet;
import io.ksim.node.NodeConfig;
import io.ksim.scheduler.Scheduler;
import io.ksim.store.MvccStore;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import io.ksim.kubectl.Kubectl;
import io.ksim.kubectl.KubectlResult;
import java.util.function.BooleanSupplier;
import java.util.function.Consumer;

/**
 * A whole simulated cluster on one kernel, wired as kubeadm or kind would set one up: an etcd model, the API
 * server (with Service allocation and the kube-system network objects), kube-controller-manager, the
 * scheduler, the EndpointSlice and Endpoints controllers, and on every node a kubelet. kube-system holds what
 * kubeadm puts there: the kube-proxy DaemonSet (each node's kube-proxy runs while its pod runs there, see
 * {@link KubeProxyPods}) and the coredns Deployment behind the kube-dns Service ({@link KubeSystemAddons}). The
 * parts talk only through the API server, as the real components do.
 *
 * <pre>
 * Cluster c = Cluster.builder().seed(42)
 *         .nodes(3, n -&gt; n.cpu("2").memory("4Gi"))
 *         .image("nginx:1.25 size=70Mi start=500ms ready=2s")
 *         .build();
 * c.create(Files.readString(Path.of("web.yaml")));
 * c.advance(Duration.ofSeconds(30));
 * c.pods("default").forEach(p -&gt; System.out.println(p.metadata().name() + " " + p.spec().nodeName()));
 * </pre>
 *
 * Nodes are named node-1, node-2, ... with pod CIDRs 10.244.N.0/24 and internal IPs 172.18.0.(N+1), the
 * layout kind uses; the cluster CIDR is 10.244.0.0/16 and Services take addresses from 10.96.0.0/12.
 */
public final class Cluster {

    /** The name of the control-plane node of {@link Builder#controlPlane(boolean)}, as kind's. */
    public static final String CONTROL_PLANE = "control-plane";

    /** The cluster (pod) CIDR every node's pod CIDR is carved from. */
    public static final String CLUSTER_CIDR = "10.244.0.0/16";

    private final Kernel kernel;
    private final ApiServer api;
    private final ServiceNetwork serviceNetwork;
    private final KubeControllerManager controllerManager;
    private final ControllerManager storageProvisioner;
    private Scheduler scheduler;
    private final EndpointSliceController endpointSlices;
    private final EndpointsController endpoints;
    private final Map<String, Kubelet> kubelets = new LinkedHashMap<>();
    private final Map<String, String> nodeIPs = new LinkedHashMap<>();
    private final KubeProxyPods kubeProxies;
    private final MetalLB loadBalancer;
    private final ClusterNetwork network;
    private Kubectl kubectl;

    private Cluster(Builder b) {
        Kernel.Builder kb = Kernel.builder().seed(b.seed);
        if (b.epoch != null) {
            kb.epoch(b.epoch);
        }
        kernel = kb.build();
        api = KubeApiServer.start(kernel, MvccStore.builder(kernel).build());
        serviceNetwork = ServiceNetwork.install(api, ServiceNetworkConfig.defaults());
        serviceNetwork.startRepairLoops(api);
        KubeSystemNetwork.install(api, CLUSTER_CIDR);
        if (b.proxyMode != KubeProxy.Mode.IPTABLES) {
            setProxyMode(api, b.proxyMode);
        }
        controllerManager = KubeControllerManager.start(ControllerContext.of(kernel, api));
        // kind's storage: the default class "standard" served by rancher's local-path provisioner.
        api.create(BuiltinResources.STORAGE_CLASSES, null, standardStorageClass());
        storageProvisioner = new ControllerManager(new ControllerContext(kernel, api, LocalPathProvisioner.NAME, "",
                null)).register(LocalPathProvisioner.NAME, LocalPathProvisioner::new);
        storageProvisioner.startAll();
        scheduler = Scheduler.builder(kernel, api).build();
        scheduler.start();
        endpointSlices = new EndpointSliceController(kernel, api);
        endpointSlices.start();
        endpoints = new EndpointsController(kernel, api);
        endpoints.start();
        ImageCatalog catalog = b.catalog.build();
        for (NodeConfig config : b.nodeConfigs()) {
            Kubelet kubelet = new Kubelet(kernel, api, config, catalog);
            kubelets.put(config.name(), kubelet);
            kubelet.start();
            nodeIPs.put(config.name(), config.internalIP());
        }
        if (b.controlPlane) {
            new ControlPlanePods(kernel, api, CONTROL_PLANE, nodeIPs.get(CONTROL_PLANE)).start();
        }
        // Each node's kube-proxy runs as its kube-proxy DaemonSet pod runs (and reads its ConfigMap then).
        kubeProxies = new KubeProxyPods(kernel, api, nodeIPs);
        kubeProxies.start();
        if (b.loadBalancerPool != null) {
            loadBalancer = new MetalLB(kernel, api, new AddressPool("default", List.of(b.loadBalancerPool)));
            loadBalancer.start();
        } else {
            loadBalancer = null;
        }
        network = new ClusterNetwork(this);
        KubeSystemAddons.install(this);
    }

    /** Writes {@code mode} into the kube-proxy ConfigMap, as editing it before the proxies start would. */
    private static void setProxyMode(ApiServer api, KubeProxy.Mode mode) {
        ConfigMap cm = api.get(BuiltinResources.CONFIG_MAPS, KubeSystemNetwork.NAMESPACE,
                KubeProxyConfiguration.CONFIG_MAP);
        KubeProxyConfiguration c = KubeProxyConfiguration.parse(cm.data().get(KubeProxyConfiguration.KEY));
        KubeProxyConfiguration changed = new KubeProxyConfiguration(mode.name().toLowerCase(java.util.Locale.ROOT),
                c.clusterCIDR(), c.ipvsScheduler(), c.masqueradeAll());
        java.util.SortedMap<String, String> data = new java.util.TreeMap<>(cm.data());
        data.put(KubeProxyConfiguration.KEY, changed.toYaml());
        api.update(BuiltinResources.CONFIG_MAPS, cm.withData(data));
    }

    public static Builder builder() {
        return new Builder();
    }

    /**
     * The StorageClass kind ships: default class "standard", provisioner rancher.io/local-path, reclaim policy
     * Delete, binding WaitForFirstConsumer.
     */
    public static StorageClass standardStorageClass() {
        return new StorageClass(null, null, ObjectMeta.builder().name("standard")
                .annotations(Map.of(StorageClass.ANNOTATION_IS_DEFAULT_CLASS, "true")).build(),
                LocalPathProvisioner.PROVISIONER, null, PersistentVolume.RECLAIM_DELETE, null, null,
                StorageClass.BINDING_WAIT_FOR_FIRST_CONSUMER, null);
    }

    /** The simulated local-path provisioner (kind runs it as a pod in local-path-storage). */
    public ControllerManager storageProvisioner() {
        return storageProvisioner;
    }

    public Kernel kernel() {
        return kernel;
    }

    /** The API server as the built-in admin (system:masters) sees it. */
    public ApiServer api() {
        return api;
    }

    public Trace trace() {
        return kernel.trace();
    }

    public Scheduler scheduler() {
        return scheduler;
    }

    /** kube-scheduler dies: it stops watching and scheduling, and its queue and cache are gone. */
    public void crashScheduler() {
        scheduler.stop();
    }

    /**
     * kube-scheduler starts again: a new instance lists pods and nodes and schedules what is pending. A running
     * scheduler is stopped first (a restart).
     */
    public void restartScheduler() {
        scheduler.stop();
        scheduler = Scheduler.builder(kernel, api).build();
        scheduler.start();
    }

    /** The MetalLB-style load balancer serving the builder's address pool, or null without a pool. */
    public MetalLB loadBalancer() {
        return loadBalancer;
    }

    /**
     * The network as a pod sees it, for scenario steps and {@code kubectl exec}: resolv.conf, CoreDNS, and
     * {@code curl} from a pod through its node's kube-proxy rules or from the machine kind runs on (the docker
     * network's gateway).
     */
    public ClusterNetwork network() {
        return network;
    }

    public KubeControllerManager controllerManager() {
        return controllerManager;
    }

    public ServiceNetwork serviceNetwork() {
        return serviceNetwork;
    }

    public EndpointSliceController endpointSliceController() {
        return endpointSlices;
    }

    public EndpointsController endpointsController() {
        return endpoints;
    }

    /** The kubelet of {@code node}. */
    public Kubelet kubelet(String node) {
        return require(kubelets, node);
    }

    /**
     * The kube-proxy of {@code node}: the process its Running kube-proxy pod runs, else the last one that ran
     * there, or null before the node's first kube-proxy pod started.
     */
    public KubeProxy kubeProxy(String node) {
        require(kubelets, node);
        return kubeProxies.proxy(node);
    }

    /** The InternalIP of {@code node} (172.18.0.2 for node-1, as kind numbers them). */
    public String nodeIP(String node) {
        return require(nodeIPs, node);
    }

    /** Node names in creation order. */
    public List<String> nodeNames() {
        return List.copyOf(kubelets.keySet());
    }

    /**
     * Creates every object of a manifest (YAML, one or more documents, or JSON) in document order, as
     * {@code kubectl create -f} does: an object that exists already is an AlreadyExists error, and the
     * objects before it stay created. Namespaced objects without a namespace go to {@code default}.
     */
    public List<KubeObject> create(String manifest) {
        List<KubeObject> created = new ArrayList<>();
        for (KubeObject obj : api.scheme().decodeAll(manifest)) {
            ResourceType<?> type = api.scheme().forKind(obj.apiVersion(), obj.kind());
            String ns = obj.metadata().namespace();
            if (type == null || !type.namespaced()) {
                ns = null;
            } else if (ns == null || ns.isEmpty()) {
                ns = "default";
            }
            created.add(api.createObject(ns, obj));
        }
        return created;
    }

    /**
     * Applies a manifest (one or more documents) as {@code kubectl apply -f -} with it on standard input:
     * objects are created or patched with kubectl's three-way merge. Returns kubectl's output
     * ({@code deployment.apps/web created}); throws with kubectl's error text if any document failed.
     */
    public String apply(String manifest) {
        if (kubectl == null) {
            kubectl = new Kubectl(this);
        }
        KubectlResult r = kubectl.run(java.util.List.of("apply", "-f", "-"), manifest);
        if (r.exitCode() != 0) {
            throw new IllegalStateException(r.err().strip());
        }
        return r.out();
    }

    /**
     * Runs a kubectl command against this cluster ({@code kubectl("scale deployment web --replicas=5")}), with
     * kubectl's output and exit status; see {@link Kubectl}.
     */
    public KubectlResult kubectl(String commandLine) {
        if (kubectl == null) {
            kubectl = new Kubectl(this);
        }
        return kubectl.run(commandLine);
    }

    /** {@code kubectl cordon node}. */
    public void cordon(String node) {
        Drain.cordon(api, node);
    }

    /** {@code kubectl uncordon node}. */
    public void uncordon(String node) {
        Drain.uncordon(api, node);
    }

    /** Starts {@code kubectl drain node} with the given flags; see {@link Drain}. */
    public Drain drain(String node, Drain.Options options) {
        return Drain.start(kernel, api, node, options);
    }

    /** Runs the simulation for {@code d} of virtual time. */
    public void advance(Duration d) {
        kernel.advance(d);
    }

    /** Runs until {@code condition} holds (checked after every event) or {@code timeout} of virtual time passed. */
    public boolean runUntil(BooleanSupplier condition, Duration timeout) {
        return kernel.runUntil(condition, timeout);
    }

    /** The virtual time now. */
    public Instant now() {
        return kernel.instant();
    }

    /** Pods of {@code namespace} ({@code null}: all namespaces) in name order. */
    public List<Pod> pods(String namespace) {
        return api.list(BuiltinResources.PODS, namespace).items();
    }

    /**
     * Pods of {@code namespace} ({@code null}: all namespaces) that a label selector in kubectl's syntax
     * selects ({@code "app=web"}, {@code "k8s-app in (kube-dns)"}), in name order, as
     * {@code kubectl get pods -l} lists them through the API server.
     */
    public List<Pod> pods(String namespace, String labelSelector) {
        return api.list(BuiltinResources.PODS, namespace, ListOptions.labels(labelSelector)).items();
    }

    public Pod pod(String namespace, String name) {
        return api.get(BuiltinResources.PODS, namespace, name);
    }

    public List<Node> nodes() {
        return api.list(BuiltinResources.NODES, null).items();
    }

    /** Cuts the power of {@code node}: its containers are gone, its kubelet silent, until {@link #powerOn}. */
    public void powerOff(String node) {
        kubelet(node).powerOff();
        kubeProxies.powerOff(node);
    }

    /**
     * Stops {@code node}'s container runtime, as {@code systemctl stop containerd} does: the kubelet keeps
     * renewing its lease but reports Ready=False (KubeletNotReady) and syncs no pods until
     * {@link #startContainerRuntime(String)}; the containers keep running.
     */
    public void stopContainerRuntime(String node) {
        kubelet(node).stopContainerRuntime();
    }

    /** Starts {@code node}'s container runtime again ({@code systemctl start containerd}). */
    public void startContainerRuntime(String node) {
        kubelet(node).startContainerRuntime();
    }

    /** Powers {@code node} back on: its kubelet restarts, and with its kube-proxy pod a new kube-proxy. */
    public void powerOn(String node) {
        kubeProxies.powerOn(node);
        kubelet(node).powerOn();
    }

    /** True while a kube-proxy process runs on {@code node} (its pod Running, the node powered). */
    public boolean isKubeProxyRunning(String node) {
        require(kubelets, node);
        return kubeProxies.isRunning(node);
    }

    /** Stops only the kubelet of {@code node} (containers keep running, no heartbeats). */
    public void stopKubelet(String node) {
        kubelet(node).stop();
    }

    public void startKubelet(String node) {
        kubelet(node).start();
    }

    /** Cuts {@code node} off from the API server; its containers keep running. */
    public void partition(String node) {
        kubelet(node).partition();
    }

    public void healPartition(String node) {
        kubelet(node).healPartition();
    }

    /** True when the pod exists and its Ready condition is True. */
    public boolean isReady(String namespace, String name) {
        try {
            return PodConditions.isPodReady(pod(namespace, name));
        } catch (ApiException notFound) {
            return false;
        }
    }

    private static <V> V require(Map<String, V> byNode, String node) {
        V v = byNode.get(node);
        if (v == null) {
            throw new IllegalArgumentException("no node " + node + " (nodes: " + byNode.keySet() + ")");
        }
        return v;
    }

    /** How a cluster is built; every setting has kind's or kubeadm's default. */
    public static final class Builder {

        private long seed = 1;
        private Instant epoch;
        private final List<Consumer<NodeConfig.Builder>> nodes = new ArrayList<>();
        private final ImageCatalog.Builder catalog = ImageCatalog.builder();

        {
            KubeSystemAddons.IMAGES.forEach(catalog::image);
            ControlPlanePods.IMAGES.forEach(catalog::image);
        }
        private KubeProxy.Mode proxyMode = KubeProxy.Mode.IPTABLES;
        private String loadBalancerPool;
        private boolean controlPlane;

        private Builder() {
        }

        /** The seed every random choice of the cluster derives from. */
        public Builder seed(long seed) {
            this.seed = seed;
            return this;
        }

        /** The virtual time the cluster starts at. */
        public Builder epoch(Instant epoch) {
            this.epoch = Objects.requireNonNull(epoch, "epoch");
            return this;
        }

        /** Adds {@code count} nodes, each customized by {@code spec} (capacity, labels, zone, taints, images). */
        public Builder nodes(int count, Consumer<NodeConfig.Builder> spec) {
            if (count < 0) {
                throw new IllegalArgumentException("node count must be non-negative: " + count);
            }
            for (int i = 0; i < count; i++) {
                nodes.add(Objects.requireNonNull(spec, "spec"));
            }
            return this;
        }

        /** Adds {@code count} nodes with the default capacity. */
        public Builder nodes(int count) {
            return nodes(count, n -> { });
        }

        /** Declares an image's behaviour in the catalog syntax of docs/images.md. */
        public Builder image(String line) {
            catalog.image(line);
            return this;
        }

        /** The {@code mode} the kube-proxy ConfigMap starts with (kubeadm's default "" is iptables). */
        public Builder proxyMode(KubeProxy.Mode mode) {
            this.proxyMode = Objects.requireNonNull(mode, "mode");
            return this;
        }

        /**
         * Runs a MetalLB-style load balancer in layer 2 with this address pool (a range
         * {@code 172.18.255.200-172.18.255.250} or a CIDR), as a kind course installs MetalLB: LoadBalancer
         * Services get addresses from it.
         */
        public Builder loadBalancerPool(String addresses) {
            this.loadBalancerPool = Objects.requireNonNull(addresses, "addresses");
            return this;
        }

        /**
         * Adds kubeadm's control-plane node (off by default): {@code control-plane} at 172.18.0.2 with pod CIDR
         * 10.244.0.0/24, labelled {@code node-role.kubernetes.io/control-plane} and
         * {@code node.kubernetes.io/exclude-from-external-load-balancers}, tainted
         * {@code node-role.kubernetes.io/control-plane:NoSchedule}, whose kubelet runs the static pods of etcd,
         * kube-apiserver, kube-controller-manager and kube-scheduler (mirror pods in kube-system). The worker nodes
         * then take 172.18.0.3 onwards, as on kind.
         */
        public Builder controlPlane(boolean on) {
            this.controlPlane = on;
            return this;
        }

        List<NodeConfig> nodeConfigs() {
            List<NodeConfig> out = new ArrayList<>();
            int firstWorkerHost = 2;
            if (controlPlane) {
                NodeConfig.Builder cp = NodeConfig.builder(CONTROL_PLANE).podCIDR("10.244.0.0/24")
                        .internalIP("172.18.0.2").label("node-role.kubernetes.io/control-plane", "")
                        .label("node.kubernetes.io/exclude-from-external-load-balancers", "")
                        .taint(new io.ksim.api.core.Taint("node-role.kubernetes.io/control-plane", null, "NoSchedule",
                                null));
                ControlPlanePods.IMAGES.forEach(cp::presentImage);
                out.add(cp.build());
                firstWorkerHost = 3;
            }
            for (int i = 1; i <= nodes.size(); i++) {
                NodeConfig.Builder nb = NodeConfig.builder("node-" + i).podCIDR("10.244." + i + ".0/24")
                        .internalIP("172.18.0." + (i + firstWorkerHost - 1));
                nodes.get(i - 1).accept(nb);
                out.add(nb.build());
            }
            return Collections.unmodifiableList(out);
        }

        public Cluster build() {
            return new Cluster(this);
        }
    }
}
