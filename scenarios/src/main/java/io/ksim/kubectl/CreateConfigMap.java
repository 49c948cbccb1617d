package io.ksim.kubectl;

import com.fasterxml.jackson.databind.node.ObjectNode;
import io.ksim.apiserver.ResourceType;
import io.ksim.apiserver.registry.BuiltinResources;
import java.util.Map;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;

/** {@code kubectl create configmap NAME [--from-literal=K=V...] [--from-file=[K=]PATH...]}. */
@Command(name = "configmap", aliases = "cm")
final class CreateConfigMap extends CreateGenerator {

    @Mixin
    DataSources sources = new DataSources();

    CreateConfigMap(KubectlContext ctx) {
        super(ctx);
    }

    @Override
    ResourceType<?> type() {
        return BuiltinResources.CONFIG_MAPS;
    }

    @Override
    ObjectNode build(String name) {
        ObjectNode o = object("v1", "ConfigMap", meta(name));
        Map<String, String> data = sources.read(ctx, "ConfigMap", name);
        if (!data.isEmpty()) {
            ObjectNode d = o.putObject("data");
            data.forEach(d::put);
        }
        return o;
    }
}
