package io.ksim.node;

import io.ksim.api.core.Pod;
import io.ksim.apiserver.ApiServer;
import io.ksim.apiserver.ListOptions;
import io.ksim.apiserver.registry.BuiltinResources;
import io.ksim.client.EventRecorder;
import io.ksim.client.Indexer;
import io.ksim.client.Informer;
import io.ksim.client.ResourceEventHandler;
import io.ksim.kernel.Fault;
import io.ksim.kernel.Kernel;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.time.Duration;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import java.util.SplittableRandom;
import java.util.TreeMap;

/**
 * The kubelet of one simulated node, running as kernel component {@code kubelet/<node>}. On {@link #start()}
 * it registers its Node (Ready, no pressure) and keeps its status current ({@link NodeStatusUpdater}: checked
 * every 10 s, posted on change or every 5 minutes), makes sure the node's CSINode exists
 * ({@link CSINodeInitializer}), keeps its Lease in kube-node-lease renewed every 10 s
 * ({@link NodeLeaseRenewer}), and runs the pods bound to it, which it watches with the field selector
 * {@code spec.nodeName=<node>}.
 *
 * <p>Faults, each a method, and a {@link Fault} to inject at a virtual time ({@link #stopFault()} ...): {@link #stop()} (the kubelet process
 * dies: no lease renewals or status, the containers go on), {@link #start()} again, {@link #powerOff()} (the
 * machine goes down: containers too), {@link #powerOn()} (the machine boots and its kubelet starts,
 * creating the pods' containers anew), {@link #partition()} (the node cannot reach the API server: the kubelet
 * runs its containers on, blind and mute), {@link #healPartition()} (it catches up), and
 * {@link #stopContainerRuntime()} / {@link #startContainerRuntime()} (containerd stops: the kubelet reports
 * NotReady and syncs no pods, the containers go on).
 */
public final class Kubelet {

    /** Upstream's node lease: renewed every 10 s (a quarter of its duration), valid 40 s. */
    public static final Duration LEASE_RENEW_INTERVAL = NodeLeaseRenewer.LEASE_RENEW_INTERVAL;
    public static final int LEASE_DURATION_SECONDS = NodeLeaseRenewer.LEASE_DURATION_SECONDS;
    /** How often the node status is computed and posted if changed (nodeStatusUpdateFrequency). */
    public static final Duration NODE_STATUS_UPDATE_FREQUENCY = NodeStatusUpdater.NODE_STATUS_UPDATE_FREQUENCY;
    /** How often an unchanged node status is posted anyway (nodeStatusReportFrequency). */
    public static final Duration NODE_STATUS_REPORT_FREQUENCY = NodeStatusUpdater.NODE_STATUS_REPORT_FREQUENCY;

    private final Kernel kernel;
    private final ApiServer api;
    private final NodeConfig config;
    private final ImageCatalog catalog;
    private final String component;
    private final KubeletEvents recorder;
    private final SplittableRandom random;
    private final ImagePuller puller;
    private final ImageManager images;
    private final PodIPAllocator ips;
    private final ContainerLogs logs = new ContainerLogs();
    /** Pod workers by namespace/name, in key order so a resync visits pods in one order every run. */
    private final Map<String, PodWorker> workers = new TreeMap<>();
    /**
     * UIDs of pods whose worker has finished terminating them: events that still arrive for them (their
     * last status write, the deletion in flight) must not admit them again, as the kubelet's pod workers
     * remember terminated pods until the API server forgets them. Only looked up, never iterated.
     */
    private final java.util.Set<String> terminated = new java.util.HashSet<>();
    private final String bootID;

    private final NodeStatusUpdater nodeStatus;
    private final NodeLeaseRenewer lease;

    private final ContainerRuntimeState runtime;

    private boolean running;
    private boolean powered = true;
    /** True while the network between this node and the API server is cut. */
    private boolean partitioned;
    /** How many times the kubelet process has started. */
    private int runs;
    private Informer<Pod> informer;

