package io.ksim.kubectl;

import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.ksim.apiserver.ResourceType;
import io.ksim.apiserver.registry.BuiltinResources;
import java.util.ArrayList;
import java.util.List;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

/**
 * {@code kubectl create deployment NAME --image=IMAGE... [-- COMMAND...]}: one container per image, named after
 * the image's last path element without tag or digest; {@code --port} goes to the first container.
 */
@Command(name = "deployment", aliases = "deploy")
final class CreateDeployment extends CreateGenerator {

    @Option(names = "--image", required = true)
    List<String> images = new ArrayList<>();

    @Option(names = {"-r", "--replicas"})
    int replicas = 1;

    @Option(names = "--port")
    int port = -1;

    CreateDeployment(KubectlContext ctx) {
        super(ctx, true);
    }

    @Override
    ResourceType<?> type() {
        return BuiltinResources.DEPLOYMENTS;
    }

    @Override
    ObjectNode build(String name) {
        ObjectNode meta = meta(name);
        meta.set("labels", labels("app", name));
        ObjectNode o = object("apps/v1", "Deployment", meta);
        ObjectNode spec = o.putObject("spec");
        spec.put("replicas", replicas);
        spec.putObject("selector").set("matchLabels", labels("app", name));
        ObjectNode template = spec.putObject("template");
        ObjectNode tmeta = emptyTemplateMeta();
        tmeta.set("labels", labels("app", name));
        template.set("metadata", tmeta);
        ArrayNode containers = template.putObject("spec").putArray("containers");
        for (String image : images) {
            ArrayNode ports = null;
            if (port >= 0 && containers.isEmpty()) {
                ports = NODES.arrayNode();
                ports.addObject().put("containerPort", port);
            }
            containers.add(container(containerName(image), image, ports));
        }
        spec.putObject("strategy");
        o.putObject("status");
        return o;
    }

    /** {@code registry/team/my_app.v2:1.0} -> {@code my-app-v2}. */
    private static String containerName(String image) {
        String[] parts = image.split("/");
        String c = parts[parts.length - 1];
        c = c.contains(":") ? c.substring(0, c.indexOf(':')) : c;
        c = c.contains("@") ? c.substring(0, c.indexOf('@')) : c;
        return c.replace('_', '-').replace('.', '-');
    }
}
