package io.ksim.apiserver.printers;

import static io.ksim.apiserver.printers.Cells.num;
import static io.ksim.apiserver.printers.Printer.age;
import static io.ksim.apiserver.printers.Printer.col;
import static io.ksim.apiserver.printers.Printer.containers;
import static io.ksim.apiserver.printers.Printer.doc;
import static io.ksim.apiserver.printers.Printer.images;
import static io.ksim.apiserver.printers.Printer.name;
import static io.ksim.apiserver.printers.Printer.wideDoc;

import io.ksim.api.batch.CronJob;
import io.ksim.api.batch.Job;
import io.ksim.api.batch.JobSpec;
import io.ksim.api.core.ConditionStatus;
import java.time.Duration;
import java.time.Instant;
import java.util.List;

/** The batch group: Jobs and CronJobs. */
final class BatchPrinters {

    private BatchPrinters() {
    }

    static void register(ServerPrinters p) {
        Printer.register(p, Job.class, List.of(name(),
                col("Status", "string", "Status of the job."),
                doc("Completions", "string", "JobStatus.succeeded"),
                col("Duration", "string", "Time required to complete the job."),
                age(), containers(), images(), wideDoc("Selector", "string", "JobSpec.selector")),
                BatchPrinters::job);
        Printer.register(p, CronJob.class, List.of(name(),
                doc("Schedule", "string", "CronJobSpec.schedule"),
                doc("Timezone", "string", "CronJobSpec.timeZone"),
                doc("Suspend", "boolean", "CronJobSpec.suspend"),
                doc("Active", "integer", "CronJobStatus.active"),
                doc("Last Schedule", "string", "CronJobStatus.lastScheduleTime"),
                age(), containers(), images(), wideDoc("Selector", "string", "JobSpec.selector")),
                BatchPrinters::cronJob);
    }

    private static List<String> job(Job job, Instant now) {
        JobSpec spec = job.spec();
        Job.JobStatus st = job.status();
        int succeeded = st == null ? 0 : num(st.succeeded());
        String completions;
        if (spec.completions() != null) {
            completions = succeeded + "/" + spec.completions();
        } else if (num(spec.parallelism()) > 1) {
            // A work-queue job: one success completes it, however many pods run in parallel.
            completions = succeeded + "/1 of " + spec.parallelism();
        } else {
            completions = succeeded + "/1";
        }
        Instant start = st == null ? null : st.startTime();
        Instant end = st == null ? null : st.completionTime();
        String duration = start == null ? "" : HumanDuration.human(Duration.between(start, end == null ? now : end));
        String status;
        if (hasCondition(st, "Complete")) {
            status = "Complete";
        } else if (hasCondition(st, "Failed")) {
            status = "Failed";
        } else if (job.metadata().deletionTimestamp() != null) {
            status = "Terminating";
        } else if (hasCondition(st, "Suspended")) {
            status = "Suspended";
        } else if (hasCondition(st, "FailureTarget")) {
            status = "FailureTarget";
        } else {
            status = "Running";
        }
        String[] ci = AppsPrinters.containersAndImages(spec.template());
        return List.of(job.metadata().name(), status, completions, duration,
                HumanDuration.since(job.metadata().creationTimestamp(), now), ci[0], ci[1],
                Cells.labelSelector(spec.selector()));
    }

    /** Whether the first condition of {@code type} is True (later ones of the same type are not looked at). */
    private static boolean hasCondition(Job.JobStatus st, String type) {
        if (st == null) {
            return false;
        }
        for (Job.JobCondition c : Cells.list(st.conditions())) {
            if (type.equals(c.type())) {
                return ConditionStatus.TRUE.equals(c.status());
            }
        }
        return false;
    }

    private static List<String> cronJob(CronJob cj, Instant now) {
        CronJob.CronJobSpec spec = cj.spec();
        CronJob.CronJobStatus st = cj.status();
        Instant last = st == null ? null : st.lastScheduleTime();
        JobSpec jobSpec = spec.jobTemplate() == null ? null : spec.jobTemplate().spec();
        String[] ci = AppsPrinters.containersAndImages(jobSpec == null ? null : jobSpec.template());
        return List.of(cj.metadata().name(), Cells.str(spec.schedule()),
                spec.timeZone() == null ? Cells.NONE : spec.timeZone(), Cells.boolPtr(spec.suspend()),
                Integer.toString(st == null ? 0 : Cells.list(st.active()).size()),
                last == null ? Cells.NONE : HumanDuration.since(last, now),
                HumanDuration.since(cj.metadata().creationTimestamp(), now), ci[0], ci[1],
                Cells.labelSelector(jobSpec == null ? null : jobSpec.selector()));
    }
}
