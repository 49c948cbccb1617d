package io.ksim.apiserver.registry;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import io.ksim.api.batch.Batch;
import io.ksim.api.batch.Job;
import io.ksim.api.meta.KubeObject;
import io.ksim.apiserver.ApiException;
import io.ksim.apiserver.ApiServer;
import io.ksim.kernel.Kernel;
import io.ksim.store.MvccStore;
import java.util.Map;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * Job and CronJob validation through the API server: upstream's ValidateJob, ValidateJobUpdate and
 * ValidateCronJobCreate (pkg/apis/batch/validation/validation.go, v1.32; rows after validation_test.go's
 * TestValidateJob and TestValidateCronJobSpec), with the job strategy's generated selector
 * (pkg/registry/batch/job/strategy.go).
 */
class JobValidationTest {

    private final Kernel kernel = Kernel.builder().seed(7).build();
    private final ApiServer api = KubeApiServer.start(kernel, MvccStore.builder(kernel).build());

    private KubeObject create(String yaml) {
        return api.createObject("default", api.scheme().decodeAll(yaml).get(0));
    }

    private static String job(String spec) {
        return "apiVersion: batch/v1\nkind: Job\nmetadata: {name: pi}\nspec:\n" + spec.indent(2);
    }

    private static final String POD = """
            template:
              spec:
                restartPolicy: Never
                containers: [{name: pi, image: perl}]
            """;

