package io.ksim.controller.job;

import io.ksim.api.batch.Job;
import io.ksim.api.batch.Job.JobCondition;
import io.ksim.api.batch.JobSpec;
import io.ksim.api.core.Container;
import io.ksim.api.core.Pod;
import io.ksim.api.core.PodPhase;
import io.ksim.api.core.PodSpec;
import io.ksim.api.core.PodTemplateSpec;
import io.ksim.api.meta.ObjectMeta;
import io.ksim.apiserver.registry.BuiltinResources;
import io.ksim.controller.ControllerUtils;
import io.ksim.controller.TestCluster;
import java.util.List;
import java.util.TreeSet;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.constraints.IntRange;

/**
 * Jobs of healthy pods, for any completions, parallelism and completion mode: never more than parallelism
 * pods active at once, and in the end exactly {@code completions} successes (one per index for an Indexed
 * Job), status.succeeded = completions and the conditions SuccessCriteriaMet then Complete.
 */
class JobProperties {

    @Property
    void jobsRunAtMostParallelismAndCompleteExactly(@ForAll @IntRange(min = 1, max = 6) int completions,
            @ForAll @IntRange(min = 1, max = 4) int parallelism, @ForAll boolean indexed) {
        TestCluster cluster = new TestCluster(13, 2);
        cluster.manager.register(JobController.NAME, JobController::new);
        cluster.manager.start(JobController.NAME);
        PodTemplateSpec t = new PodTemplateSpec(ObjectMeta.builder().build(), PodSpec.builder()
                .containers(List.of(Container.builder().name("c").image("busybox:1.36").build()))
                .restartPolicy("Never").build());
        cluster.api.create(BuiltinResources.JOBS, "default", new Job(ObjectMeta.of("default", "work"),
                new JobSpec(parallelism, completions, null, null, null, null, null, null, null, null, t, null,
                        indexed ? JobSpec.INDEXED : JobSpec.NON_INDEXED, null, null, null)));
        for (int i = 0; i < 2 * 10 * (completions + 2); i++) {
            cluster.run(0.5);
            long active = cluster.pods("default").stream().filter(ControllerUtils::isPodActive).count();
            if (active > parallelism) {
                throw new AssertionError(active + " active pods exceed parallelism " + parallelism + " at "
                        + cluster.kernel.elapsed());
            }
        }
        List<Pod> succeeded = cluster.pods("default").stream()
                .filter(p -> PodPhase.SUCCEEDED.equals(p.status().phase())).toList();
        if (succeeded.size() != completions) {
            throw new AssertionError(succeeded.size() + " pods succeeded, want " + completions);
        }
        if (indexed) {
            TreeSet<Integer> indexes = new TreeSet<>();
            succeeded.forEach(p -> indexes.add(JobPods.index(p)));
            if (indexes.size() != completions || indexes.first() != 0 || indexes.last() != completions - 1) {
                throw new AssertionError("indexes " + indexes);
            }
        }
        Job job = cluster.api.get(BuiltinResources.JOBS, "default", "work");
        List<String> types = job.status().conditions().stream().map(JobCondition::type).toList();
        if (job.status().succeeded() != completions
                || !types.equals(List.of(JobCondition.SUCCESS_CRITERIA_MET, JobCondition.COMPLETE))) {
            throw new AssertionError("status " + job.status());
        }
    }
}
