package io.ksim.scheduler;

import io.ksim.api.apps.ReplicaSet;
import io.ksim.api.apps.StatefulSet;
import io.ksim.api.core.Namespace;
import io.ksim.api.core.Node;
import io.ksim.api.core.Pod;
import io.ksim.api.core.ReplicationController;
import io.ksim.api.core.Service;
import io.ksim.api.scheduling.PriorityClass;
import io.ksim.apiserver.ApiServer;
import io.ksim.apiserver.registry.BuiltinResources;
import io.ksim.client.EventRecorder;
import io.ksim.client.Informer;
import io.ksim.kernel.Kernel;
import io.ksim.scheduler.cache.SchedulerCache;
import io.ksim.scheduler.framework.ClusterEvent;
import io.ksim.scheduler.framework.Framework;
import io.ksim.scheduler.framework.PodInfo;
import io.ksim.scheduler.framework.Snapshot;
import io.ksim.scheduler.plugins.DefaultPreemption;
import io.ksim.scheduler.plugins.DefaultProfile;
import io.ksim.scheduler.plugins.ScoringStrategy;
import io.ksim.scheduler.queue.SchedulingQueue;
import java.time.Duration;
import java.util.HashMap;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.function.Function;

/**
 * kube-scheduler on the simulation kernel, with the default profile.
 *
 * <p>Informers feed pending pods that name this scheduler into the {@link SchedulingQueue} and bound pods
 * and nodes into the {@link SchedulerCache}. Each scheduling cycle is a kernel event of the
 * "default-scheduler" component: it pops one pod, runs the framework, assumes the pod on the chosen node
 * and binds it in a second event at the same instant (upstream's binding cycle). A pod no node fits gets
 * PodScheduled=False/Unschedulable and a FailedScheduling event with upstream's message. The queue's
 * periodic flushes (1 s backoff, 30 s unschedulable leftover) run on a grid anchored at {@link #start()},
 * and only while there is something to flush, so an idle scheduler schedules no events.
 *
 * <p>Every attempt leaves a {@link SchedulingDecision}, which {@link #explain} returns, and each placement
 * adds one trace line: {@code Placed default/web-1 -> node-2 (score 287 of 3 feasible nodes)}.
 */
public final class Scheduler {

    public static final String COMPONENT = DefaultProfile.NAME;
    public static final String SCHEDULER_NAME = DefaultProfile.NAME;
    static final Duration BACKOFF_FLUSH_PERIOD = Duration.ofSeconds(1);
    static final Duration UNSCHEDULABLE_FLUSH_PERIOD = Duration.ofSeconds(30);

    final Kernel kernel;
    final ApiServer api;
    final SchedulerCache cache = new SchedulerCache();
    final SchedulingQueue queue = new SchedulingQueue();
    final Framework framework;
    final SchedulingAlgorithm algorithm;
    final EventRecorder recorder;
    final Informer<Pod> pods;
    final Informer<Node> nodes;
    final Informer<Namespace> namespaces;
    final Informer<PriorityClass> priorityClasses;
    final Informer<Service> services;
    final Informer<ReplicaSet> replicaSets;
    final Informer<StatefulSet> statefulSets;
    final Informer<ReplicationController> replicationControllers;
    /** Watched only to retry pods VolumeBinding turned away (upstream's PVC/PV/StorageClass cluster events). */
    final Informer<io.ksim.api.core.PersistentVolumeClaim> claims;
    final Informer<io.ksim.api.core.PersistentVolume> volumes;
    final Informer<io.ksim.api.storage.StorageClass> storageClasses;
    /** NodeVolumeLimits' lister of CSINodes; their arrival retries the pods it turned away. */
    final Informer<io.ksim.api.storage.CSINode> csiNodes;
    /** Read by DefaultPreemption, which prefers victims whose eviction keeps their budgets. */
    final Informer<io.ksim.api.policy.PodDisruptionBudget> podDisruptionBudgets;
    final Function<String, Map<String, String>> namespaceLabels;
    private final Map<String, SchedulingDecision> decisions = new HashMap<>();
    final Nominator nominator = new Nominator();
    /** Decisions still holding per-node detail, oldest first. */
    private final java.util.ArrayDeque<SchedulingDecision> detailed = new java.util.ArrayDeque<>();
    private final int explanationDetailLimit;
    private final SchedulingCycle cycle;
    private long startNanos;
    private boolean cycleArmed;
    private io.ksim.kernel.Timer backoffTimer;
    private io.ksim.kernel.Timer leftoverTimer;
    private boolean stopped;

