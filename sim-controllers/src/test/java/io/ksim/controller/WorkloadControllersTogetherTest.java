package io.ksim.controller;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.ksim.api.apps.DaemonSet;
import io.ksim.api.apps.DaemonSet.DaemonSetSpec;
import io.ksim.api.apps.StatefulSet;
import io.ksim.api.apps.StatefulSet.StatefulSetSpec;
import io.ksim.api.batch.CronJob;
import io.ksim.api.batch.CronJob.CronJobSpec;
import io.ksim.api.batch.Job;
import io.ksim.api.batch.JobSpec;
import io.ksim.api.batch.JobTemplateSpec;
import io.ksim.api.core.Container;
import io.ksim.api.core.Namespace;
import io.ksim.api.core.PodSpec;
import io.ksim.api.core.PodTemplateSpec;
import io.ksim.api.core.ServiceAccount;
import io.ksim.api.meta.LabelSelector;
import io.ksim.api.meta.ObjectMeta;
import io.ksim.apiserver.ApiException;
import io.ksim.apiserver.DeleteOptions;
import io.ksim.apiserver.registry.BuiltinResources;
import io.ksim.controller.cronjob.CronJobController;
import io.ksim.controller.daemon.DaemonSetController;
import io.ksim.controller.garbagecollector.GarbageCollector;
import io.ksim.controller.job.JobController;
import io.ksim.controller.job.TtlAfterFinishedController;
import io.ksim.controller.namespace.NamespaceController;
import io.ksim.controller.statefulset.StatefulSetController;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/**
 * Every workload controller in one controller manager: a namespace with a StatefulSet, a DaemonSet, a Job
 * and a CronJob runs them all, and deleting the namespace takes everything away while the controllers keep
 * running (NamespaceLifecycle refuses their new pods in a Terminating namespace).
 */
class WorkloadControllersTogetherTest {

    @Test
    void aNamespaceOfWorkloadsRunsAndIsDeletedWithEverythingInIt() {
        TestCluster cluster = new TestCluster(81, 3);
        cluster.manager.register(StatefulSetController.NAME, StatefulSetController::new)
                .register(DaemonSetController.NAME, DaemonSetController::new)
                .register(JobController.NAME, JobController::new)
                .register(CronJobController.NAME, CronJobController::new)
                .register(TtlAfterFinishedController.NAME, TtlAfterFinishedController::new)
                .register(GarbageCollector.NAME, GarbageCollector::new)
                .register(NamespaceController.NAME, NamespaceController::new);
        cluster.manager.startAll();
        cluster.api.create(BuiltinResources.NAMESPACES, null, new Namespace(null, null, ObjectMeta.of(null, "apps"),
                null, null));
        cluster.api.create(BuiltinResources.SERVICE_ACCOUNTS, "apps", ServiceAccount.of("apps", "default"));
        Map<String, String> db = Map.of("app", "db");
        cluster.api.create(BuiltinResources.STATEFUL_SETS, "apps", new StatefulSet(ObjectMeta.of("apps", "db"),
                new StatefulSetSpec(2, LabelSelector.matchLabels(db), TestCluster.template(db, "nginx:1.25"), null,
                        "db", null, null, null, null, null, null)));
        Map<String, String> agent = Map.of("app", "agent");
        cluster.api.create(BuiltinResources.DAEMON_SETS, "apps", new DaemonSet(ObjectMeta.of("apps", "agent"),
                new DaemonSetSpec(LabelSelector.matchLabels(agent), TestCluster.template(agent, "nginx:1.25"), null,
                        null, null)));
        PodTemplateSpec once = new PodTemplateSpec(ObjectMeta.builder().build(), PodSpec.builder()
                .containers(List.of(Container.builder().name("once").image("busybox:1.36").build()))
                .restartPolicy("Never").build());
        cluster.api.create(BuiltinResources.JOBS, "apps", new Job(ObjectMeta.of("apps", "once"), JobSpec.of(once)));
        cluster.api.create(BuiltinResources.CRON_JOBS, "apps", new CronJob(ObjectMeta.of("apps", "tick"),
                new CronJobSpec("*/1 * * * *", null, null, null, null,
                        new JobTemplateSpec(ObjectMeta.builder().build(), JobSpec.of(once)), null, null)));
        cluster.run(70);
        assertEquals(2, cluster.api.get(BuiltinResources.STATEFUL_SETS, "apps", "db").status().readyReplicas());
        assertEquals(3, cluster.api.get(BuiltinResources.DAEMON_SETS, "apps", "agent").status().numberReady());
        assertEquals(1, cluster.api.get(BuiltinResources.JOBS, "apps", "once").status().succeeded());
        assertEquals(2, cluster.api.list(BuiltinResources.JOBS, "apps").items().size(), "once and tick's first Job");

        cluster.api.delete(BuiltinResources.NAMESPACES, null, "apps", DeleteOptions.defaults());
        cluster.run(120);
        try {
            cluster.api.get(BuiltinResources.NAMESPACES, null, "apps");
            throw new AssertionError("the namespace should be gone");
        } catch (ApiException e) {
            assertEquals(404, e.code());
        }
        assertTrue(cluster.pods("apps").isEmpty());
        assertTrue(cluster.api.list(BuiltinResources.CONTROLLER_REVISIONS, "apps").items().isEmpty());
    }
}
