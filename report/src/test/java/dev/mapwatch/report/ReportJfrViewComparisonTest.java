package dev.mapwatch.report;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import dev.mapwatch.exporter.labels.ClassNames;
import dev.mapwatch.report.ReportFixture.ProcessResult;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Function;
import java.util.stream.Collectors;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * The report's figures agree with the JDK's own {@code jfr view} (JDK 21+) on the same recording:
 * both read the same events, so counts and shares must match up to {@code jfr view}'s rounding.
 */
class ReportJfrViewComparisonTest {
    private static Path recording;
    private static Report report;

    @BeforeAll
    static void recordingAndReport() throws Exception {
        assumeTrue(
                ReportFixture.feature() >= 21,
                "jfr view exists from JDK 21; this JDK is " + ReportFixture.feature());
        recording = ReportFixture.recording();
        report = RecordingAnalyzer.withTop(25).analyze(recording);
    }

    @Test
    void contentionByClassMatchesCountAndMaximum() throws Exception {
        List<Map<String, String>> view = view("contention-by-class");
        assertThat(view).isNotEmpty();
        Map<String, Tally> ours = byName(report.contention().monitorByClass());
        // Several of jfr view's rows may be one of ours: the report names lambdas and hidden
        // classes
        // without their addresses (ClassNames.stable), as the live metrics do.
        Map<String, List<Map<String, String>>> rowsByName =
                view.stream()
                        .collect(
                                Collectors.groupingBy(
                                        row -> ClassNames.stable(row.get("Lock Class")),
                                        LinkedHashMap::new,
                                        Collectors.toList()));
        rowsByName.forEach(
                (name, rows) -> {
                    Tally mine = ours.get(name);
                    assertThat(mine).as("report has %s", name).isNotNull();
                    assertThat(mine.count())
                            .isEqualTo(
                                    rows.stream()
                                            .mapToLong(row -> Long.parseLong(row.get("Count")))
                                            .sum());
                    // jfr view prints three significant digits: within 0.1 ms for waits under a
                    // second.
                    assertThat(mine.max() / 1e6)
                            .isCloseTo(
                                    rows.stream()
                                            .mapToDouble(row -> millis(row.get("Max.")))
                                            .max()
                                            .orElseThrow(),
                                    within(0.1));
                });
        String viewTop =
                view.stream()
                        .max((a, b) -> Double.compare(millis(a.get("Max.")), millis(b.get("Max."))))
                        .orElseThrow()
                        .get("Lock Class");
        assertThat(viewTop).isEqualTo(ReportWorkload.ContendedLock.class.getName());
        assertThat(report.contention().monitorByClass().top().get(0).name()).isEqualTo(viewTop);
    }

    @Test
    void allocationByClassMatchesTopClassAndShares() throws Exception {
        List<Map<String, String>> view = view("allocation-by-class");
        assertThat(view).isNotEmpty();
        assertThat(view.get(0).get("Object Type"))
                .isEqualTo(ReportWorkload.Payload.class.getName());
        Ranking ranking = report.allocation().byClass();
        assertThat(ranking.top().get(0).name()).isEqualTo(view.get(0).get("Object Type"));
        Map<String, Tally> ours = byName(ranking);
        // The report names classes as the live metrics do (ClassNames.stable): lambdas and hidden
        // classes without their addresses, so several of jfr view's rows may be one of ours.
        Map<String, List<Double>> viewShares = new LinkedHashMap<>();
        for (Map<String, String> row : view) {
            viewShares
                    .computeIfAbsent(
                            ClassNames.stable(row.get("Object Type")), name -> new ArrayList<>())
                    .add(Double.parseDouble(row.get("Allocation Pressure").replace("%", "")) / 100);
        }
        viewShares.entrySet().stream()
                .limit(5)
                .forEach(
                        entry -> {
                            Tally mine = ours.get(entry.getKey());
                            assertThat(mine).as("report has %s", entry.getKey()).isNotNull();
                            double viewShare =
                                    entry.getValue().stream()
                                            .mapToDouble(Double::doubleValue)
                                            .sum();
                            // jfr view rounds each row to 0.01 percentage points.
                            assertThat(mine.shareOf(ranking.total()))
                                    .as(entry.getKey())
                                    .isCloseTo(
                                            viewShare, within(0.00006 * entry.getValue().size()));
                        });
    }

