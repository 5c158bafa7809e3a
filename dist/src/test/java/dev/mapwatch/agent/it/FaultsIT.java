package dev.mapwatch.agent.it;

import static org.assertj.core.api.Assertions.assertThat;

import com.sun.tools.attach.VirtualMachine;
import dev.mapwatch.testkit.ChildJvm;
import io.prometheus.metrics.config.PrometheusProperties;
import java.io.IOException;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Base64;
import java.util.List;
import java.util.Map;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The agent never harms its host: bad options, a busy port, failing handlers, quick exits, auth, double attach. */
class FaultsIT {

    private static final Duration EXIT = Duration.ofSeconds(20);

    /** JUL's record header names the logging class; its second line starts with the level. */
    private static final Pattern NOT_ONE_LINE =
            Pattern.compile(
                    "^(\\tat |Caused by: |\\t\\.\\.\\. \\d+ more|SEVERE: |INFO: )|dev\\.mapwatch\\.exporter\\.");

    @Test
    void badOptionsAreOneLineAndTheApplicationRunsNormally() {
        String missing = "/nonexistent/mapwatch-" + ProcessHandle.current().pid() + ".properties";
        try (ChildJvm unknown = ChildJvm.start("prot=9464", QuickExit.class);
                ChildJvm malformed = ChildJvm.start("port=0,lockThreshold=10", QuickExit.class);
                ChildJvm noConfig = ChildJvm.start("config=" + missing, QuickExit.class, "3")) {
            assertThat(unknown.awaitExit(EXIT)).isZero();
            assertThat(malformed.awaitExit(EXIT)).isZero();
            assertThat(noConfig.awaitExit(EXIT))
                    .as("the application's own exit status")
                    .isEqualTo(3);
            assertThat(unknown.stdout()).containsExactly("quick exit");
            assertThat(unknown.stderr())
                    .containsExactly(
                            "mapwatch: unknown option 'prot' (allowed: port, host, "
                                    + "token, user, password, lockThreshold, topN, debug, jfrStart, maps, mapsCounting, config);"
                                    + " agent not started");
            assertThat(malformed.stdout()).containsExactly("quick exit");
            assertThat(malformed.stderr())
                    .singleElement()
                    .asString()
                    .startsWith("mapwatch: option 'lockThreshold' must be a duration with a unit")
                    .endsWith("; agent not started");
            assertThat(noConfig.stdout()).containsExactly("quick exit");
            assertThat(noConfig.stderr())
                    .containsExactly(
                            "mapwatch: config file '"
                                    + missing
                                    + "' does not exist"
                                    + " (config= names a properties file with the options; absolute paths are safest); agent not started");
        }
    }

    @Test
    void aTrailingCommaAndSpacesInTheOptionsAreForgiven() {
        try (ChildJvm child = ChildJvm.start(" port=0 , topN=5, ", Workload.class)) {
            String endpoint = child.awaitEndpoint();
            assertThat(Scrape.metrics(endpoint).has("mapwatch_agent_info")).isTrue();
            child.send("exit");
            assertThat(child.awaitExit(EXIT)).isZero();
            assertThat(child.stderr()).singleElement().asString().startsWith("mapwatch: agent ");
        }
    }

    @Test
    void aJvmWithoutFlightRecorderGetsOneLineAndTheAgentsOwnMetrics() {
        try (ChildJvm child =
                ChildJvm.start(
                        List.of("-XX:-FlightRecorder"), "port=0", List.of(), Workload.class)) {
            String endpoint = child.awaitEndpoint();
            child.awaitStderr(
                    Pattern.compile(
                            "^mapwatch: JFR is not available in this JVM \\(.*-XX:-FlightRecorder\\);"
                                    + " JVM metrics from JFR are off$"));
            String health = Scrape.get(endpoint.replace("/metrics", "/health")).body();
            assertThat(health)
                    .contains(
                            "\"status\":\"DEGRADED\"",
                            "\"jfr\":\"unavailable: ",
                            "\"enabledEvents\":[]");
            assertThat(Scrape.metrics(endpoint).has("mapwatch_agent_info")).isTrue();
            assertThat(child.command("threads 2")).isEqualTo("ok");
            child.send("exit");
            assertThat(child.awaitExit(EXIT)).isZero();
            assertThat(child.stderr().stream().filter(l -> l.startsWith("mapwatch: "))).hasSize(2);
            assertOneLineForm(child);
        }
    }

