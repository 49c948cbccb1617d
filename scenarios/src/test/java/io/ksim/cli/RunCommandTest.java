package io.ksim.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import picocli.CommandLine;

/** {@code ksim run}: exit codes, --quiet, --trace=json, and the same seed printing the same bytes. */
class RunCommandTest {

    private static final Pattern TRACE_LINE = Pattern.compile("^\\s*\\d+\\.\\d{3}s .*");

    @TempDir
    Path dir;

    private record Run(int exit, String out, String err) {
    }

    private static Run run(String... args) {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        ByteArrayOutputStream err = new ByteArrayOutputStream();
        int exit = new CommandLine(new RunCommand(new PrintStream(out, true, StandardCharsets.UTF_8),
                new PrintStream(err, true, StandardCharsets.UTF_8))).execute(args);
        return new Run(exit, out.toString(StandardCharsets.UTF_8), err.toString(StandardCharsets.UTF_8));
    }

    private Path file(String name, String text) throws IOException {
        Path p = dir.resolve(name);
        Files.writeString(p, text);
        return p;
    }

    private static final String SMALL = """
            name: small
            seed: 3
            cluster:
              nodes: [{count: 2}]
            steps:
              - note: Two pods.
              - apply: |
                  apiVersion: apps/v1
                  kind: Deployment
                  metadata: {name: web}
                  spec:
                    replicas: 2
                    selector: {matchLabels: {app: web}}
                    template:
                      metadata: {labels: {app: web}}
                      spec:
                        containers: [{name: nginx, image: "nginx:1.25"}]
              - waitFor: {condition: "pods ready app=web 2", timeout: 1m}
              - expect: {pods: {selector: app=web, phase: Running, count: %d}}
            """;

    @Test
    void exitZeroWhenEveryExpectationPassesOneOtherwise() throws IOException {
        Run ok = run(file("ok.yaml", SMALL.formatted(2)).toString());
        assertEquals(0, ok.exit(), ok.out() + ok.err());
        assertTrue(ok.out().contains("PASS " + dir.resolve("ok.yaml") + " steps[3] (line 19) expect pods selector=app=web "
                + "phase=Running: 2 ["), ok.out());
        Path bad = file("bad.yaml", SMALL.formatted(3));
        Run failed = run(bad.toString());
        assertEquals(1, failed.exit());
        assertTrue(failed.out().contains("FAIL " + bad + " steps[3] (line 19) expect pods selector=app=web "
                + "phase=Running: expected 3, got 2 ["), failed.out());
        assertTrue(failed.out().contains("=== small: 1 passed, 1 failed ==="), failed.out());
    }

    @Test
    void aMalformedFileExitsTwoBeforeAnythingRuns() throws IOException {
        Path good = file("good.yaml", SMALL.formatted(2));
        Path bad = file("bad.yaml", "name: bad\nsteps:\n  - advance: 3x\n");
        Run r = run(good.toString(), bad.toString());
        assertEquals(2, r.exit());
        assertEquals("", r.out(), "nothing ran");
        assertEquals(bad + ":3:14: steps[0].advance: invalid duration \"3x\" (want e.g. 30s, 2m, 1h30m)\n", r.err());
        Run unknown = run("no-such-scenario");
        assertEquals(2, unknown.exit());
        assertTrue(unknown.err().startsWith("no-such-scenario: no such file, and no bundled scenario of that name"),
                unknown.err());
        assertEquals(2, run("--trace=xml", good.toString()).exit());
    }

    @Test
    void quietPrintsOnlyNotesShowsAndResults() throws IOException {
        Path p = file("q.yaml", SMALL.formatted(2).replace("  - note: Two pods.\n",
                "  - note: Two pods.\n  - show: version --client\n  - kubectl: version --client\n"));
        Run r = run("--quiet", p.toString());
        assertEquals(0, r.exit(), r.out());
        List<String> lines = r.out().lines().toList();
        assertTrue(lines.stream().noneMatch(l -> TRACE_LINE.matcher(l).matches()), r.out());
        assertTrue(lines.contains("# Two pods."));
        assertEquals(1, lines.stream().filter(l -> l.equals("$ kubectl version --client")).count(),
                "the show step, not the kubectl step: " + r.out());
        assertFalse(r.out().contains("kubectl apply"), r.out());
        Run loud = run(p.toString());
        assertTrue(loud.out().lines().anyMatch(l -> TRACE_LINE.matcher(l).matches()));
        assertTrue(loud.out().contains("$ kubectl apply -f -\ndeployment.apps/web created\n"), loud.out());
    }

    @Test
    void jsonTracePrintsOneObjectPerLine() throws IOException {
        Run r = run("--trace=json", file("j.yaml", SMALL.formatted(2)).toString());
        assertEquals(0, r.exit());
        ObjectMapper m = new ObjectMapper();
        int traces = 0;
        for (String line : r.out().lines().toList()) {
            JsonNode n = m.readTree(line);
            if (n.path("type").asText().equals("trace")) {
                traces++;
                assertTrue(n.path("time").asText().matches("\\d+\\.\\d{3}s"), line);
                assertTrue(n.has("component") && n.has("kind") && n.has("object") && n.has("message"), line);
            }
        }
        assertTrue(traces > 10);
        assertTrue(r.out().contains("\"type\":\"result\""));
    }

    @Test
    void ksimServesRun() {
        assertTrue(new CommandLine(new Ksim()).getSubcommands().containsKey("run"));
    }

    @Test
    void theSameSeedPrintsTheSameBytes() {
        Run a = run("rolling-update", "--seed", "7");
        Run b = run("rolling-update", "--seed", "7");
        assertEquals(0, a.exit(), a.out());
        assertEquals(a.out(), b.out());
        Run json1 = run("--trace=json", "dns");
        Run json2 = run("--trace=json", "dns");
        assertEquals(json1.out(), json2.out());
        Run other = run("rolling-update", "--seed", "8");
        assertNotEquals(a.out(), other.out(), "another seed, other pod names");
    }
}
