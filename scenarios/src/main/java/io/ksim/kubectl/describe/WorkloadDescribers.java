package io.ksim.kubectl.describe;

import static io.ksim.kubectl.describe.PrefixWriter.LEVEL_0;
import static io.ksim.kubectl.describe.PrefixWriter.LEVEL_1;

import io.ksim.api.apps.DaemonSet;
import io.ksim.api.apps.Deployment;
import io.ksim.api.apps.ReplicaSet;
import io.ksim.api.core.ReplicationController;
import io.ksim.api.apps.StatefulSet;
import io.ksim.api.batch.CronJob;
import io.ksim.api.batch.Job;
import io.ksim.api.batch.JobSpec;
import io.ksim.api.core.Event;
import io.ksim.api.core.ObjectReference;
import io.ksim.api.core.PersistentVolumeClaim;
import io.ksim.api.meta.OwnerReference;
import io.ksim.apiserver.printers.HumanDuration;
import io.ksim.apiserver.registry.BuiltinResources;
import io.ksim.controller.deployment.DeploymentUtil;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;

/** kubectl's describers for Deployments, ReplicaSets, ReplicationControllers, StatefulSets, DaemonSets, Jobs and CronJobs. */
final class WorkloadDescribers {

    private WorkloadDescribers() {
    }

    static String deployment(Describers ds, Deployment d, List<Event> events, Instant now) {
        PrefixWriter w = new PrefixWriter();
        var spec = d.spec();
        var status = d.status() == null ? Deployment.DeploymentStatus.EMPTY : d.status();
        w.write(LEVEL_0, "Name:\t%s\n", d.metadata().name());
        w.write(LEVEL_0, "Namespace:\t%s\n", d.metadata().namespace());
        w.write(LEVEL_0, "CreationTimestamp:\t%s\n", Fmt.time(d.metadata().creationTimestamp()));
        Fmt.labelsMultiline(w, "Labels", d.metadata().labels());
        Fmt.annotationsMultiline(w, "Annotations", d.metadata().annotations());
        w.write(LEVEL_0, "Selector:\t%s\n", spec.selector() == null ? "" : Fmt.selectorString(spec.selector()));
        w.write(LEVEL_0, "Replicas:\t%d desired | %d updated | %d total | %d available | %d unavailable\n",
                Fmt.num(spec.replicas()), Fmt.num(status.updatedReplicas()), Fmt.num(status.replicas()),
                Fmt.num(status.availableReplicas()), Fmt.num(status.unavailableReplicas()));
        w.write(LEVEL_0, "StrategyType:\t%s\n", Fmt.nz(spec.strategy().type()));
        w.write(LEVEL_0, "MinReadySeconds:\t%d\n", Fmt.num(spec.minReadySeconds()));
        if (spec.strategy().rollingUpdate() != null) {
            var ru = spec.strategy().rollingUpdate();
            w.write(LEVEL_0, "RollingUpdateStrategy:\t%s max unavailable, %s max surge\n",
                    Fmt.intOrString(ru.maxUnavailable()), Fmt.intOrString(ru.maxSurge()));
        }
        PodDescriber.podTemplate(spec.template(), w);
        conditions(w, status.conditions() == null ? List.of() : status.conditions().stream()
                .map(c -> new ConditionRow(c.type(), c.status(), c.reason())).toList());
        List<ReplicaSet> owned = new ArrayList<>();
        for (ReplicaSet rs : ds.api().list(BuiltinResources.REPLICA_SETS, d.metadata().namespace()).items()) {
            if (controlledBy(rs.metadata().ownerReferences(), d.metadata().uid())) {
                owned.add(rs);
            }
        }
        ReplicaSet newRs = DeploymentUtil.findNewReplicaSet(d, owned);
        List<ReplicaSet> oldRss = new ArrayList<>();
        for (ReplicaSet rs : owned) {
            if (newRs == null || !rs.metadata().uid().equals(newRs.metadata().uid())) {
                oldRss.add(rs);
            }
        }
        if (!oldRss.isEmpty() || newRs != null) {
            w.write(LEVEL_0, "OldReplicaSets:\t%s\n", replicaSets(oldRss));
            w.write(LEVEL_0, "NewReplicaSet:\t%s\n", replicaSets(newRs == null ? List.of() : List.of(newRs)));
        }
        Fmt.events(w, events, now);
        return w.text();
    }