    @Test
    void debugAddsTheStackTraceToTheOneLine() {
        try (ChildJvm child = ChildJvm.start("port=0,debug=true", Workload.class)) {
            child.awaitCollecting();
            assertThat(child.command("broken 3")).isEqualTo("ok");
            child.awaitStderr(
                    Pattern.compile("^mapwatch: handler mapwatch\\.MapPromotion failed "));
            child.awaitStderr(Pattern.compile("^\\tat dev\\.mapwatch\\."));
        }
    }

    @Test
    void theApplicationsMissingPrometheusConfigFileDoesNotConcernTheAgent() {
        String missing = "/nonexistent/prometheus-" + ProcessHandle.current().pid() + ".properties";
        try (ChildJvm byEnvironment =
                        ChildJvm.start(
                                Map.of("PROMETHEUS_CONFIG", missing),
                                List.of(),
                                "port=0",
                                List.of(),
                                Workload.class);
                ChildJvm byProperty =
                        ChildJvm.start(
                                List.of("-Dprometheus.config=" + missing),
                                "port=0",
                                List.of(),
                                Workload.class)) {
            for (ChildJvm child : List.of(byEnvironment, byProperty)) {
                String endpoint = child.awaitCollecting();
                assertThat(Scrape.metrics(endpoint).has("mapwatch_agent_info")).isTrue();
                runsOnWithTheAgentServing(child);
            }
        }
    }

    /**
     * An application configures its own Prometheus client in each of the client's ways, with
     * settings that would change the agent's exposition visibly (or, before the agent's client
     * stopped reading them, kept it from starting): its client sees them all, the agent's none.
     */
    @Test
    void theApplicationsPrometheusClientSettingsDoNotChangeTheAgentsExposition(@TempDir Path dir)
            throws IOException {
        Path classpath = Files.createDirectories(dir.resolve("classes"));
        Files.writeString(
                classpath.resolve("prometheus.properties"),
                "io.prometheus.exporter.filter.metric_name_must_not_start_with=mapwatch_\n");
        Path file =
                Files.writeString(
                        dir.resolve("app-prometheus.properties"),
                        "io.prometheus.exporter.include_created_timestamps=true\n");
        Map<String, String> environment =
                Map.of(
                        "PROMETHEUS_CONFIG",
                        file.toString(),
                        "IO_PROMETHEUS_EXPORTER_EXEMPLARS_ON_ALL_METRIC_TYPES",
                        "true");
        List<String> flags =
                List.of(
                        "-Dio.prometheus.exporter.filter.metricNameMustNotBeEqualTo=mapwatch_agent_info",
                        // The names the agent's relocated client reads instead: its explicit
                        // settings win over them too.
                        "-Ddev.mapwatch.shaded.io.prometheus.exporter.includeCreatedTimestamps=true");
        List<Path> appClasspath =
                List.of(classpath, ChildJvm.codeSource(PrometheusProperties.class));
        try (ChildJvm child =
                ChildJvm.start(
                        environment, flags, "port=0", appClasspath, OwnPrometheusClientApp.class)) {
            child.awaitStdout(Pattern.compile("^ready$"));
            assertThat(child.stdout())
                    .first()
                    .isEqualTo(
                            "own client: includeCreatedTimestamps=true"
                                    + " exemplarsOnAllMetricTypes=true excludedNamePrefixes=[mapwatch_] excludedNames=[mapwatch_agent_info]");
            String endpoint = child.awaitCollecting();
            Scrape text = Scrape.metrics(endpoint);
            assertThat(text.has("mapwatch_agent_info")).as(text.body()).isTrue();
            assertThat(text.has("mapwatch_agent_errors_total")).as(text.body()).isTrue();
            assertThat(text.body()).doesNotContain("_created");
            HttpResponse<String> openMetrics =
                    Scrape.get(
                            endpoint,
                            "Accept",
                            "application/openmetrics-text; version=1.0.0; charset=utf-8");
            assertThat(openMetrics.headers().firstValue("Content-Type"))
                    .hasValueSatisfying(
                            type -> assertThat(type).startsWith("application/openmetrics-text"));
            assertThat(openMetrics.body())
                    .contains("mapwatch_agent_info{")
                    .endsWith("# EOF\n")
                    .doesNotContain("_created");
            runsOnWithTheAgentServing(child);
        }
    }

