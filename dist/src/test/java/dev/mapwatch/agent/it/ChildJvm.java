package dev.mapwatch.agent.it;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.io.PrintWriter;
import java.io.UncheckedIOException;
import java.net.URISyntaxException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * A child JVM (the JDK under test, {@code mapwatch.test.java.home}) running one of the test
 * applications, optionally with the built agent jar. Its output is collected line by line;
 * {@code await*} methods poll it with a deadline.
 */
final class ChildJvm implements AutoCloseable {

    static final Duration DEADLINE = Duration.ofSeconds(30);
    private static final Pattern SERVING = Pattern.compile("^mapwatch: agent \\S+ serving (http://\\S+/metrics)");

    private final Process process;
    private final long startedNanos;
    private final List<String> stdout = new CopyOnWriteArrayList<>();
    private final List<String> stderr = new CopyOnWriteArrayList<>();
    private final PrintWriter stdin;

    private ChildJvm(Process process, long startedNanos) {
        this.process = process;
        this.startedNanos = startedNanos;
        collect(process.getInputStream(), stdout, "out");
        collect(process.getErrorStream(), stderr, "err");
        this.stdin = new PrintWriter(process.getOutputStream(), true, StandardCharsets.UTF_8);
    }

    /** Starts {@code mainClass} with the agent given {@code agentArgs} ({@code null}: no agent). */
    static ChildJvm start(String agentArgs, Class<?> mainClass, String... args) {
        return start(agentArgs, List.of(), mainClass, args);
    }

    /** As {@link #start(String, Class, String...)}, with extra classpath entries for the application. */
    static ChildJvm start(String agentArgs, List<Path> extraClasspath, Class<?> mainClass, String... args) {
        return start(List.of(), agentArgs, extraClasspath, mainClass, args);
    }

    /** As {@link #start(String, List, Class, String...)}, with extra JVM flags first. */
    static ChildJvm start(List<String> jvmFlags, String agentArgs, List<Path> extraClasspath, Class<?> mainClass,
            String... args) {
        return start(Map.of(), jvmFlags, agentArgs, extraClasspath, mainClass, args);
    }

    /** As {@link #start(List, String, List, Class, String...)}, with extra environment variables. */
    static ChildJvm start(Map<String, String> environment, List<String> jvmFlags, String agentArgs,
            List<Path> extraClasspath, Class<?> mainClass, String... args) {
        List<String> command = new ArrayList<>();
        command.add(javaHome().resolve("bin").resolve("java").toString());
        // Small and quiet: two cores are shared by many JVMs.
        command.add("-XX:+UseSerialGC");
        command.add("-XX:TieredStopAtLevel=1");
        command.add("-Xmx256m");
        command.add("-XX:-UseDynamicNumberOfCompilerThreads");
        command.addAll(jvmFlags);
        if (agentArgs != null) {
            command.add("-javaagent:" + agentJar() + (agentArgs.isEmpty() ? "" : "=" + agentArgs));
        }
        List<String> classpath = new ArrayList<>();
        classpath.add(testClasses().toString());
        classpath.add(codeSource(dev.mapwatch.maps.MapWatch.class).toString()); // the application's own maps library
        extraClasspath.forEach(p -> classpath.add(p.toString()));
        command.add("-cp");
        command.add(String.join(java.io.File.pathSeparator, classpath));
        command.add(mainClass.getName());
        command.addAll(List.of(args));
        return launch(command, environment);
    }

    /** {@code java -jar mapwatch-agent.jar <args>}: the command line, running as a child. */
    static ChildJvm startJar(String... args) {
        List<String> command = new ArrayList<>(List.of(javaHome().resolve("bin").resolve("java").toString(),
                "-XX:+UseSerialGC", "-jar", agentJar().toString()));
        command.addAll(List.of(args));
        return launch(command, Map.of());
    }