    public Kubelet(Kernel kernel, ApiServer api, NodeConfig config, ImageCatalog catalog) {
        this.kernel = kernel;
        this.api = api;
        this.config = config;
        this.catalog = catalog;
        this.component = "kubelet/" + config.name();
        this.recorder = new KubeletEvents(new EventRecorder(kernel, api, "kubelet", config.name()), this::canWrite,
                kernel.trace(), component);
        this.random = kernel.random(component);
        this.puller = new ImagePuller(catalog, config.presentImages());
        this.images = new ImageManager(kernel, component, recorder, puller, catalog);
        this.ips = new PodIPAllocator(config.podCIDR());
        this.bootID = newUuid();
        this.runtime = new ContainerRuntimeState();
        this.nodeStatus = new NodeStatusUpdater(kernel, api, component, config, catalog, puller::images, bootID,
                () -> runtime.errors(kernel.nanos()), recorder);
        this.lease = new NodeLeaseRenewer(kernel, api, component, config.name());
    }

    public String nodeName() {
        return config.name();
    }

    /** The logs of the containers that ran on this node ({@code kubectl logs} reads them through the kubelet). */
    public ContainerLogs logs() {
        return logs;
    }

    /** True while the kubelet process runs. */
    public boolean isRunning() {
        return running;
    }

    public boolean isPoweredOn() {
        return powered;
    }

    /** Starts the kubelet process (a no-op if it runs, or if the machine is off). */
    public void start() {
        if (running || !powered) {
            return;
        }
        running = true;
        runs++;
        runtime.processStarted(kernel.nanos());
        kernel.trace().record(component, "Starting", config.name(), "kubelet " + NodeRegistration.KUBELET_VERSION
                + " starting");
        if (!partitioned) {
            connect();
        }
    }

    /**
     * What a kubelet does when it reaches the API server: registers (or posts) its node status, renews its
     * lease, lists and watches its pods, and catches up on what its pods did meanwhile.
     */
    private void connect() {
        nodeStatus.start();
        new CSINodeInitializer(api, config.name()).initialize();
        lease.start();
        informer = Informer.builder(kernel, api, BuiltinResources.PODS).component(component)
                .selectors(ListOptions.fields("spec.nodeName=" + config.name())).build();
        informer.addEventHandler(new ResourceEventHandler<>() {
            @Override
            public void onAdd(Pod pod, boolean inInitialList) {
                podSeen(pod);
            }

            @Override
            public void onUpdate(Pod oldPod, Pod newPod) {
                podSeen(newPod);
            }

            @Override
            public void onDelete(Pod pod) {
                terminated.remove(pod.metadata().uid());
                logs.forget(pod.metadata().namespace(), pod.metadata().name());
                PodWorker w = workers.remove(Indexer.keyOf(pod));
                if (w != null) {
                    w.powerLost(); // removed without us: its containers are torn down with no more writes
                    ips.release(w.returnPodIP());
                }
            }
        });
        informer.start();
        // After the informer's first list (scheduled just before): catch up on what happened meanwhile.
        kernel.scheduleNow(component, this::resyncAfterRestart);
    }

    /** The connection to the API server is gone: no watch, no lease renewals, no status. */
    private void disconnect() {
        if (informer != null) {
            informer.stop();
            informer = null;
        }
        lease.stop();
        nodeStatus.stop();
    }

    /** The kubelet process stops: no renewals, no status; the containers keep running. */
    public void stop() {
        if (!running) {
            return;
        }
        running = false;
        kernel.trace().record(component, "Stopped", config.name(), "kubelet stopped");
        disconnect();
    }

    /**
     * The network between the node and the API server is cut: the kubelet runs on and so do its containers
     * (restarts, probes, kills included), but it renews no lease, writes no status or events, and sees no pod
     * changes until {@link #healPartition()}.
     */
    public void partition() {
        if (partitioned) {
            return;
        }
        partitioned = true;
        kernel.trace().record(component, "Partitioned", config.name(), "node cut off from the API server");
        if (running) {
            disconnect();
        }
    }

    /** The network heals: the kubelet relists its pods, posts their current status and its node's, renews its lease. */
    public void healPartition() {
        if (!partitioned) {
            return;
        }
        partitioned = false;
        kernel.trace().record(component, "PartitionHealed", config.name(), "node reaches the API server again");
        if (running) {
            connect();
        }
    }

    /** True while the node cannot reach the API server. */
    public boolean isPartitioned() {
        return partitioned;
    }

