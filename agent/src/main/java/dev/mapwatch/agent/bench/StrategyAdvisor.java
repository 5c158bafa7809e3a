package dev.mapwatch.agent.bench;

import java.util.Comparator;
import java.util.List;
import java.util.Locale;

/**
 * Runs a {@link QuickComparison} for a workload given on the command line and prints a table and
 * the strategy it would pick: the fastest by median; when {@code CONCURRENT} (the default, with no
 * tombstones, promotions or copies to watch) is within {@value #DEFAULT_MARGIN_PERCENT}% of it,
 * {@code CONCURRENT}.
 *
 * <pre>{@code
 * java -cp bench/target/benchmarks.jar dev.mapwatch.bench.quick.StrategyAdvisor \
 *      --miss 50 --read 90 --threads 2 [--quick] [--format json]
 * }</pre>
 *
 * <p>Exit codes: 0 done, 2 usage error (one line on stderr naming the bad option).
 */
public final class StrategyAdvisor {

    static final int DEFAULT_MARGIN_PERCENT = 5;
    private static final String USAGE = "usage: StrategyAdvisor [--miss PERCENT] [--read PERCENT] [--threads N]"
            + " [--quick] [--format table|json]";

    private StrategyAdvisor() {}

    /** The advice for measured scores: see the class comment. */
    public static MapKind pick(List<StrategyScore> scores) {
        StrategyScore best = scores.stream()
                .filter(s -> s.kind() != MapKind.RAW_CHM)
                .max(Comparator.comparingDouble(StrategyScore::medianOpsPerMicro))
                .orElseThrow(() -> new IllegalArgumentException("no strategy scores"));
        return scores.stream()
                .filter(s -> s.kind() == MapKind.CONCURRENT)
                .filter(s -> s.medianOpsPerMicro() >= best.medianOpsPerMicro() * (1 - DEFAULT_MARGIN_PERCENT / 100.0))
                .map(StrategyScore::kind)
                .findFirst()
                .orElse(best.kind());
    }

    public static void main(String[] args) {
        int miss = 0;
        int read = 90;
        int threads = Runtime.getRuntime().availableProcessors();
        boolean quick = false;
        boolean json = false;
        Workload workload;
        try {
            for (int i = 0; i < args.length; i++) {
                switch (args[i]) {
                    case "--quick" -> quick = true;
                    case "--miss" -> miss = intValue(args, ++i, "--miss");
                    case "--read" -> read = intValue(args, ++i, "--read");
                    case "--threads" -> threads = intValue(args, ++i, "--threads");
                    case "--format" -> json = format(args, ++i);
                    default -> throw new IllegalArgumentException("unknown option '" + args[i] + "'");
                }
            }
            workload = new Workload(miss, read, threads);
        } catch (IllegalArgumentException e) {
            System.err.println("mapwatch bench: " + e.getMessage() + "; " + USAGE);
            System.exit(2);
            return;
        }
        List<StrategyScore> scores = QuickComparison.run(workload,
                quick ? QuickComparison.Settings.QUICK : QuickComparison.Settings.NORMAL);
        MapKind pick = pick(scores);
        System.out.print(json ? json(workload, scores, pick) : table(workload, scores, pick));
    }

    private static int intValue(String[] args, int i, String option) {
        if (i >= args.length) {
            throw new IllegalArgumentException(option + " needs a value");
        }
        try {
            return Integer.parseInt(args[i]);
        } catch (NumberFormatException e) {
            throw new IllegalArgumentException(option + " must be an integer, got '" + args[i] + "'");
        }
    }

    private static boolean format(String[] args, int i) {
        if (i >= args.length || !(args[i].equals("table") || args[i].equals("json"))) {
            throw new IllegalArgumentException("--format must be table or json");
        }
        return args[i].equals("json");
    }

    static String table(Workload w, List<StrategyScore> scores, MapKind pick) {
        double best = scores.stream().mapToDouble(StrategyScore::medianOpsPerMicro).max().orElse(1);
        StringBuilder out = new StringBuilder(String.format(Locale.ROOT,
                "workload: %d%% misses, %d%% reads, %d thread(s); ops/µs, median of the slices (min-max)%n",
                w.missPercent(), w.readPercent(), w.threads()));
        out.append(String.format(Locale.ROOT, "%-11s %10s %17s %8s%n", "map", "ops/µs", "range", "vs best"));
        for (StrategyScore s : scores) {
            out.append(String.format(Locale.ROOT, "%-11s %10.2f %8.2f-%-8.2f %8.2f%s%n",
                    s.kind(), s.medianOpsPerMicro(), s.minOpsPerMicro(), s.maxOpsPerMicro(),
                    s.medianOpsPerMicro() / best, s.kind() == MapKind.RAW_CHM ? "  (uncounted reference)" : ""));
        }
        out.append("pick: ").append(pick).append('\n');
        return out.toString();
    }

    static String json(Workload w, List<StrategyScore> scores, MapKind pick) {
        StringBuilder out = new StringBuilder(String.format(Locale.ROOT,
                "{\"missPercent\":%d,\"readPercent\":%d,\"threads\":%d,\"unit\":\"ops/us\",\"scores\":[",
                w.missPercent(), w.readPercent(), w.threads()));
        for (int i = 0; i < scores.size(); i++) {
            StrategyScore s = scores.get(i);
            out.append(i == 0 ? "" : ",").append(String.format(Locale.ROOT,
                    "{\"map\":\"%s\",\"median\":%.4f,\"min\":%.4f,\"max\":%.4f}",
                    s.kind(), s.medianOpsPerMicro(), s.minOpsPerMicro(), s.maxOpsPerMicro()));
        }
        return out.append("],\"pick\":\"").append(pick).append("\"}\n").toString();
    }
}
