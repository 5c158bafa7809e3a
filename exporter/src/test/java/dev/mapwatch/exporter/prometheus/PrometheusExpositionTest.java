package dev.mapwatch.exporter.prometheus;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import dev.mapwatch.exporter.jfr.JfrMetrics;
import dev.mapwatch.exporter.maps.MapMeters;
import dev.mapwatch.exporter.testing.Exposition;
import dev.mapwatch.exporter.testing.Exposition.Family;
import dev.mapwatch.exporter.testing.Workloads;
import dev.mapwatch.maps.MapStats;
import dev.mapwatch.testkit.Poll;
import io.micrometer.prometheusmetrics.PrometheusConfig;
import io.micrometer.prometheusmetrics.PrometheusMeterRegistry;
import io.prometheus.metrics.exporter.httpserver.HTTPServer;
import java.io.File;
import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.api.Timeout;

/**
 * mapwatch's meters through Micrometer's Prometheus registry, served by the Prometheus client's
 * HTTP server: text format 0.0.4 and OpenMetrics by content negotiation, and a linted exposition.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
@Timeout(value = 60, unit = TimeUnit.SECONDS)
class PrometheusExpositionTest {

    private final PrometheusMeterRegistry registry =
            new PrometheusMeterRegistry(PrometheusConfig.DEFAULT);
    private final HttpClient client =
            HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();
    private final MapStats stats =
            new MapStats(
                    42, 8, 13, 3, 2, 1, 1_500_000_000L, 2, 4_000_000_000L, 5, 250_000_000L, 10);
    private JfrMetrics jfr;
    private MapMeters mapMeters;
    private HTTPServer server;

    @BeforeAll
    void serve() throws Exception {
        jfr = JfrMetrics.builder().build();
        jfr.bindTo(registry);
        mapMeters = MapMeters.register(registry, "orders", "SYNC_MAP", () -> stats);
        assertThat(jfr.awaitStreaming(Duration.ofSeconds(10))).isTrue();
        Workloads.platformThreads(2);
        Workloads.monitorContention(new Object());
        Poll.until(
                Duration.ofSeconds(10),
                () -> registry.scrape().contains("mapwatch_lock_contention_seconds_count{"));
        server =
                HTTPServer.builder()
                        .port(0)
                        .hostname("127.0.0.1")
                        .registry(registry.getPrometheusRegistry())
                        .buildAndStart();
    }

    @AfterAll
    void stop() {
        server.close();
        jfr.close();
        mapMeters.remove();
    }

    @Test
    void servesTextFormat004ByDefault() throws Exception {
        HttpResponse<String> response = get("text/plain");
        assertThat(response.statusCode()).isEqualTo(200);
        assertThat(response.headers().firstValue("Content-Type"))
                .hasValueSatisfying(
                        type ->
                                assertThat(type)
                                        .startsWith("text/plain")
                                        .contains("version=0.0.4"));
        Map<String, Family> families = Exposition.parse(response.body());
        assertThat(families.get("mapwatch_map_lookups_total").type()).isEqualTo("counter");
        assertThat(families.get("mapwatch_map_lookups_total").samples())
                .anySatisfy(
                        s ->
                                assertThat(s.labels())
                                        .containsEntry("result", "hit")
                                        .containsEntry("map", "orders"));
        assertThat(families.get("mapwatch_thread_lifetime_seconds").type()).isEqualTo("histogram");
        assertThat(families.get("mapwatch_lock_contention_seconds").type()).isEqualTo("summary");
        assertThat(
                        families.get("mapwatch_map_tombstone_oldest_age_seconds")
                                .samples()
                                .get(0)
                                .value())
                .isEqualTo(1.5);
        assertThat(response.body()).doesNotContain("# EOF");
    }

    @Test
    void servesOpenMetricsWhenAskedFor() throws Exception {
        HttpResponse<String> response =
                get("application/openmetrics-text; version=1.0.0; charset=utf-8");
        assertThat(response.statusCode()).isEqualTo(200);
        assertThat(response.headers().firstValue("Content-Type"))
                .hasValueSatisfying(
                        type ->
                                assertThat(type)
                                        .startsWith("application/openmetrics-text")
                                        .contains("version=1.0.0"));
        assertThat(response.body()).endsWith("# EOF\n");
        Map<String, Family> families = Exposition.parse(response.body());
        // OpenMetrics names the counter family without _total; its samples keep it
        assertThat(families.get("mapwatch_map_lookups").type()).isEqualTo("counter");
        assertThat(families.get("mapwatch_map_lookups").samples())
                .allSatisfy(
                        s ->
                                assertThat(s.name())
                                        .isIn(
                                                "mapwatch_map_lookups_total",
                                                "mapwatch_map_lookups_created"));
        assertThat(families.get("mapwatch_thread_lifetime_seconds").type()).isEqualTo("histogram");
    }

    @Test
    void theExpositionFollowsPrometheusConventions() throws Exception {
        Map<String, Family> families = Exposition.parse(get("text/plain").body());
        families.values().stream()
                .filter(f -> f.name().startsWith("mapwatch_"))
                .forEach(
                        family -> {
                            assertThat(family.help()).as("# HELP of " + family.name()).isNotBlank();
                            assertThat(family.name()).matches("[a-z][a-z0-9_]*");
                            assertThat(family.name())
                                    .doesNotContain(
                                            "milliseconds", "nanoseconds", "kilobytes", "mega");
                            switch (family.type()) {
                                case "counter" ->
                                        assertThat(family.samples())
                                                .allSatisfy(
                                                        s ->
                                                                assertThat(s.name())
                                                                        .endsWith("_total"));
                                case "histogram" ->
                                        assertThat(family.samples())
                                                .anySatisfy(
                                                        s ->
                                                                assertThat(s.labels())
                                                                        .containsEntry(
                                                                                "le", "+Inf"));
                                case "summary" ->
                                        assertThat(family.samples())
                                                .anySatisfy(
                                                        s ->
                                                                assertThat(s.name())
                                                                        .endsWith("_count"));
                                default -> assertThat(family.type()).isEqualTo("gauge");
                            }
                            assertThat(family.samples())
                                    .as("samples of " + family.name())
                                    .isNotEmpty();
                        });
    }

    @Test
    void promtoolFindsNothingToLint() throws Exception {
        String promtool = findOnPath("promtool");
        if ("true".equals(System.getenv("CI"))) {
            assertThat(promtool).as("promtool on PATH (Debian package prometheus)").isNotNull();
        }
        assumeTrue(
                promtool != null,
                "promtool is not installed (Debian package prometheus); skipping the lint");
        Process lint =
                new ProcessBuilder(promtool, "check", "metrics").redirectErrorStream(true).start();
        try (var stdin = lint.getOutputStream()) {
            stdin.write(get("text/plain").body().getBytes(StandardCharsets.UTF_8));
        }
        String output = new String(lint.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        assertThat(lint.waitFor(30, TimeUnit.SECONDS)).isTrue();
        assertThat(output).as("promtool check metrics").isBlank();
        assertThat(lint.exitValue()).isZero();
    }

    private HttpResponse<String> get(String accept) throws IOException, InterruptedException {
        HttpRequest request =
                HttpRequest.newBuilder(
                                URI.create("http://127.0.0.1:" + server.getPort() + "/metrics"))
                        .header("Accept", accept)
                        .timeout(Duration.ofSeconds(10))
                        .build();
        return client.send(request, HttpResponse.BodyHandlers.ofString());
    }

    private static String findOnPath(String command) {
        for (String dir : System.getenv().getOrDefault("PATH", "").split(File.pathSeparator)) {
            File candidate = new File(dir, command);
            if (candidate.canExecute()) {
                return candidate.getPath();
            }
        }
        return null;
    }
}