    private static boolean controlledBy(List<OwnerReference> refs, String uid) {
        for (OwnerReference ref : refs) {
            if (Boolean.TRUE.equals(ref.controller()) && ref.uid() != null && ref.uid().equals(uid)) {
                return true;
            }
        }
        return false;
    }

    private static String replicaSets(List<ReplicaSet> rss) {
        List<String> parts = new ArrayList<>();
        for (ReplicaSet rs : rss) {
            int replicas = rs.status() == null ? 0 : rs.status().replicas();
            parts.add(String.format("%s (%d/%d replicas created)", rs.metadata().name(), replicas,
                    Fmt.num(rs.spec().replicas())));
        }
        return parts.isEmpty() ? "<none>" : String.join(", ", parts);
    }

    /** One row of the Type/Status/Reason table; the three workload kinds each have their own condition record. */
    private record ConditionRow(String type, String status, String reason) {
    }

    /** The Conditions table kubectl prints for Deployments, ReplicaSets and ReplicationControllers; none if empty. */
    private static void conditions(PrefixWriter w, List<ConditionRow> rows) {
        if (rows.isEmpty()) {
            return;
        }
        w.write(LEVEL_0, "Conditions:\n  Type\tStatus\tReason\n");
        w.write(LEVEL_1, "----\t------\t------\n");
        for (ConditionRow c : rows) {
            w.write(LEVEL_1, "%s \t%s\t%s\n", c.type(), c.status(), Fmt.nz(c.reason()));
        }
    }

    private static void podsStatus(PrefixWriter w, int[] c) {
        w.write(LEVEL_0, "Pods Status:\t%d Running / %d Waiting / %d Succeeded / %d Failed\n", c[0], c[1], c[2], c[3]);
    }

    static String replicaSet(Describers ds, ReplicaSet rs, List<Event> events, Instant now) {
        PrefixWriter w = new PrefixWriter();
        var status = rs.status() == null ? ReplicaSet.ReplicaSetStatus.EMPTY : rs.status();
        w.write(LEVEL_0, "Name:\t%s\n", rs.metadata().name());
        w.write(LEVEL_0, "Namespace:\t%s\n", rs.metadata().namespace());
        w.write(LEVEL_0, "Selector:\t%s\n", Fmt.selector(rs.spec().selector()));
        Fmt.labelsMultiline(w, "Labels", rs.metadata().labels());
        Fmt.annotationsMultiline(w, "Annotations", rs.metadata().annotations());
        String controlledBy = Fmt.controller(rs);
        if (controlledBy != null) {
            w.write(LEVEL_0, "Controlled By:\t%s\n", controlledBy);
        }
        w.write(LEVEL_0, "Replicas:\t%d current / %d desired\n", status.replicas(), Fmt.num(rs.spec().replicas()));
        podsStatus(w, ds.podStatus(rs.metadata().namespace(), rs.spec().selector(), rs.metadata().uid()));
        PodDescriber.podTemplate(rs.spec().template(), w);
        conditions(w, status.conditions() == null ? List.of() : status.conditions().stream()
                .map(c -> new ConditionRow(c.type(), c.status(), c.reason())).toList());
        Fmt.events(w, events, now);
        return w.text();
    }

