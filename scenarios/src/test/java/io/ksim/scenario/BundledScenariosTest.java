package io.ksim.scenario;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.ByteArrayOutputStream;
import java.io.File;
import java.io.PrintStream;
import java.net.URISyntaxException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.List;
import java.util.Objects;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;
import org.junit.jupiter.api.Test;

/** Every bundled scenario parses and runs with every expectation passing. */
class BundledScenariosTest {

    static List<String> names() {
        return Bundled.NAMES;
    }

    @Test
    void theListNamesEveryBundledScenarioFile() throws URISyntaxException {
        File dir = Path.of(Objects.requireNonNull(Bundled.class.getClassLoader().getResource("scenarios")).toURI())
                .toFile();
        List<String> files = Arrays.stream(Objects.requireNonNull(dir.list())).filter(f -> f.endsWith(".yaml"))
                .filter(f -> {
                    String text;
                    try {
                        text = java.nio.file.Files.readString(dir.toPath().resolve(f));
                    } catch (java.io.IOException e) {
                        throw new java.io.UncheckedIOException(e);
                    }
                    return text.contains("\nsteps:");
                })
                .map(f -> f.substring(0, f.length() - ".yaml".length())).sorted().toList();
        assertEquals(Bundled.NAMES.stream().sorted().toList(), files);
    }

    @ParameterizedTest
    @MethodSource("names")
    void runsWithEveryExpectationPassing(String name) {
        Scenario s = Bundled.load(name);
        assertNotNull(s, name);
        ByteArrayOutputStream bytes = new ByteArrayOutputStream();
        ScenarioRunner.Result r = ScenarioRunner.run(s, ScenarioRunner.Options.defaults(),
                new PrintStream(bytes, true, StandardCharsets.UTF_8));
        String out = bytes.toString(StandardCharsets.UTF_8);
        if (System.getProperty("ksim.scenario.dump") != null) {
            System.out.println(out);
        }
        assertTrue(r.ok(), out.lines().filter(l -> l.startsWith("FAIL")).reduce("", (a, b) -> a + b + "\n"));
        assertTrue(r.passed() > 0);
        assertTrue(!out.contains("FAIL "), out);
    }
}
