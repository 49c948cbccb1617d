package io.ksim.controller.job;

import io.ksim.api.batch.Batch;
import io.ksim.api.batch.Job;
import io.ksim.api.batch.JobSpec;
import io.ksim.api.core.Container;
import io.ksim.api.core.ContainerStatus;
import io.ksim.api.core.EnvVar;
import io.ksim.api.core.Pod;
import io.ksim.api.core.PodSpec;
import io.ksim.api.meta.ObjectMeta;
import io.ksim.controller.ControllerUtils;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.TreeSet;

/**
 * A Job's pods (upstream pkg/controller/job/job_controller.go and indexed_job_utils.go): labelled with the
 * Job's name and uid ({@code batch.kubernetes.io/job-name}, {@code batch.kubernetes.io/controller-uid} and the
 * unprefixed legacy pair); an Indexed Job's pod also carries its completion index as annotation and label,
 * in {@code JOB_COMPLETION_INDEX}, in its hostname {@code <job>-<index>} and in its name prefix
 * {@code <job>-<index>-}.
 */
final class JobPods {

    /** The environment variable an Indexed Job's containers get with their index. */
    static final String COMPLETION_INDEX_ENV = "JOB_COMPLETION_INDEX";

    private JobPods() {
    }

    static boolean isIndexed(Job job) {
        return JobSpec.INDEXED.equals(job.spec().completionMode());
    }

    /** A pod of {@code job}; {@code index} is the completion index of an Indexed Job, else -1. */
    static Pod newPod(Job job, int index) {
        Pod fromTemplate = ControllerUtils.podFromTemplate(job.spec().template(), job);
        String name = job.metadata().name();
        String uid = job.metadata().uid();
        Map<String, String> labels = new TreeMap<>(fromTemplate.metadata().labels());
        labels.put(Batch.JOB_NAME_LABEL, name);
        labels.put(Batch.CONTROLLER_UID_LABEL, uid);
        labels.put(Batch.LEGACY_JOB_NAME_LABEL, name);
        labels.put(Batch.LEGACY_CONTROLLER_UID_LABEL, uid);
        ObjectMeta.Builder meta = fromTemplate.metadata().toBuilder().labels(labels);
        PodSpec spec = fromTemplate.spec();
        if (index >= 0) {
            String i = Integer.toString(index);
            labels.put(Batch.JOB_COMPLETION_INDEX_ANNOTATION, i);
            Map<String, String> annotations = new TreeMap<>(fromTemplate.metadata().annotations());
            annotations.put(Batch.JOB_COMPLETION_INDEX_ANNOTATION, i);
            meta.labels(labels).annotations(annotations).generateName(name + "-" + i + "-");
            List<Container> containers = new ArrayList<>();
            for (Container c : spec.containers()) {
                List<EnvVar> env = new ArrayList<>(c.env());
                env.add(EnvVar.of(COMPLETION_INDEX_ENV, i));
                containers.add(c.toBuilder().env(env).build());
            }
            spec = spec.toBuilder().containers(containers).hostname(name + "-" + i).build();
        }
        return Pod.of(meta.build(), spec);
    }

    /** The completion index of a pod, or -1. */
    static int index(Pod pod) {
        String v = pod.metadata().annotations().get(Batch.JOB_COMPLETION_INDEX_ANNOTATION);
        if (v == null) {
            return -1;
        }
        try {
            return Integer.parseInt(v);
        } catch (NumberFormatException e) {
            return -1;
        }
    }

    /** When the pod's last container finished, or its creation time. */
    static Instant finishTime(Pod pod) {
        Instant t = null;
        for (ContainerStatus s : pod.status().containerStatuses()) {
            if (s.state() != null && s.state().terminated() != null && s.state().terminated().finishedAt() != null) {
                Instant f = s.state().terminated().finishedAt();
                t = t == null || f.isAfter(t) ? f : t;
            }
        }
        return t != null ? t : pod.metadata().creationTimestamp();
    }

    /** Upstream's interval list of indexes, e.g. {1, 3, 4, 5} -> "1,3-5" and {0, 1} -> "0,1". */
    static String intervals(TreeSet<Integer> indexes) {
        StringBuilder out = new StringBuilder();
        Integer start = null;
        Integer prev = null;
        for (int i : indexes) {
            if (prev != null && i == prev + 1) {
                prev = i;
                continue;
            }
            append(out, start, prev);
            start = i;
            prev = i;
        }
        append(out, start, prev);
        return out.toString();
    }

    private static void append(StringBuilder out, Integer start, Integer end) {
        if (start == null) {
            return;
        }
        if (out.length() > 0) {
            out.append(',');
        }
        out.append(start);
        if (end > start) {
            // Two neighbours print as a pair, longer runs as a range.
            out.append(end == start + 1 ? ',' : '-').append(end);
        }
    }
}
