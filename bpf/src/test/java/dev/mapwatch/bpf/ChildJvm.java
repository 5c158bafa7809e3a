package dev.mapwatch.bpf;

import dev.mapwatch.bpf.testapp.TargetApp;
import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.io.PrintWriter;
import java.io.UncheckedIOException;
import java.net.URISyntaxException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;

/** A {@link TargetApp} in a child JVM of the JDK under test, driven line by line over stdin. */
final class ChildJvm implements AutoCloseable {

    private final Process process;
    private final PrintWriter stdin;
    private final BlockingQueue<String> lines = new LinkedBlockingQueue<>();

    private ChildJvm(Process process) {
        this.process = process;
        this.stdin = new PrintWriter(process.outputWriter(StandardCharsets.UTF_8), true);
        Thread reader = new Thread(() -> {
            try (BufferedReader r = new BufferedReader(new InputStreamReader(process.getInputStream(), StandardCharsets.UTF_8))) {
                String line;
                while ((line = r.readLine()) != null) {
                    lines.add(line);
                }
            } catch (IOException e) {
                // child gone
            }
        }, "child-jvm-stdout");
        reader.setDaemon(true);
        reader.start();
    }

    /** Starts the app with extra JVM options and waits until it says {@code ready}. */
    static ChildJvm start(String... jvmOptions) {
        String javaHome = System.getProperty("mapwatch.test.java.home", System.getProperty("java.home"));
        List<String> command = new ArrayList<>(List.of(javaHome + "/bin/java", "-Xmx256m", "-XX:TieredStopAtLevel=1"));
        command.addAll(List.of(jvmOptions));
        command.addAll(List.of("-cp", testClasses().toString(), TargetApp.class.getName()));
        try {
            ChildJvm child = new ChildJvm(new ProcessBuilder(command).redirectError(ProcessBuilder.Redirect.INHERIT).start());
            child.awaitLine("ready", Duration.ofSeconds(30));
            return child;
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    long pid() {
        return process.pid();
    }

    /** Sends a command and waits until the app has done it. */
    void run(String command, Duration timeout) {
        stdin.println(command);
        awaitLine("done " + command, timeout);
    }

    void awaitLine(String expected, Duration timeout) {
        long deadline = System.nanoTime() + timeout.toNanos();
        try {
            while (System.nanoTime() < deadline) {
                String line = lines.poll(100, TimeUnit.MILLISECONDS);
                if (expected.equals(line)) {
                    return;
                }
                if (line == null && !process.isAlive()) {
                    throw new AssertionError("child JVM exited with " + process.exitValue() + " before '" + expected + "'");
                }
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
        throw new AssertionError("child JVM did not print '" + expected + "' within " + timeout);
    }

    /** Asks the app to exit and waits for it. */
    void exit() {
        stdin.println("exit");
        try {
            if (!process.waitFor(30, TimeUnit.SECONDS)) {
                process.destroyForcibly();
            }
        } catch (InterruptedException e) {
            process.destroyForcibly();
            Thread.currentThread().interrupt();
        }
    }

    @Override
    public void close() {
        if (process.isAlive()) {
            exit();
        }
    }

    private static Path testClasses() {
        try {
            return Path.of(TargetApp.class.getProtectionDomain().getCodeSource().getLocation().toURI());
        } catch (URISyntaxException e) {
            throw new IllegalStateException(e);
        }
    }
}