    /**
     * kubectl's describeReplicationController: a ReplicaSet's page without Controlled By, the selector printed
     * as a label set, and "Pod Template:" followed by {@code <unset>} when the template is missing.
     */
    static String replicationController(Describers ds, ReplicationController rc, List<Event> events, Instant now) {
        PrefixWriter w = new PrefixWriter();
        var status = rc.status();
        w.write(LEVEL_0, "Name:\t%s\n", rc.metadata().name());
        w.write(LEVEL_0, "Namespace:\t%s\n", rc.metadata().namespace());
        w.write(LEVEL_0, "Selector:\t%s\n", Fmt.labels(rc.spec().selector()));
        Fmt.labelsMultiline(w, "Labels", rc.metadata().labels());
        Fmt.annotationsMultiline(w, "Annotations", rc.metadata().annotations());
        w.write(LEVEL_0, "Replicas:\t%d current / %d desired\n", status.replicas(), Fmt.num(rc.spec().replicas()));
        podsStatus(w, ds.podStatus(rc.metadata().namespace(),
                io.ksim.api.meta.LabelSelector.matchLabels(rc.spec().selector()), rc.metadata().uid()));
        if (rc.spec().template() == null) {
            w.write(LEVEL_0, "Pod Template:\n");
            w.write(LEVEL_1, "<unset>");
        } else {
            PodDescriber.podTemplate(rc.spec().template(), w);
        }
        conditions(w, status.conditions() == null ? List.of() : status.conditions().stream()
                .map(c -> new ConditionRow(c.type(), c.status(), c.reason())).toList());
        Fmt.events(w, events, now);
        return w.text();
    }

    static String statefulSet(Describers ds, StatefulSet s, List<Event> events, Instant now) {
        PrefixWriter w = new PrefixWriter();
        var spec = s.spec();
        w.write(LEVEL_0, "Name:\t%s\n", s.metadata().name());
        w.write(LEVEL_0, "Namespace:\t%s\n", s.metadata().namespace());
        w.write(LEVEL_0, "CreationTimestamp:\t%s\n", Fmt.time(s.metadata().creationTimestamp()));
        w.write(LEVEL_0, "Selector:\t%s\n", spec.selector() == null ? "" : Fmt.selectorString(spec.selector()));
        Fmt.labelsMultiline(w, "Labels", s.metadata().labels());
        Fmt.annotationsMultiline(w, "Annotations", s.metadata().annotations());
        w.write(LEVEL_0, "Replicas:\t%d desired | %d total\n", Fmt.num(spec.replicas()),
                s.status() == null ? 0 : s.status().replicas());
        w.write(LEVEL_0, "Update Strategy:\t%s\n", Fmt.nz(spec.updateStrategy().type()));
        var ru = spec.updateStrategy().rollingUpdate();
        if (ru != null && ru.partition() != null) {
            w.write(LEVEL_1, "Partition:\t%d\n", ru.partition());
            if (ru.maxUnavailable() != null) {
                w.write(LEVEL_1, "MaxUnavailable:\t%s\n", Fmt.intOrString(ru.maxUnavailable()));
            }
        }
        podsStatus(w, ds.podStatus(s.metadata().namespace(), spec.selector(), s.metadata().uid()));
        PodDescriber.podTemplate(spec.template(), w);
        if (spec.volumeClaimTemplates().isEmpty()) {
            w.write(LEVEL_0, "Volume Claims:\t<none>\n");
        } else {
            w.write(LEVEL_0, "Volume Claims:\n");
            for (PersistentVolumeClaim pvc : spec.volumeClaimTemplates()) {
                w.write(LEVEL_1, "Name:\t%s\n", pvc.metadata().name());
                w.write(LEVEL_1, "StorageClass:\t%s\n", CoreDescribers.storageClassOf(pvc));
                Fmt.labelsMultiline(w, "  ", "Labels", "\t", pvc.metadata().labels());
                Fmt.labelsMultiline(w, "  ", "Annotations", "\t", pvc.metadata().annotations());
                var requests = pvc.spec() == null || pvc.spec().resources() == null ? null
                        : pvc.spec().resources().requests();
                var storage = requests == null ? null : requests.get("storage");
                w.write(LEVEL_1, "Capacity:\t%s\n", storage == null ? "<default>" : storage.toString());
                w.write(LEVEL_1, "Access Modes:\t%s\n", CoreDescribers.goList(pvc.spec() == null ? null : pvc.spec().accessModes()));
            }
        }
        Fmt.events(w, events, now);
        return w.text();
    }

