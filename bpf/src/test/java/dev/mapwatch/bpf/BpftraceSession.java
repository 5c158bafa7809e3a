package dev.mapwatch.bpf;

import dev.mapwatch.bpf.output.BpftraceEvent;
import dev.mapwatch.bpf.output.BpftraceEvent.MapPrint;
import dev.mapwatch.bpf.output.BpftraceOutputParser;
import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;
import java.util.function.Function;

/** A packaged script run by real bpftrace, its output parsed, for the script tests. */
final class BpftraceSession implements AutoCloseable {

    private final Process process;
    private final Path scriptFile;
    private final BlockingQueue<BpftraceEvent> events = new LinkedBlockingQueue<>();
    private final StringBuffer stderr = new StringBuffer();

    private BpftraceSession(Process process, Path scriptFile) {
        this.process = process;
        this.scriptFile = scriptFile;
        daemon(
                () -> {
                    try (BufferedReader r =
                            new BufferedReader(
                                    new InputStreamReader(
                                            process.getInputStream(), StandardCharsets.UTF_8))) {
                        String line;
                        while ((line = r.readLine()) != null) {
                            BpftraceOutputParser.parse(line).ifPresent(events::add);
                        }
                    } catch (IOException e) {
                        // bpftrace gone
                    }
                });
        daemon(
                () -> {
                    try {
                        stderr.append(
                                new String(
                                        process.getErrorStream().readAllBytes(),
                                        StandardCharsets.UTF_8));
                    } catch (IOException e) {
                        // bpftrace gone
                    }
                });
    }

    /**
     * Runs {@code script} against {@code pid}, printing every second; waits for the first
     * interval print, which comes after every probe is attached (bpftrace prints
     * attached_probes before it attaches them).
     */
    static BpftraceSession attach(Path bpftrace, BpfScript script, long pid) throws IOException {
        Path file = Files.createTempFile("mapwatch-test-" + script.scriptName(), ".bt");
        Files.writeString(file, script.text());
        List<String> command = new ArrayList<>(List.of(bpftrace.toString(), "-f", "json"));
        if (script.usesUsdt()) {
            command.addAll(List.of("-p", Long.toString(pid)));
        }
        command.addAll(List.of(file.toString(), Long.toString(pid), "1"));
        BpftraceSession session = new BpftraceSession(new ProcessBuilder(command).start(), file);
        session.await(
                e ->
                        e instanceof MapPrint m && m.map().equals("@intervals")
                                ? Optional.of(e)
                                : Optional.empty(),
                Duration.ofSeconds(30));
        return session;
    }

    /** Waits for the first event for which {@code match} gives a value. */
    <T> T await(Function<BpftraceEvent, Optional<T>> match, Duration timeout) {
        long deadline = System.nanoTime() + timeout.toNanos();
        try {
            while (System.nanoTime() < deadline) {
                BpftraceEvent e = events.poll(100, TimeUnit.MILLISECONDS);
                if (e != null) {
                    Optional<T> value = match.apply(e);
                    if (value.isPresent()) {
                        return value.get();
                    }
                } else if (!process.isAlive()) {
                    throw new AssertionError(
                            "bpftrace exited with " + process.exitValue() + ": " + stderr);
                }
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
        throw new AssertionError(
                "bpftrace did not print what was expected within "
                        + timeout
                        + "; stderr: "
                        + stderr);
    }

    @Override
    public void close() throws IOException {
        process.destroy();
        try {
            if (!process.waitFor(10, TimeUnit.SECONDS)) {
                process.destroyForcibly();
            }
        } catch (InterruptedException e) {
            process.destroyForcibly();
            Thread.currentThread().interrupt();
        }
        Files.deleteIfExists(scriptFile);
    }

    private static void daemon(Runnable r) {
        Thread t = new Thread(r, "bpftrace-session");
        t.setDaemon(true);
        t.start();
    }
}
