package io.ksim.kubectl;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.ksim.api.core.Node;
import io.ksim.api.meta.KubeObject;
import io.ksim.apiserver.ApiException;
import io.ksim.apiserver.ListOptions;
import io.ksim.apiserver.PatchType;
import io.ksim.apiserver.ResourceType;
import io.ksim.apiserver.patch.StrategicMergePatch;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

/**
 * {@code kubectl taint nodes NAME key=value:Effect | key:Effect | key=value:Effect- | key:Effect- | key-}:
 * adds taints (replacing one with the same key and effect only with {@code --overwrite}) and removes them by
 * key and effect or by key; {@code node/n tainted}, {@code untainted} or {@code modified}, with kubectl's
 * validation errors.
 */
@Command(name = "taint")
final class TaintCommand implements Callable<Integer> {

    private final KubectlContext ctx;

    @Option(names = "--overwrite")
    boolean overwrite;

    @Option(names = {"-l", "--selector"})
    String selector;

    @Option(names = "--all")
    boolean all;

    @Parameters
    List<String> args = new ArrayList<>();

    TaintCommand(KubectlContext ctx) {
        this.ctx = ctx;
    }

    /** A taint as the command line gives it: effect or value may be empty. */
    record Spec(String key, String value, String effect) {

        boolean matches(JsonNode t) {
            return key.equals(t.path("key").asText()) && effect.equals(t.path("effect").asText());
        }

        /** Taint.ToString: {@code key=value:effect}, parts left out when empty. */
        @Override
        public String toString() {
            String s = key + (value.isEmpty() ? "" : "=" + value);
            return effect.isEmpty() ? s : s + ":" + effect;
        }
    }

    @Override
    public Integer call() {
        List<String> resources = new ArrayList<>();
        List<String> taintArgs = new ArrayList<>();
        boolean met = false;
        for (String s : args) {
            boolean isTaint = s.contains("=") || s.contains(":") || s.endsWith("-");
            if (isTaint) {
                met = true;
                taintArgs.add(s);
            } else if (!met) {
                resources.add(s);
            } else {
                throw new KubectlException("error: all resources must be specified before taint changes: " + s);
            }
        }
        if (resources.isEmpty()) {
            throw new KubectlException("error: one or more resources must be specified as <resource> <name>");
        }
        if (taintArgs.isEmpty()) {
            throw new KubectlException("error: at least one taint update is required");
        }
        List<Spec> add = new ArrayList<>();
        List<Spec> remove = new ArrayList<>();
        try {
            parse(taintArgs, add, remove);
        } catch (KubectlException e) {
            throw new KubectlException(e.getMessage() + "\nSee 'kubectl taint -h' for help and examples");
        }
        ResourceType<?> type = ctx.resources().resolve(resources.get(0).toLowerCase());
        if (!type.kind().equals("Node")) {
            throw new KubectlException("error: invalid resource type " + resources.get(0).toLowerCase()
                    + ", only node types are supported");
        }
        List<String> conflicts = new ArrayList<>();
        for (Spec a : add) {
            for (Spec r : remove) {
                if (a.key().equals(r.key()) && (r.effect().isEmpty() || a.effect().equals(r.effect()))) {
                    conflicts.add(r.key() + "=" + r.effect());
                }
            }
        }
        if (!conflicts.isEmpty()) {
            throw new KubectlException("error: can not both modify and remove the following taint(s) in the same command: "
                    + String.join(", ", conflicts));
        }
        boolean bySelector = selector != null && !selector.isEmpty();
        if (all && bySelector) {
            throw new KubectlException("error: setting 'all' parameter with a non empty selector is prohibited");
        }
        if (!all && !bySelector && resources.size() < 2) {
            throw new KubectlException("error: at least one resource name must be specified since 'all' parameter is not set");
        }
        List<String> names = new ArrayList<>();
        if (all || bySelector) {
            ListOptions options = bySelector ? ListOptions.labels(selector) : ListOptions.everything();
            for (KubeObject n : ctx.api().list(type, null, options).items()) {
                names.add(n.metadata().name());
            }
        } else {
            names.addAll(resources.subList(1, resources.size()));
        }
        ErrorText errors = new ErrorText();
        for (String name : names) {
            try {
                taint(type, name, add, remove);
            } catch (ApiException | KubectlException e) {
                errors.add(e);
            }
        }
        errors.throwIfAny();
        return 0;
    }