    static Stream<Arguments> invalidJobs() {
        return Stream.of(
                Arguments.of("negative parallelism", "parallelism: -1\n" + POD,
                        "spec.parallelism: Invalid value: -1: must be greater than or equal to 0"),
                Arguments.of("negative completions", "completions: -2\n" + POD,
                        "spec.completions: Invalid value: -2: must be greater than or equal to 0"),
                Arguments.of("negative backoffLimit", "backoffLimit: -1\n" + POD,
                        "spec.backoffLimit: Invalid value: -1: must be greater than or equal to 0"),
                Arguments.of("negative activeDeadlineSeconds", "activeDeadlineSeconds: -5\n" + POD,
                        "spec.activeDeadlineSeconds: Invalid value: -5: must be greater than or equal to 0"),
                Arguments.of("negative ttlSecondsAfterFinished", "ttlSecondsAfterFinished: -1\n" + POD,
                        "spec.ttlSecondsAfterFinished: Invalid value: -1: must be greater than or equal to 0"),
                Arguments.of("completionMode unsupported", "completionMode: Ordered\n" + POD,
                        "spec.completionMode: Unsupported value: \"Ordered\": supported values: \"NonIndexed\", \"Indexed\""),
                Arguments.of("Indexed without completions", "completionMode: Indexed\nparallelism: 2\n" + POD,
                        "spec.completions: Required value: when completion mode is Indexed"),
                Arguments.of("restartPolicy left to its Always default", """
                        template:
                          spec:
                            containers: [{name: pi, image: perl}]
                        """, "spec.template.spec.restartPolicy: Required value: valid values: \"OnFailure\", \"Never\""),
                Arguments.of("template invalid as a pod spec", """
                        template:
                          spec:
                            restartPolicy: OnFailure
                            containers: [{name: pi}]
                        """, "spec.template.spec.containers[0].image: Required value"),
                Arguments.of("manual selector missing", "manualSelector: true\n" + POD,
                        "[spec.selector: Required value, spec.template.metadata.labels: Invalid value: "
                                + "map[string]string(nil): `selector` does not match template `labels`]"),
                Arguments.of("manual selector not matching the template", """
                        manualSelector: true
                        selector: {matchLabels: {app: pi}}
                        template:
                          metadata: {labels: {app: e}}
                          spec:
                            restartPolicy: Never
                            containers: [{name: pi, image: perl}]
                        """, "spec.template.metadata.labels: Invalid value: map[string]string{\"app\":\"e\"}: "
                                + "`selector` does not match template `labels`"));
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("invalidJobs")
    void rejectsWithUpstreamsText(String rule, String spec, String expected) {
        ApiException e = assertThrows(ApiException.class, () -> create(job(spec)));
        assertEquals("Job.batch \"pi\" is invalid: " + expected, e.getMessage());
    }

    @Test
    void aNewJobGetsAGeneratedSelectorOnItsUid() {
        Job job = (Job) create(job(POD));
        String uid = job.metadata().uid();
        assertEquals(Map.of(Batch.CONTROLLER_UID_LABEL, uid), job.spec().selector().matchLabels());
        assertEquals(Map.of(Batch.CONTROLLER_UID_LABEL, uid, Batch.LEGACY_CONTROLLER_UID_LABEL, uid,
                Batch.JOB_NAME_LABEL, "pi", Batch.LEGACY_JOB_NAME_LABEL, "pi"), job.spec().template().metadata().labels());
    }

    @Test
    void aSelectorThatIsNotTheGeneratedOneIsRefused() {
        ApiException e = assertThrows(ApiException.class, () -> create(job("selector: {matchLabels: {app: pi}}\n"
                + "template:\n  metadata: {labels: {app: pi}}\n  spec:\n    restartPolicy: Never\n"
                + "    containers: [{name: pi, image: perl}]\n")));
        assertEquals(true, e.getMessage().endsWith("spec.selector: Invalid value: v1.LabelSelector{MatchLabels:"
                + "map[string]string{\"app\":\"pi\", \"batch.kubernetes.io/controller-uid\":\"" + uidInMessage(e.getMessage())
                + "\"}, MatchExpressions:[]v1.LabelSelectorRequirement(nil)}: `selector` not auto-generated"), e.getMessage());
    }

    /** The generated uid, read back from the message (it is the seed's first uid). */
    private static String uidInMessage(String message) {
        int i = message.indexOf("batch.kubernetes.io/controller-uid\":\"");
        int start = i + "batch.kubernetes.io/controller-uid\":\"".length();
        return message.substring(start, message.indexOf('"', start));
    }

    @Test
    void theTemplateIsImmutable() {
        Job job = (Job) create(job(POD));
        Job changed = job.withSpec(job.spec().withTemplate(job.spec().template().withSpec(
                job.spec().template().spec().toBuilder().activeDeadlineSeconds(60L).build())));
        ApiException e = assertThrows(ApiException.class, () -> api.update(BuiltinResources.JOBS, changed));
        assertEquals("Job.batch \"pi\" is invalid: spec.template: Invalid value: core.PodTemplateSpec{...}: "
                + "field is immutable", e.getMessage());
    }

    @Test
    void completionsAreImmutableForNonIndexedJobs() {
        Job job = (Job) create(job("completions: 3\n" + POD));
        ApiException e = assertThrows(ApiException.class, () -> api.update(BuiltinResources.JOBS, withCompletions(job, 5)));
        assertEquals("Job.batch \"pi\" is invalid: spec.completions: Invalid value: 5: field is immutable", e.getMessage());
    }

    /** The Job with other completions. */
    private static Job withCompletions(Job job, int completions) {
        var s = job.spec();
        return job.withSpec(new io.ksim.api.batch.JobSpec(s.parallelism(), completions, s.activeDeadlineSeconds(),
                s.podFailurePolicy(), s.successPolicy(), s.backoffLimit(), s.backoffLimitPerIndex(),
                s.maxFailedIndexes(), s.selector(), s.manualSelector(), s.template(), s.ttlSecondsAfterFinished(),
                s.completionMode(), s.suspend(), s.podReplacementPolicy(), s.managedBy()));
    }

    private static String cronJob(String schedule, String extra) {
        return """
                apiVersion: batch/v1
                kind: CronJob
                metadata: {name: nightly}
                spec:
                  schedule: "%s"
                %s  jobTemplate:
                    spec:
                      template:
                        spec:
                          restartPolicy: OnFailure
                          containers: [{name: backup, image: busybox}]
                """.formatted(schedule, extra.indent(2));
    }

    static Stream<Arguments> invalidCronJobs() {
        return Stream.of(
                Arguments.of("schedule missing", cronJob("", ""), "spec.schedule: Required value"),
                Arguments.of("too few fields", cronJob("* * *", ""),
                        "spec.schedule: Invalid value: \"* * *\": expected exactly 5 fields, found 3: [* * *]"),
                Arguments.of("hour out of range", cronJob("0 24 * * *", ""),
                        "spec.schedule: Invalid value: \"0 24 * * *\": end of range (24) above maximum (23): 24"),
                Arguments.of("not a number", cronJob("x * * * *", ""),
                        "spec.schedule: Invalid value: \"x * * * *\": failed to parse int from x: strconv.Atoi: "
                                + "parsing \"x\": invalid syntax"),
                Arguments.of("unknown descriptor", cronJob("@fortnightly", ""),
                        "spec.schedule: Invalid value: \"@fortnightly\": unrecognized descriptor: @fortnightly"),
                Arguments.of("TZ in the schedule", cronJob("TZ=UTC 0 1 * * *", ""),
                        "spec.schedule: Invalid value: \"TZ=UTC 0 1 * * *\": cannot use TZ or CRON_TZ in schedule, "
                                + "use timeZone field instead"),
                Arguments.of("unknown time zone", cronJob("0 1 * * *", "timeZone: Mars/Olympus"),
                        "spec.timeZone: Invalid value: \"Mars/Olympus\": unknown time zone Mars/Olympus"),
                Arguments.of("concurrencyPolicy unsupported", cronJob("0 1 * * *", "concurrencyPolicy: Queue"),
                        "spec.concurrencyPolicy: Unsupported value: \"Queue\": supported values: \"Allow\", \"Forbid\", \"Replace\""),
                Arguments.of("negative startingDeadlineSeconds", cronJob("0 1 * * *", "startingDeadlineSeconds: -10"),
                        "spec.startingDeadlineSeconds: Invalid value: -10: must be greater than or equal to 0"));
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("invalidCronJobs")
    void cronJobsAreRejectedWithUpstreamsText(String rule, String yaml, String expected) {
        ApiException e = assertThrows(ApiException.class, () -> create(yaml));
        assertEquals("CronJob.batch \"nightly\" is invalid: " + expected, e.getMessage());
    }

    @Test
    void validCronJobsPass() {
        create(cronJob("*/15 9-17 * * mon-fri", "timeZone: Europe/Berlin"));
        api.delete(BuiltinResources.CRON_JOBS, "default", "nightly", io.ksim.apiserver.DeleteOptions.defaults());
        create(cronJob("@hourly", ""));
    }
}