    /** The fault "the network between the node and the API server is cut". */
    public Fault partitionFault() {
        return Fault.of(config.name(), "network partition between the node and the API server (containers keep "
                + "running; no lease renewals, no status)", this::partition);
    }

    /** The fault that mends {@link #partitionFault()}. */
    public Fault healPartitionFault() {
        return Fault.of(config.name(), "network partition healed", this::healPartition);
    }

    /** The machine goes down: the kubelet and every container are gone; the API objects stay as they were. */
    public void powerOff() {
        stop();
        powered = false;
        kernel.trace().record(component, "PowerOff", config.name(), "node powered off");
        workers.values().forEach(w -> {
            w.powerLost();
            ips.release(w.returnPodIP());
        });
        workers.clear();
        terminated.clear();
        puller.reset(kernel.nanos());
        runtime.reboot(); // systemctl stop does not outlive a reboot: the runtime starts with the machine
    }

    /** The machine boots and its kubelet starts. */
    public void powerOn() {
        if (powered) {
            return;
        }
        powered = true;
        kernel.trace().record(component, "PowerOn", config.name(), "node powered on");
        start();
    }

    /** The fault "the kubelet process dies", for {@link Kernel#injectFault}. */
    public Fault stopFault() {
        return Fault.of(config.name(), "kubelet stops (no lease renewals, no status; containers keep running)",
                this::stop);
    }

    /** The fault that mends {@link #stopFault()}: the kubelet process starts again. */
    public Fault startFault() {
        return Fault.of(config.name(), "kubelet starts", this::start);
    }

    /** The fault "the machine loses power": kubelet and containers are gone. */
    public Fault powerOffFault() {
        return Fault.of(config.name(), "node powers off (kubelet and containers gone)", this::powerOff);
    }

    /** The fault that mends {@link #powerOffFault()}: the machine boots and its kubelet starts. */
    public Fault powerOnFault() {
        return Fault.of(config.name(), "node powers on", this::powerOn);
    }

    /**
     * The container runtime (containerd) stops, as with {@code systemctl stop containerd}: the containers go on
     * running and the kubelet keeps renewing its lease, but its runtime status check (every 5 s) fails, so 30 s
     * after the last good check it reports Ready=False {@code KubeletNotReady} "container runtime is down", and
     * 3 minutes after the last good relist also "PLEG is not healthy: pleg was last seen active ... ago;
     * threshold is 3m0s". The kubelet syncs no pods meanwhile: new pods are not started, deletions not carried
     * out, until the runtime is back.
     */
    public void stopContainerRuntime() {
        if (runtime.isDown()) {
            return;
        }
        runtime.stop(kernel.nanos());
        kernel.trace().record(component, "ContainerRuntimeStopped", config.name(), "container runtime stopped");
    }

    /**
     * The container runtime starts again: the next status check (on the kubelet's 5 s tick) succeeds, the next
     * node status (10 s tick) is Ready, and the kubelet resumes syncing its pods at that check.
     */
    public void startContainerRuntime() {
        if (!runtime.isDown()) {
            return;
        }
        long now = kernel.nanos();
        runtime.start(now);
        kernel.trace().record(component, "ContainerRuntimeStarted", config.name(), "container runtime started");
        long resume = runtime.nextCheck(now);
        kernel.scheduleAtNanos(resume, component, () -> {
            if (!runtime.isDown() && kernel.nanos() >= runtime.podSyncResumesAt()) {
                resyncAll();
            }
        });
    }

    /** True while the container runtime is stopped ({@link #stopContainerRuntime()}). */
    public boolean isContainerRuntimeDown() {
        return runtime.isDown();
    }

    /** The fault "the container runtime stops" ({@code systemctl stop containerd}). */
    public Fault stopContainerRuntimeFault() {
        return Fault.of(config.name(), "container runtime stops (containers keep running; the node reports "
                + "NotReady; no pod is started or killed)", this::stopContainerRuntime);
    }

    /** The fault that mends {@link #stopContainerRuntimeFault()}. */
    public Fault startContainerRuntimeFault() {
        return Fault.of(config.name(), "container runtime starts", this::startContainerRuntime);
    }

    /** The kubelet's sync loop skips pod synchronization while its runtime checks fail. */
    private boolean podSyncBlocked() {
        return runtime.isDown() || kernel.nanos() < runtime.podSyncResumesAt();
    }

