package io.ksim.kubectl;

import static org.junit.jupiter.api.Assertions.assertEquals;

import io.ksim.cluster.Cluster;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.DynamicTest;
import org.junit.jupiter.api.TestFactory;

/**
 * The client-side texts of {@code create}, {@code run}, {@code apply}, {@code delete} and {@code replace},
 * compared with what kubectl 1.32 printed for the same command lines without a server
 * ({@code kubectl/create-client-side.txt}: objects built with {@code --dry-run=client -o yaml|json},
 * flag and argument errors). Each block is {@code $ kubectl ...}, {@code # exit N}, then the command's
 * standard output and standard error.
 */
class KubectlCreateGoldenTest {

    private record Golden(String command, int exit, String out, String err) {
    }

    @TestFactory
    Stream<DynamicTest> clientSideTextsAreKubectls() throws IOException {
        Cluster cluster = Cluster.builder().seed(1).nodes(1).build();
        Kubectl kubectl = new Kubectl(cluster);
        return load().stream().map(g -> DynamicTest.dynamicTest(g.command(), () -> {
            KubectlResult r = kubectl.run(g.command());
            assertEquals(g.out(), r.out(), "stdout of " + g.command());
            assertEquals(g.err(), r.err(), "stderr of " + g.command());
            assertEquals(g.exit(), r.exitCode(), "exit status of " + g.command());
        }));
    }

    private static List<Golden> load() throws IOException {
        String text;
        try (InputStream in = KubectlCreateGoldenTest.class.getResourceAsStream("/kubectl/create-client-side.txt")) {
            text = new String(in.readAllBytes(), StandardCharsets.UTF_8);
        }
        List<Golden> out = new ArrayList<>();
        String command = null;
        int exit = 0;
        StringBuilder stdout = new StringBuilder();
        StringBuilder stderr = new StringBuilder();
        StringBuilder current = null;
        for (String line : text.split("\n", -1)) {
            if (line.startsWith("$ kubectl ")) {
                if (command != null) {
                    out.add(new Golden(command, exit, stdout.toString(), stderr.toString()));
                }
                command = line.substring("$ kubectl ".length());
                stdout.setLength(0);
                stderr.setLength(0);
                current = null;
            } else if (line.startsWith("# exit ")) {
                exit = Integer.parseInt(line.substring("# exit ".length()));
            } else if (line.equals("# stdout")) {
                current = stdout;
            } else if (line.equals("# stderr")) {
                current = stderr;
            } else if (current != null) {
                current.append(line).append('\n');
            }
        }
        if (command != null) {
            // The file ends with a newline: the last split element is empty and added one newline too many.
            StringBuilder last = stderr.length() > 0 ? stderr : stdout;
            last.setLength(Math.max(0, last.length() - 1));
            out.add(new Golden(command, exit, stdout.toString(), stderr.toString()));
        }
        return out;
    }
}
