package io.ksim.kubectl;

import com.fasterxml.jackson.databind.node.ObjectNode;
import io.ksim.apiserver.ResourceType;
import io.ksim.apiserver.registry.BuiltinResources;
import picocli.CommandLine.Command;

/** {@code kubectl create namespace NAME}. */
@Command(name = "namespace", aliases = "ns")
final class CreateNamespace extends CreateGenerator {

    CreateNamespace(KubectlContext ctx) {
        super(ctx);
    }

    @Override
    ResourceType<?> type() {
        return BuiltinResources.NAMESPACES;
    }

    @Override
    ObjectNode build(String name) {
        ObjectNode o = object("v1", "Namespace", meta(name));
        o.set("spec", NODES.objectNode());
        o.set("status", NODES.objectNode());
        return o;
    }
}