    private static ChildJvm launch(List<String> command, Map<String, String> environment) {
        try {
            ProcessBuilder builder = new ProcessBuilder(command);
            builder.environment().putAll(environment);
            long started = System.nanoTime();
            return new ChildJvm(builder.start(), started);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    static Path javaHome() {
        return Path.of(System.getProperty("mapwatch.test.java.home", System.getProperty("java.home")));
    }

    /** The JDK's feature version of the child JVMs. */
    static int javaFeatureVersion() {
        try {
            for (String line : Files.readAllLines(javaHome().resolve("release"))) {
                if (line.startsWith("JAVA_VERSION=")) {
                    String version = line.substring("JAVA_VERSION=".length()).replace("\"", "");
                    return Integer.parseInt(version.split("[.+-]")[0]);
                }
            }
        } catch (IOException | RuntimeException e) {
            // fall through
        }
        return Runtime.version().feature();
    }

    static Path agentJar() {
        Path jar = Path.of(System.getProperty("mapwatch.agent.jar", "target/mapwatch-agent.jar"));
        if (!Files.isRegularFile(jar)) {
            throw new IllegalStateException("agent jar missing: " + jar + " (run mvn verify, which builds it)");
        }
        return jar;
    }

    static Path testClasses() {
        return codeSource(Workload.class);
    }

    /** The class path entry (directory or jar) that {@code type} was loaded from. */
    static Path codeSource(Class<?> type) {
        try {
            return Path.of(type.getProtectionDomain().getCodeSource().getLocation().toURI());
        } catch (URISyntaxException e) {
            throw new IllegalStateException(e);
        }
    }

    /** Waits for the agent's "serving" line and returns the {@code /metrics} URL. */
    String awaitEndpoint() {
        return awaitStderr(SERVING).group(1);
    }

    /** Waits for the endpoint and for JFR collection to run; returns the {@code /metrics} URL. */
    String awaitCollecting() {
        String endpoint = awaitEndpoint();
        awaitJfrRunning(endpoint);
        return endpoint;
    }

    /** Waits until {@code /health} says JFR collection runs (events after this point are seen). */
    String awaitJfrRunning(String endpoint, String... headers) {
        String health = endpoint.replace("/metrics", "/health");
        long deadline = System.nanoTime() + DEADLINE.toNanos();
        while (true) {
            var response = Scrape.get(health, headers);
            if (response.statusCode() == 200 && response.body().contains("\"jfr\":\"running\"")) {
                return response.body();
            }
            if (System.nanoTime() > deadline) {
                throw new AssertionError("JFR collection not running within " + DEADLINE + ": "
                        + response.statusCode() + " " + response.body() + "\n" + transcript());
            }
            pause(50);
        }
    }

    Matcher awaitStderr(Pattern pattern) {
        return await(stderr, pattern, "stderr");
    }

    Matcher awaitStdout(Pattern pattern) {
        return await(stdout, pattern, "stdout", DEADLINE);
    }

    /** As {@link #awaitStdout(Pattern)}, for work known to take longer than {@link #DEADLINE}. */
    Matcher awaitStdout(Pattern pattern, Duration deadline) {
        return await(stdout, pattern, "stdout", deadline);
    }

    private Matcher await(List<String> lines, Pattern pattern, String which) {
        return await(lines, pattern, which, DEADLINE);
    }

    private Matcher await(List<String> lines, Pattern pattern, String which, Duration within) {
        long deadline = System.nanoTime() + within.toNanos();
        int checked = 0;
        while (true) {
            for (; checked < lines.size(); checked++) {
                Matcher m = pattern.matcher(lines.get(checked));
                if (m.find()) {
                    return m;
                }
            }
            if (!process.isAlive() && checked >= lines.size()) {
                pause(50); // the reader may still be draining the pipe
                if (checked >= lines.size()) {
                    throw new AssertionError("child exited (" + process.exitValue() + ") without " + which
                            + " matching " + pattern + "\n" + transcript());
                }
            }
            if (System.nanoTime() > deadline) {
                throw new AssertionError("no " + which + " line matching " + pattern + " within " + within
                        + "\n" + transcript());
            }
            pause(20);
        }
    }

    /** Sends one command line to the application and waits for its {@code ok <command>} reply. */
    String command(String command) {
        send(command);
        return awaitStdout(Pattern.compile("^(ok|unsupported) " + Pattern.quote(command) + "$")).group(1);
    }

    void send(String line) {
        stdin.println(line);
    }

    /** Waits for the child to exit; fails if it takes longer than {@code timeout}. */
    int awaitExit(Duration timeout) {
        try {
            if (!process.waitFor(timeout.toMillis(), TimeUnit.MILLISECONDS)) {
                throw new AssertionError("child still running after " + timeout + "\n" + transcript());
            }
            return process.exitValue();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new AssertionError(e);
        }
    }

    /** Time since the child was started. */
    Duration age() {
        return Duration.ofNanos(System.nanoTime() - startedNanos);
    }

    long pid() {
        return process.pid();
    }

    List<String> stdout() {
        return List.copyOf(stdout);
    }

    List<String> stderr() {
        return List.copyOf(stderr);
    }

    String transcript() {
        return "--- child stdout:\n" + String.join("\n", stdout) + "\n--- child stderr:\n" + String.join("\n", stderr);
    }

    @Override
    public void close() {
        process.destroyForcibly();
        try {
            process.waitFor(10, TimeUnit.SECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    private static void collect(InputStream in, List<String> into, String name) {
        Thread reader = new Thread(() -> {
            try (BufferedReader lines = new BufferedReader(new InputStreamReader(in, StandardCharsets.UTF_8))) {
                for (String line; (line = lines.readLine()) != null; ) {
                    into.add(line);
                }
            } catch (IOException ignored) {
                // process gone
            }
        }, "child-" + name);
        reader.setDaemon(true);
        reader.start();
    }

    static void pause(long millis) {
        try {
            Thread.sleep(millis); // polling interval, not synchronisation
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new AssertionError(e);
        }
    }
}
