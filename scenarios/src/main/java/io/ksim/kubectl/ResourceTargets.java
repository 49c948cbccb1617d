package io.ksim.kubectl;

import com.fasterxml.jackson.databind.node.ObjectNode;
import io.ksim.api.KubeJson;
import io.ksim.api.meta.KubeObject;
import io.ksim.apiserver.ListOptions;
import io.ksim.apiserver.ResourceType;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;

/**
 * The objects a mutating command names, chosen as kubectl's resource builder chooses them from its arguments
 * ({@code ResourceTypeOrNameArgs}): {@code TYPE NAME...}, {@code TYPE/NAME...}, {@code TYPE1,TYPE2 NAME}, or a
 * type with {@code -l SELECTOR} or {@code --all}; with the builder's error texts. Names are not looked up
 * here: a missing object is the NotFound of the command's own read, as kubectl reports it per object.
 */
final class ResourceTargets {

    /** One object a command acts on. */
    record Target(ResourceType<?> type, String namespace, String name) {

        /** How kubectl's name printer writes it: {@code deployment.apps/web}, {@code pod/x}. */
        String display() {
            return kindGroup(type) + "/" + name;
        }

        /** Its current state as JSON (a NotFound ApiException when it is gone). */
        ObjectNode read(KubectlContext ctx) {
            return (ObjectNode) KubeJson.json().valueToTree(get(ctx));
        }

        KubeObject get(KubectlContext ctx) {
            return ctx.api().get(type, namespace, name);
        }
    }

    static final String MISSING_RESOURCE = "error: You must provide one or more resources by argument or filename.\n"
            + "Example resource specifications include:\n"
            + "   '-f rsrc.yaml'\n"
            + "   '--filename=rsrc.json'\n"
            + "   '<resource> <name>'\n"
            + "   '<resource>'";

    private ResourceTargets() {
    }

    /** {@code deployment.apps} for Deployments, {@code pod} for Pods: the kind lowercased and its group. */
    static String kindGroup(ResourceType<?> type) {
        String kind = type.kind().toLowerCase(Locale.ROOT);
        return type.group().isEmpty() ? kind : kind + "." + type.group();
    }

    /**
     * The targets of {@code args} in the request's namespace; {@code selector} (may be null) and {@code all}
     * select every object of the given types instead of names.
     */
    static List<Target> select(KubectlContext ctx, List<String> args, String selector, boolean all) {
        if (all && selector != null && !selector.isEmpty()) {
            throw new KubectlException("error: setting 'all' parameter but found a non empty selector. ");
        }
        List<String> words = normalize(args);
        long slashed = words.stream().filter(s -> s.contains("/")).count();
        List<Target> out = new ArrayList<>();
        String ns = ctx.namespace();
        if (slashed > 0) {
            if (slashed != words.size()) {
                throw new KubectlException("error: there is no need to specify a resource type as a separate argument when "
                        + "passing arguments in resource/name form (e.g. 'kubectl get resource/<resource_name>' instead of "
                        + "'kubectl get resource resource/<resource_name>'");
            }
            List<String[]> tuples = new ArrayList<>();
            for (String w : words) {
                String[] seg = w.split("/", -1);
                if (seg.length != 2) {
                    throw new KubectlException("error: arguments in resource/name form may not have more than one slash");
                }
                if (seg[0].isEmpty() || seg[1].isEmpty() || seg[0].contains(",")) {
                    throw new KubectlException("error: arguments in resource/name form must have a single resource and name");
                }
                tuples.add(seg);
            }
            if (all || (selector != null && !selector.isEmpty())) {
                throw new KubectlException("error: selectors and the all flag cannot be used when passing resource/name arguments");
            }
            for (String[] t : tuples) {
                ResourceType<?> type = ctx.resources().resolve(t[0]);
                out.add(new Target(type, type.namespaced() ? ns : null, t[1]));
            }
            return out;
        }
        if (words.isEmpty()) {
            throw new KubectlException(MISSING_RESOURCE);
        }
        List<String> types = Arrays.asList(words.get(0).split(","));
        List<String> names = words.subList(1, words.size());
        boolean bySelector = (selector != null && !selector.isEmpty()) || (all || false);
        if (bySelector) {
            if (!names.isEmpty()) {
                throw new KubectlException("error: name cannot be provided when a selector is specified");
            }
            for (String t : types) {
                ResourceType<?> type = ctx.resources().resolve(t);
                ListOptions options = selector == null || selector.isEmpty() ? ListOptions.everything()
                        : ListOptions.labels(selector);
                for (KubeObject o : ctx.api().list(type, type.namespaced() ? ns : null, options).items()) {
                    out.add(new Target(type, o.metadata().namespace(), o.metadata().name()));
                }
            }
            return out;
        }
        if (names.isEmpty()) {
            types.forEach(t -> ctx.resources().resolve(t));
            throw new KubectlException("error: resource(s) were provided, but no name was specified");
        }
        if (types.size() > 1) {
            throw new KubectlException("error: you must specify only one resource");
        }
        ResourceType<?> type = ctx.resources().resolve(types.get(0));
        for (String name : names) {
            out.add(new Target(type, type.namespaced() ? ns : null, name));
        }
        return out;
    }

    /** {@code a,b x y} becomes {@code a/x a/y b/x b/y}, as kubectl normalizes several types with names. */
    private static List<String> normalize(List<String> args) {
        if (args.size() >= 2) {
            String[] types = args.get(0).split(",");
            if (types.length > 1) {
                List<String> out = new ArrayList<>();
                for (String t : types) {
                    for (String n : args.subList(1, args.size())) {
                        out.add(t + "/" + n);
                    }
                }
                return out;
            }
        }
        return args;
    }
}
