package io.ksim.api.validation;

import io.ksim.api.batch.Batch;
import io.ksim.api.batch.CronJob;
import io.ksim.api.batch.CronJob.CronJobSpec;
import io.ksim.api.batch.JobSpec;
import io.ksim.api.batch.JobTemplateSpec;
import io.ksim.api.core.PodTemplateSpec;
import io.ksim.api.core.RestartPolicy;
import io.ksim.api.meta.LabelSelector;
import io.ksim.api.meta.ObjectMeta;
import io.ksim.api.selector.LabelSelectorValidation;
import io.ksim.api.selector.SelectorException;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.regex.Pattern;

/**
 * Jobs and CronJobs as upstream's batch validation checks them (pkg/apis/batch/validation/validation.go, v1.32):
 * counts not negative, completion mode NonIndexed or Indexed (Indexed needs completions), a pod template that
 * restarts OnFailure or Never
 * ({@code spec.template.spec.restartPolicy: Required value: valid values: "OnFailure", "Never"} when it is Always),
 * a selector matching the template (generated, unless manualSelector), and on update an immutable selector,
 * template and completion mode; for CronJobs a schedule that parses
 * ({@code spec.schedule: Invalid value: "* * *": expected exactly 5 fields, found 3: [* * *]}), a known time zone,
 * a concurrency policy of Allow, Forbid or Replace.
 *
 * <p>Not checked: pod failure and success policies, backoffLimitPerIndex rules, managedBy.
 */
public final class JobValidation {

    private JobValidation() {
    }

    private static final FieldPath SPEC = FieldPath.of("spec");
    static final int MAX_PARALLELISM_FOR_INDEXED_JOB = 100_000;
    static final List<String> COMPLETION_MODES = List.of(JobSpec.NON_INDEXED, JobSpec.INDEXED);
    static final List<String> CONCURRENCY_POLICIES = List.of(CronJob.ALLOW, CronJob.FORBID, CronJob.REPLACE);
    private static final Pattern TIME_ZONE_PART = Pattern.compile("[A-Za-z\\.\\-_0-9+]{1,14}");

    /** A Job on create: the generated selector's labels (unless manual), then the spec. */
    public static List<FieldError> validateJob(ObjectMeta meta, JobSpec spec) {
        List<FieldError> errs = new ArrayList<>(generatedSelector(meta, spec));
        errs.addAll(validateJobSpec(spec, SPEC));
        return errs;
    }

    /** Upstream ValidateJobSpec: the spec, a non-empty valid selector, and the template's labels matching it. */
    static List<FieldError> validateJobSpec(JobSpec spec, FieldPath fldPath) {
        List<FieldError> errs = new ArrayList<>(jobSpec(spec, fldPath));
        LabelSelector selector = spec.selector();
        if (selector == null) {
            errs.add(FieldError.required(fldPath.child("selector"), ""));
        } else {
            errs.addAll(LabelSelectorValidation.validate(selector.matchLabels(), selector.matchExpressions(),
                    LabelSelectorValidation.Options.DEFAULT, fldPath.child("selector")));
        }
        io.ksim.api.selector.LabelSelector parsed;
        try {
            parsed = selector == null ? io.ksim.api.selector.LabelSelector.nothing()
                    : io.ksim.api.selector.LabelSelector.fromLabelSelector(selector.matchLabels(), selector.matchExpressions());
        } catch (SelectorException e) {
            return errs;
        }
        if (parsed.isEmpty()) {
            errs.add(FieldError.required(fldPath.child("selector"), ""));
        }
        Map<String, String> labels = templateLabels(spec.template());
        if (!parsed.matches(labels)) {
            errs.add(FieldError.invalid(fldPath.child("template", "metadata", "labels"), GoValues.stringMap(labels),
                    "`selector` does not match template `labels`"));
        }
        return errs;
    }

