package io.ksim.kubectl;

import io.ksim.kubectl.printers.GoJson;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.ksim.api.meta.KubeObject;
import io.ksim.apiserver.ResourceType;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Base64;
import java.util.List;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Parameters;

/**
 * What every {@code kubectl create TYPE NAME} generator shares: the NAME argument, the flags of
 * {@link WriteCommand} and {@code --save-config}, and the way the built tree is created (or only printed for a
 * client dry run). A generator supplies its resource type and the tree, in the field order Go encodes it.
 */
abstract class CreateGenerator extends WriteCommand implements Callable<Integer> {

    static final JsonNodeFactory NODES = JsonNodeFactory.instance;

    @Parameters(arity = "0..*", paramLabel = "NAME")
    List<String> names = new ArrayList<>();

    @Mixin
    SaveConfig saveConfig = new SaveConfig();

    /** Whether words after NAME are the container's command ({@code create deployment|job|cronjob}). */
    private final boolean takesCommand;

    CreateGenerator(KubectlContext ctx) {
        this(ctx, false);
    }

    CreateGenerator(KubectlContext ctx, boolean takesCommand) {
        super(ctx);
        this.takesCommand = takesCommand;
    }

    /** The words after {@code create}: {@code deployment}, {@code secret generic}, ... */
    String commandName() {
        return getClass().getAnnotation(Command.class).name();
    }

    String name() {
        if (takesCommand ? names.isEmpty() : names.size() != 1) {
            throw new KubectlException("error: exactly one NAME is required, got " + names.size()
                    + "\nSee 'kubectl create " + commandName() + " -h' for help and examples");
        }
        return names.get(0);
    }

    /** The words after NAME: the container's command. */
    List<String> command() {
        return names.subList(1, names.size());
    }

    abstract ResourceType<?> type();

    abstract ObjectNode build(String name);

    void validate() {
    }

    @Override
    public Integer call() {
        String name = name();
        validate();
        checkOutput();
        DryRun dry = dryRun();
        ObjectNode tree = build(name);
        if (saveConfig.enabled) {
            // The typed object as Go encodes it (empty annotations omitted), then the annotation added.
            String config = GoJson.compactInOrder(tree) + "\n";
            ObjectNode meta = (ObjectNode) tree.get("metadata");
            ObjectNode annotations = meta.get("annotations") instanceof ObjectNode a ? a : meta.putObject("annotations");
            annotations.put(ApplyCommand.LAST_APPLIED, config);
        }
        ResourceType<?> type = type();
        String ns = type.namespaced() ? ctx.namespace() : null;
        JsonNode result;
        if (dry == DryRun.CLIENT) {
            result = tree;
        } else {
            KubeObject obj = decode(tree, "creating", null);
            result = CreateCommand.submit(this, type, ns, obj, dry, null);
        }
        printResult(type, name, result, "created");
        return 0;
    }

    /** {@code name}, {@code namespace} (when -n was given), {@code creationTimestamp: null}, in Go's order. */
    ObjectNode meta(String name) {
        return meta(name, type().namespaced());
    }

    /** The same for an object of a namespaced kind nested in another (a cron job's job template). */
    ObjectNode meta(String name, boolean namespaced) {
        ObjectNode m = NODES.objectNode();
        m.put("name", name);
        if (ctx.namespaceGiven() && namespaced) {
            m.put("namespace", ctx.namespace());
        }
        m.putNull("creationTimestamp");
        return m;
    }

    static ObjectNode object(String apiVersion, String kind, ObjectNode meta) {
        ObjectNode o = NODES.objectNode();
        o.put("kind", kind);
        o.put("apiVersion", apiVersion);
        o.set("metadata", meta);
        return o;
    }

    static ObjectNode labels(String key, String value) {
        ObjectNode l = NODES.objectNode();
        l.put(key, value);
        return l;
    }

    static ObjectNode emptyTemplateMeta() {
        ObjectNode m = NODES.objectNode();
        m.putNull("creationTimestamp");
        return m;
    }

    /** A container with its name and image, the command if one was given, and {@code resources: {}} last. */
    ObjectNode container(String name, String image, ArrayNode ports) {
        ObjectNode c = NODES.objectNode();
        c.put("name", name);
        c.put("image", image);
        if (!command().isEmpty()) {
            c.set("command", CreateCommand.strings(command()));
        }
        if (ports != null) {
            c.set("ports", ports);
        }
        c.putObject("resources");
        return c;
    }

    /** A job's spec: a pod template of one container named after the job. */
    ObjectNode jobSpec(String name, String image, String restartPolicy) {
        ObjectNode spec = NODES.objectNode();
        ObjectNode template = spec.putObject("template");
        template.set("metadata", emptyTemplateMeta());
        ObjectNode podSpec = template.putObject("spec");
        podSpec.putArray("containers").add(container(name, image, null));
        podSpec.put("restartPolicy", restartPolicy);
        return spec;
    }

    static String base64(String s) {
        return Base64.getEncoder().encodeToString(s.getBytes(StandardCharsets.UTF_8));
    }
}
