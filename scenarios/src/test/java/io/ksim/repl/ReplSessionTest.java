package io.ksim.repl;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.ksim.cluster.Cluster;
import io.ksim.network.proxy.KubeProxy;
import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.List;
import org.junit.jupiter.api.Test;

/** REPL sessions fed as scripts through a stream, as a pipe feeds {@code ksim repl}: the transcript is exact. */
class ReplSessionTest {

    /** Three nodes of 2 CPUs; at 1s the Deployment web (3 x 500m) and the pod big (3 CPUs) are created. */
    static Cluster cluster(KubeProxy.Mode mode) {
        Cluster c = Cluster.builder().seed(42).nodes(3, n -> n.cpu("2").memory("4Gi")).proxyMode(mode).build();
        c.advance(Duration.ofSeconds(1));
        c.create(ReplSessionFixtures.WEB);
        return c;
    }

    static String transcript(ReplSession session, String script) {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        ReplConsole.streams(session, new ByteArrayInputStream(script.getBytes(StandardCharsets.UTF_8)), out)
                .run("banner\n");
        return out.toString(StandardCharsets.UTF_8);
    }

    @Test
    void aScriptedSessionPrintsThisTranscript() {
        String script = """
                # web and big were created at 1s
                kubectl version
                advance 10s
                explain pod big
                explain pod web-6998c6b948-4b2vh
                explain pod nope
                fail node-2
                fail node-2
                ipvsadm node-2
                advance 1m
                trace 4
                recover node-2
                iptables-save node-9
                advance 1x

                frobnicate
                exit
                version
                """;
        String expected = """
                banner
                ksim [00:00:01]> # web and big were created at 1s
                ksim [00:00:01]> kubectl version
                Client Version: v1.32.0
                Kustomize Version: v5.5.0
                Server Version: v1.32.0
                ksim [00:00:01]> advance 10s
                advanced 10s to 00:00:11: 58 trace events (trace 58 shows them)
                ksim [00:00:11]> explain pod big
                Pod default/big, attempt 4 at 8.000s: unschedulable
                  0/3 nodes are available: 3 Insufficient cpu. preemption: 0/3 nodes are available: 3 No preemption victims found for incoming pod.

                Rejected nodes (3 of 3):
                  node-1: NodeResourcesFit: Insufficient cpu
                  node-2: NodeResourcesFit: Insufficient cpu
                  node-3: NodeResourcesFit: Insufficient cpu
                ksim [00:00:11]> explain pod web-6998c6b948-4b2vh
                Pod default/web-6998c6b948-4b2vh, attempt 1 at 1.000s: scheduled to node-2
                  score 667 of 3 feasible nodes

                Feasible nodes (3 of 3), as ranked:
                  node-2: total 667  <- selected
                    PLUGIN                             RAW  NORMALIZED  WEIGHT  WEIGHTED
                    TaintToleration                      0         100       3       300
                    NodeResourcesFit                    80          80       1        80
                    PodTopologySpread                    2         100       2       200
                    NodeResourcesBalancedAllocation     87          87       1        87
                    ImageLocality                        0           0       1         0
                    total                                                            667
                  node-1: total 661
                    PLUGIN                             RAW  NORMALIZED  WEIGHT  WEIGHTED
                    TaintToleration                      0         100       3       300
                    NodeResourcesFit                    76          76       1        76
                    PodTopologySpread                    2         100       2       200
                    NodeResourcesBalancedAllocation     85          85       1        85
                    ImageLocality                        0           0       1         0
                    total                                                            661
                  node-3: total 661
                    PLUGIN                             RAW  NORMALIZED  WEIGHT  WEIGHTED
                    TaintToleration                      0         100       3       300
                    NodeResourcesFit                    76          76       1        76
                    PodTopologySpread                    2         100       2       200
                    NodeResourcesBalancedAllocation     85          85       1        85
                    ImageLocality                        0           0       1         0
                    total                                                            661
                ksim [00:00:11]> explain pod nope
                Error from server (NotFound): pods "nope" not found
                ksim [00:00:11]> fail node-2
                node-2 powered off
                ksim [00:00:11]> fail node-2
                node-2 is already powered off
                ksim [00:00:11]> ipvsadm node-2
                error: node-2 is powered off
                ksim [00:00:11]> advance 1m
                advanced 1m0s to 00:01:11: 12 trace events (trace 12 shows them)
                ksim [00:01:11]> trace 4
                     65.100s kube-proxy/node-1 SyncProxyRules node-1  iptables: 42 nat rules, 4 filter rules
                     65.100s kube-proxy/node-3 SyncProxyRules node-3  iptables: 42 nat rules, 4 filter rules
                     70.100s kube-controller-manager NodeTaintQueued node-2  node-lifecycle-controller: node-2 queued for the node.kubernetes.io/unreachable:NoExecute taint
                     70.200s kube-controller-manager NodeTainted    node-2  node-lifecycle-controller: node-2 tainted node.kubernetes.io/unreachable:NoExecute
                ksim [00:01:11]> recover node-2
                node-2 powered on
                ksim [00:01:11]> iptables-save node-9
                error: no node "node-9" (nodes: node-1, node-2, node-3)
                ksim [00:01:11]> advance 1x
                error: time: unknown unit "x" in duration "1x"
                ksim [00:01:11]>\s
                ksim [00:01:11]> frobnicate
                error: unknown command "frobnicate" for "kubectl"
                ksim [00:01:11]> exit
                """;
        String actual = transcript(new ReplSession(cluster(KubeProxy.Mode.IPTABLES)), script);
        assertEquals(expected, actual);
        assertFalse(actual.contains("\u001b"), "no escape sequences on a dumb terminal");
    }

