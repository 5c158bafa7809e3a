package dev.mapwatch.testkit;

import java.io.BufferedReader;
import java.io.File;
import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.io.PrintWriter;
import java.io.UncheckedIOException;
import java.net.URI;
import java.net.URISyntaxException;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
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
import org.jspecify.annotations.Nullable;

/**
 * A child JVM of the JDK under test ({@code mapwatch.test.java.home}) running a test application,
 * optionally under the built agent jar ({@code mapwatch.agent.jar}), or the jar's command line.
 * Its output is collected line by line; the {@code await*} methods poll it with a deadline.
 *
 * <p>Test applications take one command per stdin line and answer {@code ok <command>} (or {@code
 * unsupported <command>}) when done: {@link #command(String)}. The child is small and quiet (serial
 * GC, C1 only, 256 MB): two cores are shared by many JVMs.
 */
public final class ChildJvm implements AutoCloseable {

    /** How long an {@code await*} waits unless told otherwise. */
    public static final Duration DEADLINE = Duration.ofSeconds(30);

    private static final Pattern SERVING =
            Pattern.compile("^mapwatch: agent \\S+ serving (http://\\S+/metrics)");
    private static final HttpClient HTTP =
            HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();

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
    public static ChildJvm start(String agentArgs, Class<?> mainClass, String... args) {
        return start(agentArgs, List.of(), mainClass, args);
    }

    /** As {@link #start(String, Class, String...)}, with extra classpath entries for the application. */
    public static ChildJvm start(
            String agentArgs, List<Path> extraClasspath, Class<?> mainClass, String... args) {
        return start(List.of(), agentArgs, extraClasspath, mainClass, args);
    }

    /** As {@link #start(String, List, Class, String...)}, with extra JVM flags first. */
    public static ChildJvm start(
            List<String> jvmFlags,
            String agentArgs,
            List<Path> extraClasspath,
            Class<?> mainClass,
            String... args) {
        return start(Map.of(), jvmFlags, agentArgs, extraClasspath, mainClass, args);
    }

    /**
     * As {@link #start(List, String, List, Class, String...)}, with extra environment variables. The
     * class path is {@code mainClass}'s own class path entry, the maps library's when the test has it
     * (an application's own mapwatch maps), then {@code extraClasspath}.
     */
    public static ChildJvm start(
            Map<String, String> environment,
            List<String> jvmFlags,
            String agentArgs,
            List<Path> extraClasspath,
            Class<?> mainClass,
            String... args) {
        List<String> classpath = new ArrayList<>();
        classpath.add(codeSource(mainClass).toString());
        mapsLibrary().ifPresent(classpath::add);
        extraClasspath.forEach(p -> classpath.add(p.toString()));
        return launch(
                command(jvmFlags, agentArgs, classpath, mainClass.getName(), args), environment);
    }

    /**
     * Starts the main class named {@code mainClass} from exactly {@code classpath}: an application
     * built apart with libraries of its own (a Spring Boot application and Spring's jars, say), which
     * gets nothing of the test's class path, neither the test's classes nor the maps library.
     * Otherwise as {@link #start(Map, List, String, List, Class, String...)}: the same small JVM,
     * {@code jvmFlags} first, under the agent given {@code agentArgs} ({@code null}: no agent).
     */
    public static ChildJvm startMain(
            List<String> jvmFlags,
            @Nullable String agentArgs,
            List<Path> classpath,
            String mainClass,
            String... args) {
        List<String> entries = classpath.stream().map(Path::toString).toList();
        return launch(command(jvmFlags, agentArgs, entries, mainClass, args), Map.of());
    }

