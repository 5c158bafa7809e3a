package dev.mapwatch.report;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import dev.mapwatch.report.ReportFixture.CommandResult;
import dev.mapwatch.report.ReportFixture.ProcessResult;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.Paths;
import java.util.ArrayList;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The HTML report rendered by a real headless Chromium (Debian's {@code chromium} package): the
 * page script runs without errors, marks the page rendered and draws its SVG charts; a screenshot
 * is kept under {@code target/report-tests} for a person to look at. Without Chromium the test is
 * skipped, except under {@code CI=true}, where it fails.
 */
class ReportHtmlChromiumTest {
    private static final Path CHROMIUM = Paths.get("/usr/bin/chromium");

    private static Path html;

    @BeforeAll
    static void chromiumAndPage() throws Exception {
        boolean present = Files.isExecutable(CHROMIUM);
        if (!present && "true".equals(System.getenv("CI"))) {
            throw new AssertionError(
                    CHROMIUM + " is missing: CI must install Debian's chromium package");
        }
        assumeTrue(
                present,
                CHROMIUM + " is missing: apt-get install -y --no-install-recommends chromium");
        html =
                ReportFixture.DIR
                        .resolve("report-jdk" + ReportFixture.feature() + ".html")
                        .toAbsolutePath();
        CommandResult result =
                ReportFixture.report(
                        ReportFixture.recording().toString(),
                        "--format",
                        "html",
                        "--output",
                        html.toString());
        assertThat(result.exitCode()).as(result.err()).isZero();
    }

    @Test
    void scriptDrawsEveryChartWithoutErrors(@TempDir Path profile) throws Exception {
        ProcessResult run = chromium(profile, "--enable-logging=stderr", "--v=0", "--dump-dom");
        assertThat(run.exitCode()).as(run.output()).isZero();
        String dom = run.output();
        assertThat(dom).doesNotContain("Uncaught").contains("data-rendered=\"true\"");
        // 4 contention, the contended map's waiting and holding sites, 2 allocation, live threads,
        // platform threads by name, 2 per map; on JDK 21+ also virtual threads by name and pinning
        // (before, those cards say there is nothing).
        int expectedCharts =
                4
                        + 2
                        + 2
                        + 1
                        + 1
                        + 2 * MapScenario.values().length
                        + (ReportFixture.feature() >= 21 ? 2 : 0);
        assertThat(count(dom, "<svg class=\"chart ")).isEqualTo(expectedCharts);
        assertThat(dom).contains("data-charts=\"" + expectedCharts + "\"");
        assertThat(count(dom, "<svg class=\"chart bar-chart\"")).isGreaterThanOrEqualTo(5);
        // The contended class is drawn as a bar (its full name in the bar's tooltip).
        assertThat(dom).contains("<title>" + ReportWorkload.ContendedLock.class.getName() + ": ");
        assertThat(count(dom, "<rect ")).isGreaterThanOrEqualTo(10);
        assertThat(count(dom, "<polyline "))
                .isGreaterThanOrEqualTo(1 + MapScenario.values().length);
        assertThat(count(dom, "class=\"advice\"")).isEqualTo(4);
    }

    @Test
    void screenshotShowsThePage(@TempDir Path profile) throws Exception {
        Path png =
                ReportFixture.DIR
                        .resolve("report-jdk" + ReportFixture.feature() + ".png")
                        .toAbsolutePath();
        Files.deleteIfExists(png);
        ProcessResult run =
                chromium(
                        profile,
                        "--window-size=1200,2400",
                        "--hide-scrollbars",
                        "--screenshot=" + png);
        assertThat(run.exitCode()).as(run.output()).isZero();
        assertThat(Files.size(png)).isGreaterThan(20_000); // a blank page compresses to a few KiB
    }

    private static ProcessResult chromium(Path profile, String... extra) throws Exception {
        List<String> command =
                new ArrayList<>(
                        List.of(
                                CHROMIUM.toString(),
                                "--headless",
                                "--no-sandbox",
                                "--disable-gpu",
                                "--disable-quic",
                                "--no-first-run",
                                "--disable-background-networking",
                                "--disable-component-update",
                                "--disable-sync",
                                "--user-data-dir=" + profile));
        command.addAll(List.of(extra));
        command.add(html.toUri().toString());
        return ReportFixture.run(command, 90);
    }

    private static int count(String text, String what) {
        Matcher m = Pattern.compile(Pattern.quote(what)).matcher(text);
        int n = 0;
        while (m.find()) {
            n++;
        }
        return n;
    }
}
