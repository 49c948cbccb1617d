package io.ksim.kubectl;

import io.ksim.kubectl.printers.GoJson;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.ksim.apiserver.ResourceType;
import io.ksim.apiserver.registry.BuiltinResources;
import java.io.IOException;
import java.nio.file.Files;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;

/** {@code kubectl create secret generic|docker-registry|tls NAME}: the values base64-encoded under {@code data}. */
@Command(name = "secret", subcommands = {
    CreateSecret.DockerRegistry.class, CreateSecret.Generic.class, CreateSecret.Tls.class})
final class CreateSecret extends CreateCommand.Group {

    CreateSecret(KubectlContext ctx) {
        super(ctx);
    }

    @Override
    String help() {
        return """
                Create a secret with specified type.

                 A docker-registry type secret is for accessing a container registry.

                 A generic type secret indicate an Opaque secret type.

                 A tls type secret holds TLS certificate and its associated key.

                Available Commands:
                  docker-registry   Create a secret for use with a Docker registry
                  generic           Create a secret from a local file, directory, or literal value
                  tls               Create a TLS secret

                Usage:
                  kubectl create secret (docker-registry | generic | tls) [options]

                Use "kubectl create secret <command> --help" for more information about a given command.
                Use "kubectl options" for a list of global command-line options (applies to all commands).
                """;
    }

    /** What the secret types share: the resource type, and {@code secret TYPE} in the NAME error. */
    abstract static class Generator extends CreateGenerator {
        Generator(KubectlContext ctx) {
            super(ctx);
        }

        @Override
        String commandName() {
            return "secret " + super.commandName();
        }

        @Override
        ResourceType<?> type() {
            return BuiltinResources.SECRETS;
        }

        /** The Secret with {@code data} (when not empty, values base64-encoded) and {@code type} (when given). */
        ObjectNode secret(String name, Map<String, String> data, String secretType) {
            ObjectNode o = object("v1", "Secret", meta(name));
            if (!data.isEmpty()) {
                ObjectNode d = o.putObject("data");
                data.forEach((k, v) -> d.put(k, base64(v)));
            }
            if (secretType != null) {
                o.put("type", secretType);
            }
            return o;
        }
    }

    @Command(name = "generic")
    static final class Generic extends Generator {
        @Mixin
        DataSources sources = new DataSources();

        @Option(names = "--type")
        String secretType;

        Generic(KubectlContext ctx) {
            super(ctx);
        }

        @Override
        ObjectNode build(String name) {
            return secret(name, sources.read(ctx, "Secret", name), secretType);
        }
    }

    @Command(name = "docker-registry")
    static final class DockerRegistry extends Generator {
        @Option(names = "--docker-server")
        String server = "https://index.docker.io/v1/";

        @Option(names = "--docker-username")
        String username = "";

        @Option(names = "--docker-password")
        String password = "";

        @Option(names = "--docker-email")
        String email = "";

        @Option(names = "--from-file")
        List<String> files = new ArrayList<>();

        DockerRegistry(KubectlContext ctx) {
            super(ctx);
        }

        @Override
        void validate() {
            if (files.isEmpty() && (username.isEmpty() || password.isEmpty() || server.isEmpty())) {
                throw new KubectlException("error: either --from-file or the combination of --docker-username, "
                        + "--docker-password and --docker-server is required");
            }
        }

        @Override
        ObjectNode build(String name) {
            ObjectNode o;
            if (!files.isEmpty()) {
                o = secret(name, DataSources.read(ctx, List.of(), files, "ConfigMap", ""), null);
            } else {
                ObjectNode config = NODES.objectNode();
                ObjectNode entry = config.putObject("auths").putObject(server);
                entry.put("username", username);
                entry.put("password", password);
                if (!email.isEmpty()) {
                    entry.put("email", email);
                }
                entry.put("auth", base64(username + ":" + password));
                o = secret(name, Map.of(".dockerconfigjson", GoJson.compactInOrder(config)), null);
            }
            o.put("type", "kubernetes.io/dockerconfigjson");
            return o;
        }
    }

    @Command(name = "tls")
    static final class Tls extends Generator {
        @Option(names = "--cert")
        String cert = "";

        @Option(names = "--key")
        String key = "";

        Tls(KubectlContext ctx) {
            super(ctx);
        }

        @Override
        void validate() {
            if (cert.isEmpty() || key.isEmpty()) {
                throw new KubectlException("error: key and cert must be specified");
            }
        }

        @Override
        ObjectNode build(String name) {
            String crt = read(cert);
            return secret(name, new TreeMap<>(Map.of("tls.crt", crt, "tls.key", read(key))), "kubernetes.io/tls");
        }

        private String read(String path) {
            try {
                return Files.readString(ctx.resolvePath(path));
            } catch (IOException e) {
                throw new KubectlException("error: Cannot read file " + path + ", open " + path
                        + ": no such file or directory");
            }
        }
    }
}
