package dev.mapwatch.bench.overhead;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.io.UncheckedIOException;
import java.net.HttpURLConnection;
import java.net.ServerSocket;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;

/**
 * Measures what the mapwatch agent costs the JVM it watches: runs {@link OverheadWorkload} in child
 * JVMs alternately without and with {@code -javaagent} (the order flips every round, so drift
 * does not favour either side), scraping {@code /metrics} once a second while the agent runs, and
 * prints a Markdown report: the throughput ratio per round (wall clock and per CPU second of the
 * whole process), their mean and spread, the time from launching {@code java} to the first
 * answered scrape, the agent's threads, and its heap (heap after GC with minus without, and a
 * class histogram of the agent's own classes from one extra run).
 *
 * <pre>{@code
 * java -cp bench/target/benchmarks.jar dev.mapwatch.bench.overhead.AgentOverhead \
 *      --agent dist/target/mapwatch-agent.jar [--rounds 6] [--seconds 8] [--warmup 6] [--workers 2]
 * }</pre>
 *
 * <p>Exit codes: 0 report printed, 1 a child run failed, 2 usage error.
 */
public final class AgentOverhead {

    private static final String USAGE =
            "usage: AgentOverhead --agent <mapwatch-agent.jar> [--java <java>]"
                    + " [--rounds N] [--workers N] [--warmup SECONDS] [--seconds SECONDS]";
    private static final long FIRST_SCRAPE_POLL_MILLIS = 5;
    private static final long SCRAPE_INTERVAL_MILLIS = 1000;

    private final Path agent;
    private final Path java;
    private final int rounds;
    private final int workers;
    private final double warmup;
    private final double seconds;

    private AgentOverhead(
            Path agent, Path java, int rounds, int workers, double warmup, double seconds) {
        this.agent = agent;
        this.java = java;
        this.rounds = rounds;
        this.workers = workers;
        this.warmup = warmup;
        this.seconds = seconds;
    }

    public static void main(String[] args) {
        AgentOverhead driver;
        try {
            driver = parse(args);
        } catch (IllegalArgumentException e) {
            System.err.println("agent-overhead: " + e.getMessage());
            System.err.println(USAGE);
            System.exit(2);
            return;
        }
        try {
            driver.run();
        } catch (ChildFailed e) {
            System.err.println("agent-overhead: " + e.getMessage());
            System.exit(1);
        }
    }

    static AgentOverhead parse(String[] args) {
        Path agent = null;
        Path java = Path.of(System.getProperty("java.home"), "bin", "java");
        int rounds = 6;
        int workers = 2;
        double warmup = 6;
        double seconds = 8;
        for (int i = 0; i < args.length; i++) {
            String option = args[i];
            if (i + 1 >= args.length) {
                throw new IllegalArgumentException("option " + option + " needs a value");
            }
            String value = args[++i];
            switch (option) {
                case "--agent" -> agent = Path.of(value);
                case "--java" -> java = Path.of(value);
                case "--rounds" -> rounds = positiveInt(option, value);
                case "--workers" -> workers = positiveInt(option, value);
                case "--warmup" -> warmup = positiveSeconds(option, value);
                case "--seconds" -> seconds = positiveSeconds(option, value);
                default -> throw new IllegalArgumentException("unknown option " + option);
            }
        }
        if (agent == null) {
            throw new IllegalArgumentException(
                    "--agent is required (build it: mvn -pl agent -am package -DskipTests)");
        }
        if (!Files.isRegularFile(agent)) {
            throw new IllegalArgumentException("agent jar not found: " + agent);
        }
        if (!Files.isExecutable(java)) {
            throw new IllegalArgumentException("not an executable java: " + java);
        }
        return new AgentOverhead(agent, java, rounds, workers, warmup, seconds);
    }

    private static int positiveInt(String option, String value) {
        try {
            int n = Integer.parseInt(value);
            if (n > 0) {
                return n;
            }
        } catch (NumberFormatException e) {
            // reported below
        }
        throw new IllegalArgumentException(
                option + " must be a positive integer, got '" + value + "'");
    }