    static String daemonSet(Describers ds, DaemonSet d, List<Event> events, Instant now) {
        PrefixWriter w = new PrefixWriter();
        var spec = d.spec();
        var status = d.status() == null ? DaemonSet.DaemonSetStatus.EMPTY : d.status();
        w.write(LEVEL_0, "Name:\t%s\n", d.metadata().name());
        w.write(LEVEL_0, "Selector:\t%s\n", spec.selector() == null ? "" : Fmt.selectorString(spec.selector()));
        w.write(LEVEL_0, "Node-Selector:\t%s\n",
                Fmt.labels(spec.template().spec() == null ? null : spec.template().spec().nodeSelector()));
        Fmt.labelsMultiline(w, "Labels", d.metadata().labels());
        Fmt.annotationsMultiline(w, "Annotations", d.metadata().annotations());
        w.write(LEVEL_0, "Desired Number of Nodes Scheduled: %d\n", status.desiredNumberScheduled());
        w.write(LEVEL_0, "Current Number of Nodes Scheduled: %d\n", status.currentNumberScheduled());
        w.write(LEVEL_0, "Number of Nodes Scheduled with Up-to-date Pods: %d\n", Fmt.num(status.updatedNumberScheduled()));
        w.write(LEVEL_0, "Number of Nodes Scheduled with Available Pods: %d\n", Fmt.num(status.numberAvailable()));
        w.write(LEVEL_0, "Number of Nodes Misscheduled: %d\n", status.numberMisscheduled());
        podsStatus(w, ds.podStatus(d.metadata().namespace(), spec.selector(), d.metadata().uid()));
        PodDescriber.podTemplate(spec.template(), w);
        Fmt.events(w, events, now);
        return w.text();
    }

    static String job(Job job, List<Event> events, Instant now) {
        PrefixWriter w = new PrefixWriter();
        JobSpec spec = job.spec();
        var status = job.status() == null ? Job.JobStatus.EMPTY : job.status();
        w.write(LEVEL_0, "Name:\t%s\n", job.metadata().name());
        w.write(LEVEL_0, "Namespace:\t%s\n", job.metadata().namespace());
        w.write(LEVEL_0, "Selector:\t%s\n", spec.selector() == null ? "" : Fmt.selectorString(spec.selector()));
        Fmt.labelsMultiline(w, "Labels", job.metadata().labels());
        Fmt.annotationsMultiline(w, "Annotations", job.metadata().annotations());
        String controlledBy = Fmt.controller(job);
        if (controlledBy != null) {
            w.write(LEVEL_0, "Controlled By:\t%s\n", controlledBy);
        }
        if (spec.parallelism() != null) {
            w.write(LEVEL_0, "Parallelism:\t%d\n", spec.parallelism());
        }
        if (spec.completions() != null) {
            w.write(LEVEL_0, "Completions:\t%d\n", spec.completions());
        } else {
            w.write(LEVEL_0, "Completions:\t<unset>\n");
        }
        if (spec.completionMode() != null) {
            w.write(LEVEL_0, "Completion Mode:\t%s\n", spec.completionMode());
        }
        if (spec.suspend() != null) {
            w.write(LEVEL_0, "Suspend:\t%s\n", spec.suspend());
        }
        if (spec.backoffLimit() != null) {
            w.write(LEVEL_0, "Backoff Limit:\t%d\n", spec.backoffLimit());
        }
        if (spec.ttlSecondsAfterFinished() != null) {
            w.write(LEVEL_0, "TTL Seconds After Finished:\t%d\n", spec.ttlSecondsAfterFinished());
        }
        if (status.startTime() != null) {
            w.write(LEVEL_0, "Start Time:\t%s\n", Fmt.time(status.startTime()));
        }
        if (status.completionTime() != null) {
            w.write(LEVEL_0, "Completed At:\t%s\n", Fmt.time(status.completionTime()));
        }
        if (status.startTime() != null && status.completionTime() != null) {
            w.write(LEVEL_0, "Duration:\t%s\n",
                    HumanDuration.human(Duration.between(status.startTime(), status.completionTime())));
        }
        if (spec.activeDeadlineSeconds() != null) {
            w.write(LEVEL_0, "Active Deadline Seconds:\t%ds\n", spec.activeDeadlineSeconds());
        }
        if (status.ready() == null) {
            w.write(LEVEL_0, "Pods Statuses:\t%d Active / %d Succeeded / %d Failed\n", Fmt.num(status.active()),
                    Fmt.num(status.succeeded()), Fmt.num(status.failed()));
        } else {
            w.write(LEVEL_0, "Pods Statuses:\t%d Active (%d Ready) / %d Succeeded / %d Failed\n",
                    Fmt.num(status.active()), status.ready(), Fmt.num(status.succeeded()), Fmt.num(status.failed()));
        }
        if ("Indexed".equals(spec.completionMode())) {
            w.write(LEVEL_0, "Completed Indexes:\t%s\n", capIndexes(status.completedIndexes(), 50));
        }
        PodDescriber.podTemplate(spec.template(), w);
        Fmt.events(w, events, now);
        return w.text();
    }

