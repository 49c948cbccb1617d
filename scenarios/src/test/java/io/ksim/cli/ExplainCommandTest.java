package io.ksim.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.PrintStream;
import java.io.PrintWriter;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import picocli.CommandLine;

/**
 * {@code ksim explain} through the {@code ksim} entry point: a bundled scenario's pods explained as the REPL
 * explains them, prefixes, the table of decisions, the errors and their exit status, and the same seed
 * printing the same bytes.
 */
class ExplainCommandTest {

    @TempDir
    Path dir;

    private record Run(int exit, String out, String err) {
    }

    private static Run ksim(String... args) {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        ByteArrayOutputStream err = new ByteArrayOutputStream();
        PrintStream o = new PrintStream(out, true, StandardCharsets.UTF_8);
        PrintStream e = new PrintStream(err, true, StandardCharsets.UTF_8);
        // ksim's command line as main builds it, with the explain subcommand printing into memory.
        CommandLine withStreams = new CommandLine(new Ksim(), new CommandLine.IFactory() {
            @Override
            @SuppressWarnings("unchecked")
            public <K> K create(Class<K> cls) throws Exception {
                return cls == ExplainCommand.class ? (K) new ExplainCommand(o, e) : CommandLine.defaultFactory().create(cls);
            }
        });
        withStreams.setOut(new PrintWriter(o, true));
        withStreams.setErr(new PrintWriter(e, true));
        int exit = withStreams.execute(args);
        return new Run(exit, out.toString(StandardCharsets.UTF_8), err.toString(StandardCharsets.UTF_8));
    }

    @Test
    void explainsEachPodAsTheReplDoesAPrefixNamingOnePod() {
        Run r = ksim("explain", "taints-and-affinity", "nvm", "kube-system/kube-proxy-fvl");
        assertEquals(0, r.exit(), r.err());
        assertEquals("", r.err());
        List<String> lines = r.out().lines().toList();
        assertEquals("Pod default/nvme, attempt 3 at 81.800s: unschedulable", lines.get(0), r.out());
        assertEquals("  0/3 nodes are available: 1 node(s) had untolerated taint {dedicated: gpu}, 2 node(s) didn't "
                + "match Pod's node affinity/selector. preemption: 0/3 nodes are available: 3 Preemption is not "
                + "helpful for scheduling.", lines.get(1));
        assertTrue(lines.contains("  node-3: TaintToleration: node(s) had untolerated taint {dedicated: gpu}"), r.out());
        assertTrue(lines.contains("  node-1: NodeAffinity: node(s) didn't match Pod's node affinity/selector"), r.out());
        // The prefix names the kube-proxy pod of node-1; the two explanations are a blank line apart.
        int second = lines.indexOf("Pod kube-system/kube-proxy-fvlfq, attempt 1 at 0.000s: scheduled to node-1");
        assertTrue(second > 0, r.out());
        assertEquals("", lines.get(second - 1));
        assertEquals("  only feasible node of 1 examined", lines.get(second + 1));
    }

    @Test
    void aPodThatNamesNoPodOrSeveralExitsTwoAndExplainsNothing() {
        Run r = ksim("explain", "taints-and-affinity", "nope", "web", "nvme", "-n", "default");
        assertEquals(2, r.exit());
        assertEquals("", r.out(), "nothing is explained when a POD is wrong");
        List<String> errors = r.err().lines().toList();
        assertEquals(2, errors.size(), r.err());
        assertTrue(errors.get(0).startsWith("ksim explain: no pod in namespace default is named \"nope\" or starts "
                + "with it (pods: cache-"), errors.get(0));
        assertTrue(errors.get(0).contains(", nvme, web-"), errors.get(0));
        assertTrue(errors.get(1).matches("ksim explain: \"web\" starts the names of 6 pods in namespace default: "
                + "web-[a-z0-9-]+(, web-[a-z0-9-]+){5} \\(give more of the name\\)"), errors.get(1));
        Run empty = ksim("explain", "-n", "nowhere", "taints-and-affinity", "x");
        assertEquals(2, empty.exit());
        assertEquals("ksim explain: no pod in namespace nowhere is named \"x\" or starts with it (namespace nowhere "
                + "has no pods)\n", empty.err());
        Run unknown = ksim("explain", "no-such-scenario");
        assertEquals(2, unknown.exit());
        assertTrue(unknown.err().startsWith("no-such-scenario: no such file, and no bundled scenario of that name "
                + "(bundled: rolling-update, "), unknown.err());
        assertEquals("", unknown.out());
    }

    @Test
    void withoutPodsATableOfEveryDecisionSortedAndTheSameBytesForTheSameSeed() {
        Run a = ksim("explain", "taints-and-affinity", "--seed", "5");
        Run b = ksim("explain", "--seed", "5", "taints-and-affinity");
        assertEquals(0, a.exit(), a.err());
        assertEquals(a.out(), b.out());
        List<String> lines = a.out().lines().toList();
        assertTrue(lines.get(0).matches("POD +NODE +DECISION"), lines.get(0));
        List<String> pods = lines.stream().skip(1).map(l -> l.substring(0, l.indexOf(' '))).toList();
        assertEquals(pods.stream().sorted().toList(), pods, "sorted by namespace and name");
        assertTrue(lines.stream().anyMatch(l -> l.matches("default/nvme +unschedulable +0/3 nodes are available: 1 "
                + "node\\(s\\) had untolerated taint \\{dedicated: gpu\\}, 2 node\\(s\\) didn't match Pod's node "
                + "affinity/selector\\. preemption: .*")), a.out());
        assertTrue(lines.stream().anyMatch(l -> l.matches("kube-system/coredns-[a-z0-9-]+ +node-\\d +.*")), a.out());
        assertTrue(lines.stream().skip(1).allMatch(l -> l.matches("\\S+/\\S+ +(node-\\d|unschedulable) +\\S.*")), a.out());
        Run other = ksim("explain", "taints-and-affinity", "--seed", "6");
        assertNotEquals(a.out(), other.out(), "another seed, other pod names");
    }

    @Test
    void aFailingExpectationDoesNotStopTheExplanation() throws IOException {
        Path file = dir.resolve("fails.yaml");
        Files.writeString(file, """
                name: fails
                seed: 3
                cluster:
                  nodes: [{count: 2}]
                steps:
                  - kubectl: run solo --image=nginx:1.25
                  - advance: 5s
                  - expect: {pods: {selector: run=solo, count: 2}}
                """);
        Run r = ksim("explain", file.toString(), "solo");
        assertEquals(0, r.exit(), r.err());
        assertTrue(r.out().startsWith("Pod default/solo, attempt 1 at "), r.out());
        assertEquals("ksim explain: 1 of 1 expectations of fails failed (ksim run " + file + " shows them); "
                + "explaining the cluster as it ended\n", r.err());
        Run help = ksim("explain", "--help");
        assertEquals(0, help.exit());
        assertTrue(help.out().replaceAll("\\s+", " ").contains("An expectation that fails in the scenario does not stop "
                + "the explanation"), help.out());
    }
}
