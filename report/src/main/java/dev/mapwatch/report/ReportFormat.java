package dev.mapwatch.report;

import dev.mapwatch.report.render.HtmlReportRenderer;
import dev.mapwatch.report.render.JsonReportRenderer;
import dev.mapwatch.report.render.ReportRenderer;
import dev.mapwatch.report.render.TextReportRenderer;
import java.util.function.Supplier;

/** The output formats of {@code mapwatch report}. */
public enum ReportFormat {
    /** Aligned tables for a terminal. */
    TEXT(TextReportRenderer::new),
    /** A JSON document, see {@link JsonReportRenderer}. */
    JSON(JsonReportRenderer::new),
    /** One self-contained HTML page with charts. */
    HTML(HtmlReportRenderer::new);

    private final Supplier<ReportRenderer> renderer;

    ReportFormat(Supplier<ReportRenderer> renderer) {
        this.renderer = renderer;
    }

    public ReportRenderer renderer() {
        return renderer.get();
    }
}