    private void taint(ResourceType<?> type, String name, List<Spec> add, List<Spec> remove) {
        ObjectNode before = (ObjectNode) io.ksim.api.KubeJson.json().valueToTree(ctx.api().get(type, null, name));
        List<JsonNode> old = new ArrayList<>();
        before.path("spec").path("taints").forEach(old::add);
        if (!overwrite) {
            List<String> exists = new ArrayList<>();
            for (Spec a : add) {
                for (JsonNode o : old) {
                    if (a.matches(o)) {
                        exists.add(a.key());
                    }
                }
            }
            if (!exists.isEmpty()) {
                throw new KubectlException("error: node " + name + " already has " + String.join(",", exists)
                        + " taint(s) with same effect(s) and --overwrite is false");
            }
        }
        List<JsonNode> taints = new ArrayList<>();
        for (Spec a : add) {
            ObjectNode t = io.ksim.api.KubeJson.json().createObjectNode();
            t.put("key", a.key());
            if (!a.value().isEmpty()) {
                t.put("value", a.value());
            }
            t.put("effect", a.effect());
            taints.add(t);
        }
        for (JsonNode o : old) {
            if (taints.stream().noneMatch(t -> t.path("key").asText().equals(o.path("key").asText())
                    && t.path("effect").asText().equals(o.path("effect").asText()))) {
                taints.add(o);
            }
        }
        boolean added = old.size() != taints.size();
        List<String> notFound = new ArrayList<>();
        boolean removed = false;
        for (Spec r : remove) {
            int size = taints.size();
            taints.removeIf(t -> r.key().equals(t.path("key").asText())
                    && (r.effect().isEmpty() || r.effect().equals(t.path("effect").asText())));
            removed = taints.size() != size;
            if (!removed) {
                notFound.add("taint \"" + r + "\" not found");
            }
        }
        String operation = (added && removed) || overwrite ? "modified" : added ? "tainted" : "untainted";
        if (!notFound.isEmpty()) {
            throw new KubectlException("error: " + (notFound.size() == 1 ? notFound.get(0) : "[" + String.join(", ", notFound) + "]"));
        }
        ObjectNode after = before.deepCopy();
        ObjectNode spec = (ObjectNode) after.get("spec");
        if (taints.isEmpty()) {
            spec.remove("taints");
        } else {
            ArrayNode arr = spec.putArray("taints");
            taints.forEach(arr::add);
        }
        ObjectNode patch = StrategicMergePatch.createTwoWayMergePatch(before, after, Node.class);
        ctx.api().patch(type, null, name, PatchType.STRATEGIC, patch.toString());
        ctx.out().println("node/" + name + " " + operation);
    }

    private static void parse(List<String> specs, List<Spec> add, List<Spec> remove) {
        Set<String> unique = new HashSet<>();
        for (String s : specs) {
            if (s.endsWith("-")) {
                Spec r = parseOne(s.substring(0, s.length() - 1));
                remove.add(new Spec(r.key(), "", r.effect()));
            } else {
                Spec t = parseOne(s);
                if (t.effect().isEmpty()) {
                    throw new KubectlException("error: invalid taint spec: " + s);
                }
                if (!unique.add(t.effect() + "\u0000" + t.key())) {
                    throw new KubectlException("error: duplicated taints with the same key and effect: "
                            + "{" + t.key() + " " + t.value() + " " + t.effect() + " <nil>}");
                }
                add.add(t);
            }
        }
    }

    private static Spec parseOne(String st) {
        String[] parts = st.split(":", -1);
        String key;
        String value = "";
        String effect = "";
        if (parts.length == 1) {
            key = parts[0];
        } else if (parts.length == 2) {
            effect = parts[1];
            if (!effect.equals("NoSchedule") && !effect.equals("PreferNoSchedule") && !effect.equals("NoExecute")) {
                throw new KubectlException("error: invalid taint effect: " + effect + ", unsupported taint effect");
            }
            String[] kv = parts[0].split("=", -1);
            if (kv.length > 2) {
                throw new KubectlException("error: invalid taint spec: " + st);
            }
            key = kv[0];
            if (kv.length == 2) {
                value = kv[1];
                List<String> errs = MetadataMapCommand.labelValueErrors(value);
                if (!errs.isEmpty()) {
                    throw new KubectlException("error: invalid taint spec: " + st + ", " + String.join("; ", errs));
                }
            }
        } else {
            throw new KubectlException("error: invalid taint spec: " + st);
        }
        List<String> errs = qualifiedNameErrors(key);
        if (!errs.isEmpty()) {
            throw new KubectlException("error: invalid taint spec: " + st + ", " + String.join("; ", errs));
        }
        return new Spec(key, value, effect);
    }

    /** apimachinery's IsQualifiedName messages. */
    static List<String> qualifiedNameErrors(String value) {
        List<String> errs = new ArrayList<>();
        String[] parts = value.split("/", -1);
        String name;
        if (parts.length == 1) {
            name = parts[0];
        } else if (parts.length == 2) {
            String prefix = parts[0];
            name = parts[1];
            if (prefix.isEmpty()) {
                errs.add("prefix part must be non-empty");
            } else if (!prefix.matches("[a-z0-9]([-a-z0-9]*[a-z0-9])?(\\.[a-z0-9]([-a-z0-9]*[a-z0-9])?)*")) {
                errs.add("prefix part a lowercase RFC 1123 subdomain must consist of lower case alphanumeric characters, "
                        + "'-' or '.', and must start and end with an alphanumeric character (e.g. 'example.com', regex "
                        + "used for validation is '[a-z0-9]([-a-z0-9]*[a-z0-9])?(\\.[a-z0-9]([-a-z0-9]*[a-z0-9])?)*')");
            }
        } else {
            errs.add("a qualified name must consist of alphanumeric characters, '-', '_' or '.', and must start and end "
                    + "with an alphanumeric character (e.g. 'MyName',  or 'my.name',  or '123-abc', regex used for "
                    + "validation is '([A-Za-z0-9][-A-Za-z0-9_.]*)?[A-Za-z0-9]') with an optional DNS subdomain prefix "
                    + "and '/' (e.g. 'example.com/MyName')");
            return errs;
        }
        if (name.isEmpty()) {
            errs.add("name part must be non-empty");
        } else if (name.length() > 63) {
            errs.add("name part must be no more than 63 characters");
        }
        if (!name.matches("([A-Za-z0-9][-A-Za-z0-9_.]*)?[A-Za-z0-9]")) {
            errs.add("name part must consist of alphanumeric characters, '-', '_' or '.', and must start and end with an "
                    + "alphanumeric character (e.g. 'MyName',  or 'my.name',  or '123-abc', regex used for validation is "
                    + "'([A-Za-z0-9][-A-Za-z0-9_.]*)?[A-Za-z0-9]')");
        }
        return errs;
    }
}
