package dev.mapwatch.report.render;

import dev.mapwatch.report.Report;
import java.io.IOException;
import java.io.InputStream;
import java.io.PrintWriter;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;

/**
 * The report as one self-contained HTML page ({@code --format html}): the JSON document of
 * {@link JsonReportRenderer} embedded in the page, drawn into SVG bar and line charts by an
 * inline script (no external script, font, style sheet or image; a Content-Security-Policy
 * forbids loading any). The script marks {@code <body data-rendered="true">} once drawn.
 */
public final class HtmlReportRenderer implements ReportRenderer {
    private static final String CSS = resource("report.css");
    private static final String SCRIPT = resource("report.js");

    @Override
    public void render(Report report, PrintWriter out) {
        out.println("<!DOCTYPE html>");
        out.println("<html lang=\"en\">");
        out.println("<head>");
        out.println("<meta charset=\"utf-8\">");
        out.println(
                "<meta http-equiv=\"Content-Security-Policy\" content=\"default-src 'none';"
                        + " style-src 'unsafe-inline'; script-src 'unsafe-inline'\">");
        out.println("<meta name=\"viewport\" content=\"width=device-width, initial-scale=1\">");
        out.println("<title>mapwatch report: " + escape(report.recording().file()) + "</title>");
        out.println("<style>");
        out.print(CSS);
        out.println("</style>");
        out.println("</head>");
        out.println("<body data-rendered=\"false\">");
        out.println(
                "<main id=\"app\"><p>Drawing the report&hellip; (this page needs JavaScript;"
                        + " <code>mapwatch report --format text</code> prints the same figures)</p></main>");
        out.println("<script type=\"application/json\" id=\"report-data\">");
        // PrettyJson escapes < > &, so the data cannot close the element.
        PrettyJson.write(out, json -> new JsonReportRenderer().write(report, json));
        out.println();
        out.println("</script>");
        out.println("<script>");
        out.print(SCRIPT);
        out.println("</script>");
        out.println("</body>");
        out.println("</html>");
        out.flush();
    }

    private static String escape(String s) {
        return s.replace("&", "&amp;")
                .replace("<", "&lt;")
                .replace(">", "&gt;")
                .replace("\"", "&quot;");
    }

    private static String resource(String name) {
        try (InputStream in = HtmlReportRenderer.class.getResourceAsStream(name)) {
            if (in == null) {
                throw new IllegalStateException(
                        "missing resource " + name + " next to " + HtmlReportRenderer.class);
            }
            return new String(in.readAllBytes(), StandardCharsets.UTF_8);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
