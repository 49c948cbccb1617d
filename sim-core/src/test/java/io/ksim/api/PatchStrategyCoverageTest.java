package io.ksim.api;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.ksim.api.meta.PatchStrategy;
import java.io.IOException;
import java.lang.reflect.RecordComponent;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;

/**
 * Every upstream patchStrategy tag listed in docs/patch-strategies.md sits on the right record component with
 * the right merge key and strategy.
 */
class PatchStrategyCoverageTest {

    private static final Pattern ROW = Pattern.compile(
            "^\\| (\\w+) \\| `(\\w+)` \\| `[^`]*` \\| [^|]* \\| [^|]* \\| `@PatchStrategy(?:\\((.*)\\))?` \\|$");
    private static final Set<String> NOT_MODELED = Set.of("ComponentStatus");
    private static final List<String> PACKAGES = List.of("io.ksim.api.core.", "io.ksim.api.apps.", "io.ksim.api.batch.",
            "io.ksim.api.policy.", "io.ksim.api.meta.", "io.ksim.api.rbac.", "io.ksim.api.discovery.",
            "io.ksim.api.storage.");

    @Test
    void annotationsMatchUpstreamTags() throws IOException {
        List<String> wrong = new ArrayList<>();
        int checked = 0;
        for (String line : Files.readAllLines(Path.of("../docs/patch-strategies.md"))) {
            Matcher m = ROW.matcher(line);
            if (!m.matches() || NOT_MODELED.contains(m.group(1))) {
                continue;
            }
            String type = m.group(1).equals("EphemeralContainerCommon") ? "EphemeralContainer" : m.group(1);
            String args = m.group(3) == null ? "" : m.group(3);
            Class<?> record = find(type);
            RecordComponent component = null;
            for (RecordComponent c : record.getRecordComponents()) {
                if (c.getName().equals(m.group(2))) {
                    component = c;
                }
            }
            PatchStrategy ann = component == null ? null : component.getAnnotation(PatchStrategy.class);
            String expectedKey = value(args, "mergeKey");
            if (ann == null) {
                wrong.add(type + "." + m.group(2) + " has no @PatchStrategy");
            } else if (!ann.mergeKey().equals(expectedKey == null ? "" : expectedKey)
                    || ann.retainKeys() != args.contains("retainKeys = true")
                    || ann.replace() != args.contains("replace = true")) {
                wrong.add(type + "." + m.group(2) + " has " + ann + ", upstream " + args);
            }
            checked++;
        }
        assertEquals(List.of(), wrong);
        assertTrue(checked >= 40, "rows checked: " + checked);
    }

    private static String value(String args, String name) {
        Matcher m = Pattern.compile(name + " = \"([^\"]*)\"").matcher(args);
        return m.find() ? m.group(1) : null;
    }

    private static Class<?> find(String simpleName) {
        for (String pkg : PACKAGES) {
            for (String candidate : List.of(simpleName, outer(simpleName) + "$" + simpleName)) {
                try {
                    return Class.forName(pkg + candidate);
                } catch (ClassNotFoundException e) {
                    // try the next place
                }
            }
        }
        throw new AssertionError("no record " + simpleName);
    }

    /** Nested status/spec records live in their kind's class: DeploymentSpec in Deployment. */
    private static String outer(String nested) {
        for (String suffix : List.of("Spec", "Status", "Condition", "Strategy")) {
            if (nested.endsWith(suffix)) {
                return nested.substring(0, nested.length() - suffix.length());
            }
        }
        return nested;
    }
}
