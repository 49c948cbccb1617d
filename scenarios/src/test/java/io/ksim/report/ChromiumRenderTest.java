package io.ksim.report;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.File;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Opens rendered reports in headless Chromium (Debian's {@code chromium}) and reads the DOM after the page's
 * script ran: the page must have rendered ({@code data-rendered="true"} with its bars and lanes counted) with
 * no script error (the page's {@code window.onerror} would add {@code <pre id="ksim-error">}). Without
 * Chromium the test fails, with the hint to install it.
 */
class ChromiumRenderTest {

    @TempDir
    Path dir;

    /** /usr/bin/chromium, else chromium or chromium-browser on the PATH; fails the test if there is none. */
    static String findChromium() {
        List<Path> candidates = new ArrayList<>();
        candidates.add(Path.of("/usr/bin/chromium"));
        String path = System.getenv("PATH");
        if (path != null) {
            for (String d : path.split(File.pathSeparator)) {
                if (!d.isEmpty()) {
                    candidates.add(Path.of(d, "chromium"));
                    candidates.add(Path.of(d, "chromium-browser"));
                }
            }
        }
        for (Path p : candidates) {
            if (Files.isRegularFile(p) && Files.isExecutable(p)) {
                return p.toString();
            }
        }
        throw new AssertionError("chromium not found (looked at /usr/bin/chromium and the PATH). The report's render "
                + "test opens the page in a real browser: install Debian's chromium (apt-get install chromium); "
                + ".ci/run does it.");
    }

    /** The DOM of {@code html} after load, as {@code chromium --headless --dump-dom} prints it. */
    String dumpDom(String html) throws IOException, InterruptedException {
        String chromium = findChromium();
        Path page = dir.resolve("report.html");
        Files.writeString(page, html, StandardCharsets.UTF_8);
        Path profile = Files.createDirectories(dir.resolve("profile"));
        Path stdout = dir.resolve("dom.html");
        Path stderr = dir.resolve("chromium.err");
        Process p = new ProcessBuilder(chromium, "--headless=new", "--disable-gpu", "--no-sandbox",
                "--no-first-run", "--user-data-dir=" + profile, "--dump-dom", page.toUri().toString())
                .redirectInput(ProcessBuilder.Redirect.from(new File("/dev/null")))
                .redirectOutput(stdout.toFile())
                .redirectError(stderr.toFile())
                .start();
        if (!p.waitFor(120, TimeUnit.SECONDS)) {
            p.destroyForcibly().waitFor(10, TimeUnit.SECONDS);
            throw new AssertionError("chromium did not finish in 120s; it said: " + Files.readString(stderr));
        }
        String dom = Files.readString(stdout, StandardCharsets.UTF_8);
        assertEquals(0, p.exitValue(), "chromium failed: " + Files.readString(stderr));
        assertTrue(dom.contains("</html>"), "no DOM dumped; chromium said: " + Files.readString(stderr));
        return dom;
    }

    @Test
    void theRolloutReportRendersWithoutScriptErrors() throws Exception {
        RunReport report = io.ksim.cli.ReportCommandAccess.rolloutReport(42);
        String dom = dumpDom(HtmlReport.render(report));
        assertFalse(dom.contains("id=\"ksim-error\""), dom);
        assertFalse(dom.contains("data-error=\"true\""), dom);
        assertTrue(dom.contains("data-rendered=\"true\""), dom);
        assertTrue(dom.contains("data-bars=\"" + report.pods().size() + "\""), dom);
        assertTrue(dom.contains("data-lanes=\"3\""), dom);
    }

    @Test
    void aScriptErrorShowsAsTheErrorMarker() throws Exception {
        String html = HtmlReport.render(HtmlReportTest.nodeFailureReport())
                .replace("</body>", "<script>notDefinedAnywhere();</script>\n</body>");
        String dom = dumpDom(html);
        assertTrue(dom.contains("<pre id=\"ksim-error\">script error:"), dom);
        assertTrue(dom.contains("notDefinedAnywhere"), dom);
        assertTrue(dom.contains("data-rendered=\"true\""), "the page's own script still ran");
    }
}
