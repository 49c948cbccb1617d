package io.ksim.kubectl;

import com.fasterxml.jackson.databind.JsonNode;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import picocli.CommandLine.Command;

/** {@code kubectl annotate}: {@code pod/x annotated} for every object it patched, changed or not. */
@Command(name = "annotate")
final class AnnotateCommand extends MetadataMapCommand {

    private static final String CHANGE_CAUSE = "kubernetes.io/change-cause";

    AnnotateCommand(KubectlContext ctx) {
        super(ctx);
    }

    @Override
    String pairType() {
        return "annotation";
    }

    @Override
    String field() {
        return "annotations";
    }

    @Override
    void parsePairs(List<String> pairs) {
        List<String> invalid = new ArrayList<>();
        for (String p : pairs) {
            if (p.contains("=") && p.charAt(0) != '=') {
                String[] parts = p.split("=", 2);
                set.put(parts[0], parts[1]);
            } else if (p.endsWith("-") && !p.equals("-")) {
                remove.add(p.substring(0, p.length() - 1));
            } else {
                invalid.add(p);
            }
        }
        if (!invalid.isEmpty()) {
            throw new KubectlException("error: invalid annotation format: " + String.join(", ", invalid));
        }
        List<String> both = remove.stream().filter(set::containsKey).toList();
        if (!both.isEmpty()) {
            throw new KubectlException("error: can not both modify and remove the following annotation(s) in the same "
                    + "command: " + String.join(", ", both));
        }
    }

    @Override
    String overwriteError(Map<String, String> current) {
        List<String> found = new ArrayList<>();
        set.forEach((k, v) -> {
            String now = current.get(k);
            if (!k.equals(CHANGE_CAUSE) && now != null && !now.equals(v)) {
                found.add("'" + k + "' already has a value (" + now + ")");
            }
        });
        return found.isEmpty() ? null
                : "error: --overwrite is false but found the following declared annotation(s): " + String.join("; ", found);
    }

    @Override
    String result(JsonNode before, JsonNode after) {
        return "annotated";
    }
}
