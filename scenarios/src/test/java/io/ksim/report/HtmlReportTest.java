package io.ksim.report;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.ksim.cluster.Cluster;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;

/** The report's structure: a lane per node, a bar per bound pod on its node's lane, markers, legend, tables. */
class HtmlReportTest {

    static final String WEB = """
            apiVersion: apps/v1
            kind: Deployment
            metadata:
              name: web
            spec:
              replicas: 3
              selector:
                matchLabels: {app: web}
              template:
                metadata:
                  labels: {app: web}
                spec:
                  containers:
                  - name: nginx
                    image: nginx:1.25
                  tolerations:
                  - {key: node.kubernetes.io/unreachable, operator: Exists, effect: NoExecute, tolerationSeconds: 10}
                  - {key: node.kubernetes.io/not-ready, operator: Exists, effect: NoExecute, tolerationSeconds: 10}
            """;

    /**
     * Three nodes, web with 3 replicas tolerating an unreachable node for 10s; node-2 loses power at 30s; after
     * the node controller's grace period (40s) and the toleration its pod is replaced elsewhere; node-2 comes
     * back at 2m.
     */
    static RunRecorder nodeFailureRun() {
        Cluster c = Cluster.builder().seed(7).nodes(3, n -> n.cpu("2").memory("4Gi")).build();
        RunRecorder recorder = RunRecorder.attach(c);
        c.advance(Duration.ofSeconds(1));
        c.create(WEB);
        c.advance(Duration.ofSeconds(29));
        c.powerOff("node-2");
        c.advance(Duration.ofSeconds(90));
        c.powerOn("node-2");
        c.advance(Duration.ofSeconds(30));
        return recorder;
    }

    private static RunReport nodeFailure;

    /** The node failure run's report, made once for the tests that only read it. */
    static synchronized RunReport nodeFailureReport() {
        if (nodeFailure == null) {
            nodeFailure = nodeFailureRun().report("node failure");
        }
        return nodeFailure;
    }

    /** data-pod of each bar, grouped by the lane it is drawn in (lanes in document order). */
    static Map<String, List<String>> barsByLane(String html) {
        Map<String, List<String>> lanes = new LinkedHashMap<>();
        Matcher m = Pattern.compile("<g class=\"lane\" data-node=\"([^\"]+)\">|<g class=\"pod\" data-pod=\"([^\"]+)\"")
                .matcher(html);
        String lane = null;
        while (m.find()) {
            if (m.group(1) != null) {
                lane = m.group(1);
                lanes.put(lane, new ArrayList<>());
            } else {
                lanes.get(lane).add(m.group(2));
            }
        }
        return lanes;
    }

    static int count(String html, String needle) {
        int n = 0;
        for (int i = html.indexOf(needle); i >= 0; i = html.indexOf(needle, i + 1)) {
            n++;
        }
        return n;
    }

    @Test
    void aLanePerNodeAndABarPerBoundPodOnItsNodesLane() {
        RunReport report = nodeFailureReport();
        String html = HtmlReport.render(report);
        Map<String, List<String>> lanes = barsByLane(html);
        assertEquals(List.of("node-1", "node-2", "node-3"), List.copyOf(lanes.keySet()));
        Map<String, List<String>> expected = new LinkedHashMap<>();
        report.lanes().forEach(l -> expected.put(l.node(), new ArrayList<>()));
        report.pods().forEach(p -> expected.get(p.node()).add(p.namespace() + "/" + p.name()));
        for (String node : expected.keySet()) {
            assertEquals(expected.get(node).stream().sorted().toList(), lanes.get(node).stream().sorted().toList(), node);
        }
        // web: 3 pods, then the one on node-2 replaced; kube-system: a kube-proxy per node, 2 coredns (the one
        // on node-2 replaced too, if it ran there).
        long web = report.pods().stream().filter(p -> p.name().startsWith("web-")).count();
        assertEquals(4, web, report.pods().toString());
        RunReport.PodBar evicted = report.pods().stream()
                .filter(p -> p.name().startsWith("web-") && p.node().equals("node-2")).findFirst().orElseThrow();
        assertTrue(evicted.terminatingNanos() > Duration.ofSeconds(70).toNanos(), evicted.toString());
        assertEquals(report.pods().size(), count(html, "<g class=\"pod\""));
    }

