package io.ksim.controller;

import io.ksim.controller.cronjob.CronJobController;
import io.ksim.controller.daemon.DaemonSetController;
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
import io.ksim.controller.serviceaccount.RootCACertPublisher;
import io.ksim.controller.serviceaccount.ServiceAccountsController;
import io.ksim.controller.statefulset.StatefulSetController;
import io.ksim.controller.tainteviction.TaintEvictionController;
import io.ksim.controller.volume.PVCProtectionController;
import io.ksim.controller.volume.PVProtectionController;
import io.ksim.controller.volume.PersistentVolumeController;

/**
 * kube-controller-manager as a cluster runs it: the built-in controllers ksim models, registered under their
 * upstream names, plus the service-account controller and the root CA publisher (which run beside the
 * framework, as they need no crash/restart handling of their own). Without the service-account controller no
 * pod can be created in a new namespace, since ServiceAccount admission requires the namespace's
 * {@code default} account.
 *
 * <pre>
 * KubeControllerManager kcm = KubeControllerManager.start(ControllerContext.of(kernel, api));
 * kcm.manager().crash(DeploymentController.NAME);   // the deployment controller dies; others go on
 * </pre>
 */
public final class KubeControllerManager {

    private final ControllerManager manager;
    private final ServiceAccountsController serviceAccounts;
    private final RootCACertPublisher rootCA;

    private KubeControllerManager(ControllerContext context) {
        this.serviceAccounts = new ServiceAccountsController(context.kernel(), context.api());
        this.rootCA = new RootCACertPublisher(context.kernel(), context.api());
        this.manager = new ControllerManager(context)
                .register(NamespaceController.NAME, NamespaceController::new)
                .register(GarbageCollector.NAME, GarbageCollector::new)
                .register(ReplicaSetController.NAME, ReplicaSetController::new)
                .register(ReplicationManager.NAME, ReplicationManager::new)
                .register(DeploymentController.NAME, DeploymentController::new)
                .register(StatefulSetController.NAME, StatefulSetController::new)
                .register(DaemonSetController.NAME, DaemonSetController::new)
                .register(JobController.NAME, JobController::new)
                .register(CronJobController.NAME, CronJobController::new)
                .register(TtlAfterFinishedController.NAME, TtlAfterFinishedController::new)
                .register(NodeLifecycleController.NAME, NodeLifecycleController::new)
                .register(TaintEvictionController.NAME, TaintEvictionController::new)
                .register(DisruptionController.NAME, DisruptionController::new)
                .register(PodGCController.NAME, PodGCController::new)
                .register(ResourceQuotaController.NAME, ResourceQuotaController::new)
                .register(PersistentVolumeController.NAME, PersistentVolumeController::new)
                .register(PVCProtectionController.NAME, PVCProtectionController::new)
                .register(PVProtectionController.NAME, PVProtectionController::new);
    }

    /** Registers and starts every built-in controller. */
    public static KubeControllerManager start(ControllerContext context) {
        KubeControllerManager kcm = new KubeControllerManager(context);
        kcm.serviceAccounts.start();
        kcm.rootCA.start();
        kcm.manager.startAll();
        return kcm;
    }

    /** The framework-managed controllers, by upstream name: stop, crash and restart them here. */
    public ControllerManager manager() {
        return manager;
    }

    /** Stops every controller (the process is gone). */
    public void stop() {
        manager.stopAll();
        serviceAccounts.stop();
        rootCA.stop();
    }
}
