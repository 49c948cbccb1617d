package io.ksim.kubectl;

import com.fasterxml.jackson.databind.node.ObjectNode;
import io.ksim.api.KubeJson;
import io.ksim.api.meta.KubeObject;
import io.ksim.apiserver.ListOptions;
import io.ksim.apiserver.ResourceType;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

/**
 * kubectl's resource builder (cli-runtime's {@code resource.Builder} fed by {@code ResourceTypeOrNameArgs}): turns
 * {@code TYPE NAME...}, {@code TYPE/NAME...}, {@code TYPE1,TYPE2 NAME}, or a type with {@code -l},
 * {@code --field-selector}, {@code --all} or {@code -A} into what a command acts on, with the builder's error
 * texts. Categories ({@code all}) stand for their resources. get, describe, delete, expose and the mutating
 * commands (scale, label, annotate, patch, set, rollout) read their arguments here; where commands differ
 * upstream the difference is an option: {@link #allowEmptySelector} lets a bare type list every object (get,
 * describe) instead of asking for names, {@link #prefixMatches} serves describe's fallback for a name that is
 * not found. Names are not looked up here: a missing object is the NotFound of the command's own read, which
 * get and describe collect per object ({@link ErrorText}) while the others stop or go on as kubectl does.
 */
final class ResourceBuilder {

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

    /** One thing asked for: a type and a name, or every object of the type that the selectors match (name null). */
    record Request(ResourceType<?> type, String name) {
    }

    static final String MISSING_RESOURCE = "error: You must provide one or more resources by argument or filename.\n"
            + "Example resource specifications include:\n"
            + "   '-f rsrc.yaml'\n"
            + "   '--filename=rsrc.json'\n"
            + "   '<resource> <name>'\n"
            + "   '<resource>'";

    static final String TYPE_AS_SEPARATE_ARGUMENT = "error: there is no need to specify a resource type as a separate "
            + "argument when passing arguments in resource/name form (e.g. 'kubectl get resource/<resource_name>' "
            + "instead of 'kubectl get resource resource/<resource_name>'";

    private final KubectlContext ctx;
    private String labelSelector;
    private String fieldSelector;
    private boolean all;
    private boolean allNamespaces;
    private boolean allowEmptySelector;

    ResourceBuilder(KubectlContext ctx) {
        this.ctx = ctx;
    }

    /** {@code -l}: objects of the given types whose labels match (null or empty: none given). */
    ResourceBuilder labelSelector(String selector) {
        this.labelSelector = selector == null || selector.isEmpty() ? null : selector;
        return this;
    }

    /** {@code --field-selector} (null or empty: none given). */
    ResourceBuilder fieldSelector(String selector) {
        this.fieldSelector = selector == null || selector.isEmpty() ? null : selector;
        return this;
    }

    /** {@code --all}: every object of the given types. */
    ResourceBuilder all(boolean all) {
        this.all = all;
        return this;
    }

    /** {@code -A}: types are listed in every namespace, and names cannot be looked up. */
    ResourceBuilder allNamespaces(boolean allNamespaces) {
        this.allNamespaces = allNamespaces;
        return this;
    }

    /** A type without names or selectors selects every object of it (get, describe) instead of being an error. */
    ResourceBuilder allowEmptySelector(boolean allow) {
        this.allowEmptySelector = allow;
        return this;
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
        return new ResourceBuilder(ctx).labelSelector(selector).all(all).targets(args);
    }

    private boolean selecting() {
        return all || labelSelector != null || fieldSelector != null;
    }

    /** The namespace to read {@code type} in: none for cluster-scoped types and for lists across namespaces. */
    String namespaceOf(ResourceType<?> type) {
        return !type.namespaced() || allNamespaces ? null : ctx.namespace();
    }

    /** The list options of the selectors. */
    ListOptions listOptions() {
        return new ListOptions(labelSelector, fieldSelector);
    }

    /** What {@code args} ask for, in order, with the types resolved; nothing is read from the server yet. */
    List<Request> requests(List<String> args) {
        if (all && labelSelector != null) {
            throw new KubectlException("error: setting 'all' parameter but found a non empty selector. ");
        }
        List<String> words = normalize(args);
        long slashed = words.stream().filter(s -> s.contains("/")).count();
        List<Request> out = new ArrayList<>();
        if (slashed > 0) {
            if (slashed != words.size()) {
                throw new KubectlException(TYPE_AS_SEPARATE_ARGUMENT);
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
            if (selecting()) {
                throw new KubectlException("error: selectors and the all flag cannot be used when passing resource/name arguments");
            }
            for (String[] t : tuples) {
                out.add(new Request(ctx.resources().resolve(t[0]), t[1]));
            }
            checkNamed(out);
            return out;
        }
        if (words.isEmpty()) {
            throw new KubectlException(MISSING_RESOURCE);
        }
        List<String> names = words.subList(1, words.size());
        if (selecting() && !names.isEmpty()) {
            throw new KubectlException("error: name cannot be provided when a selector is specified");
        }
        List<ResourceType<?>> types = types(words.get(0));
        if (names.isEmpty()) {
            if (!selecting() && !allowEmptySelector) {
                throw new KubectlException("error: resource(s) were provided, but no name was specified");
            }
            types.forEach(t -> out.add(new Request(t, null)));
            return out;
        }
        // Several types with names come here only from a category; each type is asked for each name.
        for (ResourceType<?> t : types) {
            names.forEach(n -> out.add(new Request(t, n)));
        }
        checkNamed(out);
        return out;
    }

    /**
     * The objects {@code args} name, or those the selectors pick from the types they give, listed now; a
     * request that is named is not looked up.
     */
    List<Target> targets(List<String> args) {
        List<Target> out = new ArrayList<>();
        for (Request r : requests(args)) {
            if (r.name() != null) {
                out.add(new Target(r.type(), r.type().namespaced() ? ctx.namespace() : null, r.name()));
            } else {
                for (KubeObject o : list(r.type())) {
                    out.add(new Target(r.type(), o.metadata().namespace(), o.metadata().name()));
                }
            }
        }
        return out;
    }

    /** The objects of {@code type} the selectors match, in the namespace (or all of them with {@code -A}). */
    @SuppressWarnings({"unchecked", "rawtypes"})
    List<? extends KubeObject> list(ResourceType<?> type) {
        return ctx.api().list((ResourceType) type, namespaceOf(type), listOptions()).items();
    }

    /**
     * The objects of {@code type} whose names start with {@code prefix}, in the namespace: what kubectl describe
     * shows when a name it was given is not found.
     */
    List<? extends KubeObject> prefixMatches(ResourceType<?> type, String prefix) {
        return list(type).stream().filter(o -> o.metadata().name().startsWith(prefix)).toList();
    }

    /** The resources of {@code TYPE[,TYPE...]}, a category standing for its members. */
    private List<ResourceType<?>> types(String typed) {
        List<ResourceType<?>> types = new ArrayList<>();
        for (String t : typed.split(",")) {
            if (t.isEmpty()) {
                continue;
            }
            List<ResourceType<?>> category = ctx.resources().category(t.toLowerCase(Locale.ROOT));
            if (category.isEmpty()) {
                types.add(ctx.resources().resolve(t));
            } else {
                types.addAll(category);
            }
        }
        return types;
    }

    /** The builder refuses a namespaced name lookup across all namespaces. */
    private void checkNamed(List<Request> requests) {
        for (Request r : requests) {
            if (allNamespaces && r.type().namespaced()) {
                throw new KubectlException("error: a resource cannot be retrieved by name across all namespaces");
            }
        }
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
