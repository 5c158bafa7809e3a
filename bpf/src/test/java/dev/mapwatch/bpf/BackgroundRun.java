package dev.mapwatch.bpf;

import dev.mapwatch.bpf.host.HostInspector;
import java.io.IOException;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.List;
import java.util.OptionalDouble;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import java.util.function.DoublePredicate;
import java.util.function.Supplier;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/** {@code mapwatch bpf run ...} in a background thread, with its endpoint scraped by the test. */
final class BackgroundRun implements AutoCloseable {

    private static final Pattern SERVING = Pattern.compile("metrics at http://([^/]+)/metrics");

    private final StringWriter out = new StringWriter();
    private final StringWriter err = new StringWriter();
    private final CompletableFuture<Integer> exit;
    private final HttpClient http = HttpClient.newHttpClient();
    private String endpoint;

    private BackgroundRun(Supplier<HostInspector> inspector, String... args) {
        exit =
                CompletableFuture.supplyAsync(
                        () -> {
                            var cl = BpfCommand.commandLine(new BpfCommand(inspector));
                            cl.setOut(new PrintWriter(out, true));
                            cl.setErr(new PrintWriter(err, true));
                            return cl.execute(args);
                        },
                        r -> {
                            Thread t = new Thread(r, "bpf-run");
                            t.setDaemon(true);
                            t.start();
                        });
    }

    /** Starts {@code bpf run <args>} and waits until it serves metrics. */
    static BackgroundRun start(Supplier<HostInspector> inspector, String... args) {
        BackgroundRun run = new BackgroundRun(inspector, args);
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(30);
        while (System.nanoTime() < deadline) {
            Matcher m = SERVING.matcher(run.out.toString());
            if (m.find()) {
                run.endpoint = "http://" + m.group(1) + "/metrics";
                return run;
            }
            if (run.exit.isDone()) {
                throw new AssertionError(
                        "bpf run exited with " + run.exit.join() + ": " + run.err + run.out);
            }
            pause();
        }
        throw new AssertionError("bpf run did not serve metrics within 30 s: " + run.err + run.out);
    }

    /**
     * Starts {@code bpf run <script> --pid <pid> --port 0 --interval 1s} and waits for the first
     * interval print, which comes after bpftrace attached every probe.
     */
    static BackgroundRun startAttached(
            Supplier<HostInspector> inspector, BpfScript script, long pid) {
        BackgroundRun run =
                start(
                        inspector,
                        "run",
                        script.scriptName(),
                        "--pid",
                        Long.toString(pid),
                        "--port",
                        "0",
                        "--interval",
                        "1s");
        run.awaitValue(
                "mapwatch_bpf_reports_total{pid=\""
                        + pid
                        + "\",script=\""
                        + script.scriptName()
                        + "\"}",
                v -> v >= 1,
                Duration.ofSeconds(20));
        return run;
    }

    String scrape() {
        try {
            HttpResponse<String> response =
                    http.send(
                            HttpRequest.newBuilder(URI.create(endpoint)).build(),
                            HttpResponse.BodyHandlers.ofString());
            return response.body();
        } catch (IOException e) {
            throw new AssertionError("scrape of " + endpoint + " failed", e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new AssertionError(e);
        }
    }

    /** Polls the endpoint until {@code series} (name and labels, as exposed) satisfies {@code test}. */
    double awaitValue(String series, DoublePredicate test, Duration timeout) {
        long deadline = System.nanoTime() + timeout.toNanos();
        String last = "";
        while (System.nanoTime() < deadline) {
            last = scrape();
            OptionalDouble v = value(last, series);
            if (v.isPresent() && test.test(v.getAsDouble())) {
                return v.getAsDouble();
            }
            pause();
        }
        throw new AssertionError(
                "no "
                        + series
                        + " as expected within "
                        + timeout
                        + "; last scrape:\n"
                        + last
                        + "\nstderr: "
                        + err);
    }

    static OptionalDouble value(String exposition, String series) {
        for (String line : exposition.lines().toList()) {
            if (line.startsWith(series + " ")) {
                return OptionalDouble.of(
                        Double.parseDouble(
                                line.substring(series.length() + 1).trim().split(" ")[0]));
            }
        }
        return OptionalDouble.empty();
    }

    /** Waits for the command to return its exit code. */
    int awaitExit(Duration timeout) throws Exception {
        return exit.get(timeout.toMillis(), TimeUnit.MILLISECONDS);
    }

    String out() {
        return out.toString();
    }

    String err() {
        return err.toString();
    }

    /** bpftrace children of this JVM right now. */
    static List<ProcessHandle> bpftraceChildren() {
        return ProcessHandle.current()
                .descendants()
                .filter(p -> p.info().command().map(c -> c.endsWith("/bpftrace")).orElse(false))
                .toList();
    }

    @Override
    public void close() {
        // The runs end with their target; nothing to do unless a test failed midway, and then the
        // runner's shutdown hook stops bpftrace when the test JVM exits.
    }

    /** The interval between two checks of a condition polled with a deadline; not synchronisation. */
    private static void pause() {
        try {
            Thread.sleep(100);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }
}