    /** README's example: coredns placed among three nodes with equal totals. */
    @Test
    void tiedTopScoresAreSaid() {
        Cluster c = Cluster.builder().seed(42).nodes(3, n -> n.cpu("2").memory("4Gi")).build();
        ReplSession s = new ReplSession(c);
        s.run("advance 10s");
        String out = s.execute("explain pod coredns-668d6bf9bc-7qcfz -n kube-system");
        assertTrue(out.startsWith("""
                Pod kube-system/coredns-668d6bf9bc-7qcfz, attempt 1 at 0.000s: scheduled to node-1
                  score 689 of 3 feasible nodes

                Feasible nodes (3 of 3), as ranked:
                  (3 nodes tied at the top score 689; the scheduler picked one of them at random)
                  node-1: total 689  <- selected
                """), out);
        assertTrue(out.contains("\n  node-2: total 689\n"), out);
        assertTrue(out.contains("\n  node-3: total 689\n"), out);
    }

    @Test
    void endOfInputEndsTheSessionLikeCtrlD() {
        String actual = transcript(new ReplSession(cluster(KubeProxy.Mode.IPTABLES)), "advance 500ms\n");
        assertEquals("""
                banner
                ksim [00:00:01]> advance 500ms
                advanced 500ms to 00:00:01: 17 trace events (trace 17 shows them)
                ksim [00:00:01]>\s
                """, actual);
    }

    @Test
    void sameSeedSameScriptSameBytes() {
        String script = "advance 30s\nfail node-1\nadvance 2m\ntrace 30\nexplain pod big\n";
        assertEquals(transcript(new ReplSession(cluster(KubeProxy.Mode.IPTABLES)), script),
                transcript(new ReplSession(cluster(KubeProxy.Mode.IPTABLES)), script));
    }

    @Test
    void iptablesSaveShowsTheServiceChainsOfTheNode() {
        ReplSession s = new ReplSession(cluster(KubeProxy.Mode.IPTABLES));
        s.run("advance 30s");
        ReplResult r = s.run("iptables-save node-1");
        assertEquals(0, r.exitCode(), r.err());
        assertTrue(r.out().contains("*nat\n"), r.out());
        assertTrue(r.out().contains("-A KUBE-SERVICES"), r.out());
        assertTrue(r.out().contains("default/web"), r.out());
        assertEquals(3, s.run("ipvsadm -Ln node-1").out().lines().count(), "iptables mode: no virtual servers");
    }

