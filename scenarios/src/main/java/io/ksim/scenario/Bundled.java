package io.ksim.scenario;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;

/**
 * The scenarios ksim ships, under {@code scenarios/} on the class path, and the files they apply. {@code ksim run
 * rolling-update} runs the bundled {@code rolling-update.yaml}.
 */
public final class Bundled {

    /** The bundled scenarios, by name, in the order the README lists them. */
    public static final List<String> NAMES = List.of("rolling-update", "node-failure", "statefulset", "dns",
            "kubectl-basics", "rollback", "canary", "blue-green",
            "rate-control", "services", "taints-and-affinity",
            "iptables-vs-ipvs", "probes", "daemonset", "jobs",
            "quota-and-limits", "rbac", "labels-and-selectors", "endpoints-vs-endpointslices");

    private static final String ROOT = "scenarios/";

    private Bundled() {
    }

    /** The bundled scenario {@code name}, parsed; null when there is none of that name. */
    public static Scenario load(String name) {
        String text = resource(name + ".yaml");
        return text == null ? null : ScenarioParser.parse(name + ".yaml", null, text);
    }

    /** A file next to a scenario: in {@code directory}, or among the bundled files when it is null. */
    static String readRelative(Path directory, String path) {
        if (directory == null) {
            return resource(path);
        }
        Path p = directory.resolve(path);
        try {
            return Files.isRegularFile(p) ? Files.readString(p) : null;
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private static String resource(String path) {
        if (path.contains("..")) {
            return null;
        }
        try (InputStream in = Bundled.class.getClassLoader().getResourceAsStream(ROOT + path)) {
            return in == null ? null : new String(in.readAllBytes(), StandardCharsets.UTF_8);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
