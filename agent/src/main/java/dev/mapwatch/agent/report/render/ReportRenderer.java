package dev.mapwatch.agent.report.render;

import dev.mapwatch.agent.report.Report;
import java.io.PrintWriter;

/** Writes a {@link Report} in one output format. */
public interface ReportRenderer {
    void render(Report report, PrintWriter out);
}
