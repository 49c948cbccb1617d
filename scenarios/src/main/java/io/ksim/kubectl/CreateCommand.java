package io.ksim.kubectl;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.ksim.api.meta.KubeObject;
import io.ksim.apiserver.ApiErrors;
import io.ksim.apiserver.ApiException;
import io.ksim.apiserver.ResourceType;
import io.ksim.apiserver.registry.BuiltinResources;
import io.ksim.kubectl.printers.GoJson;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Base64;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

/**
 * {@code kubectl create -f FILE|DIR|-} and the generators ({@code create deployment}, {@code create service
 * clusterip}, ...). Each generator builds the object kubectl 1.32 builds, field for field: {@code -o yaml}
 * with {@code --dry-run=client} prints what kubectl prints, including Go's empty structs
 * ({@code creationTimestamp: null}, {@code resources: {}}, {@code status: {}}).
 */
@Command(name = "create",
        subcommands = {
            CreateCommand.ClusterRole.class,
            CreateCommand.ClusterRoleBinding.class,
            CreateCommand.ConfigMap.class,
            CreateCommand.CronJob.class,
            CreateCommand.Deployment.class,
            CreateCommand.Job.class,
            CreateCommand.Namespace.class,
            CreateCommand.PodDisruptionBudget.class,
            CreateCommand.PriorityClass.class,
            CreateCommand.Quota.class,
            CreateCommand.Role.class,
            CreateCommand.RoleBinding.class,
            CreateCommand.Secret.class,
            CreateCommand.Service.class,
            CreateCommand.ServiceAccount.class,
        })
final class CreateCommand extends WriteCommand implements Callable<Integer> {

    static final JsonNodeFactory NODES = JsonNodeFactory.instance;

    @Option(names = {"-f", "--filename"}, description = "Filename, directory, or URL to files to use to create the resource")
    List<String> filenames = new ArrayList<>();

    @Parameters(arity = "0..*", hidden = true)
    List<String> unexpected = new ArrayList<>();

    @Option(names = "--save-config", arity = "0..1", fallbackValue = "true",
            description = "Save the configuration in the object's annotation, for kubectl apply to use later")
    boolean saveConfig;

    CreateCommand(KubectlContext ctx) {
        super(ctx);
    }