    private static String capIndexes(String indexes, int softLimit) {
        if (indexes == null || indexes.isEmpty()) {
            return "<none>";
        }
        int ix = softLimit;
        while (ix < indexes.length() && indexes.charAt(ix) != ',') {
            ix++;
        }
        return ix >= indexes.length() ? indexes : indexes.substring(0, ix + 1) + "...";
    }

    static String cronJob(CronJob cj, List<Event> events, Instant now) {
        PrefixWriter w = new PrefixWriter();
        var spec = cj.spec();
        w.write(LEVEL_0, "Name:\t%s\n", cj.metadata().name());
        w.write(LEVEL_0, "Namespace:\t%s\n", cj.metadata().namespace());
        Fmt.labelsMultiline(w, "Labels", cj.metadata().labels());
        Fmt.annotationsMultiline(w, "Annotations", cj.metadata().annotations());
        w.write(LEVEL_0, "Schedule:\t%s\n", Fmt.nz(spec.schedule()));
        w.write(LEVEL_0, "Concurrency Policy:\t%s\n", Fmt.nz(spec.concurrencyPolicy()));
        w.write(LEVEL_0, "Suspend:\t%s\n", Fmt.boolPtr(spec.suspend()));
        w.write(LEVEL_0, "Successful Job History Limit:\t%s\n",
                spec.successfulJobsHistoryLimit() == null ? "<unset>" : spec.successfulJobsHistoryLimit());
        w.write(LEVEL_0, "Failed Job History Limit:\t%s\n",
                spec.failedJobsHistoryLimit() == null ? "<unset>" : spec.failedJobsHistoryLimit());
        w.write(LEVEL_0, "Starting Deadline Seconds:\t%s\n",
                spec.startingDeadlineSeconds() == null ? "<unset>" : spec.startingDeadlineSeconds() + "s");
        JobSpec js = spec.jobTemplate().spec();
        if (js == null) {
            js = new JobSpec(null, null, null, null, null, null, null, null, null, null, null, null, null, null, null, null);
        }
        w.write(LEVEL_0, "Selector:\t%s\n", js.selector() == null ? "<unset>" : Fmt.selectorString(js.selector()));
        w.write(LEVEL_0, "Parallelism:\t%s\n", js.parallelism() == null ? "<unset>" : js.parallelism());
        w.write(LEVEL_0, "Completions:\t%s\n", js.completions() == null ? "<unset>" : js.completions());
        if (js.activeDeadlineSeconds() != null) {
            w.write(LEVEL_0, "Active Deadline Seconds:\t%ds\n", js.activeDeadlineSeconds());
        }
        PodDescriber.podTemplate(js.template(), w);
        var status = cj.status();
        if (status != null && status.lastScheduleTime() != null) {
            w.write(LEVEL_0, "Last Schedule Time:\t%s\n", Fmt.time(status.lastScheduleTime()));
        } else {
            w.write(LEVEL_0, "Last Schedule Time:\t<unset>\n");
        }
        List<ObjectReference> active = status == null || status.active() == null ? List.of() : status.active();
        w.write(LEVEL_0, "%s:\t", "Active Jobs");
        if (active.isEmpty()) {
            w.writeLine("<none>");
        } else {
            for (int i = 0; i < active.size(); i++) {
                if (i != 0) {
                    w.write(LEVEL_0, ", ");
                }
                w.write(LEVEL_0, "%s", active.get(i).name());
            }
            w.writeLine("");
        }
        Fmt.events(w, events, now);
        return w.text();
    }
}