    private Scheduler(Builder b) {
        this.kernel = b.kernel;
        this.api = b.api;
        this.recorder = new EventRecorder(kernel, api, COMPONENT, "");
        this.explanationDetailLimit = b.explanationDetailLimit;
        this.pods = informer(BuiltinResources.PODS);
        this.nodes = informer(BuiltinResources.NODES);
        this.namespaces = informer(BuiltinResources.NAMESPACES);
        this.priorityClasses = informer(BuiltinResources.PRIORITY_CLASSES);
        this.services = informer(BuiltinResources.SERVICES);
        this.replicaSets = informer(BuiltinResources.REPLICA_SETS);
        this.statefulSets = informer(BuiltinResources.STATEFUL_SETS);
        this.replicationControllers = informer(BuiltinResources.REPLICATION_CONTROLLERS);
        this.claims = informer(BuiltinResources.PERSISTENT_VOLUME_CLAIMS);
        this.volumes = informer(BuiltinResources.PERSISTENT_VOLUMES);
        this.storageClasses = informer(BuiltinResources.STORAGE_CLASSES);
        this.csiNodes = informer(BuiltinResources.CSI_NODES);
        this.podDisruptionBudgets = informer(BuiltinResources.POD_DISRUPTION_BUDGETS);
        this.namespaceLabels = ns -> {
            Namespace n = namespaces.indexer().get(ns);
            return n == null ? Map.of() : n.metadata().labels();
        };
        DefaultSpreadSelector spread = new DefaultSpreadSelector(services.indexer(), replicationControllers.indexer(),
                replicaSets.indexer(), statefulSets.indexer());
        DefaultPreemption preemption = b.preemption ? new DefaultPreemption(this::preemptionHandle) : null;
        this.framework = DefaultProfile.build(new DefaultProfile.Context(api, cache::nodeCount, cache::nodesWithImage,
                spread::of, preemption, name -> csiNodes.indexer().get(name)), b.strategy);
        this.algorithm = new SchedulingAlgorithm(framework, kernel.random(COMPONENT), b.percentageOfNodesToScore,
                nominator::nominatedTo, nominator::any);
        this.cycle = new SchedulingCycle(this);
    }

    private <T extends io.ksim.api.meta.KubeObject> Informer<T> informer(io.ksim.apiserver.ResourceType<T> type) {
        return Informer.builder(kernel, api, type).component(COMPONENT).build();
    }

    private DefaultPreemption.Handle preemptionHandle() {
        return cycle.preemptionHandle();
    }

    public static Builder builder(Kernel kernel, ApiServer api) {
        return new Builder(kernel, api);
    }

    /** Starts the informers; scheduling begins as pods arrive. */
    public void start() {
        startNanos = kernel.nanos();
        pods.addEventHandler(new EventHandlers.PodHandler(this));
        nodes.addEventHandler(new EventHandlers.NodeHandler(this));
        claims.addEventHandler(new EventHandlers.StorageHandler<>(this, ClusterEvent.PVC_ADD, ClusterEvent.PVC_UPDATE));
        volumes.addEventHandler(new EventHandlers.StorageHandler<>(this, ClusterEvent.PV_ADD, ClusterEvent.PV_UPDATE));
        storageClasses.addEventHandler(new EventHandlers.StorageHandler<>(this, ClusterEvent.STORAGE_CLASS_ADD, null));
        csiNodes.addEventHandler(new EventHandlers.StorageHandler<>(this, ClusterEvent.CSI_NODE_ADD, null));
        for (Informer<?> i : informers()) {
            i.start();
        }
    }

    /** Stops watching and scheduling (a crashed scheduler); a new Scheduler models the restart. */
    public void stop() {
        stopped = true;
        if (backoffTimer != null) {
            backoffTimer.cancel();
        }
        if (leftoverTimer != null) {
            leftoverTimer.cancel();
        }
        for (Informer<?> i : informers()) {
            i.stop();
        }
    }

    /** Every informer, in the order they start: what pods depend on first, pods last. */
    private Informer<?>[] informers() {
        return new Informer<?>[] {claims, volumes, storageClasses, csiNodes, podDisruptionBudgets, namespaces,
                priorityClasses, services, replicationControllers, replicaSets, statefulSets, nodes, pods};
    }

    /** The last decision about pod {@code namespace/name}, if it was ever attempted. */
    public Optional<SchedulingDecision> explain(String namespace, String name) {
        return Optional.ofNullable(decisions.get(namespace + "/" + name));
    }

    public Framework framework() {
        return framework;
    }

    public SchedulingQueue queue() {
        return queue;
    }

    public SchedulerCache cache() {
        return cache;
    }

    /** Forgets the decisions about a deleted pod, so that a long simulation does not keep them all. */
    void forgetDecision(String podKey) {
        SchedulingDecision d = decisions.remove(podKey);
        if (d != null) {
            d.dropDetail();
        }
    }

    void recordDecision(SchedulingDecision d) {
        decisions.put(d.pod(), d);
        detailed.addLast(d);
        while (detailed.size() > explanationDetailLimit) {
            detailed.pollFirst().dropDetail();
        }
    }

    /** The current snapshot of the cache. */
    Snapshot snapshot() {
        return cache.snapshot(namespaceLabels);
    }

