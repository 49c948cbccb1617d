package io.ksim.kubectl;

import com.fasterxml.jackson.databind.node.ObjectNode;
import io.ksim.apiserver.ResourceType;
import io.ksim.apiserver.registry.BuiltinResources;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

/** {@code kubectl create cronjob NAME --image=IMAGE --schedule=CRON [--restart=POLICY] [-- COMMAND...]}. */
@Command(name = "cronjob", aliases = "cj")
final class CreateCronJob extends CreateGenerator {

    @Option(names = "--image", required = true)
    String image;

    @Option(names = "--schedule", required = true)
    String schedule;

    @Option(names = "--restart")
    String restart;

    CreateCronJob(KubectlContext ctx) {
        super(ctx, true);
    }

    @Override
    ResourceType<?> type() {
        return BuiltinResources.CRON_JOBS;
    }

    @Override
    ObjectNode build(String name) {
        ObjectNode o = object("batch/v1", "CronJob", meta(name));
        ObjectNode spec = o.putObject("spec");
        spec.put("schedule", schedule);
        ObjectNode jt = spec.putObject("jobTemplate");
        jt.set("metadata", meta(name, true));
        jt.set("spec", jobSpec(name, image, restart == null ? "OnFailure" : restart));
        o.putObject("status");
        return o;
    }
}
