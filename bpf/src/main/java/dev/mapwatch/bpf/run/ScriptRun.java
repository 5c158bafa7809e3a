package dev.mapwatch.bpf.run;

import dev.mapwatch.bpf.BpfScript;
import dev.mapwatch.bpf.metrics.FamilySet;
import dev.mapwatch.bpf.metrics.ScriptMetrics;
import dev.mapwatch.bpf.output.BpftraceOutputParser;
import io.prometheus.metrics.exporter.httpserver.HTTPServer;
import io.prometheus.metrics.model.registry.PrometheusRegistry;
import java.io.IOException;
import java.io.PrintWriter;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.atomic.AtomicBoolean;

/**
 * One {@code mapwatch bpf run}: bpftrace runs the script against a pid, its output becomes
 * metrics on an HTTP endpoint, and everything stops when the target exits, when bpftrace
 * exits, or when the runner's JVM is asked to stop (Ctrl-C).
 */
public final class ScriptRun {

    /** What ended the run. */
    public enum Outcome {
        TARGET_EXITED,
        STOPPED,
        BPFTRACE_FAILED,
        BPFTRACE_EXITED
    }

    /** Settings of a run. */
    public record Settings(
            BpfScript script,
            long pid,
            Path bpftrace,
            Interval interval,
            String host,
            int port,
            int maxLabelValues) {}

    private final Settings settings;
    private final PrintWriter out;
    private final PrintWriter err;

    public ScriptRun(Settings settings, PrintWriter out, PrintWriter err) {
        this.settings = settings;
        this.out = out;
        this.err = err;
    }

    /** Runs until the target or bpftrace exits; returns what ended it. */
    public Outcome run(ProcessHandle target) throws IOException {
        Path scriptFile = writeScript();
        FamilySet families = new FamilySet();
        ScriptMetrics metrics =
                ScriptMetrics.create(
                        settings.script(), settings.pid(), settings.maxLabelValues(), families);
        metrics.runner().onProblem(this::warn);
        PrometheusRegistry registry = new PrometheusRegistry();
        registry.register(families);
        AtomicBoolean stopping = new AtomicBoolean();
        try (HTTPServer server = startServer(registry)) {
            out.printf(
                    "mapwatch bpf: %s on pid %d, metrics at http://%s:%d/metrics (every %ds; Ctrl-C stops)%n",
                    settings.script().scriptName(),
                    settings.pid(),
                    settings.host(),
                    server.getPort(),
                    settings.interval().seconds());
            out.flush();
            BpftraceProcess bpftrace =
                    BpftraceProcess.start(
                            command(scriptFile),
                            line -> {
                                if (!stopping
                                        .get()) { // after stop, bpftrace's exit prints are not the
                                    // target's
                                    BpftraceOutputParser.parse(line).ifPresent(metrics::accept);
                                }
                            },
                            line -> {
                                if (!line.contains(
                                        "RLIMIT_MEMLOCK")) { // harmless on kernels that account BPF
                                    // memory by cgroup
                                    warn("bpftrace: " + line);
                                }
                            });
            Outcome outcome;
            try {
                outcome = awaitEnd(target, bpftrace);
            } finally {
                stopping.set(true);
                bpftrace.stop();
            }
            report(outcome, bpftrace);
            return outcome;
        } finally {
            Files.deleteIfExists(scriptFile);
        }
    }

    private HTTPServer startServer(PrometheusRegistry registry) throws IOException {
        try {
            return HTTPServer.builder()
                    .hostname(settings.host())
                    .port(settings.port())
                    .registry(registry)
                    .buildAndStart();
        } catch (IOException e) {
            throw new IOException(
                    "cannot serve metrics on "
                            + settings.host()
                            + ":"
                            + settings.port()
                            + ": "
                            + e.getMessage()
                            + " (choose another --port or --host)",
                    e);
        }
    }

    /** Waits for the target or bpftrace to exit, or for the runner to be stopped (Ctrl-C). */
    private static Outcome awaitEnd(ProcessHandle target, BpftraceProcess bpftrace) {
        CompletableFuture<Outcome> ended =
                CompletableFuture.anyOf(
                                target.onExit().thenApply(p -> Outcome.TARGET_EXITED),
                                bpftrace.onExit()
                                        .thenApply(
                                                code ->
                                                        code == 0
                                                                ? Outcome.BPFTRACE_EXITED
                                                                : Outcome.BPFTRACE_FAILED))
                        .thenApply(Outcome.class::cast);
        try {
            Outcome outcome = ended.get();
            if (outcome != Outcome.TARGET_EXITED && bpftrace.stopRequested()) {
                return Outcome.STOPPED; // Ctrl-C or a signal: the shutdown hook stopped bpftrace
            }
            if (outcome != Outcome.TARGET_EXITED) {
                bpftrace.awaitOutput(); // its last lines may explain why it ended
            }
            return outcome;
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return Outcome.STOPPED;
        } catch (ExecutionException e) {
            return Outcome.BPFTRACE_FAILED;
        }
    }

    private void report(Outcome outcome, BpftraceProcess bpftrace) {
        switch (outcome) {
            case TARGET_EXITED ->
                    out.printf(
                            "mapwatch bpf: process %d exited; bpftrace stopped%n", settings.pid());
            case STOPPED -> out.printf("mapwatch bpf: stopped; bpftrace stopped%n");
            case BPFTRACE_EXITED -> out.printf("mapwatch bpf: bpftrace exited%n");
            case BPFTRACE_FAILED ->
                    err.printf(
                            "mapwatch bpf: bpftrace failed: %s%n",
                            bpftrace.lastErrors().isEmpty()
                                    ? "see its messages above"
                                    : String.join("; ", bpftrace.lastErrors()));
        }
        out.flush();
        err.flush();
    }

    /** bpftrace -f json [-p PID] SCRIPT PID SECONDS. */
    List<String> command(Path scriptFile) {
        List<String> command =
                new ArrayList<>(List.of(settings.bpftrace().toString(), "-f", "json"));
        if (settings.script().usesUsdt()) {
            command.addAll(List.of("-p", Long.toString(settings.pid())));
        }
        command.addAll(
                List.of(
                        scriptFile.toString(),
                        Long.toString(settings.pid()),
                        Integer.toString(settings.interval().seconds())));
        return command;
    }

    private Path writeScript() throws IOException {
        Path file =
                Files.createTempFile(
                        "mapwatch-" + settings.script().scriptName() + "-",
                        ".bt",
                        PosixFilePermissions.asFileAttribute(
                                PosixFilePermissions.fromString("rw-------")));
        Files.writeString(file, settings.script().text(), StandardCharsets.UTF_8);
        return file;
    }

    private void warn(String message) {
        synchronized (err) {
            err.println("mapwatch bpf: " + message);
            err.flush();
        }
    }
}