    @Test
    void ipvsadmListsTheServiceVirtualServersInIpvsMode() {
        ReplSession s = new ReplSession(cluster(KubeProxy.Mode.IPVS));
        s.run("advance 30s");
        ReplResult r = s.run("ipvsadm node-3");
        assertEquals(0, r.exitCode(), r.err());
        assertTrue(r.out().startsWith("IP Virtual Server version 1.2.1 (size=4096)\n"), r.out());
        assertTrue(r.out().contains("TCP  10.96.0.1:443 rr"), r.out());
        long webBackends = r.out().lines().filter(l -> l.contains(":80 ") && l.contains("Masq")).count();
        assertEquals(3, webBackends, r.out());
        // ipvs mode keeps a few iptables rules too: KUBE-SERVICES matches the ipsets instead of naming services.
        ReplResult iptables = s.run("iptables-save node-3");
        assertEquals(0, iptables.exitCode(), iptables.err());
        assertTrue(iptables.out().contains("-A KUBE-SERVICES -m set --match-set KUBE-CLUSTER-IP dst,dst -j ACCEPT\n"),
                iptables.out());
        assertFalse(iptables.out().contains("KUBE-SVC-"), iptables.out());
    }

    @Test
    void simVerbsAndKubectlCommandsAreToldApart() {
        ReplSession s = new ReplSession(cluster(KubeProxy.Mode.IPTABLES));
        assertTrue(s.isSimVerb(List.of("explain", "pod", "web-1")));
        assertTrue(s.isSimVerb(List.of("explain", "po/web-1", "-n", "kube-system")));
        assertFalse(s.isSimVerb(List.of("explain", "pods")), "kubectl explain (field documentation)");
        assertFalse(s.isSimVerb(List.of("explain", "deployment", "web")));
        assertFalse(s.isSimVerb(List.of("kubectl", "explain", "pod", "web-1")));
        assertTrue(s.isSimVerb(List.of("advance", "1s")));
        assertFalse(s.isSimVerb(List.of("get", "pods")));
        assertTrue(s.run("quit").exit());
        assertTrue(s.run("help").out().contains("explain pod NAME [-n NS]"));
        assertEquals("", s.execute("   # a comment"));
    }

    @Test
    void faultInjectsWhatAScenarioFaultStepInjectsAndTheTraceRecordsIt() {
        ReplSession s = new ReplSession(cluster(KubeProxy.Mode.IPTABLES));
        assertEquals("node-2: the node is cut off from the API server (its containers keep running)\n",
                s.run("fault partition node-2").out());
        String trace = s.run("trace 5").out();
        assertTrue(trace.contains("Fault") && trace.contains("the node is cut off from the API server"), trace);
        assertEquals("kube-scheduler: kube-scheduler crashes: nothing is scheduled until it restarts\n",
                s.run("fault crash kube-scheduler").out());
        assertEquals("error: unknown fault \"explode\" (want one of powerOff, powerOn, stopKubelet, startKubelet, "
                + "partition, heal, crash, restart)\n", s.run("fault explode node-2").err());
        assertTrue(s.run("fault crash etcd").err().startsWith("error: unknown component \"etcd\" (want one of "
                + "kube-scheduler, kube-controller-manager, "));
        assertEquals("error: no node \"node-9\" (nodes: node-1, node-2, node-3)\n",
                s.run("fault powerOff node-9").err());
        assertEquals(1, s.run("fault heal").exitCode());
    }

