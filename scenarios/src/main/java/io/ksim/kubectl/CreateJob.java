package io.ksim.kubectl;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.ksim.apiserver.ResourceType;
import io.ksim.apiserver.registry.BuiltinResources;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

/**
 * {@code kubectl create job NAME --image=IMAGE [-- COMMAND...]}, or {@code --from=cronjob/NAME}: a job from the
 * cron job's template, owned by it and annotated {@code cronjob.kubernetes.io/instantiate: manual}.
 */
@Command(name = "job")
final class CreateJob extends CreateGenerator {

    @Option(names = "--image")
    String image;

    @Option(names = "--from")
    String from;

    CreateJob(KubectlContext ctx) {
        super(ctx, true);
    }

    @Override
    void validate() {
        if ((image == null) == (from == null)) {
            throw new KubectlException("error: either --image or --from must be specified");
        }
        if (from != null && !command().isEmpty()) {
            throw new KubectlException("error: cannot specify --from and command");
        }
    }

    @Override
    ResourceType<?> type() {
        return BuiltinResources.JOBS;
    }

    @Override
    ObjectNode build(String name) {
        if (from != null) {
            return fromCronJob(name);
        }
        ObjectNode o = object("batch/v1", "Job", meta(name));
        o.set("spec", jobSpec(name, image, "Never"));
        o.putObject("status");
        return o;
    }

    private ObjectNode fromCronJob(String name) {
        int slash = from.indexOf('/');
        if (slash < 0) {
            throw new KubectlException("error: from must be of the form <resource>/<name>");
        }
        ResourceType<?> t = ctx.resources().resolve(from.substring(0, slash));
        if (t != BuiltinResources.CRON_JOBS) {
            throw new KubectlException("error: from must be an existing cronjob: " + t.groupResource());
        }
        ObjectNode cj = tree(ctx.api().get(BuiltinResources.CRON_JOBS, ctx.namespace(), from.substring(slash + 1)));
        JsonNode jt = cj.path("spec").path("jobTemplate");
        ObjectNode meta = meta(name);
        if (jt.path("metadata").has("labels")) {
            meta.set("labels", jt.path("metadata").path("labels"));
        }
        ObjectNode ann = meta.putObject("annotations");
        jt.path("metadata").path("annotations").fields().forEachRemaining(e -> ann.set(e.getKey(), e.getValue()));
        ann.put("cronjob.kubernetes.io/instantiate", "manual");
        ObjectNode owner = meta.putArray("ownerReferences").addObject();
        owner.put("apiVersion", "batch/v1");
        owner.put("kind", "CronJob");
        owner.put("name", cj.path("metadata").path("name").asText());
        owner.put("uid", cj.path("metadata").path("uid").asText());
        owner.put("controller", true);
        ObjectNode o = object("batch/v1", "Job", meta);
        o.set("spec", jt.path("spec").deepCopy());
        o.putObject("status");
        return o;
    }
}
