package io.ksim.cli;

import io.ksim.report.RunReport;

/** Lets tests of other packages run the report command's demo run. */
public final class ReportCommandAccess {

    private ReportCommandAccess() {
    }

    public static RunReport rolloutReport(long seed) {
        return ReportCommand.rolloutReport(seed);
    }
}