    @Test
    void thePromptShowsVirtualTime() {
        ReplSession s = new ReplSession(cluster(KubeProxy.Mode.IPTABLES));
        s.run("advance 1m29s");
        assertEquals("ksim [00:01:30]> ", s.prompt());
        s.run("advance 2h");
        assertEquals("ksim [02:01:30]> ", s.prompt());
    }
    @Test
    void iptablesSaveOfOneTableAndItsKubeSvcLinesThroughGrep() {
        ReplSession s = new ReplSession(cluster(KubeProxy.Mode.IPTABLES));
        s.run("advance 30s");
        ReplResult nat = s.run("iptables-save node-1 -t nat");
        assertEquals(0, nat.exitCode(), nat.err());
        assertTrue(nat.out().startsWith("# Generated by iptables-save v1.8.9 (nf_tables) on "), nat.out());
        assertTrue(nat.out().contains("\n*nat\n") && !nat.out().contains("*filter"), nat.out());
        assertTrue(nat.out().lines().reduce((a, b) -> b).orElseThrow().startsWith("# Completed on "), nat.out());
        ReplResult filter = s.run("iptables-save --table=filter node-1");
        assertTrue(filter.out().contains("*filter\n") && !filter.out().contains("*nat"), filter.out());
        assertEquals(s.run("iptables-save node-1").out(), filter.out() + nat.out(), "both tables, filter first");
        ReplResult svc = s.run("iptables-save node-1 -t nat | grep KUBE-SVC");
        assertTrue(svc.out().lines().allMatch(l -> l.contains("KUBE-SVC")), svc.out());
        assertTrue(svc.out().lines().anyMatch(l -> l.startsWith("-A KUBE-SVC-") && l.contains("\"default/web -> ")),
                svc.out());
        assertEquals("error: iptables-save: ksim models the tables kube-proxy writes (filter, nat), not \"mangle\"\n",
                s.run("iptables-save node-1 -t mangle").err());
        assertEquals("error: iptables-save: option \"-t\" requires an argument\n", s.run("iptables-save node-1 -t").err());
        assertEquals("error: ksim pipes a command's output only to grep (COMMAND | grep PATTERN)\n",
                s.run("get pods | sort").err());
        ReplResult none = s.run("get pods | grep no-such-pod");
        assertEquals(1, none.exitCode());
        assertEquals("", none.output());
    }

    @Test
    void endpointBytesWeighsTheObjectsAndCountsWhatTheirChangesSent() {
        Cluster c = cluster(KubeProxy.Mode.IPTABLES);
        ReplSession s = new ReplSession(c);
        s.run("advance 30s");
        ReplResult first = s.run("endpoint-bytes web");
        assertEquals(0, first.exitCode(), first.err());
        io.ksim.api.core.Endpoints ep = c.api().get(io.ksim.apiserver.registry.BuiltinResources.ENDPOINTS, "default",
                "web");
        long size = io.ksim.network.endpoints.KubeProxyFanout.encodedSize(ep);
        assertTrue(first.out().startsWith("Service default/web: 3 endpoints\n"), first.out());
        assertTrue(first.out().contains(String.format("Endpoints       %,d x 3 = %,d bytes", size, size * 3)),
                first.out());
        assertTrue(first.out().contains("Counting from now (00:00:31): endpoint-bytes web again shows"), first.out());
        s.run("scale deployment web --replicas=1");
        s.run("advance 1m");
        ReplResult later = s.run("endpoint-bytes web --nodes 2000");
        assertTrue(later.out().startsWith("Service default/web: 1 endpoint\n"), later.out());
        assertTrue(later.out().contains("Sent to 2,000 nodes' kube-proxies since 00:00:31:\n"), later.out());
        assertFalse(later.out().contains("  Endpoints       0 events"), "the scale-down changed the Endpoints");
        assertEquals("Error from server (NotFound): services \"nope\" not found\n", s.run("endpoint-bytes nope").err());
        assertEquals("error: --nodes takes a positive number of nodes, not \"0\"\n",
                s.run("endpoint-bytes web --nodes 0").err());
        assertEquals("error: endpoint-bytes takes one Service name, e.g. endpoint-bytes web\n",
                s.run("endpoint-bytes").err());
    }
}