    private static double positiveSeconds(String option, String value) {
        try {
            double s = Double.parseDouble(value);
            if (s > 0) {
                return s;
            }
        } catch (NumberFormatException e) {
            // reported below
        }
        throw new IllegalArgumentException(
                option + " must be a positive number of seconds, got '" + value + "'");
    }

    private void run() {
        List<WorkloadResult> without = new ArrayList<>();
        List<WorkloadResult> with = new ArrayList<>();
        List<Double> firstScrapeMillis = new ArrayList<>();
        StringBuilder table = new StringBuilder();
        table.append(
                "| round | order | without (units/s) | with (units/s) | ratio | without (units/CPU s) | with (units/CPU s) | ratio |\n");
        table.append("|---|---|---|---|---|---|---|---|\n");
        for (int round = 1; round <= rounds; round++) {
            boolean agentFirst = round % 2 == 0;
            Run a = agentFirst ? runWithAgent(false) : runWithoutAgent();
            Run b = agentFirst ? runWithoutAgent() : runWithAgent(false);
            Run off = agentFirst ? b : a;
            Run on = agentFirst ? a : b;
            without.add(off.result);
            with.add(on.result);
            firstScrapeMillis.add(on.firstScrapeMillis);
            table.append(
                    String.format(
                            Locale.ROOT,
                            "| %d | %s | %.0f | %.0f | %.4f | %.0f | %.0f | %.4f |%n",
                            round,
                            agentFirst ? "with first" : "without first",
                            off.result.unitsPerSecond(),
                            on.result.unitsPerSecond(),
                            on.result.unitsPerSecond() / off.result.unitsPerSecond(),
                            off.result.unitsPerCpuSecond(),
                            on.result.unitsPerCpuSecond(),
                            on.result.unitsPerCpuSecond() / off.result.unitsPerCpuSecond()));
            System.err.printf(Locale.ROOT, "agent-overhead: round %d/%d done%n", round, rounds);
        }
        Run footprint = runWithAgent(true);

        List<Double> wallRatios = new ArrayList<>();
        List<Double> cpuRatios = new ArrayList<>();
        for (int i = 0; i < rounds; i++) {
            wallRatios.add(with.get(i).unitsPerSecond() / without.get(i).unitsPerSecond());
            cpuRatios.add(with.get(i).unitsPerCpuSecond() / without.get(i).unitsPerCpuSecond());
        }
        Summary wall = Summary.of(wallRatios);
        Summary cpu = Summary.of(cpuRatios);
        Summary scrape = Summary.of(firstScrapeMillis);
        Summary heapWith =
                Summary.of(with.stream().map(r -> (double) r.heapUsedAfterGc()).toList());
        Summary heapWithout =
                Summary.of(without.stream().map(r -> (double) r.heapUsedAfterGc()).toList());
        Summary rssWith = Summary.of(with.stream().map(r -> (double) r.rssKb()).toList());
        Summary rssWithout = Summary.of(without.stream().map(r -> (double) r.rssKb()).toList());
        Summary threads = Summary.of(with.stream().map(r -> (double) r.mapwatchThreads()).toList());

        StringBuilder out = new StringBuilder();
        out.append(
                String.format(
                        Locale.ROOT,
                        "Agent overhead: %d rounds, %d workers, %.1f s warm-up + %.1f s measured per run, java %s, agent %s%n%n",
                        rounds,
                        workers,
                        warmup,
                        seconds,
                        java,
                        agent));
        out.append(table).append('\n');
        out.append("| figure | mean | stdev | min | max |\n|---|---|---|---|---|\n");
        row(out, "throughput ratio with/without (wall clock)", wall, "%.4f");
        row(out, "throughput ratio with/without (per process CPU second)", cpu, "%.4f");
        row(out, "launch to first answered scrape (ms)", scrape, "%.0f");
        row(out, "mapwatch-* threads (with agent)", threads, "%.1f");
        row(out, "heap used after GC, with agent (MiB)", scale(heapWith, 1.0 / (1 << 20)), "%.1f");
        row(out, "heap used after GC, without (MiB)", scale(heapWithout, 1.0 / (1 << 20)), "%.1f");
        row(out, "resident set, with agent (MiB)", scale(rssWith, 1.0 / 1024), "%.1f");
        row(out, "resident set, without (MiB)", scale(rssWithout, 1.0 / 1024), "%.1f");
        out.append(
                String.format(
                        Locale.ROOT,
                        "%nOverhead (1 - mean ratio): wall clock %.2f%%, per CPU second %.2f%% (target: at most 2%%).%n",
                        100 * (1 - wall.mean()),
                        100 * (1 - cpu.mean())));
        out.append(
                String.format(
                        Locale.ROOT,
                        "Heap after GC, with minus without: %.1f MiB; resident set: %.1f MiB.%n",
                        (heapWith.mean() - heapWithout.mean()) / (1 << 20),
                        (rssWith.mean() - rssWithout.mean()) / 1024));
        out.append(
                        "Agent classes on the heap (jcmd GC.class_histogram, classes under dev.mapwatch.agent,"
                                + " dev.mapwatch.exporter, dev.mapwatch.shaded, one extra run): ")
                .append(footprint.agentHistogram)
                .append('\n');
        System.out.print(out);
    }

