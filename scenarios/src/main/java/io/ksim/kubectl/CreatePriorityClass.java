package io.ksim.kubectl;

import com.fasterxml.jackson.databind.node.ObjectNode;
import io.ksim.apiserver.ResourceType;
import io.ksim.apiserver.registry.BuiltinResources;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

/** {@code kubectl create priorityclass NAME --value=N [--global-default] [--description=...] [--preemption-policy=...]}. */
@Command(name = "priorityclass", aliases = "pc")
final class CreatePriorityClass extends CreateGenerator {

    @Option(names = "--value")
    int value;

    @Option(names = "--description")
    String description = "";

    @Option(names = "--global-default")
    boolean globalDefault;

    @Option(names = "--preemption-policy")
    String preemptionPolicy = "PreemptLowerPriority";

    CreatePriorityClass(KubectlContext ctx) {
        super(ctx);
    }

    @Override
    ResourceType<?> type() {
        return BuiltinResources.PRIORITY_CLASSES;
    }

    @Override
    ObjectNode build(String name) {
        ObjectNode o = object("scheduling.k8s.io/v1", "PriorityClass", meta(name));
        o.put("value", value);
        if (globalDefault) {
            o.put("globalDefault", true);
        }
        if (!description.isEmpty()) {
            o.put("description", description);
        }
        o.put("preemptionPolicy", preemptionPolicy);
        return o;
    }
}
