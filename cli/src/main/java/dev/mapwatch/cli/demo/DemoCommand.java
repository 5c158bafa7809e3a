package dev.mapwatch.cli.demo;

import dev.mapwatch.agent.AgentLog;
import dev.mapwatch.agent.AgentOptions;
import dev.mapwatch.agent.AgentRuntime;
import dev.mapwatch.agent.maps.CountedMaps;
import dev.mapwatch.cli.AgentVersionProvider;
import dev.mapwatch.cli.CommandFailure;
import dev.mapwatch.cli.DurationConverter;
import dev.mapwatch.cli.LauncherInstrumentation;
import dev.mapwatch.exporter.prometheus.MetricSamples;
import dev.mapwatch.instrument.MapsSelection;
import dev.mapwatch.maps.Counting;
import java.io.IOException;
import java.io.PrintWriter;
import java.time.Duration;
import java.util.Optional;
import java.util.concurrent.Callable;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

/** {@code mapwatch demo}: a built-in workload watched by the agent in-process, with a live table. */
@Command(
        name = "demo",
        mixinStandardHelpOptions = true,
        versionProvider = AgentVersionProvider.class,
        description = {
            "Run a built-in workload that exercises every mapwatch metric (maps of every strategy, lock",
            "contention, allocation, thread churn, virtual threads on JDK 21+), serve /metrics for it",
            "and print a compact table every few seconds, until Ctrl-C or --duration."
        },
        exitCodeListHeading = "%nExit codes:%n",
        exitCodeList = {
            " 0:ran until Ctrl-C or --duration",
            " 1:the agent could not start (e.g. the port is in use)",
            " 2:usage error"
        })
public final class DemoCommand implements Callable<Integer> {

    /** How the table is printed. */
    public enum Format {
        text,
        json
    }

    @Option(
            names = "--port",
            defaultValue = "9464",
            description =
                    "Port of /metrics on 127.0.0.1 (0 picks a free one; default: ${DEFAULT-VALUE}).")
    private int port;

    @Option(
            names = "--duration",
            paramLabel = "<duration>",
            converter = DurationConverter.class,
            description = "Stop after this long, e.g. 30s or 5m (default: until Ctrl-C).")
    private Duration duration;

    @Option(
            names = "--interval",
            paramLabel = "<duration>",
            defaultValue = "5s",
            converter = DurationConverter.class,
            description = "Time between tables (default: ${DEFAULT-VALUE}).")
    private Duration interval;

    @Option(
            names = "--format",
            defaultValue = "text",
            description = "text or json, one object per line (default: ${DEFAULT-VALUE}).")
    private Format format;

    @Spec private CommandSpec spec;

    /**
     * The demo's plain {@code ConcurrentHashMap} counted as {@code maps=} counts an application's
     * maps, when {@code java -jar} gave the launcher the JVM's Instrumentation; null otherwise.
     */
    private static CountedMaps countPlainMap() {
        return LauncherInstrumentation.get()
                .map(
                        inst -> {
                            try {
                                return CountedMaps.install(
                                        inst, MapsSelection.demo(), Counting.EXACT, false);
                            } catch (IOException | RuntimeException e) {
                                AgentLog.line(
                                        "the demo's plain map is not counted ("
                                                + AgentLog.describe(e)
                                                + ")");
                                return null;
                            }
                        })
                .orElse(null);
    }

    @Override
    public Integer call() throws InterruptedException {
        if (port < 0 || port > 65_535) {
            throw new CommandLine.ParameterException(
                    spec.commandLine(), "--port must be from 0 to 65535, got " + port);
        }
        if (interval.isZero() || (duration != null && duration.isZero())) {
            throw new CommandLine.ParameterException(
                    spec.commandLine(), "--interval and --duration must be positive");
        }
        AgentOptions options =
                new AgentOptions(
                        port,
                        AgentOptions.DEFAULT_HOST,
                        Optional.empty(),
                        Optional.empty(),
                        Optional.empty(),
                        AgentOptions.DEFAULT_LOCK_THRESHOLD,
                        AgentOptions.DEFAULT_TOP_N);
        AgentRuntime agent =
                AgentRuntime.startInProcess(options, countPlainMap())
                        .orElseThrow(
                                () ->
                                        new CommandFailure(
                                                1, "the agent did not start (see the line above)"));
        PrintWriter out = spec.commandLine().getOut();
        long started = System.nanoTime();
        long deadline = duration == null ? Long.MAX_VALUE : started + duration.toNanos();
        try (DemoWorkload workload = DemoWorkload.start()) {
            if (format == Format.text) {
                out.println(
                        "mapwatch demo: serving "
                                + agent.endpoint()
                                + "; "
                                + (duration == null
                                        ? "Ctrl-C to stop"
                                        : "stopping after " + duration.toSeconds() + " s"));
                out.flush();
            }
            MetricSamples before =
                    MetricSamples.of(agent.registry().getPrometheusRegistry().scrape());
            long last = System.nanoTime();
            while (System.nanoTime() < deadline) {
                long wait = Math.min(interval.toNanos(), deadline - System.nanoTime());
                Thread.sleep(Math.max(1, wait / 1_000_000)); // the table's pace
                MetricSamples now =
                        MetricSamples.of(agent.registry().getPrometheusRegistry().scrape());
                long at = System.nanoTime();
                DemoTable table =
                        DemoTable.between(before, now, (at - last) / 1e9, (at - started) / 1e9);
                out.println(format == Format.json ? table.toJson() : table.toText());
                out.flush();
                before = now;
                last = at;
            }
        } finally {
            agent.close();
        }
        return 0;
    }
}
