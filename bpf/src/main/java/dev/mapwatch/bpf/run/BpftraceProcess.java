package dev.mapwatch.bpf.run;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.util.ArrayDeque;
import java.util.Deque;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import java.util.function.Consumer;

/**
 * bpftrace as a child process: stdout lines go to a consumer, stderr lines are kept (the last
 * few) and passed on. {@link #stop()} ends it (SIGTERM, which bpftrace handles by detaching its
 * probes; SIGKILL after a grace period) together with any process it started, and a shutdown
 * hook does the same if the runner's JVM exits first, so no bpftrace is ever left behind.
 */
final class BpftraceProcess implements AutoCloseable {

    private static final long GRACE_SECONDS = 5;

    private final Process process;
    private final Thread shutdownHook;
    private final Deque<String> lastErrors = new ArrayDeque<>();
    private final CompletableFuture<Void> stdoutDone = new CompletableFuture<>();
    private final CompletableFuture<Void> stderrDone = new CompletableFuture<>();
    private volatile boolean stopRequested;

    private BpftraceProcess(Process process) {
        this.process = process;
        this.shutdownHook = new Thread(this::kill, "mapwatch-bpftrace-stop");
        Runtime.getRuntime().addShutdownHook(shutdownHook);
    }

    /** Starts {@code command}; stdout lines go to {@code onLine}, stderr lines to {@code onError}. */
    static BpftraceProcess start(
            List<String> command, Consumer<String> onLine, Consumer<String> onError) {
        Process process;
        try {
            process =
                    new ProcessBuilder(command)
                            .redirectInput(
                                    ProcessBuilder.Redirect.from(new java.io.File("/dev/null")))
                            .start();
        } catch (IOException e) {
            throw new UncheckedIOException(
                    "cannot start " + command.get(0) + ": " + e.getMessage(), e);
        }
        BpftraceProcess bpftrace = new BpftraceProcess(process);
        bpftrace.pump(
                "mapwatch-bpftrace-stdout",
                process.inputReader(StandardCharsets.UTF_8),
                onLine,
                bpftrace.stdoutDone);
        bpftrace.pump(
                "mapwatch-bpftrace-stderr",
                process.errorReader(StandardCharsets.UTF_8),
                line -> {
                    synchronized (bpftrace.lastErrors) {
                        if (bpftrace.lastErrors.size() == 20) {
                            bpftrace.lastErrors.removeFirst();
                        }
                        bpftrace.lastErrors.addLast(line);
                    }
                    onError.accept(line);
                },
                bpftrace.stderrDone);
        return bpftrace;
    }

    private void pump(
            String name,
            BufferedReader reader,
            Consumer<String> sink,
            CompletableFuture<Void> done) {
        Thread t =
                new Thread(
                        () -> {
                            try (reader) {
                                String line;
                                while ((line = reader.readLine()) != null) {
                                    sink.accept(line);
                                }
                            } catch (IOException | RuntimeException e) {
                                // The stream closes when bpftrace is killed; nothing more to read.
                            } finally {
                                done.complete(null);
                            }
                        },
                        name);
        t.setDaemon(true);
        t.start();
    }

    long pid() {
        return process.pid();
    }

    /** Completes when bpftrace exits, with its exit code. */
    CompletableFuture<Integer> onExit() {
        return process.onExit().thenApply(Process::exitValue);
    }

    /** Waits until every stdout and stderr line has been handed on (after exit). */
    void awaitOutput() {
        try {
            CompletableFuture.allOf(stdoutDone, stderrDone).get(GRACE_SECONDS, TimeUnit.SECONDS);
        } catch (Exception e) {
            // Best effort: a missing last line is not worth hanging for.
        }
    }

    /** The last stderr lines that say ERROR, most recent last. */
    List<String> lastErrors() {
        synchronized (lastErrors) {
            return lastErrors.stream()
                    .filter(l -> l.contains("ERROR") && !l.contains("RLIMIT_MEMLOCK"))
                    .toList();
        }
    }

    /** Stops bpftrace and waits for it; idempotent. */
    void stop() {
        kill();
        try {
            Runtime.getRuntime().removeShutdownHook(shutdownHook);
        } catch (IllegalStateException e) {
            // Already shutting down: the hook runs (or ran) kill() itself.
        }
    }

    /** Whether {@link #stop()} or the shutdown hook ended bpftrace (rather than bpftrace itself). */
    boolean stopRequested() {
        return stopRequested;
    }

    private void kill() {
        stopRequested = true;
        List<ProcessHandle> descendants = process.descendants().toList();
        process.destroy();
        try {
            if (!process.waitFor(GRACE_SECONDS, TimeUnit.SECONDS)) {
                process.destroyForcibly();
                process.waitFor(GRACE_SECONDS, TimeUnit.SECONDS);
            }
        } catch (InterruptedException e) {
            process.destroyForcibly();
            Thread.currentThread().interrupt();
        }
        descendants.forEach(ProcessHandle::destroyForcibly);
    }

    @Override
    public void close() {
        stop();
    }
}
