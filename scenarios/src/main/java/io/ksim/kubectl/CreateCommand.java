package io.ksim.kubectl;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.ksim.api.meta.KubeObject;
import io.ksim.apiserver.ApiErrors;
import io.ksim.apiserver.ApiException;
import io.ksim.apiserver.ResourceType;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Parameters;

/**
 * {@code kubectl create -f FILE|DIR|-} and the generators ({@code create deployment}, {@code create service
 * clusterip}, ...). Each generator builds the object kubectl 1.32 builds, field for field: {@code -o yaml}
 * with {@code --dry-run=client} prints what kubectl prints, including Go's empty structs
 * ({@code creationTimestamp: null}, {@code resources: {}}, {@code status: {}}).
 */
@Command(name = "create",
        subcommands = {
            CreateClusterRole.class,
            CreateClusterRoleBinding.class,
            CreateConfigMap.class,
            CreateCronJob.class,
            CreateDeployment.class,
            CreateJob.class,
            CreateNamespace.class,
            CreatePodDisruptionBudget.class,
            CreatePriorityClass.class,
            CreateQuota.class,
            CreateRole.class,
            CreateRoleBinding.class,
            CreateSecret.class,
            CreateService.class,
            CreateServiceAccount.class,
        })
final class CreateCommand extends ManifestCommand {

    static final JsonNodeFactory NODES = CreateGenerator.NODES;

    @Parameters(arity = "0..*", hidden = true)
    List<String> unexpected = new ArrayList<>();

    @Mixin
    SaveConfig saveConfig = new SaveConfig();

    CreateCommand(KubectlContext ctx) {
        super(ctx);
    }

    @Override
    void checkArguments() {
        if (!unexpected.isEmpty()) {
            throw new KubectlException("error: Unexpected args: [" + String.join(" ", unexpected)
                    + "]\nSee 'kubectl create -h' for help and examples");
        }
    }

    @Override
    void write(ManifestSource doc, ResourceType<?> type, String ns) {
        ObjectNode document = saveConfig.enabled ? ApplyCommand.withLastApplied(doc.document(), ns) : doc.document();
        KubeObject obj = decode(document, "creating", doc.source());
        JsonNode result = submit(this, type, ns, obj, dryRun(), doc.source());
        printResult(type, result.path("metadata").path("name").asText(""), result, "created");
    }

    /** Creates (or, in a dry run, only checks) an object; returns what to print with {@code -o}. */
    static JsonNode submit(WriteCommand cmd, ResourceType<?> type, String ns, KubeObject obj, DryRun dry, String source) {
        if (dry == DryRun.CLIENT) {
            return tree(obj);
        }
        try {
            if (dry == DryRun.SERVER) {
                if (exists(cmd.ctx, type, ns, obj.metadata().name())) {
                    throw ApiErrors.alreadyExists(type.groupResource(), obj.metadata().name());
                }
                return tree(applyDefaults(type, obj));
            }
            return tree(create(cmd.ctx, type, ns, obj));
        } catch (ApiException e) {
            throw withSource(e, "creating", source);
        }
    }

    static boolean exists(KubectlContext ctx, ResourceType<?> type, String ns, String name) {
        if (name == null) {
            return false;
        }
        try {
            ctx.api().get(type, ns, name);
            return true;
        } catch (ApiException e) {
            if (e.code() == 404) {
                return false;
            }
            throw e;
        }
    }

    static <T extends KubeObject> T applyDefaults(ResourceType<T> type, KubeObject obj) {
        return type.applyDefaults(type.cast(obj));
    }

    static <T extends KubeObject> T create(KubectlContext ctx, ResourceType<T> type, String ns, KubeObject obj) {
        return ctx.api().create(type, ns, type.cast(obj));
    }

    /** A command that only groups generators ({@code create service}, {@code create secret}): prints its help. */
    abstract static class Group implements Callable<Integer> {
        @Parameters(arity = "0..*", hidden = true)
        List<String> unexpected = new ArrayList<>();

        final KubectlContext ctx;

        Group(KubectlContext ctx) {
            this.ctx = ctx;
        }

        /** kubectl 1.32's text for the command without a subcommand (printed to stderr, exit status 1). */
        abstract String help();

        @Override
        public Integer call() {
            if (!unexpected.isEmpty()) {
                throw new KubectlException("error: unknown command \"" + unexpected.get(0) + "\"\nSee 'kubectl create "
                        + getClass().getAnnotation(Command.class).name() + " -h' for help and examples");
            }
            ctx.err().print(help());
            return 1;
        }
    }

    static ArrayNode strings(List<String> values) {
        ArrayNode a = NODES.arrayNode();
        values.forEach(a::add);
        return a;
    }
}
