package dev.mapwatch.alerts.tooling;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.mapwatch.testkit.Poll;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.ServerSocket;
import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.List;

/**
 * A real Prometheus server (Debian package {@code prometheus}) on loopback, with the given rule files
 * and static scrape targets, in a private data folder. Close it to stop it.
 */
public final class PrometheusServer implements AutoCloseable {

    private static final ObjectMapper JSON = new ObjectMapper();
    private static final Duration STARTUP = Duration.ofSeconds(30);

    private final Process process;
    private final URI base;
    private final Path log;
    private final HttpClient http =
            HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(2)).build();

    private PrometheusServer(Process process, URI base, Path log) {
        this.process = process;
        this.base = base;
        this.log = log;
    }

    /**
     * A job of static scrape targets.
     *
     * @param job         the job name
     * @param addresses   the targets' {@code host:port}
     * @param metricsPath the path of their metrics
     */
    public record ScrapeJob(String job, List<String> addresses, String metricsPath) {}

    /**
     * Starts Prometheus and waits until it is ready.
     *
     * @param workDir   a private, empty folder for its configuration, data and log
     * @param ruleFiles the rule files to load
     * @param jobs      what to scrape
     * @param interval  the scrape and rule evaluation interval (tests: 1s)
     */
    public static PrometheusServer start(
            Path workDir, List<Path> ruleFiles, List<ScrapeJob> jobs, Duration interval) {
        Path executable = SystemTool.require("prometheus", "prometheus");
        try {
            Path config = workDir.resolve("prometheus.yml");
            Files.writeString(config, config(ruleFiles, jobs, interval));
            int port = freePort();
            Path log = workDir.resolve("prometheus.log");
            Process process =
                    new ProcessBuilder(
                                    executable.toString(),
                                    "--config.file=" + config,
                                    "--storage.tsdb.path=" + workDir.resolve("data"),
                                    "--web.listen-address=127.0.0.1:" + port,
                                    "--log.level=warn")
                            .redirectErrorStream(true)
                            .redirectOutput(log.toFile())
                            .start();
            PrometheusServer server =
                    new PrometheusServer(process, URI.create("http://127.0.0.1:" + port), log);
            server.awaitReady();
            return server;
        } catch (IOException e) {
            throw new UncheckedIOException("cannot start prometheus in " + workDir, e);
        }
    }

    private static String config(List<Path> ruleFiles, List<ScrapeJob> jobs, Duration interval) {
        String seconds = interval.toSeconds() + "s";
        StringBuilder yaml =
                new StringBuilder()
                        .append("global:\n")
                        .append("  scrape_interval: ")
                        .append(seconds)
                        .append('\n')
                        .append("  scrape_timeout: ")
                        .append(seconds)
                        .append('\n')
                        .append("  evaluation_interval: ")
                        .append(seconds)
                        .append('\n')
                        .append("rule_files:\n");
        ruleFiles.forEach(file -> yaml.append("  - '").append(file.toAbsolutePath()).append("'\n"));
        yaml.append("scrape_configs:\n");
        for (ScrapeJob job : jobs) {
            yaml.append("  - job_name: '")
                    .append(job.job())
                    .append("'\n")
                    .append("    metrics_path: '")
                    .append(job.metricsPath())
                    .append("'\n")
                    .append("    static_configs:\n")
                    .append("      - targets: ['")
                    .append(String.join("', '", job.addresses()))
                    .append("']\n");
        }
        return yaml.toString();
    }

    private static int freePort() throws IOException {
        try (ServerSocket socket = new ServerSocket(0)) {
            return socket.getLocalPort();
        }
    }

    private void awaitReady() {
        Instant deadline = Instant.now().plus(STARTUP);
        while (Instant.now().isBefore(deadline)) {
            if (!process.isAlive()) {
                throw new IllegalStateException(
                        "prometheus exited with " + process.exitValue() + ":\n" + log());
            }
            try {
                HttpResponse<String> response =
                        http.send(
                                HttpRequest.newBuilder(base.resolve("/-/ready"))
                                        .timeout(Duration.ofSeconds(2))
                                        .build(),
                                HttpResponse.BodyHandlers.ofString());
                if (response.statusCode() == 200) {
                    return;
                }
            } catch (IOException notYet) {
                // not listening yet
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new IllegalStateException("interrupted", e);
            }
            Poll.pause();
        }
        throw new IllegalStateException("prometheus not ready after " + STARTUP + ":\n" + log());
    }

    /** GET {@code /api/v1/...}; returns the response's {@code data}, failing on an API error. */
    public JsonNode api(String pathAndQuery) {
        try {
            HttpResponse<String> response =
                    http.send(
                            HttpRequest.newBuilder(base.resolve(pathAndQuery))
                                    .timeout(Duration.ofSeconds(10))
                                    .build(),
                            HttpResponse.BodyHandlers.ofString());
            JsonNode body = JSON.readTree(response.body());
            if (response.statusCode() != 200 || !"success".equals(body.path("status").asText())) {
                throw new IllegalStateException(
                        "GET "
                                + pathAndQuery
                                + ": HTTP "
                                + response.statusCode()
                                + " "
                                + response.body());
            }
            return body.path("data");
        } catch (IOException e) {
            throw new UncheckedIOException("GET " + pathAndQuery, e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("interrupted", e);
        }
    }

    /** An instant query at the current time; returns {@code data.result}. */
    public JsonNode query(String promql) {
        return api("/api/v1/query?query=" + URLEncoder.encode(promql, StandardCharsets.UTF_8))
                .path("result");
    }

    /** The rule groups, as {@code /api/v1/rules} reports them (with each rule's health and last error). */
    public JsonNode ruleGroups() {
        return api("/api/v1/rules").path("groups");
    }

    /** What Prometheus logged, for failure messages. */
    public String log() {
        try {
            return Files.exists(log) ? Files.readString(log) : "(no log)";
        } catch (IOException e) {
            return "(log unreadable: " + e + ")";
        }
    }

    @Override
    public void close() {
        ChildProcesses.stop(process);
    }
}
