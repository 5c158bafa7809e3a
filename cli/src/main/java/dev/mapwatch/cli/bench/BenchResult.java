package dev.mapwatch.cli.bench;

import static dev.mapwatch.report.render.PrettyJson.numberField;

import com.fasterxml.jackson.core.JsonGenerator;
import dev.mapwatch.report.render.PrettyJson;
import dev.mapwatch.workload.MapKind;
import dev.mapwatch.workload.QuickComparison;
import dev.mapwatch.workload.StrategyAdvisor;
import dev.mapwatch.workload.StrategyScore;
import dev.mapwatch.workload.Workload;
import java.io.IOException;
import java.io.PrintWriter;
import java.util.List;
import java.util.Locale;

/**
 * What {@code mapwatch bench} measured and recommends, printable as a text table or as JSON.
 *
 * @param workload the workload every map ran
 * @param settings how long each map was measured
 * @param scores one per {@link MapKind}, {@link MapKind#RAW_CHM} included as the reference
 * @param advice the strategy picked from {@code scores}
 * @param processors {@link Runtime#availableProcessors()} of the measuring JVM
 * @param jdk the measuring JVM's version
 */
public record BenchResult(
        Workload workload,
        QuickComparison.Settings settings,
        List<StrategyScore> scores,
        StrategyAdvisor.Advice advice,
        int processors,
        String jdk) {

    public BenchResult {
        scores = List.copyOf(scores);
    }

    /** Measures every map kind under {@code workload} in this JVM and advises. */
    public static BenchResult measure(Workload workload, QuickComparison.Settings settings) {
        List<StrategyScore> scores = QuickComparison.run(workload, settings);
        return new BenchResult(
                workload,
                settings,
                scores,
                StrategyAdvisor.advise(scores),
                Runtime.getRuntime().availableProcessors(),
                Runtime.version().toString());
    }

    /** The header line: the workload and the machine. */
    public static String describe(Workload w, int processors, String jdk) {
        return String.format(
                Locale.ROOT,
                "%d%% misses, %d%% reads, %d thread%s; %d CPU%s, JDK %s",
                w.missPercent(),
                w.readPercent(),
                w.threads(),
                w.threads() == 1 ? "" : "s",
                processors,
                processors == 1 ? "" : "s",
                jdk);
    }

    /** The median of the fastest counted strategy (what "vs best" divides by). */
    public double bestCounted() {
        return scores.stream()
                .filter(s -> s.kind() != MapKind.RAW_CHM)
                .mapToDouble(StrategyScore::medianOpsPerMicro)
                .max()
                .orElse(Double.NaN);
    }

    /** The median of the plain {@code ConcurrentHashMap} (what "vs CHM" divides by). */
    public double concurrentHashMap() {
        return scores.stream()
                .filter(s -> s.kind() == MapKind.RAW_CHM)
                .mapToDouble(StrategyScore::medianOpsPerMicro)
                .findFirst()
                .orElse(Double.NaN);
    }

    /** The table, the pick and how it was measured; one line per map, {@code \n} line ends. */
    public String toText() {
        double best = bestCounted();
        double chm = concurrentHashMap();
        StringBuilder out = new StringBuilder();
        out.append(
                String.format(
                        Locale.ROOT,
                        "%-11s %9s %15s %8s %8s\n",
                        "map",
                        "M ops/s",
                        "min-max",
                        "vs best",
                        "vs CHM"));
        for (StrategyScore s : scores) {
            out.append(
                    String.format(
                            Locale.ROOT,
                            "%-11s %9.2f %15s %8.2f %8.2f%s\n",
                            s.kind(),
                            s.medianOpsPerMicro(),
                            String.format(
                                    Locale.ROOT,
                                    "%.2f-%.2f",
                                    s.minOpsPerMicro(),
                                    s.maxOpsPerMicro()),
                            s.medianOpsPerMicro() / best,
                            s.medianOpsPerMicro() / chm,
                            s.kind() == MapKind.RAW_CHM
                                    ? "  plain ConcurrentHashMap, not counted (reference)"
                                    : ""));
        }
        out.append("pick: ")
                .append(advice.pick())
                .append(", ")
                .append(advice.reason())
                .append('\n');
        out.append(
                String.format(
                        Locale.ROOT,
                        "(median of %d slices of %s per map after %d warm-up rounds, wall clock, all maps in one JVM;"
                                + " vs best: to the fastest counted strategy; bench/RESULTS.md has the careful JMH figures)\n",
                        settings.rounds(),
                        millis(settings),
                        settings.warmupRounds()));
        return out.toString();
    }

    /** One JSON object (throughput in operations per microsecond), then a line end. */
    public void writeJson(PrintWriter out) {
        PrettyJson.print(out, this::writeJson);
    }

    private void writeJson(JsonGenerator json) throws IOException {
        double best = bestCounted();
        double chm = concurrentHashMap();
        json.writeStartObject();
        json.writeObjectFieldStart("workload");
        json.writeNumberField("missPercent", workload.missPercent());
        json.writeNumberField("readPercent", workload.readPercent());
        json.writeNumberField("threads", workload.threads());
        json.writeEndObject();
        json.writeObjectFieldStart("machine");
        json.writeNumberField("availableProcessors", processors);
        json.writeStringField("jdk", jdk);
        json.writeEndObject();
        json.writeObjectFieldStart("settings");
        numberField(json, "sliceSeconds", settings.slice().toNanos() / 1e9);
        json.writeNumberField("warmupRounds", settings.warmupRounds());
        json.writeNumberField("rounds", settings.rounds());
        json.writeEndObject();
        json.writeStringField("unit", "ops/us");
        json.writeArrayFieldStart("scores");
        for (StrategyScore s : scores) {
            json.writeStartObject();
            json.writeStringField("map", s.kind().name());
            numberField(json, "median", round(s.medianOpsPerMicro()));
            numberField(json, "min", round(s.minOpsPerMicro()));
            numberField(json, "max", round(s.maxOpsPerMicro()));
            numberField(json, "vsBest", round(s.medianOpsPerMicro() / best));
            numberField(json, "vsConcurrentHashMap", round(s.medianOpsPerMicro() / chm));
            json.writeEndObject();
        }
        json.writeEndArray();
        json.writeStringField("pick", advice.pick().name());
        json.writeStringField("reason", advice.reason());
        json.writeEndObject();
    }

    private static String millis(QuickComparison.Settings settings) {
        long micros = settings.slice().toNanos() / 1000;
        return micros % 1000 == 0 ? micros / 1000 + " ms" : micros + " us";
    }

    private static double round(double value) {
        return Math.round(value * 10_000) / 10_000.0;
    }
}
