package io.ksim.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.ksim.report.HtmlReport;
import io.ksim.report.RunRecorder;
import io.ksim.report.RunReport;
import io.ksim.scenario.Bundled;
import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import org.junit.jupiter.api.Test;

/** {@code ksim report FILE}: a scenario's run, its curl steps' answers included, as the HTML report. */
class ReportCommandTest {

    private static RunReport dnsReport() {
        ByteArrayOutputStream narration = new ByteArrayOutputStream();
        return ReportCommand.scenarioReport(Bundled.load("dns"), null,
                new PrintStream(narration, true, StandardCharsets.UTF_8));
    }

    @Test
    void aScenarioReportHasALanePerNodeAndItsCurlSteps() {
        RunReport report = dnsReport();
        assertEquals(java.util.List.of("node-1", "node-2"), report.lanes().stream().map(RunReport.Lane::node).toList());
        assertTrue(report.title().startsWith("ksim run dns (seed "), report.title());
        RunRecorder.TrafficSample spread = report.traffic().stream().filter(t -> t.hitsByBackend().values().stream()
                .mapToInt(Integer::intValue).sum() == 300).findFirst().orElseThrow(() -> new AssertionError(report.traffic()));
        assertTrue(spread.hitsByBackend().size() > 1, "300 requests spread over the demoapp pods: " + spread);
    }

    @Test
    void theSameScenarioAndSeedGiveTheSamePage() {
        assertEquals(HtmlReport.render(dnsReport()), HtmlReport.render(dnsReport()));
    }
}
