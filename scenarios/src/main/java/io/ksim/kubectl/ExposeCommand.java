package io.ksim.kubectl;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.ksim.api.meta.KubeObject;
import io.ksim.apiserver.ResourceType;
import io.ksim.apiserver.registry.BuiltinResources;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

/**
 * {@code kubectl expose}: a Service for a deployment, replica set, pod or service, its selector and ports
 * taken from the resource as kubectl does (the pod template's or pod's container ports when {@code --port}
 * is not given), {@code service/web exposed}.
 */
@Command(name = "expose")
final class ExposeCommand extends WriteCommand implements Callable<Integer> {

    @Parameters(arity = "0..*")
    List<String> args = new ArrayList<>();

    @Option(names = "--port")
    String port = "";

    @Option(names = "--target-port")
    String targetPort = "";

    @Option(names = "--type")
    String type = "";

    @Option(names = "--name")
    String name = "";

    @Option(names = "--protocol")
    String protocol = "";

    @Option(names = "--selector")
    String selector = "";

    @Option(names = {"-l", "--labels"})
    String labels = "";

    @Option(names = "--cluster-ip")
    String clusterIP = "";

    ExposeCommand(KubectlContext ctx) {
        super(ctx);
    }

    @Override
    public Integer call() {
        ResourceBuilder.Target exposed = new ResourceBuilder(ctx).targets(args).get(0);
        ResourceType<?> rt = exposed.type();
        String objName = exposed.name();
        checkOutput();
        DryRun dry = dryRun();
        KubeObject source = ctx.api().get(rt, ctx.namespace(), objName);
        JsonNode src = tree(source);
        JsonNode podSpec;
        ObjectNode sel = CreateCommand.NODES.objectNode();
        String kind = source.kind();
        switch (kind) {
            case "Pod" -> {
                podSpec = src.path("spec");
                src.path("metadata").path("labels").fields().forEachRemaining(e -> sel.set(e.getKey(), e.getValue()));
                if (sel.isEmpty() && selector.isEmpty()) {
                    throw new KubectlException("error: couldn't retrieve selectors via --selector flag or introspection: "
                            + "the pod has no labels and cannot be exposed");
                }
            }
            case "Service" -> {
                podSpec = null;
                src.path("spec").path("selector").fields().forEachRemaining(e -> sel.set(e.getKey(), e.getValue()));
                if (sel.isEmpty() && selector.isEmpty()) {
                    throw new KubectlException("error: couldn't retrieve selectors via --selector flag or introspection: "
                            + "the service has no pod selector set");
                }
            }
            case "Deployment", "ReplicaSet", "ReplicationController" -> {
                podSpec = src.path("spec").path("template").path("spec");
                JsonNode s = src.path("spec").path("selector");
                if (s.has("matchExpressions") && s.path("matchExpressions").size() > 0) {
                    throw new KubectlException("error: couldn't convert expressions - \"" + selectorString(s)
                            + "\" to map: operator \"" + s.path("matchExpressions").get(0).path("operator").asText()
                            + "\" without a single value cannot be converted into the old label selector format");
                }
                s.path("matchLabels").fields().forEachRemaining(e -> sel.set(e.getKey(), e.getValue()));
            }
            default -> throw new KubectlException("error: cannot expose a " + rt.groupKind());
        }
        if (!selector.isEmpty()) {
            sel.removeAll();
            for (String kv : selector.split(",")) {
                String[] p = kv.split("=", 2);
                sel.put(p[0], p.length > 1 ? p[1] : "");
            }
        }
        String svcName = name.isEmpty() ? objName : name;
        ObjectNode svc = CreateCommand.NODES.objectNode();
        svc.put("kind", "Service");
        svc.put("apiVersion", "v1");
        ObjectNode meta = svc.putObject("metadata");
        meta.put("name", svcName);
        if (ctx.namespaceGiven()) {
            meta.put("namespace", ctx.namespace());
        }
        meta.putNull("creationTimestamp");
        ObjectNode l = CreateCommand.NODES.objectNode();
        if (!labels.isEmpty()) {
            for (String kv : labels.split(",")) {
                String[] p = kv.split("=", 2);
                l.put(p[0], p.length > 1 ? p[1] : "");
            }
        } else {
            src.path("metadata").path("labels").fields().forEachRemaining(e -> l.set(e.getKey(), e.getValue()));
        }
        if (!l.isEmpty()) {
            meta.set("labels", l);
        }
        ObjectNode spec = svc.putObject("spec");
        ArrayNode ports = spec.putArray("ports");
        List<String[]> found = new ArrayList<>();
        List<String[]> own = new ArrayList<>();
        if (podSpec != null) {
            for (JsonNode c : podSpec.path("containers")) {
                for (JsonNode p : c.path("ports")) {
                    own.add(new String[] {p.path("containerPort").asText(), p.path("protocol").asText("TCP")});
                }
            }
        } else {
            for (JsonNode p : src.path("spec").path("ports")) {
                own.add(new String[] {p.path("port").asText(), p.path("protocol").asText("TCP")});
            }
        }
        if (!port.isEmpty()) {
            for (String p : port.split(",")) {
                String proto = own.stream().filter(o -> o[0].equals(p)).map(o -> o[1]).findFirst().orElse("TCP");
                found.add(new String[] {p, proto});
            }
        } else {
            found.addAll(own);
        }
        if (found.isEmpty()) {
            throw new KubectlException("error: couldn't find port via --port flag or introspection");
        }
        for (int i = 0; i < found.size(); i++) {
            ObjectNode p = ports.addObject();
            if (found.size() > 1) {
                p.put("name", "port-" + (i + 1));
            }
            p.put("protocol", protocol.isEmpty() ? found.get(i)[1] : protocol);
            int number;
            try {
                number = Integer.parseInt(found.get(i)[0]);
            } catch (NumberFormatException e) {
                throw new KubectlException("error: strconv.Atoi: parsing \"" + found.get(i)[0] + "\": invalid syntax");
            }
            p.put("port", number);
            String target = targetPort.isEmpty() ? found.get(i)[0] : targetPort;
            if (target.matches("[0-9]+")) {
                p.put("targetPort", Integer.parseInt(target));
            } else {
                p.put("targetPort", target);
            }
        }
        spec.set("selector", sel);
        if (!clusterIP.isEmpty()) {
            spec.put("clusterIP", clusterIP);
        }
        if (!type.isEmpty()) {
            spec.put("type", type);
        }
        svc.putObject("status").putObject("loadBalancer");
        JsonNode result = svc;
        if (dry != DryRun.CLIENT) {
            KubeObject obj = decode(svc, "creating", null);
            result = CreateCommand.submit(this, BuiltinResources.SERVICES, ctx.namespace(), obj, dry, null);
        }
        printResult(BuiltinResources.SERVICES, svcName, result, "exposed");
        return 0;
    }

    private static String selectorString(JsonNode s) {
        List<String> parts = new ArrayList<>();
        s.path("matchLabels").fields().forEachRemaining(e -> parts.add(e.getKey() + "=" + e.getValue().asText()));
        for (JsonNode e : s.path("matchExpressions")) {
            parts.add(e.path("key").asText() + " " + e.path("operator").asText().toLowerCase(java.util.Locale.ROOT));
        }
        return String.join(",", parts);
    }
}
