package io.ksim.repl;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.ksim.cluster.Cluster;
import io.ksim.network.proxy.KubeProxy;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import org.jline.reader.Candidate;
import org.jline.reader.ParsedLine;
import org.jline.reader.impl.DefaultParser;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

class ReplCompleterTest {

    private static Cluster cluster;
    private static ReplCompleter completer;

    @BeforeAll
    static void start() {
        cluster = ReplSessionTest.cluster(KubeProxy.Mode.IPTABLES);
        cluster.advance(Duration.ofSeconds(10));
        completer = new ReplCompleter(cluster.api());
    }

    private static List<String> complete(String line) {
        int lastSpace = line.lastIndexOf(' ');
        List<String> before = lastSpace < 0 ? List.of() : List.of(line.substring(0, lastSpace).trim().split(" +"));
        return completer.candidates(before, line.substring(lastSpace + 1));
    }

    @Test
    void firstWordOffersKubectlCommandsAndSimVerbs() {
        List<String> all = complete("");
        for (String verb : List.of("advance", "fail", "recover", "explain", "iptables-save", "ipvsadm", "trace", "help",
                "exit", "quit", "kubectl", "version")) {
            assertTrue(all.contains(verb), verb + " in " + all);
        }
        assertEquals(List.of("iptables-save", "ipvsadm"), complete("ip"));
        assertEquals(List.of("version"), complete("kubectl ver"));
        assertEquals(List.of(), complete("kubectl adv"), "sim verbs are not kubectl's");
    }

    @Test
    void kindsAfterCommandsThatTakeAType() {
        assertEquals(List.of("po", "pod", "poddisruptionbudget", "poddisruptionbudgets", "pods", "podtemplate",
                "podtemplates"), complete("get po").stream().filter(k -> !k.startsWith("pc")).toList());
        assertTrue(complete("kubectl describe deploy").contains("deployments"));
        assertTrue(complete("get ").contains("svc"));
        assertTrue(complete("get ").contains("nodes"));
        assertTrue(complete("rollout status ").contains("deployment"));
        assertTrue(complete("explain ").contains("pod"));
    }

    @Test
    void objectNamesFromTheApiServerForTheKindTyped() {
        assertEquals(List.of("big", "web-6998c6b948-4b2vh", "web-6998c6b948-4dxj2", "web-6998c6b948-skdbh"),
                complete("get pods "));
        assertEquals(List.of("web-6998c6b948-4b2vh", "web-6998c6b948-4dxj2", "web-6998c6b948-skdbh"),
                complete("explain pod w"));
        assertEquals(List.of("web"), complete("kubectl describe deploy "));
        assertEquals(List.of("deploy/web"), complete("get deploy/"));
        assertEquals(List.of("coredns"), complete("get deployments -n kube-system "));
        assertTrue(complete("get pods -n kube-system kube-proxy").size() == 3, complete("get pods -n kube-system kube-proxy").toString());
        assertEquals(List.of("kube-node-lease", "kube-public", "kube-system"), complete("get pods -n kube"));
        assertEquals(List.of("node-1", "node-2", "node-3"), complete("get nodes -n kube-system "), "cluster-scoped");
    }

    @Test
    void nodeNamesAfterTheNodeVerbs() {
        assertEquals(List.of("node-1", "node-2", "node-3"), complete("fail "));
        assertEquals(List.of("node-2"), complete("recover node-2"));
        assertEquals(List.of("node-1", "node-2", "node-3"), complete("ipvsadm "));
        assertEquals(List.of(), complete("fail node-1 "), "one node only");
        assertEquals(List.of("1s", "10s", "1m", "10m"), complete("advance 1"));
    }

    @Test
    void flagsOfTheCommandTyped() {
        assertEquals(List.of("--namespace"), complete("kubectl version --n"), "inherited from the root command");
        assertEquals(List.of("--namespace", "-n"), complete("explain pod big -"));
        assertEquals(List.of("-Ln"), complete("ipvsadm node-1 -"));
        assertEquals(List.of("--table", "-t"), complete("iptables-save node-1 -"));
        assertEquals(List.of("filter", "nat"), complete("iptables-save node-1 -t "));
        assertEquals(List.of("node-1", "node-2", "node-3"), complete("iptables-save -t nat "));
        assertEquals(List.of("web"), complete("endpoint-bytes w"));
        assertEquals(List.of("kube-dns"), complete("endpoint-bytes -n kube-system k"));
        assertEquals(List.of("--namespace", "--nodes"), complete("endpoint-bytes web --n"));
        assertEquals(List.of(), complete("fail -"));
    }

    @Test
    void jlineAdapterCompletesTheWordUnderTheCursor() {
        DefaultParser parser = new DefaultParser();
        ParsedLine line = parser.parse("get pods -n kube-system core", "get pods -n kube-system core".length());
        List<Candidate> out = new ArrayList<>();
        completer.complete(null, line, out);
        List<String> values = out.stream().map(Candidate::value).toList();
        assertEquals(2, values.size(), values.toString());
        assertTrue(values.stream().allMatch(v -> v.startsWith("coredns-")), values.toString());
    }
}