    /** The application works and exits normally, and the agent said nothing but where it serves. */
    private static void runsOnWithTheAgentServing(ChildJvm child) {
        runsOnAfterOneLine(child);
        assertThat(child.stderr())
                .singleElement()
                .asString()
                .startsWith("mapwatch: agent ")
                .contains(" serving ");
    }

    /** The application works and exits normally, and the agent said one line in all. */
    private static void runsOnAfterOneLine(ChildJvm child) {
        assertThat(child.command("threads 2")).isEqualTo("ok");
        child.send("exit");
        assertThat(child.awaitExit(EXIT)).isZero();
        assertThat(child.stderr()).as(child.transcript()).hasSize(1);
        assertOneLineForm(child);
    }

    /** The relocated client's own (renamed) settings, invalid: one line, the agent stays off, the application runs on. */
    @Test
    void invalidSettingsForTheAgentsOwnPrometheusClientAreOneLine() {
        String missing =
                "/nonexistent/shaded-prometheus-" + ProcessHandle.current().pid() + ".properties";
        try (ChildJvm child =
                ChildJvm.start(
                        Map.of("DEV_MAPWATCH_SHADED_PROMETHEUS_CONFIG", missing),
                        List.of(),
                        "port=0",
                        List.of(),
                        Workload.class)) {
            child.awaitStdout(Pattern.compile("^ready$"));
            child.awaitStderr(
                    Pattern.compile(
                            "^mapwatch: the agent's Prometheus client settings are invalid \\(Failed"
                                    + " to read Prometheus properties from "
                                    + Pattern.quote(missing)
                                    + ": .*\\); they come from"
                                    + " dev\\.mapwatch\\.shaded\\.\\* system properties or DEV_MAPWATCH_SHADED_\\* environment variables,"
                                    + " which the agent does not need: remove them; agent not started$"));
            runsOnAfterOneLine(child);
        }
    }

    /** Only single lines from the agent: no stack frames, no records of the application's logging. */
    private static void assertOneLineForm(ChildJvm child) {
        assertThat(child.stderr())
                .as("stderr in one-line form\n" + child.transcript())
                .noneMatch(line -> NOT_ONE_LINE.matcher(line).find());
    }

    @Test
    void aBusyPortIsOneClearLineAndTheApplicationRunsNormally() throws IOException {
        try (ServerSocket busy = new ServerSocket(0, 1, InetAddress.getByName("127.0.0.1"));
                ChildJvm child = ChildJvm.start("port=" + busy.getLocalPort(), Workload.class)) {
            child.awaitStderr(
                    Pattern.compile(
                            "^mapwatch: cannot serve on 127\\.0\\.0\\.1:"
                                    + busy.getLocalPort()
                                    + " \\(.*\\); agent not started; choose a free port with port=<n> \\(0 picks one\\)$"));
            runsOnAfterOneLine(child);
        }
    }

    @Test
    void anApplicationThatExitsAtOnceIsNotHeldUp() {
        try (ChildJvm returns = ChildJvm.start("port=0", QuickExit.class);
                ChildJvm exits = ChildJvm.start("port=0", QuickExit.class, "7")) {
            assertThat(returns.awaitExit(EXIT)).isZero();
            System.out.printf("quick exit with agent: JVM lived %d ms%n", returns.age().toMillis());
            assertThat(exits.awaitExit(EXIT)).as("the application's own exit status").isEqualTo(7);
            for (ChildJvm child : List.of(returns, exits)) {
                assertThat(child.stdout()).containsExactly("quick exit");
                // Whether the agent got as far as serving is a race with the exit; a complaint is
                // not.
                assertThat(child.stderr())
                        .as(child.transcript())
                        .allMatch(
                                line ->
                                        line.startsWith("mapwatch: agent ")
                                                && line.contains(" serving "));
            }
        }
    }

