package io.ksim.kubectl;

import com.fasterxml.jackson.databind.JsonNode;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

/**
 * kubectl's DescribePodTemplate as {@code rollout history --revision=N} prints it: {@code Pod Template:} with
 * labels, annotations, containers (image, ports, command, resources, probes, environment, mounts), volumes,
 * node selectors and tolerations, indented by two spaces a level with tabs between a field and its value
 * (that output does not go through a tab writer). Volume details are reduced to their names and types.
 */
final class PodTemplateText {

    private final StringBuilder out = new StringBuilder();

    private PodTemplateText() {
    }

    static String describe(JsonNode template) {
        PodTemplateText t = new PodTemplateText();
        t.template(template);
        return t.out.toString();
    }

    private void line(int level, String text) {
        out.append("  ".repeat(level)).append(text).append('\n');
    }

    private void template(JsonNode t) {
        line(0, "Pod Template:");
        JsonNode meta = t.path("metadata");
        JsonNode spec = t.path("spec");
        multiline("  Labels", MetadataMapCommand.map(meta.path("labels")));
        Map<String, String> annotations = MetadataMapCommand.map(meta.path("annotations"));
        if (!annotations.isEmpty()) {
            out.append("  Annotations:\t");
            boolean first = true;
            for (Map.Entry<String, String> e : annotations.entrySet()) {
                out.append(first ? "" : "\t").append(e.getKey()).append(": ").append(e.getValue()).append('\n');
                first = false;
            }
        }
        if (!spec.path("serviceAccountName").asText().isEmpty()) {
            line(1, "Service Account:\t" + spec.path("serviceAccountName").asText());
        }
        if (spec.path("initContainers").size() > 0) {
            containers("Init Containers", spec.path("initContainers"));
        }
        containers("Containers", spec.path("containers"));
        JsonNode volumes = spec.path("volumes");
        if (volumes.size() == 0) {
            line(1, "Volumes:\t<none>");
        } else {
            line(1, "Volumes:");
            for (JsonNode v : volumes) {
                line(1, " " + v.path("name").asText() + ":");
                List<String> kinds = new ArrayList<>();
                v.fieldNames().forEachRemaining(f -> {
                    if (!f.equals("name")) {
                        kinds.add(f);
                    }
                });
                if (!kinds.isEmpty()) {
                    line(2, "Type:\t" + volumeType(kinds.get(0)));
                }
            }
        }
        if (!spec.path("priorityClassName").asText().isEmpty()) {
            line(1, "Priority Class Name:\t" + spec.path("priorityClassName").asText());
        }
        multiline("  Node-Selectors", MetadataMapCommand.map(spec.path("nodeSelector")));
        tolerations(spec.path("tolerations"));
    }

    private static String volumeType(String field) {
        return switch (field) {
            case "emptyDir" -> "EmptyDir (a temporary directory that shares a pod's lifetime)";
            case "configMap" -> "ConfigMap (a volume populated by a ConfigMap)";
            case "secret" -> "Secret (a volume populated by a Secret)";
            case "persistentVolumeClaim" -> "PersistentVolumeClaim (a reference to a PersistentVolumeClaim in the same namespace)";
            case "hostPath" -> "HostPath (bare host directory volume)";
            case "projected" -> "Projected (a volume that contains injected data from multiple sources)";
            default -> field;
        };
    }

    private void multiline(String title, Map<String, String> values) {
        out.append(title).append(":\t");
        if (values.isEmpty()) {
            out.append("<none>\n");
            return;
        }
        boolean first = true;
        for (Map.Entry<String, String> e : new TreeMap<>(values).entrySet()) {
            out.append(first ? "" : "\t").append(e.getKey()).append('=').append(e.getValue()).append('\n');
            first = false;
        }
    }

    private void tolerations(JsonNode tolerations) {
        out.append("  Tolerations:\t");
        if (tolerations.size() == 0) {
            out.append("<none>\n");
            return;
        }
        List<JsonNode> sorted = new ArrayList<>();
        tolerations.forEach(sorted::add);
        sorted.sort((a, b) -> a.path("key").asText().compareTo(b.path("key").asText()));
        boolean first = true;
        for (JsonNode t : sorted) {
            out.append(first ? "" : "\t");
            first = false;
            String key = t.path("key").asText();
            String value = t.path("value").asText();
            String effect = t.path("effect").asText();
            out.append(key);
            if (!value.isEmpty()) {
                out.append('=').append(value);
            }
            if (!effect.isEmpty()) {
                out.append(':').append(effect);
            }
            if ("Exists".equals(t.path("operator").asText()) && value.isEmpty()) {
                out.append(key.isEmpty() && effect.isEmpty() ? "op=Exists" : " op=Exists");
            }
            if (t.has("tolerationSeconds")) {
                out.append(" for ").append(t.path("tolerationSeconds").asLong()).append('s');
            }
            out.append('\n');
        }
    }

