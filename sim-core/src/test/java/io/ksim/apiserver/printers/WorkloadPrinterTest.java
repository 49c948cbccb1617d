package io.ksim.apiserver.printers;

import static io.ksim.apiserver.printers.Rows.ago;
import static io.ksim.apiserver.printers.Rows.cells;
import static io.ksim.apiserver.printers.Rows.columns;
import static io.ksim.apiserver.printers.Rows.wideColumns;
import static org.junit.jupiter.api.Assertions.assertEquals;

import io.ksim.api.apps.ControllerRevision;
import io.ksim.api.apps.DaemonSet;
import io.ksim.api.apps.Deployment;
import io.ksim.api.apps.ReplicaSet;
import io.ksim.api.apps.StatefulSet;
import io.ksim.api.batch.CronJob;
import io.ksim.api.batch.Job;
import java.time.Duration;
import java.util.List;
import org.junit.jupiter.api.Test;

/** Deployments, ReplicaSets, StatefulSets, DaemonSets, ControllerRevisions, Jobs and CronJobs. */
class WorkloadPrinterTest {

    private static final String TEMPLATE = "template: {spec: {containers: [{name: fake-container1, image: fake-image1},"
            + " {name: fake-container2, image: fake-image2}]}}";

    @Test
    void deployments() {
        assertEquals(List.of("Name", "Ready", "Up-to-date", "Available", "Age", "Containers", "Images", "Selector"),
                columns(Deployment.class));
        assertEquals(List.of("Containers", "Images", "Selector"), wideColumns(Deployment.class));
        assertEquals(List.of("test1", "0/5", "2", "1", "<unknown>", "fake-container1,fake-container2",
                "fake-image1,fake-image2", "foo=bar"), cells(Deployment.class, "metadata: {name: test1}\n"
                        + "spec: {replicas: 5, selector: {matchLabels: {foo: bar}}, " + TEMPLATE + "}\n"
                        + "status: {replicas: 10, updatedReplicas: 2, availableReplicas: 1, unavailableReplicas: 4}"));
        assertEquals(List.of("web", "3/3", "3", "3", "75s"), cells(Deployment.class, "metadata: {name: web,"
                + " creationTimestamp: '" + ago(Duration.ofSeconds(75)) + "'}\nspec: {replicas: 3, " + TEMPLATE + "}\n"
                + "status: {replicas: 3, readyReplicas: 3, updatedReplicas: 3, availableReplicas: 3}").subList(0, 5));
    }

    @Test
    void replicaSetsAndStatefulSets() {
        assertEquals(List.of("Name", "Desired", "Current", "Ready", "Age", "Containers", "Images", "Selector"),
                columns(ReplicaSet.class));
        assertEquals(List.of("web-7cf5c79bd6", "4", "4", "3", "<unknown>", "fake-container1,fake-container2",
                "fake-image1,fake-image2", "app=web,pod-template-hash=7cf5c79bd6"), cells(ReplicaSet.class,
                        "metadata: {name: web-7cf5c79bd6}\nspec: {replicas: 4, selector: {matchLabels: {app: web,"
                                + " pod-template-hash: 7cf5c79bd6}}, " + TEMPLATE + "}\nstatus: {replicas: 4, readyReplicas: 3}"));
        assertEquals(List.of("Name", "Ready", "Age", "Containers", "Images"), columns(StatefulSet.class));
        assertEquals(List.of("db", "1/3", "<unknown>", "fake-container1,fake-container2", "fake-image1,fake-image2"),
                cells(StatefulSet.class, "metadata: {name: db}\nspec: {replicas: 3, " + TEMPLATE + "}\n"
                        + "status: {replicas: 2, readyReplicas: 1}"));
    }

    @Test
    void daemonSets() {
        assertEquals(List.of("Name", "Desired", "Current", "Ready", "Up-to-date", "Available", "Node Selector", "Age",
                "Containers", "Images", "Selector"), columns(DaemonSet.class));
        assertEquals(List.of("test1", "3", "2", "1", "2", "0", "<none>", "<unknown>", "fake-container1,fake-container2",
                "fake-image1,fake-image2", "foo=bar"), cells(DaemonSet.class, "metadata: {name: test1}\n"
                        + "spec: {selector: {matchLabels: {foo: bar}}, " + TEMPLATE + "}\n"
                        + "status: {currentNumberScheduled: 2, desiredNumberScheduled: 3, numberReady: 1,"
                        + " updatedNumberScheduled: 2, numberAvailable: 0, numberMisscheduled: 0}"));
        assertEquals("kubernetes.io/os=linux", cells(DaemonSet.class, "metadata: {name: kube-proxy}\n"
                + "spec: {selector: {matchLabels: {k8s-app: kube-proxy}}, template: {spec: {nodeSelector:"
                + " {kubernetes.io/os: linux}, containers: [{name: kube-proxy, image: 'registry.k8s.io/kube-proxy:v1.32.0'}]}}}")
                .get(6));
    }