    /** The pod's priority as the Priority admission plugin would have set it. */
    int priorityOf(Pod pod) {
        if (pod.spec().priority() != null) {
            return pod.spec().priority();
        }
        String cls = pod.spec().priorityClassName();
        if (cls != null && !cls.isEmpty()) {
            PriorityClass pc = priorityClasses.indexer().get(cls);
            return pc == null ? 0 : pc.value();
        }
        for (PriorityClass pc : priorityClasses.indexer().list()) {
            if (Boolean.TRUE.equals(pc.globalDefault())) {
                return pc.value();
            }
        }
        return 0;
    }

    PodInfo podInfo(Pod pod) {
        return PodInfo.of(pod, priorityOf(pod));
    }

    // ---- event loop -------------------------------------------------------------------------------

    /** Makes sure a scheduling cycle runs at this instant if activeQ has pods. */
    void armCycle() {
        if (!cycleArmed && !stopped && queue.activeCount() > 0) {
            cycleArmed = true;
            kernel.scheduleNow(COMPONENT, () -> {
                cycleArmed = false;
                if (!stopped) {
                    cycle.scheduleOne();
                    armCycle();
                }
            });
        }
        armFlushes();
    }

    /**
     * Arms the backoff and leftover flushes at their next grid instants, if anything waits for them; a
     * timer already armed for a later instant is moved earlier.
     */
    void armFlushes() {
        if (stopped) {
            return;
        }
        long nextBackoff = queue.nextBackoffExpiry();
        if (nextBackoff >= 0) {
            long at = gridAtOrAfter(Math.max(nextBackoff, kernel.nanos()), BACKOFF_FLUSH_PERIOD);
            if (backoffTimer == null || !backoffTimer.isPending() || backoffTimer.dueNanos() > at) {
                if (backoffTimer != null) {
                    backoffTimer.cancel();
                }
                backoffTimer = kernel.scheduleAtNanos(at, COMPONENT, () -> {
                    queue.flushBackoffCompleted(kernel.nanos());
                    armCycle();
                });
            }
        }
        long nextLeftover = queue.nextUnschedulableTimeout();
        if (nextLeftover >= 0) {
            // the pod must have waited strictly longer than 5 minutes
            long at = gridAtOrAfter(Math.max(nextLeftover + 1, kernel.nanos()), UNSCHEDULABLE_FLUSH_PERIOD);
            if (leftoverTimer == null || !leftoverTimer.isPending() || leftoverTimer.dueNanos() > at) {
                if (leftoverTimer != null) {
                    leftoverTimer.cancel();
                }
                leftoverTimer = kernel.scheduleAtNanos(at, COMPONENT, () -> {
                    queue.flushUnschedulableLeftover(kernel.nanos());
                    armCycle();
                });
            }
        }
    }

    private long gridAtOrAfter(long nanos, Duration period) {
        long p = period.toNanos();
        long since = nanos - startNanos;
        long k = (since + p - 1) / p;
        return startNanos + k * p;
    }

    void moveAll(ClusterEvent event) {
        if (queue.moveAllToActiveOrBackoff(event, framework::interested, kernel.nanos()) > 0) {
            armCycle();
        }
    }

    /** Builds a scheduler: default profile, LeastAllocated, adaptive percentageOfNodesToScore, preemption on. */
    public static final class Builder {
        private final Kernel kernel;
        private final ApiServer api;
        private ScoringStrategy strategy = ScoringStrategy.DEFAULT;
        private int percentageOfNodesToScore;
        private boolean preemption = true;
        private int explanationDetailLimit = 1000;

        private Builder(Kernel kernel, ApiServer api) {
            this.kernel = Objects.requireNonNull(kernel);
            this.api = Objects.requireNonNull(api);
        }

        /** NodeResourcesFit's scoring strategy (LeastAllocated by default). */
        public Builder scoringStrategy(ScoringStrategy s) {
            this.strategy = Objects.requireNonNull(s);
            return this;
        }

        /** 0 (the default) means upstream's adaptive percentage; 100 scores every feasible node. */
        public Builder percentageOfNodesToScore(int percentage) {
            if (percentage < 0 || percentage > 100) {
                throw new IllegalArgumentException("percentageOfNodesToScore: Invalid value: " + percentage
                        + ": not in valid range [0-100]");
            }
            this.percentageOfNodesToScore = percentage;
            return this;
        }

        /** Whether DefaultPreemption runs when no node fits. */
        public Builder preemption(boolean enabled) {
            this.preemption = enabled;
            return this;
        }

        /**
         * How many of the most recent decisions keep their per-node detail (verdicts and scores); older ones
         * keep outcome and message. Bounds memory when thousands of pods meet thousands of nodes.
         */
        public Builder explanationDetailLimit(int limit) {
            if (limit < 0) {
                throw new IllegalArgumentException("explanationDetailLimit must not be negative: " + limit);
            }
            this.explanationDetailLimit = limit;
            return this;
        }

        public Scheduler build() {
            return new Scheduler(this);
        }
    }
}