    /** Upstream's inner validateJobSpec, shared with CronJob job templates. */
    private static List<FieldError> jobSpec(JobSpec spec, FieldPath fldPath) {
        List<FieldError> errs = new ArrayList<>();
        nonNegative(spec.parallelism(), fldPath.child("parallelism"), errs);
        nonNegative(spec.completions(), fldPath.child("completions"), errs);
        nonNegative(spec.activeDeadlineSeconds(), fldPath.child("activeDeadlineSeconds"), errs);
        nonNegative(spec.backoffLimit(), fldPath.child("backoffLimit"), errs);
        nonNegative(spec.ttlSecondsAfterFinished(), fldPath.child("ttlSecondsAfterFinished"), errs);
        nonNegative(spec.backoffLimitPerIndex(), fldPath.child("backoffLimitPerIndex"), errs);
        IndexedJobValidation.maxFailedIndexes(spec, fldPath, errs);
        String mode = spec.completionMode();
        if (mode != null) {
            if (!COMPLETION_MODES.contains(mode)) {
                errs.add(FieldError.notSupported(fldPath.child("completionMode"), mode, COMPLETION_MODES));
            }
            if (mode.equals(JobSpec.INDEXED)) {
                if (spec.completions() == null) {
                    errs.add(FieldError.required(fldPath.child("completions"), "when completion mode is Indexed"));
                }
                if (spec.parallelism() != null && spec.parallelism() > MAX_PARALLELISM_FOR_INDEXED_JOB) {
                    errs.add(FieldError.invalid(fldPath.child("parallelism"), spec.parallelism(),
                            "must be less than or equal to " + MAX_PARALLELISM_FOR_INDEXED_JOB
                                    + " when completion mode is Indexed"));
                }
                IndexedJobValidation.indexed(spec, fldPath, errs);
            }
        }
        if (mode == null || mode.equals(JobSpec.NON_INDEXED)) {
            IndexedJobValidation.nonIndexed(spec, fldPath, errs);
        }
        if (spec.podFailurePolicy() != null) {
            errs.addAll(PodFailurePolicyValidation.validate(spec, fldPath.child("podFailurePolicy")));
        }
        IndexedJobValidation.successPolicy(spec, fldPath, errs);
        PodTemplateSpec template = spec.template();
        errs.addAll(PodSpecValidation.validatePodTemplateSpec(template, fldPath.child("template")));
        String restart = template.spec() == null ? "" : nz(template.spec().restartPolicy());
        FieldPath restartPath = fldPath.child("template", "spec", "restartPolicy");
        // Pod defaulting turns an unset restartPolicy into Always, so both mean "not chosen".
        if (restart.equals(RestartPolicy.ALWAYS) || restart.isEmpty()) {
            errs.add(FieldError.required(restartPath, "valid values: \"OnFailure\", \"Never\""));
        } else if (!restart.equals(RestartPolicy.ON_FAILURE) && !restart.equals(RestartPolicy.NEVER)) {
            errs.add(FieldError.notSupported(restartPath, restart, List.of(RestartPolicy.ON_FAILURE, RestartPolicy.NEVER)));
        } else if (spec.podFailurePolicy() != null && !restart.equals(RestartPolicy.NEVER)) {
            errs.add(FieldError.invalid(restartPath, restart, "only \"Never\" is supported when podFailurePolicy is specified"));
        }
        return errs;
    }

    /**
     * With a generated selector the template must carry the job's uid and name labels and the selector must
     * select them (upstream ValidateGeneratedSelector, prefixed labels required).
     */
    private static List<FieldError> generatedSelector(ObjectMeta meta, JobSpec spec) {
        List<FieldError> errs = new ArrayList<>();
        if (Boolean.TRUE.equals(spec.manualSelector()) || spec.selector() == null) {
            return errs;
        }
        String uid = nz(meta.uid());
        if (uid.isEmpty()) {
            errs.add(FieldError.required(FieldPath.of("metadata", "uid"), ""));
        }
        FieldPath templateMeta = SPEC.child("template", "metadata");
        Map<String, String> labels = templateLabels(spec.template());
        hasLabel(labels, templateMeta, Batch.LEGACY_CONTROLLER_UID_LABEL, uid, errs);
        hasLabel(labels, templateMeta, Batch.LEGACY_JOB_NAME_LABEL, nz(meta.name()), errs);
        hasLabel(labels, templateMeta, Batch.CONTROLLER_UID_LABEL, uid, errs);
        hasLabel(labels, templateMeta, Batch.JOB_NAME_LABEL, nz(meta.name()), errs);
        try {
            io.ksim.api.selector.LabelSelector parsed = io.ksim.api.selector.LabelSelector
                    .fromLabelSelector(spec.selector().matchLabels(), spec.selector().matchExpressions());
            if (!parsed.matches(Map.of(Batch.CONTROLLER_UID_LABEL, uid, Batch.JOB_NAME_LABEL, nz(meta.name())))) {
                errs.add(FieldError.invalid(SPEC.child("selector"), GoValues.labelSelector(spec.selector()),
                        "`selector` not auto-generated"));
            }
        } catch (SelectorException e) {
            // Reported by the selector's own validation.
        }
        return errs;
    }