    @Test
    void threadCountsAgreeWithTheJvmsThreadStatistics() throws Exception {
        List<Map<String, String>> view = view("thread-count");
        assertThat(view).isNotEmpty();
        long maxSampledActive =
                view.stream()
                        .mapToLong(r -> Long.parseLong(r.get("Active Threads")))
                        .max()
                        .orElseThrow();
        long jvmPeak = Long.parseLong(view.get(view.size() - 1).get("Peak Threads"));
        // Sampling misses short peaks, so the report (which replays every start and end) sees at
        // least the sampled maximum; the JVM's own peak (recording since JVM start) bounds it
        // above.
        assertThat(report.threads().platform().peakLive()).isBetween(maxSampledActive, jvmPeak);
        // Threads started between the first and the last sample are a part of those the report saw
        // start.
        long accumulated =
                Long.parseLong(view.get(view.size() - 1).get("Accumulated Threads"))
                        - Long.parseLong(view.get(0).get("Accumulated Threads"));
        assertThat(report.threads().platform().started()).isGreaterThanOrEqualTo(accumulated);
    }

    private static Map<String, Tally> byName(Ranking ranking) {
        return ranking.top().stream().collect(Collectors.toMap(Tally::name, Function.identity()));
    }

    private static double millis(String duration) {
        String[] parts = duration.trim().split(" ");
        double value = Double.parseDouble(parts[0]);
        return switch (parts[1]) {
            case "ns" -> value / 1e6;
            case "us" -> value / 1e3;
            case "ms" -> value;
            case "s" -> value * 1e3;
            default -> throw new AssertionError("unknown unit in " + duration);
        };
    }

    /** Runs {@code jfr view} of the test JDK and parses its table by the columns of its dashed rule. */
    static List<Map<String, String>> view(String name) throws Exception {
        ProcessResult run =
                ReportFixture.run(
                        List.of(
                                ReportFixture.javaHome().resolve("bin/jfr").toString(),
                                "view",
                                "--width",
                                "250",
                                name,
                                recording.toString()),
                        60);
        assertThat(run.exitCode()).as(run.output()).isZero();
        List<String> lines = run.output().lines().collect(Collectors.toList());
        int rule = -1;
        for (int i = 0; i < lines.size(); i++) {
            if (lines.get(i).matches("-+( -+)*")) {
                rule = i;
                break;
            }
        }
        assertThat(rule).as("a table in%n%s", run.output()).isPositive();
        List<int[]> columns = new ArrayList<>();
        String dashes = lines.get(rule);
        for (int start = 0; start < dashes.length(); ) {
            int end = dashes.indexOf(' ', start);
            end = end < 0 ? dashes.length() : end;
            columns.add(new int[] {start, end});
            start = end + 1;
        }
        List<String> header = cells(lines.get(rule - 1), columns);
        List<Map<String, String>> rows = new ArrayList<>();
        for (String line : lines.subList(rule + 1, lines.size())) {
            if (line.isBlank()) {
                break;
            }
            List<String> cells = cells(line, columns);
            Map<String, String> row = new java.util.LinkedHashMap<>();
            for (int i = 0; i < header.size(); i++) {
                row.put(header.get(i), cells.get(i));
            }
            rows.add(row);
        }
        return rows;
    }

    private static List<String> cells(String line, List<int[]> columns) {
        List<String> cells = new ArrayList<>();
        for (int[] c : columns) {
            cells.add(
                    c[0] >= line.length()
                            ? ""
                            : line.substring(c[0], Math.min(c[1], line.length())).trim());
        }
        return cells;
    }
}
