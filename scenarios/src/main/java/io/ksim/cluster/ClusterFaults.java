package io.ksim.cluster;

import io.ksim.controller.ControllerManager;
import io.ksim.controller.daemon.DaemonSetController;
import io.ksim.controller.cronjob.CronJobController;
import io.ksim.controller.deployment.DeploymentController;
import io.ksim.controller.disruption.DisruptionController;
import io.ksim.controller.garbagecollector.GarbageCollector;
import io.ksim.controller.job.JobController;
import io.ksim.controller.job.TtlAfterFinishedController;
import io.ksim.controller.namespace.NamespaceController;
import io.ksim.controller.nodelifecycle.NodeLifecycleController;
import io.ksim.controller.podgc.PodGCController;
import io.ksim.controller.replicaset.ReplicaSetController;
import io.ksim.controller.resourcequota.ResourceQuotaController;
import io.ksim.controller.replication.ReplicationManager;
import io.ksim.controller.statefulset.StatefulSetController;
import io.ksim.controller.tainteviction.TaintEvictionController;
import io.ksim.controller.volume.PVCProtectionController;
import io.ksim.controller.volume.PVProtectionController;
import io.ksim.controller.volume.PersistentVolumeController;
import io.ksim.kernel.Fault;
import java.util.List;
import java.util.stream.Stream;

/**
 * The faults a scenario's {@code fault} steps and the prompt's {@code fault} verb inject, by name: one table
 * for both, so a fault reads and behaves the same in a file and at the prompt. Node faults take a node name,
 * {@code crash} and {@code restart} a component of {@link #COMPONENTS}.
 */
public final class ClusterFaults {

    /** Faults on a node: its power, its kubelet, its network. */
    public static final List<String> NODE_ACTIONS = List.of("powerOff", "powerOn", "stopKubelet", "startKubelet",
            "partition", "heal");
    /** Faults on a control-plane component. */
    public static final List<String> COMPONENT_ACTIONS = List.of("crash", "restart");
    /** Every fault action, node faults first. */
    public static final List<String> ACTIONS = Stream.concat(NODE_ACTIONS.stream(), COMPONENT_ACTIONS.stream())
            .toList();

    /** Components a fault can crash or restart: the scheduler, the whole controller manager, or one controller. */
    public static final List<String> COMPONENTS = List.of("kube-scheduler", "kube-controller-manager",
            NamespaceController.NAME, GarbageCollector.NAME, ReplicaSetController.NAME, ReplicationManager.NAME,
            DeploymentController.NAME,
            StatefulSetController.NAME, DaemonSetController.NAME, JobController.NAME, CronJobController.NAME,
            TtlAfterFinishedController.NAME, NodeLifecycleController.NAME, TaintEvictionController.NAME,
            DisruptionController.NAME, PodGCController.NAME, ResourceQuotaController.NAME,
            PersistentVolumeController.NAME, PVCProtectionController.NAME, PVProtectionController.NAME);

    private ClusterFaults() {
    }

    /**
     * The fault {@code action} on {@code target}, with the words the trace records for it. Targets are not
     * checked here (the parser and the prompt check them first, each with its own message).
     */
    public static Fault of(Cluster cluster, String action, String target) {
        ControllerManager kcm = cluster.controllerManager().manager();
        return switch (action) {
            case "powerOff" -> Fault.of(target, "the machine loses power: its containers, kubelet and kube-proxy stop",
                    () -> cluster.powerOff(target));
            case "powerOn" -> Fault.of(target, "the machine powers on: its kubelet starts and registers again",
                    () -> cluster.powerOn(target));
            case "stopKubelet" -> Fault.of(target, "the kubelet stops (containers keep running, no heartbeats)",
                    () -> cluster.stopKubelet(target));
            case "startKubelet" -> Fault.of(target, "the kubelet starts again", () -> cluster.startKubelet(target));
            case "partition" -> Fault.of(target,
                    "the node is cut off from the API server (its containers keep running)",
                    () -> cluster.partition(target));
            case "heal" -> Fault.of(target, "the node's network partition heals", () -> cluster.healPartition(target));
            case "crash" -> switch (target) {
                case "kube-scheduler" -> Fault.of(target,
                        "kube-scheduler crashes: nothing is scheduled until it restarts", cluster::crashScheduler);
                case "kube-controller-manager" -> Fault.of(target,
                        "kube-controller-manager crashes: every controller stops and loses its caches",
                        () -> List.copyOf(kcm.controllers().keySet()).forEach(kcm::crash));
                default -> Fault.of(target, "controller crashes and loses its caches", () -> kcm.crash(target));
            };
            case "restart" -> switch (target) {
                case "kube-scheduler" -> Fault.of(target, "kube-scheduler starts again and lists pods and nodes",
                        cluster::restartScheduler);
                case "kube-controller-manager" -> Fault.of(target,
                        "kube-controller-manager starts again: every controller lists everything", () -> {
                            List.copyOf(kcm.controllers().keySet()).forEach(kcm::stop);
                            kcm.startAll();
                        });
                default -> Fault.of(target, "controller starts again and lists everything", () -> kcm.restart(target));
            };
            default -> throw new IllegalArgumentException("unknown fault \"" + action + "\" (want one of "
                    + String.join(", ", ACTIONS) + ")");
        };
    }

    /**
     * Records {@code fault} in the trace and applies it now, before anything else due at this instant runs
     * (as Kernel.injectFault records and applies a fault).
     */
    public static void inject(Cluster cluster, Fault fault) {
        cluster.trace().record("fault", "Fault", fault.target(), fault.description());
        fault.inject(cluster.kernel());
    }
}