    @Test
    void anExceptionInAHandlerIsContainedCountedAndLoggedOnce() {
        try (ChildJvm child = ChildJvm.start("port=0", Workload.class)) {
            String endpoint = child.awaitCollecting();
            // Events this JDK lacks (virtual threads on 17) are no problem: /health lists them,
            // stderr stays quiet.
            assertThat(Scrape.get(endpoint.replace("/metrics", "/health")).body())
                    .contains(
                            ChildJvm.javaFeatureVersion() >= 21
                                    ? "\"missingEvents\":[]"
                                    : "\"missingEvents\":[\"jdk.VirtualThreadStart\",\"jdk.VirtualThreadEnd\",\"jdk.VirtualThreadPinned\"]");
            assertThat(child.stderr()).singleElement().asString().startsWith("mapwatch: agent ");
            int bad = 25;
            assertThat(child.command("broken " + bad)).isEqualTo("ok");
            Scrape errors =
                    Scrape.until(endpoint, "mapwatch_agent_errors_total", Map.of(), v -> v >= bad);
            assertThat(errors.sum("mapwatch_agent_errors_total", Map.of())).isEqualTo(bad);
            // The stream survived: later events are still turned into metrics.
            double before =
                    errors.sum("mapwatch_threads_started_total", Map.of("kind", "platform"));
            assertThat(child.command("threads 2")).isEqualTo("ok");
            Scrape.until(
                    endpoint,
                    "mapwatch_threads_started_total",
                    Map.of("kind", "platform"),
                    v -> v >= before + 2);
            assertThat(Scrape.get(endpoint.replace("/metrics", "/health")).body())
                    .contains("\"errors\":" + bad);
            // Logged once, one line on stderr, not through the application's logging.
            assertThat(child.stderr())
                    .filteredOn(l -> !l.contains(" serving "))
                    .containsExactly(
                            "mapwatch: handler mapwatch.MapPromotion failed (IllegalArgumentException: mapwatch.MapPromotion"
                                    + " event without map or strategy); contained and counted in"
                                    + " mapwatch_agent_errors_total{handler=\"mapwatch.MapPromotion\"}, logged once per handler");
            child.send("exit");
            assertThat(child.awaitExit(EXIT)).isZero();
            assertOneLineForm(child);
        }
    }

    @Test
    void aBearerTokenGuardsEveryPath() {
        try (ChildJvm child = ChildJvm.start("port=0,token=s3cret", Workload.class)) {
            String endpoint = child.awaitEndpoint();
            String health = endpoint.replace("/metrics", "/health");
            for (String url : List.of(endpoint, health)) {
                HttpResponse<String> missing = Scrape.get(url);
                assertThat(missing.statusCode()).isEqualTo(401);
                assertThat(missing.headers().firstValue("WWW-Authenticate"))
                        .contains("Bearer realm=\"mapwatch\"");
                assertThat(Scrape.get(url, "Authorization", "Bearer wrong").statusCode())
                        .isEqualTo(401);
                assertThat(Scrape.get(url, "Authorization", "Bearer s3cre").statusCode())
                        .isEqualTo(401);
                assertThat(Scrape.get(url, "Authorization", "Basic czNjcmV0").statusCode())
                        .isEqualTo(401);
                assertThat(Scrape.get(url, "Authorization", "Bearer s3cret").statusCode())
                        .isEqualTo(200);
            }
            assertThat(
                            Scrape.metrics(endpoint, "Authorization", "Bearer s3cret")
                                    .has("mapwatch_agent_info"))
                    .isTrue();
        }
    }

    @Test
    void basicCredentialsGuardEveryPath() {
        try (ChildJvm child =
                ChildJvm.start("port=0,user=prometheus,password=pa55", Workload.class)) {
            String endpoint = child.awaitEndpoint();
            String right =
                    "Basic " + Base64.getEncoder().encodeToString("prometheus:pa55".getBytes());
            String wrong =
                    "Basic " + Base64.getEncoder().encodeToString("prometheus:pa56".getBytes());
            for (String url : List.of(endpoint, endpoint.replace("/metrics", "/health"))) {
                assertThat(Scrape.get(url).statusCode()).isEqualTo(401);
                assertThat(Scrape.get(url, "Authorization", wrong).statusCode()).isEqualTo(401);
                assertThat(Scrape.get(url, "Authorization", right).statusCode()).isEqualTo(200);
            }
        }
    }