    private static Summary scale(Summary s, double factor) {
        return new Summary(
                s.count(),
                s.mean() * factor,
                s.stdev() * factor,
                s.min() * factor,
                s.max() * factor);
    }

    private static void row(StringBuilder out, String name, Summary s, String format) {
        out.append("| ").append(name);
        for (double v : new double[] {s.mean(), s.stdev(), s.min(), s.max()}) {
            out.append(" | ").append(String.format(Locale.ROOT, format, v));
        }
        out.append(" |\n");
    }

    /** One child run's figures. */
    private record Run(WorkloadResult result, double firstScrapeMillis, String agentHistogram) {}

    private Run runWithoutAgent() {
        Process child = launch(List.of());
        return new Run(await(child), Double.NaN, "");
    }

    private Run runWithAgent(boolean histogram) {
        int port = freePort();
        long launched = System.nanoTime();
        Process child = launch(List.of("-javaagent:" + agent.toAbsolutePath() + "=port=" + port));
        Scraper scraper =
                new Scraper(URI.create("http://127.0.0.1:" + port + "/metrics"), launched, child);
        scraper.start();
        String agentHistogram = "";
        if (histogram) {
            sleepSeconds(warmup + seconds / 2);
            agentHistogram = agentClassesOnHeap(child.pid());
        }
        WorkloadResult result = await(child);
        scraper.interrupt();
        try {
            scraper.join(TimeUnit.SECONDS.toMillis(5));
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
        long first = scraper.firstAnsweredNanos.get();
        if (first < 0) {
            throw new ChildFailed("the agent never answered a scrape on port " + port);
        }
        return new Run(result, first / 1e6, agentHistogram);
    }

    private Process launch(List<String> agentArgs) {
        List<String> command = new ArrayList<>();
        command.add(java.toString());
        command.add("-Xms256m");
        command.add("-Xmx256m");
        command.addAll(agentArgs);
        command.add("-cp");
        command.add(System.getProperty("java.class.path"));
        command.add(OverheadWorkload.class.getName());
        command.add(Integer.toString(workers));
        command.add(Double.toString(warmup));
        command.add(Double.toString(seconds));
        try {
            return new ProcessBuilder(command)
                    .redirectError(ProcessBuilder.Redirect.INHERIT)
                    .start();
        } catch (IOException e) {
            throw new ChildFailed("cannot start " + java + ": " + e.getMessage());
        }
    }

    private static WorkloadResult await(Process child) {
        String resultLine = null;
        try (BufferedReader out =
                new BufferedReader(
                        new InputStreamReader(child.getInputStream(), StandardCharsets.UTF_8))) {
            for (String line; (line = out.readLine()) != null; ) {
                if (line.startsWith(OverheadWorkload.RESULT_PREFIX)) {
                    resultLine = line;
                }
            }
            int exit = child.waitFor();
            if (exit != 0 || resultLine == null) {
                throw new ChildFailed(
                        "workload exited with "
                                + exit
                                + (resultLine == null ? " and no result line" : ""));
            }
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new ChildFailed("interrupted while waiting for the workload");
        }
        return WorkloadResult.parse(resultLine);
    }

    /** Bytes and instances of the agent's own classes, from {@code jcmd <pid> GC.class_histogram}. */
    private String agentClassesOnHeap(long pid) {
        Path jcmd = java.resolveSibling("jcmd");
        long instances = 0;
        long bytes = 0;
        int classes = 0;
        try {
            Process p =
                    new ProcessBuilder(jcmd.toString(), Long.toString(pid), "GC.class_histogram")
                            .redirectErrorStream(true)
                            .start();
            try (BufferedReader in =
                    new BufferedReader(
                            new InputStreamReader(p.getInputStream(), StandardCharsets.UTF_8))) {
                for (String line; (line = in.readLine()) != null; ) {
                    // "   7:   1234   56789  dev.mapwatch.shaded.io.micrometer.Foo (java.base@17)"
                    String[] cols = line.trim().split("\\s+");
                    if (cols.length >= 4 && cols[0].endsWith(":") && isAgentClass(cols[3])) {
                        instances += Long.parseLong(cols[1]);
                        bytes += Long.parseLong(cols[2]);
                        classes++;
                    }
                }
            }
            p.waitFor();
        } catch (IOException | NumberFormatException e) {
            return "unavailable (" + e.getMessage() + ")";
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return "unavailable (interrupted)";
        }
        return String.format(
                Locale.ROOT,
                "%d classes, %d instances, %.1f KiB",
                classes,
                instances,
                bytes / 1024.0);
    }

    private static boolean isAgentClass(String name) {
        return name.startsWith("dev.mapwatch.agent.")
                || name.startsWith("dev.mapwatch.exporter.")
                || name.startsWith("dev.mapwatch.shaded.");
    }

    private static int freePort() {
        try (ServerSocket socket = new ServerSocket(0)) {
            return socket.getLocalPort();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private static void sleepSeconds(double s) {
        try {
            Thread.sleep((long) (s * 1000));
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    /**
     * Polls {@code /metrics} until the first 200 (the time from launch to that answer is recorded),
     * then scrapes once a second, as a (busy) Prometheus would, until the child exits.
     */
    private static final class Scraper extends Thread {
        final AtomicLong firstAnsweredNanos = new AtomicLong(-1);
        private final URI uri;
        private final long launched;
        private final Process child;

        Scraper(URI uri, long launched, Process child) {
            super("agent-overhead-scraper");
            setDaemon(true);
            this.uri = uri;
            this.launched = launched;
            this.child = child;
        }

        @Override
        public void run() {
            while (child.isAlive() && !isInterrupted()) {
                boolean answered = scrape();
                if (answered && firstAnsweredNanos.get() < 0) {
                    firstAnsweredNanos.set(System.nanoTime() - launched);
                }
                try {
                    Thread.sleep(
                            firstAnsweredNanos.get() < 0
                                    ? FIRST_SCRAPE_POLL_MILLIS
                                    : SCRAPE_INTERVAL_MILLIS);
                } catch (InterruptedException e) {
                    return;
                }
            }
        }

        private boolean scrape() {
            try {
                HttpURLConnection c = (HttpURLConnection) uri.toURL().openConnection();
                c.setConnectTimeout(1000);
                c.setReadTimeout(5000);
                try {
                    if (c.getResponseCode() != 200) {
                        return false;
                    }
                    c.getInputStream().readAllBytes();
                    return true;
                } finally {
                    c.disconnect();
                }
            } catch (IOException notYet) {
                return false;
            }
        }
    }

    /** A child run that did not produce its figures. */
    private static final class ChildFailed extends RuntimeException {
        ChildFailed(String message) {
            super(message);
        }
    }
}
