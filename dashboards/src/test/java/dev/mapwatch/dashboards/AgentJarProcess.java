package dev.mapwatch.dashboards;

import dev.mapwatch.alerts.tooling.ChildProcesses;
import dev.mapwatch.alerts.tooling.ProjectLayout;
import dev.mapwatch.testkit.Poll;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * {@code java -jar dist/target/mapwatch-agent.jar <command>} as a child process on the JDK under test
 * ({@code mapwatch.test.java.home}), its output in a log file. Both {@code demo} and {@code bpf run} print
 * the {@code /metrics} URL they serve; {@link #awaitEndpoint} waits for it. Close it to stop the process.
 */
final class AgentJarProcess implements AutoCloseable {

    /** The first loopback {@code /metrics} URL in the output: {@code host:port} and the path. */
    private static final Pattern ENDPOINT =
            Pattern.compile("http://(127\\.0\\.0\\.1:\\d+)(/metrics)");

    private final Process process;
    private final String command;
    private final Path log;

    private AgentJarProcess(Process process, String command, Path log) {
        this.process = process;
        this.command = command;
        this.log = log;
    }

    /** Where it serves: {@code host:port} (also Prometheus' {@code instance} label) and the metrics path. */
    record Endpoint(String address, String metricsPath) {}

    /** Why it stopped before serving: its exit code and what it printed. */
    record Exit(int code, String output) {}

    /**
     * Starts the agent jar with {@code args}; small heap and serial GC, as two cores are shared.
     *
     * @param log a new file for its standard output and error
     */
    static AgentJarProcess start(Path log, String... args) {
        List<String> command =
                new ArrayList<>(
                        List.of(
                                java().toString(),
                                "-Xmx256m",
                                "-XX:+UseSerialGC",
                                "-jar",
                                jar().toString()));
        command.addAll(List.of(args));
        try {
            Process process =
                    new ProcessBuilder(command)
                            .redirectErrorStream(true)
                            .redirectOutput(log.toFile())
                            .start();
            return new AgentJarProcess(process, String.join(" ", command), log);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot start " + command, e);
        }
    }

    /** The shaded agent jar, built by the agent module's package phase (before this module: see the pom). */
    static Path jar() {
        Path jar =
                ProjectLayout.root()
                        .resolve("dist")
                        .resolve("target")
                        .resolve("mapwatch-agent.jar");
        if (!Files.isRegularFile(jar)) {
            throw new IllegalStateException(
                    jar + " is missing: build it first (mvn -pl dashboards -am verify does)");
        }
        return jar;
    }

    private static Path java() {
        String home =
                System.getProperty("mapwatch.test.java.home", System.getProperty("java.home"));
        return Path.of(home, "bin", "java");
    }

    /** The process id, e.g. for {@code bpf run --pid}. */
    long pid() {
        return process.pid();
    }

    /**
     * Waits until the process prints its endpoint, or exits, or {@code timeout} passes (then it fails).
     *
     * @return the endpoint, or empty with {@link #exit()} set when it exited first
     */
    Optional<Endpoint> awaitEndpoint(Duration timeout) {
        boolean servesOrExited =
                Poll.holds(
                        timeout,
                        () -> ENDPOINT.matcher(output()),
                        matcher -> matcher.find() || !process.isAlive());
        Matcher matcher = ENDPOINT.matcher(output());
        if (matcher.find()) {
            return Optional.of(new Endpoint(matcher.group(1), matcher.group(2)));
        }
        if (!servesOrExited) {
            throw new IllegalStateException(
                    "no endpoint after " + timeout + " from\n$ " + command + "\n" + output());
        }
        return Optional.empty();
    }

    /** Its exit code and output, once it has exited (after {@link #awaitEndpoint} came back empty). */
    Exit exit() {
        return awaitExit(Duration.ofSeconds(10));
    }

    /** Its exit code and output once it exits, or code -1 if it still runs after {@code timeout}. */
    Exit awaitExit(Duration timeout) {
        try {
            process.waitFor(timeout.toMillis(), TimeUnit.MILLISECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
        return new Exit(process.isAlive() ? -1 : process.exitValue(), output());
    }

    /** What it printed so far, for failure messages. */
    String output() {
        try {
            return Files.exists(log) ? Files.readString(log) : "";
        } catch (IOException e) {
            return "(output unreadable: " + e + ")";
        }
    }

    @Override
    public void close() {
        ChildProcesses.stop(process);
    }
}