    private void containers(String label, JsonNode containers) {
        line(1, label + ":" + (containers.size() == 0 ? " <none>" : ""));
        for (JsonNode c : containers) {
            line(1, " " + c.path("name").asText() + ":");
            line(2, "Image:\t" + c.path("image").asText());
            List<String> ports = new ArrayList<>();
            List<String> hostPorts = new ArrayList<>();
            for (JsonNode p : c.path("ports")) {
                String protocol = p.path("protocol").asText("TCP");
                ports.add(p.path("containerPort").asInt() + "/" + protocol);
                hostPorts.add(p.path("hostPort").asInt(0) + "/" + protocol);
            }
            String portText = String.join(", ", ports);
            String hostText = String.join(", ", hostPorts);
            line(2, (ports.size() > 1 ? "Ports:\t" : "Port:\t") + (portText.isEmpty() ? "<none>" : portText));
            line(2, (hostPorts.size() > 1 ? "Host Ports:\t" : "Host Port:\t") + (hostText.isEmpty() ? "<none>" : hostText));
            list("Command:", c.path("command"));
            list("Args:", c.path("args"));
            resources("Limits:", c.path("resources").path("limits"));
            resources("Requests:", c.path("resources").path("requests"));
            probe("Liveness", c.path("livenessProbe"));
            probe("Readiness", c.path("readinessProbe"));
            probe("Startup", c.path("startupProbe"));
            JsonNode env = c.path("env");
            line(2, "Environment:" + (env.size() == 0 ? "\t<none>" : ""));
            for (JsonNode e : env) {
                if (e.has("valueFrom")) {
                    line(3, e.path("name").asText() + ":\t<set from valueFrom>");
                } else {
                    line(3, e.path("name").asText() + ":\t" + e.path("value").asText());
                }
            }
            JsonNode mounts = c.path("volumeMounts");
            line(2, "Mounts:" + (mounts.size() == 0 ? "\t<none>" : ""));
            List<JsonNode> sorted = new ArrayList<>();
            mounts.forEach(sorted::add);
            sorted.sort((a, b) -> a.path("mountPath").asText().compareTo(b.path("mountPath").asText()));
            for (JsonNode m : sorted) {
                String flags = m.path("readOnly").asBoolean(false) ? "ro" : "rw";
                if (!m.path("subPath").asText().isEmpty()) {
                    flags += ",path=\"" + m.path("subPath").asText() + "\"";
                }
                line(3, m.path("mountPath").asText() + " from " + m.path("name").asText() + " (" + flags + ")");
            }
        }
    }

    private void list(String title, JsonNode items) {
        if (items.size() > 0) {
            line(2, title);
            for (JsonNode i : items) {
                for (String s : i.asText().split("\n", -1)) {
                    line(3, s);
                }
            }
        }
    }

    private void resources(String title, JsonNode values) {
        if (values.size() > 0) {
            line(2, title);
            new TreeMap<>(MetadataMapCommand.map(values)).forEach((k, v) -> line(3, k + ":\t" + v));
        }
    }

    private void probe(String title, JsonNode p) {
        if (p.isMissingNode() || p.isNull()) {
            return;
        }
        String attrs = "delay=" + p.path("initialDelaySeconds").asInt(0) + "s timeout=" + p.path("timeoutSeconds").asInt(0)
                + "s period=" + p.path("periodSeconds").asInt(0) + "s #success=" + p.path("successThreshold").asInt(0)
                + " #failure=" + p.path("failureThreshold").asInt(0);
        String text;
        if (p.has("exec")) {
            List<String> cmd = new ArrayList<>();
            p.path("exec").path("command").forEach(n -> cmd.add(n.asText()));
            text = "exec [" + String.join(" ", cmd) + "] " + attrs;
        } else if (p.has("httpGet")) {
            JsonNode h = p.path("httpGet");
            String scheme = h.path("scheme").asText("HTTP").toLowerCase();
            String port = h.path("port").asText();
            String host = h.path("host").asText();
            text = "http-get " + scheme + "://" + host + (port.isEmpty() ? "" : ":" + port) + h.path("path").asText() + " " + attrs;
        } else if (p.has("tcpSocket")) {
            text = "tcp-socket " + p.path("tcpSocket").path("host").asText() + ":" + p.path("tcpSocket").path("port").asText()
                    + " " + attrs;
        } else if (p.has("grpc")) {
            text = "grpc <pod>:" + p.path("grpc").path("port").asInt() + " " + p.path("grpc").path("service").asText()
                    + " " + attrs;
        } else {
            text = "unknown " + attrs;
        }
        line(2, title + ":\t" + text);
    }
}