    @Override
    public Integer call() {
        if (!unexpected.isEmpty()) {
            throw new KubectlException("error: Unexpected args: [" + String.join(" ", unexpected)
                    + "]\nSee 'kubectl create -h' for help and examples");
        }
        if (filenames.isEmpty()) {
            throw new KubectlException("error: must specify one of -f and -k");
        }
        checkOutput();
        DryRun dry = dryRun();
        List<ManifestSource> docs = ManifestSource.read(ctx, filenames);
        if (docs.isEmpty()) {
            throw new KubectlException("error: no objects passed to create");
        }
        int status = 0;
        for (ManifestSource doc : docs) {
            try {
                ResourceType<?> type = typeOf(doc);
                String ns = namespaceOf(type, doc);
                ObjectNode document = saveConfig ? ApplyCommand.withLastApplied(doc.document(), ns) : doc.document();
                KubeObject obj = decode(document, "creating", doc.source());
                JsonNode result = submit(this, type, ns, obj, dry, doc.source());
                printResult(type, result.path("metadata").path("name").asText(""), result, "created");
            } catch (ApiException e) {
                ctx.err().println(e.kubectlMessage());
                status = 1;
            } catch (KubectlException e) {
                ctx.err().println(e.getMessage());
                status = 1;
            }
        }
        return status;
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

    // ---- generators -------------------------------------------------------------------------------

    /** A generator: builds a tree, then creates it (or prints it for a client dry run). */
    abstract static class Generator extends WriteCommand implements Callable<Integer> {

        @Parameters(arity = "0..*", paramLabel = "NAME")
        List<String> names = new ArrayList<>();

        @Option(names = "--save-config", arity = "0..1", fallbackValue = "true")
        boolean saveConfig;

        Generator(KubectlContext ctx) {
            super(ctx);
        }

        String commandName() {
            return getClass().getAnnotation(Command.class).name();
        }

        String name() {
            if (names.size() != 1) {
                throw new KubectlException("error: exactly one NAME is required, got " + names.size()
                        + "\nSee 'kubectl create " + commandName() + " -h' for help and examples");
            }
            return names.get(0);
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
            if (saveConfig) {
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
                result = submit(this, type, ns, obj, dry, null);
            }
            printResult(type, name, result, "created");
            return 0;
        }

        /** {@code name}, {@code namespace} (when -n was given), {@code creationTimestamp: null}, in Go's order. */
        ObjectNode meta(String name) {
            ObjectNode m = NODES.objectNode();
            m.put("name", name);
            if (ctx.namespaceGiven() && type().namespaced()) {
                m.put("namespace", ctx.namespace());
            }
            m.putNull("creationTimestamp");
            return m;
        }

        ObjectNode object(String apiVersion, String kind, ObjectNode meta) {
            ObjectNode o = NODES.objectNode();
            o.put("kind", kind);
            o.put("apiVersion", apiVersion);
            o.set("metadata", meta);
            return o;
        }
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

    static ObjectNode container(String name, String image) {
        ObjectNode c = NODES.objectNode();
        c.put("name", name);
        c.put("image", image);
        return c;
    }

    static ArrayNode strings(List<String> values) {
        ArrayNode a = NODES.arrayNode();
        values.forEach(a::add);
        return a;
    }

    @Command(name = "namespace", aliases = "ns")
    static final class Namespace extends Generator {
        Namespace(KubectlContext ctx) {
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

    @Command(name = "serviceaccount", aliases = "sa")
    static final class ServiceAccount extends Generator {
        ServiceAccount(KubectlContext ctx) {
            super(ctx);
        }

        @Override
        ResourceType<?> type() {
            return BuiltinResources.SERVICE_ACCOUNTS;
        }

        @Override
        ObjectNode build(String name) {
            return object("v1", "ServiceAccount", meta(name));
        }
    }

    @Command(name = "deployment", aliases = "deploy")
    static final class Deployment extends Generator {
        @Option(names = "--image", required = true)
        List<String> images = new ArrayList<>();

        @Option(names = {"-r", "--replicas"})
        int replicas = 1;

        @Option(names = "--port")
        int port = -1;

        Deployment(KubectlContext ctx) {
            super(ctx);
        }

        @Override
        String name() {
            if (names.isEmpty()) {
                throw new KubectlException("error: exactly one NAME is required, got 0\nSee 'kubectl create deployment -h' for help and examples");
            }
            return names.get(0);
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
            List<String> args = names.subList(1, names.size());
            for (String image : images) {
                String[] parts = image.split("/");
                String c = parts[parts.length - 1];
                c = c.contains(":") ? c.substring(0, c.indexOf(':')) : c;
                c = c.contains("@") ? c.substring(0, c.indexOf('@')) : c;
                c = c.replace('_', '-').replace('.', '-');
                ObjectNode container = container(c, image);
                if (!args.isEmpty()) {
                    container.set("command", strings(args));
                }
                if (port >= 0 && containers.isEmpty()) {
                    container.putArray("ports").addObject().put("containerPort", port);
                }
                container.putObject("resources");
                containers.add(container);
            }
            spec.putObject("strategy");
            o.putObject("status");
            return o;
        }
    }

    @Command(name = "job")
    static final class Job extends Generator {
        @Option(names = "--image")
        String image;

        @Option(names = "--from")
        String from;

        Job(KubectlContext ctx) {
            super(ctx);
        }

        @Override
        String name() {
            if (names.isEmpty()) {
                throw new KubectlException("error: exactly one NAME is required, got 0\nSee 'kubectl create job -h' for help and examples");
            }
            return names.get(0);
        }

        @Override
        void validate() {
            if ((image == null) == (from == null)) {
                throw new KubectlException("error: either --image or --from must be specified");
            }
            if (from != null && names.size() > 1) {
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
            ObjectNode template = o.putObject("spec").putObject("template");
            template.set("metadata", emptyTemplateMeta());
            ObjectNode podSpec = template.putObject("spec");
            ObjectNode c = container(name, image);
            if (names.size() > 1) {
                c.set("command", strings(names.subList(1, names.size())));
            }
            c.putObject("resources");
            podSpec.putArray("containers").add(c);
            podSpec.put("restartPolicy", "Never");
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
            ObjectNode meta = NODES.objectNode();
            meta.put("name", name);
            if (ctx.namespaceGiven()) {
                meta.put("namespace", ctx.namespace());
            }
            meta.putNull("creationTimestamp");
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

    @Command(name = "cronjob", aliases = "cj")
    static final class CronJob extends Generator {
        @Option(names = "--image", required = true)
        String image;

        @Option(names = "--schedule", required = true)
        String schedule;

        @Option(names = "--restart")
        String restart;

        CronJob(KubectlContext ctx) {
            super(ctx);
        }

        @Override
        String name() {
            if (names.isEmpty()) {
                throw new KubectlException("error: exactly one NAME is required, got 0\nSee 'kubectl create cronjob -h' for help and examples");
            }
            return names.get(0);
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
            ObjectNode jtMeta = jt.putObject("metadata");
            jtMeta.put("name", name);
            if (ctx.namespaceGiven()) {
                jtMeta.put("namespace", ctx.namespace());
            }
            jtMeta.putNull("creationTimestamp");
            ObjectNode template = jt.putObject("spec").putObject("template");
            template.set("metadata", emptyTemplateMeta());
            ObjectNode podSpec = template.putObject("spec");
            ObjectNode c = container(name, image);
            if (names.size() > 1) {
                c.set("command", strings(names.subList(1, names.size())));
            }
            c.putObject("resources");
            podSpec.putArray("containers").add(c);
            podSpec.put("restartPolicy", restart == null ? "OnFailure" : restart);
            o.putObject("status");
            return o;
        }
    }

    @Command(name = "service", aliases = "svc", subcommands = {
        ServiceClusterIP.class, ServiceExternalName.class, ServiceLoadBalancer.class, ServiceNodePort.class})
    static final class Service implements Callable<Integer> {
        @Parameters(arity = "0..*", hidden = true)
        List<String> unexpected = new ArrayList<>();

        private final KubectlContext ctx;

        Service(KubectlContext ctx) {
            this.ctx = ctx;
        }

        @Override
        public Integer call() {
            if (!unexpected.isEmpty()) {
                throw new KubectlException("error: unknown command \"" + unexpected.get(0)
                        + "\"\nSee 'kubectl create service -h' for help and examples");
            }
            ctx.err().print("""
                    Create a service using a specified subcommand.

                    Aliases:
                    service, svc

                    Available Commands:
                      clusterip      Create a ClusterIP service
                      externalname   Create an ExternalName service
                      loadbalancer   Create a LoadBalancer service
                      nodeport       Create a NodePort service

                    Usage:
                      kubectl create service [flags] [options]

                    Use "kubectl create service <command> --help" for more information about a given command.
                    Use "kubectl options" for a list of global command-line options (applies to all commands).
                    """);
            return 1;
        }
    }

    /** What {@code create service TYPE} shares. */
    abstract static class ServiceGenerator extends Generator {
        @Option(names = "--tcp", split = ",")
        List<String> tcp = new ArrayList<>();

        ServiceGenerator(KubectlContext ctx) {
            super(ctx);
        }

        abstract String serviceType();

        String clusterIP() {
            return null;
        }

        Integer nodePort() {
            return null;
        }

        String externalName() {
            return null;
        }

        @Override
        String commandName() {
            return "service " + super.commandName();
        }

        @Override
        ResourceType<?> type() {
            return BuiltinResources.SERVICES;
        }

        @Override
        void validate() {
            if (tcp.isEmpty() && !"None".equals(clusterIP()) && externalName() == null) {
                throw new KubectlException("error: at least one tcp port specifier must be provided");
            }
            if ("None".equals(clusterIP()) && !tcp.isEmpty()) {
                throw new KubectlException("error: can not map ports with clusterip=None");
            }
        }

        @Override
        ObjectNode build(String name) {
            ObjectNode meta = meta(name);
            meta.set("labels", labels("app", name));
            ObjectNode o = object("v1", "Service", meta);
            ObjectNode spec = o.putObject("spec");
            if (!tcp.isEmpty()) {
                ArrayNode ports = spec.putArray("ports");
                for (String t : tcp) {
                    String[] pt = t.split(":", 2);
                    int port = parsePort(pt[0], t);
                    ObjectNode p = ports.addObject();
                    p.put("name", t.replace(':', '-'));
                    p.put("protocol", "TCP");
                    p.put("port", port);
                    String target = pt.length == 2 ? pt[1] : pt[0];
                    if (target.matches("[0-9]+")) {
                        p.put("targetPort", Integer.parseInt(target));
                    } else {
                        p.put("targetPort", target);
                    }
                    if (nodePort() != null && nodePort() > 0) {
                        p.put("nodePort", nodePort());
                    }
                }
            }
            spec.set("selector", labels("app", name));
            if (clusterIP() != null) {
                spec.put("clusterIP", clusterIP());
            }
            spec.put("type", serviceType());
            if (externalName() != null) {
                spec.put("externalName", externalName());
            }
            o.putObject("status").putObject("loadBalancer");
            return o;
        }

        /** The port as strconv.ParseUint(s, 10, 16) reads it. */
        private static int parsePort(String s, String spec) {
            if (!s.matches("[0-9]+")) {
                throw new KubectlException("error: strconv.ParseUint: parsing \"" + s + "\": invalid syntax");
            }
            if (s.length() > 5 || Integer.parseInt(s) > 65535) {
                throw new KubectlException("error: strconv.ParseUint: parsing \"" + s + "\": value out of range");
            }
            return Integer.parseInt(s);
        }
    }

    @Command(name = "clusterip")
    static final class ServiceClusterIP extends ServiceGenerator {
        @Option(names = "--clusterip")
        String clusterIP;

        ServiceClusterIP(KubectlContext ctx) {
            super(ctx);
        }

        @Override
        String serviceType() {
            return "ClusterIP";
        }

        @Override
        String clusterIP() {
            return clusterIP == null || clusterIP.isEmpty() ? null : clusterIP;
        }
    }

    @Command(name = "nodeport")
    static final class ServiceNodePort extends ServiceGenerator {
        @Option(names = "--node-port")
        int nodePort;

        ServiceNodePort(KubectlContext ctx) {
            super(ctx);
        }

        @Override
        String serviceType() {
            return "NodePort";
        }

        @Override
        Integer nodePort() {
            return nodePort;
        }
    }

    @Command(name = "loadbalancer")
    static final class ServiceLoadBalancer extends ServiceGenerator {
        ServiceLoadBalancer(KubectlContext ctx) {
            super(ctx);
        }

        @Override
        String serviceType() {
            return "LoadBalancer";
        }
    }

    @Command(name = "externalname")
    static final class ServiceExternalName extends ServiceGenerator {
        @Option(names = "--external-name", required = true)
        String externalName;

        ServiceExternalName(KubectlContext ctx) {
            super(ctx);
        }

        @Override
        String serviceType() {
            return "ExternalName";
        }

        @Override
        String externalName() {
            return externalName;
        }
    }

    /** {@code --from-literal} and {@code --from-file} as configmap and secret read them, keys sorted. */
    static Map<String, String> literalsAndFiles(KubectlContext ctx, List<String> literals, List<String> files) {
        return literalsAndFiles(ctx, literals, files, "ConfigMap", "");
    }

    static Map<String, String> literalsAndFiles(KubectlContext ctx, List<String> literals, List<String> files,
            String kind, String name) {
        Map<String, String> data = new TreeMap<>();
        for (String lit : literals) {
            int eq = lit.indexOf('=');
            if (eq <= 0) {
                throw new KubectlException("error: invalid literal source " + lit + ", expected key=value");
            }
            String key = lit.substring(0, eq);
            if (data.containsKey(key)) {
                throw new KubectlException(kind.equals("Secret")
                        ? "error: cannot add key " + key + ", another key by that name already exists"
                        : "error: cannot add key \"" + key + "\", another key by that name already exists in Data for "
                                + kind + " \"" + name + "\"");
            }
            data.put(key, lit.substring(eq + 1));
        }
        for (String f : files) {
            int eq = f.indexOf('=');
            String key = eq < 0 ? Path.of(f).getFileName().toString() : f.substring(0, eq);
            String path = eq < 0 ? f : f.substring(eq + 1);
            try {
                data.put(key, Files.readString(ctx.resolvePath(path)));
            } catch (IOException e) {
                throw new KubectlException("error: error reading " + path + ": no such file or directory");
            }
        }
        return data;
    }

    @Command(name = "configmap", aliases = "cm")
    static final class ConfigMap extends Generator {
        @Option(names = "--from-literal")
        List<String> literals = new ArrayList<>();

        @Option(names = "--from-file")
        List<String> files = new ArrayList<>();

        ConfigMap(KubectlContext ctx) {
            super(ctx);
        }

        @Override
        ResourceType<?> type() {
            return BuiltinResources.CONFIG_MAPS;
        }

        @Override
        ObjectNode build(String name) {
            ObjectNode o = object("v1", "ConfigMap", meta(name));
            Map<String, String> data = literalsAndFiles(ctx, literals, files, "ConfigMap", name);
            if (!data.isEmpty()) {
                ObjectNode d = o.putObject("data");
                data.forEach(d::put);
            }
            return o;
        }
    }

    @Command(name = "secret", subcommands = {SecretDockerRegistry.class, SecretGeneric.class, SecretTls.class})
    static final class Secret implements Callable<Integer> {
        @Parameters(arity = "0..*", hidden = true)
        List<String> unexpected = new ArrayList<>();

        private final KubectlContext ctx;

        Secret(KubectlContext ctx) {
            this.ctx = ctx;
        }

        @Override
        public Integer call() {
            if (!unexpected.isEmpty()) {
                throw new KubectlException("error: unknown command \"" + unexpected.get(0)
                        + "\"\nSee 'kubectl create secret -h' for help and examples");
            }
            ctx.err().print("""
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
                    """);
            return 1;
        }
    }

    @Command(name = "docker-registry")
    static final class SecretDockerRegistry extends Generator {
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

        SecretDockerRegistry(KubectlContext ctx) {
            super(ctx);
        }

        @Override
        String commandName() {
            return "secret docker-registry";
        }

        @Override
        ResourceType<?> type() {
            return BuiltinResources.SECRETS;
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
            ObjectNode o = object("v1", "Secret", meta(name));
            ObjectNode d = o.putObject("data");
            if (!files.isEmpty()) {
                literalsAndFiles(ctx, List.of(), files).forEach((k, v) -> d.put(k, base64(v)));
            } else {
                ObjectNode config = NODES.objectNode();
                ObjectNode entry = config.putObject("auths").putObject(server);
                entry.put("username", username);
                entry.put("password", password);
                if (!email.isEmpty()) {
                    entry.put("email", email);
                }
                entry.put("auth", base64(username + ":" + password));
                d.put(".dockerconfigjson", base64(GoJson.compactInOrder(config)));
            }
            o.put("type", "kubernetes.io/dockerconfigjson");
            return o;
        }
    }

    @Command(name = "tls")
    static final class SecretTls extends Generator {
        @Option(names = "--cert")
        String cert = "";

        @Option(names = "--key")
        String key = "";

        SecretTls(KubectlContext ctx) {
            super(ctx);
        }

        @Override
        String commandName() {
            return "secret tls";
        }

        @Override
        ResourceType<?> type() {
            return BuiltinResources.SECRETS;
        }

        @Override
        void validate() {
            if (cert.isEmpty() || key.isEmpty()) {
                throw new KubectlException("error: key and cert must be specified");
            }
        }

        @Override
        ObjectNode build(String name) {
            ObjectNode o = object("v1", "Secret", meta(name));
            ObjectNode d = o.putObject("data");
            d.put("tls.crt", base64(read(cert)));
            d.put("tls.key", base64(read(key)));
            o.put("type", "kubernetes.io/tls");
            return o;
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

    static String base64(String s) {
        return Base64.getEncoder().encodeToString(s.getBytes(java.nio.charset.StandardCharsets.UTF_8));
    }

    /** The verbs a rule may name, as kubectl checks them. */
    static final List<String> VALID_VERBS = List.of("*", "get", "delete", "list", "create", "update", "patch", "watch",
            "proxy", "deletecollection", "use", "bind", "escalate", "impersonate");

    /** {@code create role} and {@code create clusterrole}: one rule per API group, groups in name order. */
    abstract static class RoleGenerator extends Generator {
        @Option(names = "--verb", split = ",")
        List<String> verbs = new ArrayList<>();

        @Option(names = "--resource", split = ",")
        List<String> resources = new ArrayList<>();

        @Option(names = "--resource-name")
        List<String> resourceNames = new ArrayList<>();

        RoleGenerator(KubectlContext ctx) {
            super(ctx);
        }

        List<String> nonResourceURLs() {
            return List.of();
        }

        abstract String kind();

        List<String> uniqueVerbs() {
            List<String> out = new ArrayList<>();
            for (String v : verbs) {
                if (v.equals("*")) {
                    return List.of("*");
                }
                if (!out.contains(v)) {
                    out.add(v);
                }
            }
            return out;
        }

        @Override
        void validate() {
            List<String> vs = uniqueVerbs();
            if (vs.isEmpty()) {
                throw new KubectlException("error: at least one verb must be specified");
            }
            for (String v : vs) {
                if (!VALID_VERBS.contains(v) && nonResourceURLs().isEmpty()) {
                    throw new KubectlException("error: invalid verb: '" + v + "'");
                }
            }
            if (resources.isEmpty() && nonResourceURLs().isEmpty()) {
                throw new KubectlException("error: at least one resource must be specified");
            }
        }

        @Override
        ObjectNode build(String name) {
            TreeMap<String, List<String>> byGroup = new TreeMap<>();
            for (String r : resources) {
                String[] sections = r.split("/", 2);
                String[] parts = sections[0].split("\\.", 2);
                String resource = parts[0];
                String group = parts.length == 2 ? parts[1] : "";
                if (resource.isEmpty()) {
                    throw new KubectlException("error: resource must be specified if apiGroup/subresource specified");
                }
                if (resource.equals("*") && parts.length == 1 && sections.length == 1) {
                    byGroup.clear();
                    byGroup.put("", new ArrayList<>(List.of("*")));
                    break;
                }
                if (!resource.equals("*")) {
                    try {
                        ResourceType<?> t = ctx.resources().resolve(sections[0]);
                        if (parts.length == 1 || t.group().equals(group) || t.group().startsWith(group + ".")) {
                            resource = t.resource();
                            group = t.group();
                        }
                    } catch (KubectlException e) {
                        throw new KubectlException("error: no matches for " + group + "/, Resource=" + resource);
                    }
                }
                if (sections.length == 2) {
                    resource = resource + "/" + sections[1];
                }
                List<String> list = byGroup.computeIfAbsent(group, g -> new ArrayList<>());
                if (!list.contains(resource)) {
                    list.add(resource);
                }
            }
            ObjectNode o = object("rbac.authorization.k8s.io/v1", kind(), meta(name));
            ArrayNode rules = o.putArray("rules");
            List<String> names = new ArrayList<>();
            resourceNames.stream().filter(n -> !names.contains(n)).forEach(names::add);
            byGroup.forEach((group, list) -> {
                ObjectNode rule = rules.addObject();
                rule.set("verbs", strings(uniqueVerbs()));
                rule.set("apiGroups", strings(List.of(group)));
                rule.set("resources", strings(list));
                if (!names.isEmpty()) {
                    rule.set("resourceNames", strings(names));
                }
            });
            if (!nonResourceURLs().isEmpty()) {
                ObjectNode rule = rules.addObject();
                rule.set("verbs", strings(uniqueVerbs()));
                rule.set("nonResourceURLs", strings(nonResourceURLs()));
            }
            return o;
        }
    }

    @Command(name = "role")
    static final class Role extends RoleGenerator {
        Role(KubectlContext ctx) {
            super(ctx);
        }

        @Override
        String kind() {
            return "Role";
        }

        @Override
        ResourceType<?> type() {
            return BuiltinResources.ROLES;
        }
    }

    @Command(name = "clusterrole")
    static final class ClusterRole extends RoleGenerator {
        @Option(names = "--non-resource-url", split = ",")
        List<String> nonResourceURLs = new ArrayList<>();

        ClusterRole(KubectlContext ctx) {
            super(ctx);
        }

        @Override
        List<String> nonResourceURLs() {
            return nonResourceURLs;
        }

        @Override
        String kind() {
            return "ClusterRole";
        }

        @Override
        ResourceType<?> type() {
            return BuiltinResources.CLUSTER_ROLES;
        }
    }

    @Command(name = "generic")
    static final class SecretGeneric extends Generator {
        @Option(names = "--from-literal")
        List<String> literals = new ArrayList<>();

        @Option(names = "--from-file")
        List<String> files = new ArrayList<>();

        @Option(names = "--type")
        String secretType;

        SecretGeneric(KubectlContext ctx) {
            super(ctx);
        }

        @Override
        String commandName() {
            return "secret generic";
        }

        @Override
        ResourceType<?> type() {
            return BuiltinResources.SECRETS;
        }

        @Override
        ObjectNode build(String name) {
            ObjectNode o = object("v1", "Secret", meta(name));
            Map<String, String> data = literalsAndFiles(ctx, literals, files, "Secret", name);
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

    /** {@code --role}/{@code --clusterrole}, {@code --user}, {@code --group}, {@code --serviceaccount}. */
    abstract static class BindingGenerator extends Generator {
        @Option(names = "--clusterrole")
        String clusterRole;

        @Option(names = "--user")
        List<String> users = new ArrayList<>();

        @Option(names = "--group")
        List<String> groups = new ArrayList<>();

        @Option(names = "--serviceaccount")
        List<String> serviceAccounts = new ArrayList<>();

        BindingGenerator(KubectlContext ctx) {
            super(ctx);
        }

        String role() {
            return null;
        }

        abstract String kind();

        @Override
        void validate() {
            if ((clusterRole == null) == (role() == null) && kind().equals("RoleBinding")) {
                throw new KubectlException("error: exactly one of clusterrole or role must be specified");
            }
            if (clusterRole == null && kind().equals("ClusterRoleBinding")) {
                throw new KubectlException("error: required flag(s) \"clusterrole\" not set");
            }
            for (String sa : serviceAccounts) {
                String[] parts = sa.split(":", -1);
                if (parts.length != 2 || parts[1].isEmpty()) {
                    throw new KubectlException("error: serviceaccount must be <namespace>:<name>");
                }
            }
        }

        @Override
        ObjectNode build(String name) {
            ObjectNode o = object("rbac.authorization.k8s.io/v1", kind(), meta(name));
            ArrayNode subjects = NODES.arrayNode();
            for (String u : users) {
                ObjectNode s = subjects.addObject();
                s.put("kind", "User");
                s.put("apiGroup", "rbac.authorization.k8s.io");
                s.put("name", u);
            }
            for (String g : groups) {
                ObjectNode s = subjects.addObject();
                s.put("kind", "Group");
                s.put("apiGroup", "rbac.authorization.k8s.io");
                s.put("name", g);
            }
            for (String sa : serviceAccounts) {
                String[] parts = sa.split(":", 2);
                ObjectNode s = subjects.addObject();
                s.put("kind", "ServiceAccount");
                s.put("name", parts[1]);
                s.put("namespace", parts[0]);
            }
            if (!subjects.isEmpty()) {
                o.set("subjects", subjects);
            }
            ObjectNode ref = o.putObject("roleRef");
            ref.put("apiGroup", "rbac.authorization.k8s.io");
            ref.put("kind", role() != null ? "Role" : "ClusterRole");
            ref.put("name", role() != null ? role() : clusterRole);
            return o;
        }
    }

    @Command(name = "rolebinding")
    static final class RoleBinding extends BindingGenerator {
        @Option(names = "--role")
        String role;

        RoleBinding(KubectlContext ctx) {
            super(ctx);
        }

        @Override
        String role() {
            return role;
        }

        @Override
        String kind() {
            return "RoleBinding";
        }

        @Override
        ResourceType<?> type() {
            return BuiltinResources.ROLE_BINDINGS;
        }
    }

    @Command(name = "clusterrolebinding")
    static final class ClusterRoleBinding extends BindingGenerator {
        ClusterRoleBinding(KubectlContext ctx) {
            super(ctx);
        }

        @Override
        String kind() {
            return "ClusterRoleBinding";
        }

        @Override
        ResourceType<?> type() {
            return BuiltinResources.CLUSTER_ROLE_BINDINGS;
        }
    }

    @Command(name = "priorityclass", aliases = "pc")
    static final class PriorityClass extends Generator {
        @Option(names = "--value")
        int value;

        @Option(names = "--description")
        String description = "";

        @Option(names = "--global-default")
        boolean globalDefault;

        @Option(names = "--preemption-policy")
        String preemptionPolicy = "PreemptLowerPriority";

        PriorityClass(KubectlContext ctx) {
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

    @Command(name = "quota", aliases = "resourcequota")
    static final class Quota extends Generator {
        @Option(names = "--hard")
        String hard = "";

        @Option(names = "--scopes")
        String scopes = "";

        Quota(KubectlContext ctx) {
            super(ctx);
        }

        @Override
        ResourceType<?> type() {
            return BuiltinResources.RESOURCE_QUOTAS;
        }

        @Override
        ObjectNode build(String name) {
            ObjectNode o = object("v1", "ResourceQuota", meta(name));
            ObjectNode spec = o.putObject("spec");
            if (!hard.isEmpty()) {
                ObjectNode h = spec.putObject("hard");
                for (String kv : new java.util.TreeSet<>(List.of(hard.split(",")))) {
                    int eq = kv.indexOf('=');
                    if (eq <= 0) {
                        throw new KubectlException("error: invalid resource specification: " + kv);
                    }
                    h.put(kv.substring(0, eq), kv.substring(eq + 1));
                }
            }
            if (!scopes.isEmpty()) {
                spec.set("scopes", strings(List.of(scopes.split(","))));
            }
            o.putObject("status");
            return o;
        }
    }

    @Command(name = "poddisruptionbudget", aliases = "pdb")
    static final class PodDisruptionBudget extends Generator {
        @Option(names = "--selector")
        String selector = "";

        @Option(names = "--min-available")
        String minAvailable = "";

        @Option(names = "--max-unavailable")
        String maxUnavailable = "";

        PodDisruptionBudget(KubectlContext ctx) {
            super(ctx);
        }

        @Override
        ResourceType<?> type() {
            return BuiltinResources.POD_DISRUPTION_BUDGETS;
        }

        @Override
        void validate() {
            if (selector.isEmpty()) {
                throw new KubectlException("error: a selector must be specified");
            }
            if (minAvailable.isEmpty() && maxUnavailable.isEmpty()) {
                throw new KubectlException("error: one of min-available or max-unavailable must be specified");
            }
            if (!minAvailable.isEmpty() && !maxUnavailable.isEmpty()) {
                throw new KubectlException("error: min-available and max-unavailable cannot be both specified");
            }
        }

        @Override
        ObjectNode build(String name) {
            ObjectNode o = object("policy/v1", "PodDisruptionBudget", meta(name));
            ObjectNode spec = o.putObject("spec");
            if (!minAvailable.isEmpty()) {
                putIntOrString(spec, "minAvailable", minAvailable);
            }
            ObjectNode matchLabels = spec.putObject("selector").putObject("matchLabels");
            for (String kv : selector.split(",")) {
                String[] p = kv.split("=", 2);
                matchLabels.put(p[0], p.length > 1 ? p[1] : "");
            }
            if (!maxUnavailable.isEmpty()) {
                putIntOrString(spec, "maxUnavailable", maxUnavailable);
            }
            ObjectNode status = o.putObject("status");
            status.put("disruptionsAllowed", 0);
            status.put("currentHealthy", 0);
            status.put("desiredHealthy", 0);
            status.put("expectedPods", 0);
            return o;
        }

        private static void putIntOrString(ObjectNode n, String key, String v) {
            if (v.matches("[0-9]+")) {
                n.put(key, Integer.parseInt(v));
            } else {
                n.put(key, v);
            }
        }
    }
}