    /** Upstream ValidateHasLabel: {@code Required value: must be 'x'} when missing, Invalid when different. */
    private static void hasLabel(Map<String, String> labels, FieldPath fldPath, String key, String expected,
            List<FieldError> errs) {
        String actual = labels.get(key);
        if (actual == null) {
            errs.add(FieldError.required(fldPath.child("labels").key(key), "must be '" + expected + "'"));
        } else if (!actual.equals(expected)) {
            errs.add(FieldError.invalid(fldPath.child("labels").key(key), labels, "must be '" + expected + "'"));
        }
    }

    /**
     * A Job update: the new spec's checks, then completions (changeable only for Indexed Jobs, with
     * parallelism), selector, template (its scheduling directives may change while the Job is suspended and
     * never started) and completion mode immutable.
     */
    public static List<FieldError> validateJobUpdate(JobSpec spec, JobSpec old, boolean mutableSchedulingDirectives) {
        List<FieldError> errs = new ArrayList<>(validateJobSpec(spec, SPEC));
        if (!JobSpec.INDEXED.equals(spec.completionMode())) {
            immutable(spec.completions(), old.completions(), spec.completions(), SPEC.child("completions"), errs);
        } else if (!Objects.equals(spec.completions(), old.completions()) && spec.completions() != null
                && !spec.completions().equals(spec.parallelism())) {
            errs.add(FieldError.invalid(SPEC.child("completions"), spec.completions(),
                    "can only be modified in tandem with spec.parallelism"));
        }
        immutable(spec.selector(), old.selector(), GoValues.labelSelector(spec.selector()), SPEC.child("selector"), errs);
        PodTemplateSpec oldTemplate = old.template();
        if (mutableSchedulingDirectives) {
            oldTemplate = withSchedulingDirectivesOf(oldTemplate, spec.template());
        }
        immutable(spec.template(), oldTemplate, new FieldError.Rendered("core.PodTemplateSpec{...}"),
                SPEC.child("template"), errs);
        immutable(spec.completionMode(), old.completionMode(), spec.completionMode(), SPEC.child("completionMode"), errs);
        immutable(spec.backoffLimitPerIndex(), old.backoffLimitPerIndex(), spec.backoffLimitPerIndex(),
                SPEC.child("backoffLimitPerIndex"), errs);
        return errs;
    }

    /** The old template with the new one's node affinity, node selector, tolerations, labels, annotations and gates. */
    private static PodTemplateSpec withSchedulingDirectivesOf(PodTemplateSpec old, PodTemplateSpec now) {
        var spec = old.spec().toBuilder().nodeSelector(now.spec().nodeSelector()).tolerations(now.spec().tolerations())
                .schedulingGates(now.spec().schedulingGates()).affinity(now.spec().affinity()).build();
        ObjectMeta meta = old.metadata() == null ? now.metadata() : old.metadata().toBuilder()
                .labels(now.metadata() == null ? null : now.metadata().labels())
                .annotations(now.metadata() == null ? null : now.metadata().annotations()).build();
        return new PodTemplateSpec(meta, spec);
    }

