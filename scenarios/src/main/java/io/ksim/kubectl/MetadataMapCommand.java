package io.ksim.kubectl;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.ksim.apiserver.ApiException;
import io.ksim.apiserver.PatchType;
import io.ksim.apiserver.patch.JsonMergePatch;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.concurrent.Callable;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

/**
 * What {@code kubectl label} and {@code kubectl annotate} share: {@code TYPE NAME... KEY=VAL... KEY-...}
 * arguments (every resource before the first pair), {@code --overwrite}, {@code -l}, {@code --all},
 * {@code --resource-version} and {@code --list}; each object is changed by a JSON merge patch of its metadata
 * computed from its current state, as kubectl sends it.
 */
abstract class MetadataMapCommand implements Callable<Integer> {

    final KubectlContext ctx;

    @Option(names = "--overwrite")
    boolean overwrite;

    @Option(names = {"-l", "--selector"})
    String selector;

    @Option(names = "--all")
    boolean all;

    @Option(names = "--resource-version")
    String resourceVersion;

    @Option(names = "--list")
    boolean list;

    @Parameters
    List<String> args = new ArrayList<>();

    /** The pairs to set, in the order given. */
    final Map<String, String> set = new LinkedHashMap<>();
    /** The keys to remove ({@code key-}). */
    final List<String> remove = new ArrayList<>();

    MetadataMapCommand(KubectlContext ctx) {
        this.ctx = ctx;
    }

    /** "label" or "annotation". */
    abstract String pairType();

    /** "labels" or "annotations": the metadata field. */
    abstract String field();

    /** Reads the pair arguments into {@link #set} and {@link #remove}, with the command's own errors. */
    abstract void parsePairs(List<String> pairs);

    /** The error for keys that would change without {@code --overwrite}, or null. */
    abstract String overwriteError(Map<String, String> current);

    /** The word after the object's name: labeled, unlabeled, not labeled, annotated. */
    abstract String result(JsonNode before, JsonNode after);

    /** Prints what the command prints before changing an object ({@code label "x" not found.}). */
    void beforeChange(Map<String, String> current) {
    }

    @Override
    public Integer call() {
        ResourcesAndPairs split = ResourcesAndPairs.split(args, pairType());
        List<String> resources = split.resources();
        List<String> pairs = split.pairs();
        parsePairs(pairs);
        if (all && selector != null && !selector.isEmpty()) {
            throw new KubectlException("error: cannot set --all and --selector at the same time");
        }
        if (resources.isEmpty()) {
            throw new KubectlException("error: one or more resources must be specified as <resource> <name> or <resource>/<name>");
        }
        if (set.isEmpty() && remove.isEmpty() && !list) {
            throw new KubectlException("error: at least one " + pairType() + " update is required");
        }
        List<ResourceBuilder.Target> targets = ResourceBuilder.select(ctx, resources, selector, all);
        boolean one = targets.size() == 1 && (selector == null || selector.isEmpty()) && !all
                && (resources.size() == 1 || resources.size() == 2 && !resources.get(1).contains("/"));
        if (!one && resourceVersion != null && !resourceVersion.isEmpty()) {
            throw new KubectlException("error: --resource-version may only be used with a single resource");
        }
        ErrorText errors = new ErrorText();
        for (ResourceBuilder.Target t : targets) {
            try {
                apply(t, one);
            } catch (ApiException | KubectlException e) {
                errors.add(e);
            }
        }
        errors.throwIfAny();
        return 0;
    }

    private void apply(ResourceBuilder.Target t, boolean one) {
        ObjectNode before = t.read(ctx);
        ObjectNode metaBefore = (ObjectNode) before.get("metadata");
        if (resourceVersion != null && !resourceVersion.isEmpty()) {
            metaBefore.remove("resourceVersion");
        }
        Map<String, String> current = map(metaBefore.get(field()));
        ObjectNode after = before.deepCopy();
        if (!list) {
            beforeChange(current);
        }
        String refused = overwrite ? null : overwriteError(current);
        if (refused != null) {
            throw new KubectlException(refused);
        }
        Map<String, String> changed = new TreeMap<>(current);
        changed.putAll(set);
        remove.forEach(changed::remove);
        ObjectNode metaAfter = (ObjectNode) after.get("metadata");
        if (changed.isEmpty()) {
            metaAfter.remove(field());
        } else {
            ObjectNode m = metaAfter.putObject(field());
            changed.forEach(m::put);
        }
        if (resourceVersion != null && !resourceVersion.isEmpty()) {
            metaAfter.put("resourceVersion", resourceVersion);
        }
        if (list) {
            if (!one) {
                ctx.out().println("Listing " + field() + " for " + t.type().kind() + "." + t.type().group() + "/" + t.name() + ":");
            }
            changed.forEach((k, v) -> ctx.out().println((one ? "" : " ") + k + "=" + v));
            return;
        }
        ObjectNode patch = JsonMergePatch.createMergePatch(before, after);
        ctx.api().patch(t.type(), t.namespace(), t.name(), PatchType.MERGE, patch.toString());
        ctx.out().println(t.display() + " " + result(before, after));
    }

    static Map<String, String> map(JsonNode node) {
        Map<String, String> out = new TreeMap<>();
        if (node != null && node.isObject()) {
            for (Iterator<Map.Entry<String, JsonNode>> it = node.fields(); it.hasNext(); ) {
                Map.Entry<String, JsonNode> e = it.next();
                out.put(e.getKey(), e.getValue().asText());
            }
        }
        return out;
    }

    /** apimachinery's IsValidLabelValue messages, joined by {@code sep}; empty when valid. */
    static List<String> labelValueErrors(String value) {
        List<String> errs = new ArrayList<>();
        if (value.length() > 63) {
            errs.add("must be no more than 63 characters");
        }
        if (!value.isEmpty() && !value.matches("(([A-Za-z0-9][-A-Za-z0-9_.]*)?[A-Za-z0-9])?")) {
            errs.add("a valid label must be an empty string or consist of alphanumeric characters, '-', '_' or '.', "
                    + "and must start and end with an alphanumeric character (e.g. 'MyValue',  or 'my_value',  or '12345', "
                    + "regex used for validation is '(([A-Za-z0-9][-A-Za-z0-9_.]*)?[A-Za-z0-9])?')");
        }
        return errs;
    }
}