    @Test
    void attachingTwiceReportsTheRunningAgent() throws Exception {
        try (ChildJvm child = ChildJvm.start(null, Workload.class)) {
            child.awaitStdout(Pattern.compile("^ready$"));
            VirtualMachine vm = VirtualMachine.attach(Long.toString(child.pid()));
            try {
                vm.loadAgent(ChildJvm.agentJar().toString(), "port=0");
                String endpoint = child.awaitEndpoint();
                assertThat(Scrape.metrics(endpoint).has("mapwatch_agent_info")).isTrue();
                assertThat(vm.getSystemProperties().getProperty("mapwatch.agent.endpoint"))
                        .isEqualTo(endpoint);
                vm.loadAgent(ChildJvm.agentJar().toString(), "port=0");
                child.awaitStderr(
                        Pattern.compile(
                                "^mapwatch: agent already running at "
                                        + Pattern.quote(endpoint)
                                        + "; not starting a second one$"));
                vm.loadAgent(ChildJvm.agentJar().toString(), "prot=1");
                child.awaitStderr(
                        Pattern.compile("^mapwatch: unknown option 'prot' .*; agent not started$"));
            } finally {
                vm.detach();
            }
            assertThat(
                            child.stderr().stream()
                                    .filter(
                                            l ->
                                                    l.startsWith("mapwatch: agent ")
                                                            && l.contains(" serving ")))
                    .hasSize(1);
            assertThat(child.command("threads 1")).isEqualTo("ok");
            child.send("exit");
            assertThat(child.awaitExit(EXIT)).isZero();
            assertOneLineForm(child);
        }
    }

    @Test
    void theAgentsThreadsAreDaemonsNamedMapwatch() {
        try (ChildJvm child = ChildJvm.start("port=0", Workload.class)) {
            String endpoint = child.awaitCollecting();
            Scrape.metrics(endpoint);
            assertThat(child.command("list-threads")).isEqualTo("ok");
            List<String> threads =
                    child.stdout().stream().filter(l -> l.startsWith("thread ")).toList();
            // Threads of the JDK itself (JFR's included), present with or without the agent.
            Pattern jdk =
                    Pattern.compile(
                            "thread (Reference Handler|Finalizer|Signal Dispatcher|Common-Cleaner"
                                    + "|Notification Thread|Attach Listener|JFR .*|Service Thread|Monitor Deflation Thread"
                                    + "|C[12] CompilerThread\\d+|Sweeper thread|process reaper.*) daemon=true");
            List<String> others =
                    threads.stream()
                            .filter(
                                    t ->
                                            !jdk.matcher(t).matches()
                                                    && !t.equals("thread main daemon=false"))
                            .toList();
            assertThat(others)
                    .isNotEmpty()
                    .allMatch(t -> t.matches("thread mapwatch-[a-z0-9-]+ daemon=true"));
            assertThat(others)
                    .anyMatch(t -> t.startsWith("thread mapwatch-http-"))
                    .anyMatch(t -> t.startsWith("thread mapwatch-jfr-stream "));
        }
    }

    @Test
    void metricsAnswerSoonAfterJvmStart() {
        try (ChildJvm child = ChildJvm.start("port=0", Workload.class)) {
            String endpoint = child.awaitEndpoint();
            Scrape.metrics(endpoint);
            Duration firstScrape = child.age();
            // Measured and reported, not asserted: on a machine shared by many JVMs the figure says
            // more about the load than about the agent (alone: about 0.4-0.7 s on this 2-core box).
            System.out.printf(
                    "/metrics answered %d ms after the child JVM was started (JDK %d)%n",
                    firstScrape.toMillis(), ChildJvm.javaFeatureVersion());
            assertThat(Scrape.get(endpoint.replace("/metrics", "/health")).body())
                    .contains("\"version\":");
        }
    }
}