    @Test
    void nodeFailuresShowOnTheirLaneAndInTheEventTable() {
        RunReport report = nodeFailureReport();
        String html = HtmlReport.render(report);
        assertEquals(List.of(RunReport.MarkerKind.NODE_DOWN, RunReport.MarkerKind.NODE_UP),
                report.markers().stream().filter(m -> m.node().equals("node-2")).map(RunReport.Marker::kind).toList());
        String lane2 = html.substring(html.indexOf("data-node=\"node-2\""), html.indexOf("data-node=\"node-3\""));
        assertTrue(lane2.contains("<g class=\"power down\">"), lane2);
        assertTrue(lane2.contains("<g class=\"power up\">"), lane2);
        assertTrue(lane2.contains("<rect class=\"node-notready\""), "node-2 NotReady/Unknown while powered off");
        RunReport.Lane node2 = report.lanes().get(1);
        assertTrue(node2.readiness().stream().anyMatch(c -> c.status().equals("Unknown")), node2.toString());
        assertTrue(html.contains("<tr class=\"down\"><td>"), "event table row");
        assertTrue(html.contains("30.000s</td><td>node-2</td><td>node powered off</td>"), html);
    }

    @Test
    void legendColoursEachReplicaSetRevision() {
        String html = HtmlReport.render(io.ksim.cli.ReportCommandAccess.rolloutReport(42));
        assertTrue(html.contains(", revision 1 (Deployment web)</td><td>4</td>"), html);
        assertTrue(html.contains(", revision 2 (Deployment web)</td><td>4</td>"), html);
        assertEquals(4, count(html, "<tr class=\"legend\""));
        assertEquals(13, count(html, "<g class=\"pod\""));
        assertEquals(3, count(html, "<g class=\"lane\""));
        assertEquals(8, count(html, "<tr class=\"rollout\">"), "one row per ScalingReplicaSet event");
        assertEquals(4, count(html, "<g class=\"rollout\">"), "one dashed line per distinct time");
        assertFalse(html.contains("Traffic shares"), "no curl results, no traffic table");
        assertFalse(html.contains("http://") && !html.contains("xmlns=\"http://www.w3.org/2000/svg\""));
        assertFalse(html.contains("src=") || html.contains("href="), "self-contained: nothing loaded");
    }

    @Test
    void sameRunSameBytes() {
        assertEquals(HtmlReport.render(io.ksim.cli.ReportCommandAccess.rolloutReport(42)),
                HtmlReport.render(io.ksim.cli.ReportCommandAccess.rolloutReport(42)));
    }

    @Test
    void trafficSharesFromRecordedCurlResults() {
        Cluster c = Cluster.builder().seed(7).nodes(1).build();
        RunRecorder recorder = RunRecorder.attach(c);
        c.advance(Duration.ofSeconds(3));
        recorder.recordTraffic("curl http://web x 10", "http://web", Map.of("web-b", 5, "web-a", 3, "web-c", 2));
        RunReport report = recorder.report("traffic");
        assertEquals(10, report.traffic().get(0).total());
        String html = HtmlReport.render(report);
        assertTrue(html.contains("<h2>Traffic shares</h2>"));
        int a = html.indexOf("<td>web-a</td><td class=\"n\">3</td>");
        int b = html.indexOf("<td>web-b</td><td class=\"n\">5</td>");
        assertTrue(a > 0 && b > a, "backends sorted by name");
        assertTrue(html.contains("50.0%</td>"));
        assertTrue(html.contains("30.0%</td>"));
        assertTrue(html.contains("<td>curl http://web x 10</td><td>http://web</td>"), html);
    }

    @Test
    void podsNeverBoundAreListedApart() {
        Cluster c = Cluster.builder().seed(7).nodes(2, n -> n.cpu("2").memory("4Gi")).build();
        RunRecorder recorder = RunRecorder.attach(c);
        c.advance(Duration.ofSeconds(1));
        c.create("""
                apiVersion: v1
                kind: Pod
                metadata:
                  name: big
                spec:
                  containers:
                  - name: app
                    image: busybox
                    resources:
                      requests: {cpu: "3"}
                """);
        c.advance(Duration.ofSeconds(10));
        RunReport report = recorder.report("unschedulable");
        assertEquals(List.of(new RunReport.Unbound("default", "big", Duration.ofSeconds(1).toNanos(), -1)),
                report.unbound());
        assertTrue(report.pods().stream().noneMatch(p -> p.name().equals("big")));
        assertTrue(HtmlReport.render(report).contains(
                "<p class=\"unbound\">Never bound to a node: default/big (created 1.000s, Pending at the end).</p>"));
    }

    @Test
    void textIsEscaped() {
        assertEquals("a &lt;b&gt; &amp; &quot;c&quot; &#39;d&#39;", HtmlReport.esc("a <b> & \"c\" 'd'"));
    }
}