    /**
     * The class path written in {@code file} as Maven's {@code dependency:build-classpath} writes it:
     * one line, entries separated by the platform's path separator; fails if the file or an entry is
     * missing (the module that writes it was not built).
     */
    public static List<Path> readClasspath(Path file) {
        if (!Files.isRegularFile(file)) {
            throw new IllegalStateException(
                    "class path file missing: " + file + " (run mvn verify, which writes it)");
        }
        try {
            List<Path> entries = new ArrayList<>();
            for (String entry : Files.readString(file).strip().split(File.pathSeparator)) {
                Path path = Path.of(entry);
                if (!Files.exists(path)) {
                    throw new IllegalStateException("class path entry missing: " + path);
                }
                entries.add(path);
            }
            return entries;
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** {@code java}, the small JVM's flags, {@code jvmFlags}, the agent, the class path, the main class. */
    private static List<String> command(
            List<String> jvmFlags,
            @Nullable String agentArgs,
            List<String> classpath,
            String mainClass,
            String... args) {
        List<String> command = new ArrayList<>();
        command.add(java().toString());
        command.add("-XX:+UseSerialGC");
        command.add("-XX:TieredStopAtLevel=1");
        command.add("-Xmx256m");
        command.add("-XX:-UseDynamicNumberOfCompilerThreads");
        command.addAll(jvmFlags);
        if (agentArgs != null) {
            command.add("-javaagent:" + agentJar() + (agentArgs.isEmpty() ? "" : "=" + agentArgs));
        }
        command.add("-cp");
        command.add(String.join(File.pathSeparator, classpath));
        command.add(mainClass);
        command.addAll(List.of(args));
        return command;
    }

    /** {@code java -jar mapwatch-agent.jar <args>}: the command line, running as a child. */
    public static ChildJvm startJar(String... args) {
        List<String> command =
                new ArrayList<>(
                        List.of(
                                java().toString(),
                                "-XX:+UseSerialGC",
                                "-jar",
                                agentJar().toString()));
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

    /** The JDK under test. */
    public static Path javaHome() {
        return Path.of(
                System.getProperty("mapwatch.test.java.home", System.getProperty("java.home")));
    }

    private static Path java() {
        return javaHome().resolve("bin").resolve("java");
    }

    /** The feature version (17, 25, ...) of the JDK under test. */
    public static int javaFeatureVersion() {
        try {
            for (String line : Files.readAllLines(javaHome().resolve("release"))) {
                if (line.startsWith("JAVA_VERSION=")) {
                    String version = line.substring("JAVA_VERSION=".length()).replace("\"", "");
                    return Integer.parseInt(version.split("[.+-]")[0]);
                }
            }
        } catch (IOException | RuntimeException e) {
            // no readable release file: the running JDK is the one under test
        }
        return Runtime.version().feature();
    }

    /** The built agent jar, as the build gives it to the tests ({@code mapwatch.agent.jar}). */
    public static Path agentJar() {
        Path jar = Path.of(System.getProperty("mapwatch.agent.jar", "target/mapwatch-agent.jar"));
        if (!Files.isRegularFile(jar)) {
            throw new IllegalStateException(
                    "agent jar missing: " + jar + " (run mvn verify, which builds it)");
        }
        return jar;
    }

    /** The class path entry (directory or jar) that {@code type} was loaded from. */
    public static Path codeSource(Class<?> type) {
        try {
            return Path.of(type.getProtectionDomain().getCodeSource().getLocation().toURI());
        } catch (URISyntaxException e) {
            throw new IllegalStateException(e);
        }
    }

    private static java.util.Optional<String> mapsLibrary() {
        try {
            Class<?> maps =
                    Class.forName(
                            "dev.mapwatch.maps.MapWatch", false, ChildJvm.class.getClassLoader());
            return java.util.Optional.of(codeSource(maps).toString());
        } catch (ClassNotFoundException e) {
            return java.util.Optional.empty();
        }
    }

    /** Waits for the agent's "serving" line and returns the {@code /metrics} URL. */
    public String awaitEndpoint() {
        return awaitStderr(SERVING).group(1);
    }

    /** Waits for the endpoint and for JFR collection to run; returns the {@code /metrics} URL. */
    public String awaitCollecting() {
        String endpoint = awaitEndpoint();
        awaitJfrRunning(endpoint);
        return endpoint;
    }

    /**
     * Waits until {@code /health} says JFR collection runs (events after this point are seen) and
     * returns its body; {@code headers} are name, value pairs (credentials).
     */
    public String awaitJfrRunning(String endpoint, String... headers) {
        URI health = URI.create(endpoint.replace("/metrics", "/health"));
        long deadline = System.nanoTime() + DEADLINE.toNanos();
        while (true) {
            HttpResponse<String> response = get(health, headers);
            if (response != null
                    && response.statusCode() == 200
                    && response.body().contains("\"jfr\":\"running\"")) {
                return response.body();
            }
            if (System.nanoTime() > deadline) {
                throw new AssertionError(
                        "JFR collection not running within "
                                + DEADLINE
                                + ": "
                                + (response == null
                                        ? "no answer"
                                        : response.statusCode() + " " + response.body())
                                + "\n"
                                + transcript());
            }
            Poll.pause();
        }
    }

    private static @Nullable HttpResponse<String> get(URI uri, String... headers) {
        HttpRequest.Builder request = HttpRequest.newBuilder(uri).timeout(Duration.ofSeconds(10));
        if (headers.length > 0) {
            request.headers(headers);
        }
        try {
            return HTTP.send(request.build(), HttpResponse.BodyHandlers.ofString());
        } catch (IOException e) {
            return null; // not serving yet
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new AssertionError(e);
        }
    }

    /** The first stderr line matching {@code pattern}, waiting up to {@link #DEADLINE}. */
    public Matcher awaitStderr(Pattern pattern) {
        return await(stderr, pattern, "stderr", DEADLINE);
    }

    /** The first stdout line matching {@code pattern}, waiting up to {@link #DEADLINE}. */
    public Matcher awaitStdout(Pattern pattern) {
        return await(stdout, pattern, "stdout", DEADLINE);
    }

    /** As {@link #awaitStdout(Pattern)}, for work known to take longer than {@link #DEADLINE}. */
    public Matcher awaitStdout(Pattern pattern, Duration deadline) {
        return await(stdout, pattern, "stdout", deadline);
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
                Poll.pause(); // the reader may still be draining the pipe
                if (checked >= lines.size()) {
                    throw new AssertionError(
                            "child exited ("
                                    + process.exitValue()
                                    + ") without "
                                    + which
                                    + " matching "
                                    + pattern
                                    + "\n"
                                    + transcript());
                }
            }
            if (System.nanoTime() > deadline) {
                throw new AssertionError(
                        "no "
                                + which
                                + " line matching "
                                + pattern
                                + " within "
                                + within
                                + "\n"
                                + transcript());
            }
            Poll.pause(Duration.ofMillis(20));
        }
    }

    /** Sends one command line to the application and waits for its {@code ok} or {@code unsupported} reply. */
    public String command(String command) {
        return command(command, DEADLINE);
    }

    /** As {@link #command(String)}, for a command known to take up to {@code deadline}. */
    public String command(String command, Duration deadline) {
        send(command);
        return awaitStdout(
                        Pattern.compile("^(ok|unsupported) " + Pattern.quote(command) + "$"),
                        deadline)
                .group(1);
    }

    /** Writes one line to the child's stdin. */
    public void send(String line) {
        stdin.println(line);
    }

    /** Sends {@code exit} (the test applications' last command) and waits for the child to end. */
    public int exit() {
        send("exit");
        stdin.close();
        return awaitExit(DEADLINE);
    }

    /** Waits for the child to exit and returns its status; fails if it takes longer than {@code timeout}. */
    public int awaitExit(Duration timeout) {
        try {
            if (!process.waitFor(timeout.toMillis(), TimeUnit.MILLISECONDS)) {
                throw new AssertionError(
                        "child still running after " + timeout + "\n" + transcript());
            }
            return process.exitValue();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new AssertionError(e);
        }
    }

    /** Time since the child was started. */
    public Duration age() {
        return Duration.ofNanos(System.nanoTime() - startedNanos);
    }

    public long pid() {
        return process.pid();
    }

    public boolean isAlive() {
        return process.isAlive();
    }

    /** The stdout lines so far. */
    public List<String> stdout() {
        return List.copyOf(stdout);
    }

    /** The stderr lines so far. */
    public List<String> stderr() {
        return List.copyOf(stderr);
    }

    /** Both outputs so far, for an assertion's message. */
    public String transcript() {
        return "--- child stdout:\n"
                + String.join("\n", stdout)
                + "\n--- child stderr:\n"
                + String.join("\n", stderr);
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
        Thread reader =
                new Thread(
                        () -> {
                            try (BufferedReader lines =
                                    new BufferedReader(
                                            new InputStreamReader(in, StandardCharsets.UTF_8))) {
                                for (String line; (line = lines.readLine()) != null; ) {
                                    into.add(line);
                                }
                            } catch (IOException ignored) {
                                // process gone
                            }
                        },
                        "child-" + name);
        reader.setDaemon(true);
        reader.start();
    }
}
