package io.ksim.kubectl;

import com.fasterxml.jackson.databind.JsonNode;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import picocli.CommandLine.Command;

/**
 * {@code kubectl label}: {@code pod/x labeled}, {@code unlabeled} (a key removed without --overwrite),
 * {@code not labeled} (nothing changed); {@code label "k" not found.} for a key to remove that is absent.
 */
@Command(name = "label")
final class LabelCommand extends MetadataMapCommand {

    LabelCommand(KubectlContext ctx) {
        super(ctx);
    }

    @Override
    String pairType() {
        return "label";
    }

    @Override
    String field() {
        return "labels";
    }

    @Override
    void parsePairs(List<String> pairs) {
        for (String spec : pairs) {
            if (spec.contains("=")) {
                String[] parts = spec.split("=", -1);
                if (parts.length != 2) {
                    throw new KubectlException("error: invalid label spec: " + spec);
                }
                List<String> errs = labelValueErrors(parts[1]);
                if (!errs.isEmpty()) {
                    throw new KubectlException("error: invalid label value: \"" + spec + "\": " + String.join(";", errs));
                }
                set.put(parts[0], parts[1]);
            } else if (spec.endsWith("-")) {
                remove.add(spec.substring(0, spec.length() - 1));
            } else {
                throw new KubectlException("error: unknown label spec: " + spec);
            }
        }
        for (String r : remove) {
            if (set.containsKey(r)) {
                throw new KubectlException("error: can not both modify and remove a label in the same command");
            }
        }
    }

    @Override
    void beforeChange(Map<String, String> current) {
        for (String r : remove) {
            if (!current.containsKey(r)) {
                ctx.out().println("label \"" + r + "\" not found.");
            }
        }
    }

    @Override
    String overwriteError(Map<String, String> current) {
        List<String> errs = new ArrayList<>();
        set.forEach((k, v) -> {
            String now = current.get(k);
            if (now != null && !now.equals(v)) {
                errs.add("'" + k + "' already has a value (" + now + "), and --overwrite is false");
            }
        });
        if (errs.isEmpty()) {
            return null;
        }
        return errs.size() == 1 ? "error: " + errs.get(0) : "error: [" + String.join(", ", errs) + "]";
    }

    @Override
    String result(JsonNode before, JsonNode after) {
        if (before.equals(after)) {
            return "not labeled";
        }
        // kubectl compares the lengths of the two JSON encodings: shorter without --overwrite is "unlabeled".
        if (!overwrite && after.toString().length() < before.toString().length()) {
            return "unlabeled";
        }
        return "labeled";
    }
}
