package io.ksim.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.ksim.network.proxy.KubeProxy;
import java.io.PrintWriter;
import java.io.StringWriter;
import org.junit.jupiter.api.Test;
import picocli.CommandLine;

class ReplCommandTest {

    @Test
    void proxyModeIsIptablesOrIpvs() {
        assertEquals(KubeProxy.Mode.IPVS, ReplCommand.mode("ipvs"));
        assertEquals(KubeProxy.Mode.IPTABLES, ReplCommand.mode("IPTables"));
        StringWriter err = new StringWriter();
        int code = new CommandLine(new Ksim()).setErr(new PrintWriter(err)).execute("repl", "--proxy-mode", "nftables");
        assertEquals(2, code);
        assertTrue(err.toString().contains("--proxy-mode must be iptables or ipvs, not \"nftables\""), err.toString());
    }

    @Test
    void theBannerSaysWhatClusterThePromptRunsOn() {
        assertEquals("ksim repl: 3 nodes, seed 42, kube-proxy in ipvs mode. Type help for the verbs; exit, quit or "
                + "Ctrl-D leaves.\n", ReplCommand.banner(42, 3, KubeProxy.Mode.IPVS));
        assertEquals(3, ReplCommand.cluster(42, 3, KubeProxy.Mode.IPVS).nodeNames().size());
    }

    @Test
    void reportNeedsARunToReportOn() {
        StringWriter err = new StringWriter();
        int code = new CommandLine(new Ksim()).setErr(new PrintWriter(err)).execute("report");
        assertEquals(2, code);
        assertTrue(err.toString().startsWith("Give the run to report on: a scenario FILE"), err.toString());
    }
}
