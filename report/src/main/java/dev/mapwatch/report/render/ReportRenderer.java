package dev.mapwatch.report.render;

import dev.mapwatch.report.Report;
import java.io.PrintWriter;

/** Writes a {@link Report} in one output format. */
public interface ReportRenderer {
    void render(Report report, PrintWriter out);
}