    /** The sync loop resumes: every pod the kubelet knows is looked at again in its latest state. */
    private void resyncAll() {
        if (!canWrite() || informer == null) {
            return;
        }
        for (Pod pod : informer.indexer().list()) {
            podSeen(pod);
        }
    }

    private void podSeen(Pod pod) {
        if (!canWrite() || podSyncBlocked()) {
            return;
        }
        String key = Indexer.keyOf(pod);
        PodWorker w = workers.get(key);
        if (w != null) {
            w.update(pod);
            return;
        }
        if (terminated.contains(pod.metadata().uid())) {
            return;
        }
        if (io.ksim.api.core.PodPhase.isTerminal(pod.status().phase()) && pod.metadata().deletionTimestamp() == null) {
            return; // finished before we knew it (e.g. before a reboot): nothing to run
        }
        w = new PodWorker(this, pod);
        workers.put(key, w);
        kernel.trace().record(component, "SyncPod", key, "pod admitted on " + config.name());
        if (pod.metadata().deletionTimestamp() != null) {
            w.update(pod); // nothing runs yet: the kill finds no container and deletes at once
            return;
        }
        w.start();
    }

    private void resyncAfterRestart() {
        if (!canWrite() || informer == null) {
            return;
        }
        for (PodWorker w : List.copyOf(workers.values())) {
            if (informer.indexer().get(Indexer.keyOf(w.pod())) == null) {
                workers.remove(Indexer.keyOf(w.pod()));
                w.powerLost();
                ips.release(w.returnPodIP());
            } else if (!w.isGone()) {
                w.resync();
            }
        }
    }

    // ---- what pod workers use ---------------------------------------------------------------------

    Kernel kernel() {
        return kernel;
    }

    ApiServer api() {
        return api;
    }

    String component() {
        return component;
    }

    NodeConfig config() {
        return config;
    }

    ImageCatalog catalog() {
        return catalog;
    }

    KubeletEvents recorder() {
        return recorder;
    }

    /** How many times the kubelet process has started; probe workers start afresh in each run. */
    int runs() {
        return runs;
    }

    /** True while the kubelet runs and reaches the API server: it may write status, events and deletions. */
    boolean canWrite() {
        return running && !partitioned;
    }

    ImageManager images() {
        return images;
    }

    /**
     * The sandbox's IP for {@code pod}: a hostNetwork pod shares the node's network namespace, so its IP is
     * the node's InternalIP and nothing is taken from the pod CIDR; any other pod gets the next free address
     * of the node's pod CIDR.
     */
    String allocateIP(Pod pod) {
        if (pod.spec().usesHostNetwork()) {
            return config.internalIP();
        }
        String ip = ips.allocate();
        if (ip == null) {
            throw new IllegalStateException("no free pod IP in " + config.podCIDR() + " on " + config.name());
        }
        return ip;
    }

    void releaseIP(PodWorker worker) {
        ips.release(worker.returnPodIP());
    }

    void forget(PodWorker worker) {
        workers.remove(Indexer.keyOf(worker.pod()));
        terminated.add(worker.pod().metadata().uid());
        ips.release(worker.returnPodIP());
    }

    /** A 64-hex-digit container ID from this kubelet's own random stream. */
    String newId() {
        StringBuilder b = new StringBuilder(64);
        for (int i = 0; i < 4; i++) {
            b.append(String.format("%016x", random.nextLong()));
        }
        return b.toString();
    }

    /** The image's content digest: a function of its reference, so every node reports the same ID. */
    String imageID(String reference) {
        int colon = reference.lastIndexOf(':');
        String repo = colon > reference.lastIndexOf('/') ? reference.substring(0, colon) : reference;
        return repo + "@sha256:" + sha256(reference);
    }

    private static String sha256(String text) {
        try {
            return HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256")
                    .digest(text.getBytes(StandardCharsets.UTF_8)));
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }

    private String newUuid() {
        String hex = newId().substring(0, 32);
        return hex.substring(0, 8) + "-" + hex.substring(8, 12) + "-" + hex.substring(12, 16) + "-"
                + hex.substring(16, 20) + "-" + hex.substring(20);
    }
}
