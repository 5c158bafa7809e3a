package dev.mapwatch.agent.report.render;

import dev.mapwatch.agent.report.Report;
import java.io.PrintWriter;

/** Placeholder replaced in the next step. */
public final class HtmlReportRenderer implements ReportRenderer {
    @Override
    public void render(Report report, PrintWriter out) {
        throw new UnsupportedOperationException();
    }
}