    @Test
    void controllerRevisions() {
        assertEquals(List.of("Name", "Controller", "Revision", "Age"), columns(ControllerRevision.class));
        assertEquals(List.of("fluentd-6c9c8b7f5", "daemonset.apps/fluentd", "2", "<unknown>"), cells(ControllerRevision.class,
                "metadata: {name: fluentd-6c9c8b7f5, ownerReferences: [{apiVersion: apps/v1, kind: DaemonSet, name: fluentd,"
                        + " uid: u1, controller: true}]}\nrevision: 2"));
        assertEquals(List.of("orphan", "<none>", "1", "<unknown>"), cells(ControllerRevision.class,
                "metadata: {name: orphan}\nrevision: 1"));
        assertEquals("pod/p", cells(ControllerRevision.class, "metadata: {name: x, ownerReferences: [{apiVersion: v1,"
                + " kind: Pod, name: p, uid: u2, controller: true}]}\nrevision: 1").get(1));
    }

    @Test
    void scaleSubresource() {
        assertEquals(List.of("Name", "Desired", "Available", "Age"), columns(io.ksim.api.autoscaling.Scale.class));
        assertEquals(List.of("web", "5", "3", "<unknown>"), cells(io.ksim.api.autoscaling.Scale.class,
                "metadata: {name: web}\nspec: {replicas: 5}\nstatus: {replicas: 3, selector: app=web}"));
    }

    @Test
    void jobs() {
        assertEquals(List.of("Name", "Status", "Completions", "Duration", "Age", "Containers", "Images", "Selector"),
                columns(Job.class));
        assertEquals(List.of("job1", "Running", "1/2", "", "<unknown>", "fake-container1,fake-container2",
                "fake-image1,fake-image2", "job-label=job-label-value"), cells(Job.class, "metadata: {name: job1}\n"
                        + "spec: {completions: 2, selector: {matchLabels: {job-label: job-label-value}}, " + TEMPLATE + "}\n"
                        + "status: {succeeded: 1}"));
        assertEquals(List.of("job2", "Running", "0/1", "", "10y"), job("metadata: {name: job2, creationTimestamp: '"
                + ago(Duration.ofDays(3652)) + "'}"));
        assertEquals(List.of("job3", "Running", "0/1", "30m", "<unknown>"), job("metadata: {name: job3}\n"
                + "status: {startTime: '" + ago(Duration.ofMinutes(40)) + "', completionTime: '" + ago(Duration.ofMinutes(10)) + "'}"));
        // A running job's duration runs to now.
        assertEquals(List.of("job4", "Running", "0/1", "20m", "<unknown>"), job("metadata: {name: job4}\n"
                + "status: {startTime: '" + ago(Duration.ofMinutes(20)) + "'}"));
        assertEquals("Complete", job("metadata: {name: j}\nstatus: {conditions: [{type: Complete, status: 'True'}]}").get(1));
        assertEquals("Failed", job("metadata: {name: j}\nstatus: {conditions: [{type: Failed, status: 'True'}]}").get(1));
        assertEquals("Suspended", job("metadata: {name: j}\nstatus: {conditions: [{type: Suspended, status: 'True'}]}").get(1));
        assertEquals("FailureTarget", job("metadata: {name: j}\nstatus: {conditions: [{type: FailureTarget, status: 'True'}]}").get(1));
        assertEquals("Terminating", job("metadata: {name: j, deletionTimestamp: '" + ago(Duration.ZERO) + "'}").get(1));
        assertEquals("Complete", job("metadata: {name: j, deletionTimestamp: '" + ago(Duration.ZERO) + "'}\n"
                + "status: {conditions: [{type: Complete, status: 'True'}]}").get(1));
        // A work queue: parallel pods, one success needed.
        assertEquals("0/1 of 3", job("metadata: {name: q}\nspec: {parallelism: 3}").get(2));
    }

    private static List<String> job(String yaml) {
        return cells(Job.class, yaml).subList(0, 5);
    }

    @Test
    void cronJobs() {
        assertEquals(List.of("Name", "Schedule", "Timezone", "Suspend", "Active", "Last Schedule", "Age", "Containers", "Images",
                "Selector"), columns(CronJob.class));
        assertEquals(List.of("cronjob1", "0/5 * * * ?", "<none>", "False", "0", "<none>", "<unknown>", "fake-container1,fake-container2",
                "fake-image1,fake-image2", "<none>"), cells(CronJob.class, "metadata: {name: cronjob1}\n"
                        + "spec: {schedule: '0/5 * * * ?', suspend: false, jobTemplate: {spec: {" + TEMPLATE + "}}}"));
        assertEquals(List.of("cronjob2", "0/5 * * * ?", "Europe/Berlin", "<unset>", "1", "30s"), cells(CronJob.class,
                "metadata: {name: cronjob2}\nspec: {schedule: '0/5 * * * ?', timeZone: Europe/Berlin, jobTemplate: {spec: {}}}\n"
                        + "status: {active: [{name: cronjob2-28936440}], lastScheduleTime: '" + ago(Duration.ofSeconds(30)) + "'}")
                .subList(0, 6));
    }
}
