package io.ksim.kubectl;

import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.ksim.apiserver.ResourceType;
import io.ksim.apiserver.registry.BuiltinResources;
import java.util.ArrayList;
import java.util.List;
import java.util.TreeMap;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

/**
 * {@code kubectl create role NAME --verb=... --resource=... [--resource-name=...]}: one rule per API group,
 * groups in name order. {@link CreateClusterRole} adds non-resource URLs.
 */
@Command(name = "role")
class CreateRole extends CreateGenerator {

    /** The verbs a rule may name, as kubectl checks them. */
    static final List<String> VALID_VERBS = List.of("*", "get", "delete", "list", "create", "update", "patch", "watch",
            "proxy", "deletecollection", "use", "bind", "escalate", "impersonate");

    @Option(names = "--verb", split = ",")
    List<String> verbs = new ArrayList<>();

    @Option(names = "--resource", split = ",")
    List<String> resources = new ArrayList<>();

    @Option(names = "--resource-name")
    List<String> resourceNames = new ArrayList<>();

    CreateRole(KubectlContext ctx) {
        super(ctx);
    }

    List<String> nonResourceURLs() {
        return List.of();
    }

    String kind() {
        return "Role";
    }

    @Override
    ResourceType<?> type() {
        return BuiltinResources.ROLES;
    }

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
            rule.set("verbs", CreateCommand.strings(uniqueVerbs()));
            rule.set("apiGroups", CreateCommand.strings(List.of(group)));
            rule.set("resources", CreateCommand.strings(list));
            if (!names.isEmpty()) {
                rule.set("resourceNames", CreateCommand.strings(names));
            }
        });
        if (!nonResourceURLs().isEmpty()) {
            ObjectNode rule = rules.addObject();
            rule.set("verbs", CreateCommand.strings(uniqueVerbs()));
            rule.set("nonResourceURLs", CreateCommand.strings(nonResourceURLs()));
        }
        return o;
    }
}
