package dev.mapwatch.cli.bench;

import dev.mapwatch.cli.AgentVersionProvider;
import dev.mapwatch.cli.DurationConverter;
import dev.mapwatch.workload.MapKind;
import dev.mapwatch.workload.QuickComparison;
import dev.mapwatch.workload.Workload;
import java.io.PrintWriter;
import java.time.Duration;
import java.util.Locale;
import java.util.concurrent.Callable;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

/**
 * {@code mapwatch bench}: a short comparison of every strategy on this machine, under a workload
 * described by options, with the strategy it would pick (see {@link QuickComparison} and {@link
 * dev.mapwatch.workload.StrategyAdvisor}).
 */
@Command(
        name = "bench",
        mixinStandardHelpOptions = true,
        versionProvider = AgentVersionProvider.class,
        // One paragraph per element: picocli wraps them to the terminal's width.
        description = {
            "Compare the map strategies (and a plain, uncounted ConcurrentHashMap) on this machine under "
                    + "a workload you describe, and print throughput per map and the strategy to pick.",
            "All maps run in this JVM, in turn, in short slices: indicative figures in seconds, not a "
                    + "JMH measurement. Takes about 18 s (--quick: about 6 s); keep the machine otherwise idle."
        },
        exitCodeListHeading = "%nExit codes:%n",
        exitCodeList = {" 0:measured and printed", " 1:runtime failure", " 2:usage error"})
public final class BenchCommand implements Callable<Integer> {

    private static final Duration MAX_SLICE = Duration.ofSeconds(10);

    /** How the result is printed. */
    public enum Format {
        text,
        json
    }

    @Option(
            names = "--quick",
            description =
                    "100 ms slices and 5 measured rounds instead of 200 ms and 10: about 6 s instead of 18 s.")
    private boolean quick;

    @Option(
            names = "--miss-rate",
            paramLabel = "<percent>",
            defaultValue = "0",
            converter = PercentConverter.class,
            description =
                    "Share of operations on keys that are absent, 0 to 100 (default: ${DEFAULT-VALUE}).")
    private int missRate;

    @Option(
            names = "--read-share",
            paramLabel = "<percent>",
            defaultValue = "90",
            converter = PercentConverter.class,
            description =
                    "Share of operations that are reads (get); the rest write (put, or put then remove on an absent key), 0 to 100 (default: ${DEFAULT-VALUE}).")
    private int readShare;

    @Option(
            names = "--threads",
            paramLabel = "<n>",
            description =
                    "Threads using the map at once, 1 to 256 (default: the available processors).")
    private Integer threads;

    @Option(
            names = "--slice",
            paramLabel = "<duration>",
            converter = DurationConverter.class,
            description =
                    "Length of one measured slice, e.g. 500ms: longer is steadier (default: 200ms, 100ms with --quick).")
    private Duration slice;

    @Option(
            names = "--format",
            defaultValue = "text",
            description = "text or json (default: ${DEFAULT-VALUE}).")
    private Format format;

    @Spec private CommandSpec spec;

    @Override
    public Integer call() {
        int n =
                threads == null
                        ? Math.min(Runtime.getRuntime().availableProcessors(), Workload.MAX_THREADS)
                        : threads;
        if (n < 1 || n > Workload.MAX_THREADS) {
            throw new CommandLine.ParameterException(
                    spec.commandLine(),
                    "--threads must be from 1 to " + Workload.MAX_THREADS + ", got " + n);
        }
        if (slice != null && (slice.isZero() || slice.compareTo(MAX_SLICE) > 0)) {
            throw new CommandLine.ParameterException(
                    spec.commandLine(),
                    "--slice must be more than 0 and at most "
                            + MAX_SLICE.toSeconds()
                            + "s, got "
                            + slice.toMillis()
                            + "ms");
        }
        Workload workload = new Workload(missRate, readShare, n);
        QuickComparison.Settings defaults =
                quick ? QuickComparison.Settings.QUICK : QuickComparison.Settings.NORMAL;
        QuickComparison.Settings settings =
                slice == null
                        ? defaults
                        : new QuickComparison.Settings(
                                slice, defaults.warmupRounds(), defaults.rounds());
        PrintWriter out = spec.commandLine().getOut();
        if (format == Format.text) {
            out.printf(
                    Locale.ROOT,
                    "mapwatch bench: %s; measuring %d maps for about %d s\n",
                    BenchResult.describe(
                            workload,
                            Runtime.getRuntime().availableProcessors(),
                            Runtime.version().toString()),
                    MapKind.values().length,
                    Math.max(1, Math.round(estimatedSeconds(settings))));
            out.flush();
        }
        BenchResult result = BenchResult.measure(workload, settings);
        if (format == Format.json) {
            result.writeJson(out);
        } else {
            out.print(result.toText());
            out.flush();
        }
        return 0;
    }

    private static double estimatedSeconds(QuickComparison.Settings s) {
        return MapKind.values().length
                * (s.warmupRounds() + s.rounds())
                * s.slice().toNanos()
                / 1e9;
    }

    /** Parses a percentage, {@code 50} or {@code 50%}, from 0 to 100. */
    static final class PercentConverter implements CommandLine.ITypeConverter<Integer> {
        @Override
        public Integer convert(String value) {
            String digits = value.endsWith("%") ? value.substring(0, value.length() - 1) : value;
            try {
                int percent = Integer.parseInt(digits);
                if (percent >= 0 && percent <= 100) {
                    return percent;
                }
            } catch (NumberFormatException e) {
                // reported below
            }
            throw new CommandLine.TypeConversionException(
                    "'" + value + "' is not a whole percentage from 0 to 100, e.g. 50");
        }
    }
}