    /** A CronJob's spec; {@code old} is null on create. */
    public static List<FieldError> validateCronJobSpec(CronJobSpec spec, CronJobSpec old) {
        List<FieldError> errs = new ArrayList<>();
        String schedule = nz(spec.schedule());
        FieldPath schedulePath = SPEC.child("schedule");
        if (schedule.isEmpty()) {
            errs.add(FieldError.required(schedulePath, ""));
        } else {
            CronScheduleFormat.parseError(schedule).ifPresent(e -> errs.add(FieldError.invalid(schedulePath, schedule, e)));
            boolean allowTzInSchedule = old != null && nz(old.schedule()).contains("TZ");
            if (allowTzInSchedule && schedule.contains("TZ") && spec.timeZone() != null) {
                errs.add(FieldError.invalid(schedulePath, schedule, "cannot use both timeZone field and TZ or CRON_TZ in schedule"));
            } else if (!allowTzInSchedule && schedule.contains("TZ")) {
                errs.add(FieldError.invalid(schedulePath, schedule, "cannot use TZ or CRON_TZ in schedule, use timeZone field instead"));
            }
        }
        nonNegative(spec.startingDeadlineSeconds(), SPEC.child("startingDeadlineSeconds"), errs);
        if (old == null || !Objects.equals(old.timeZone(), spec.timeZone())) {
            errs.addAll(timeZone(spec.timeZone(), SPEC.child("timeZone")));
        }
        String policy = nz(spec.concurrencyPolicy());
        if (policy.isEmpty()) {
            errs.add(FieldError.required(SPEC.child("concurrencyPolicy"), ""));
        } else if (!CONCURRENCY_POLICIES.contains(policy)) {
            errs.add(FieldError.notSupported(SPEC.child("concurrencyPolicy"), policy, CONCURRENCY_POLICIES));
        }
        errs.addAll(jobTemplateSpec(spec.jobTemplate(), SPEC.child("jobTemplate")));
        nonNegative(spec.successfulJobsHistoryLimit(), SPEC.child("successfulJobsHistoryLimit"), errs);
        nonNegative(spec.failedJobsHistoryLimit(), SPEC.child("failedJobsHistoryLimit"), errs);
        return errs;
    }

    /** A CronJob's job template: its selector is always generated, so none may be given. */
    private static List<FieldError> jobTemplateSpec(JobTemplateSpec t, FieldPath fldPath) {
        JobSpec spec = t.spec() == null ? JobSpec.of(new PodTemplateSpec(null, null)) : t.spec();
        List<FieldError> errs = new ArrayList<>(jobSpec(spec, fldPath.child("spec")));
        if (spec.selector() != null) {
            errs.add(FieldError.invalid(fldPath.child("spec", "selector"), GoValues.labelSelector(spec.selector()),
                    "`selector` will be auto-generated"));
        }
        if (Boolean.TRUE.equals(spec.manualSelector())) {
            errs.add(FieldError.notSupported(fldPath.child("spec", "manualSelector"), true, List.of("nil", "false")));
        }
        return errs;
    }

    private static List<FieldError> timeZone(String tz, FieldPath fldPath) {
        if (tz == null) {
            return List.of();
        }
        if (tz.isEmpty()) {
            return List.of(FieldError.invalid(fldPath, tz, "timeZone must be nil or non-empty string"));
        }
        for (String part : tz.split("/", -1)) {
            if (part.equals(".") || part.equals("..") || part.startsWith("-") || !TIME_ZONE_PART.matcher(part).matches()) {
                return List.of(FieldError.invalid(fldPath, tz, "unknown time zone " + tz));
            }
        }
        List<FieldError> errs = new ArrayList<>();
        if (tz.equalsIgnoreCase("Local")) {
            errs.add(FieldError.invalid(fldPath, tz,
                    "timeZone must be an explicit time zone as defined in https://www.iana.org/time-zones"));
        }
        CronScheduleFormat.loadLocation(tz).ifPresent(e -> errs.add(FieldError.invalid(fldPath, tz, e)));
        return errs;
    }

    private static void immutable(Object now, Object was, Object shown, FieldPath path, List<FieldError> errs) {
        if (!Objects.equals(now, was)) {
            errs.add(FieldError.invalid(path, shown, ObjectMetaValidation.FIELD_IMMUTABLE));
        }
    }

    private static void nonNegative(Number v, FieldPath path, List<FieldError> errs) {
        if (v != null) {
            errs.addAll(ObjectMetaValidation.validateNonnegativeField(v.longValue(), path));
        }
    }

    private static Map<String, String> templateLabels(PodTemplateSpec t) {
        return t == null || t.metadata() == null ? Map.of() : t.metadata().labels();
    }

    private static String nz(String s) {
        return s == null ? "" : s;
    }
}
