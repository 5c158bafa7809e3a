package dev.mapwatch.agent.it;

import static org.assertj.core.api.Assertions.assertThat;

import com.example.top.BusyApp;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.sun.net.httpserver.HttpServer;
import dev.mapwatch.testkit.ChildJvm;
import java.io.IOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;

/**
 * {@code mapwatch top} against a child JVM running {@link BusyApp} (20 000 lookups/s on
 * {@code top-busy}, 75 % hits). Bounds: the agent's map counters move once per JFR period (1 s),
 * so a 4 s interval sees 3 to 5 periods' worth; with pacing lag on a loaded 2-core machine the rate
 * is asserted within 0.6 to 1.4 of the paced one. The hit ratio is 3 of every 4 lookups at any cut.
 */
class TopIT {

    private static final Pattern BUSY_ROW =
            Pattern.compile("(?m)^top-busy\\s+CONCURRENT\\s+(\\d+(?:\\.\\d)?)k\\s+(\\d+\\.\\d)\\s");

    @Test
    void onceNamesTheBusyMapWithItsRateInTextAndJson() throws Exception {
        try (ChildJvm child = ChildJvm.start("port=0", BusyApp.class)) {
            String endpoint = child.awaitCollecting();
            Scrape.until(endpoint, "mapwatch_map_size", Map.of("map", "top-busy"), v -> v >= 1);

            Cli.Result text =
                    Cli.run("top", Long.toString(child.pid()), "--once", "--interval", "4s");
            assertThat(text.exitCode()).as(text.err()).isZero();
            Matcher row = BUSY_ROW.matcher(text.out());
            assertThat(row.find()).as(text.out()).isTrue();
            assertThat(Double.parseDouble(row.group(1))).isBetween(12.0, 28.0);
            assertThat(Double.parseDouble(row.group(2))).isBetween(74.5, 75.5);
            assertThat(text.out())
                    .contains("mapwatch top  pid " + child.pid(), "THREADS", "LOCKS", "ALLOC");

            Cli.Result json =
                    Cli.run(
                            "top",
                            Long.toString(child.pid()),
                            "--once",
                            "--format",
                            "json",
                            "--interval",
                            "4s");
            assertThat(json.exitCode()).as(json.err()).isZero();
            JsonNode frame = new ObjectMapper().readTree(json.out());
            assertThat(frame.at("/header/pid").asLong()).isEqualTo(child.pid());
            JsonNode busy = null;
            for (JsonNode map : frame.get("maps")) {
                if (map.get("map").asText().equals("top-busy")) {
                    busy = map;
                }
            }
            assertThat(busy).as(json.out()).isNotNull();
            assertThat(busy.get("opsPerSecond").asDouble()).isBetween(12_000.0, 28_000.0);
            assertThat(busy.get("hitRatio").asDouble()).isBetween(0.745, 0.755);
            assertThat(frame.at("/threads/livePlatform").asDouble()).isPositive();
        }
    }

    @Test
    void withoutAnAgentTopAttachesOneWithMapsAndLeavesItServing() {
        try (ChildJvm child = ChildJvm.start(null, BusyApp.class)) {
            child.awaitStdout(Pattern.compile("^ready$"));
            Cli.Result first =
                    Cli.run(
                            "top",
                            Long.toString(child.pid()),
                            "maps=com.example.top",
                            "port=0",
                            "--once",
                            "--interval",
                            "4s");
            assertThat(first.exitCode()).as(first.err()).isZero();
            assertThat(first.out())
                    .contains("com.example.top.BusyApp.lookups:")
                    .contains("ConcurrentHashMap");
            Cli.Result second =
                    Cli.run("top", Long.toString(child.pid()), "--once", "--interval", "1s");
            assertThat(second.exitCode()).as(second.err()).isZero();
            assertThat(second.out()).contains("com.example.top.BusyApp.lookups:");
        }
    }

    @Test
    void badInputsAreOneLineWithTheirExitCode() throws IOException {
        Cli.Result noProcess = Cli.run("top", "999999999", "--once");
        assertThat(noProcess.exitCode()).isEqualTo(3);
        assertThat(noProcess.errLines())
                .hasSize(1)
                .first()
                .asString()
                .startsWith("mapwatch: no process with pid");

        Cli.Result down = Cli.run("top", "http://127.0.0.1:1/", "--once", "--interval", "200ms");
        assertThat(down.exitCode()).isEqualTo(7);
        assertThat(down.errLines()).hasSize(1).first().asString().contains("does not answer");

        Cli.Result usage = Cli.run("top", "http://127.0.0.1:1/", "--format", "json");
        assertThat(usage.exitCode()).isEqualTo(2);
        assertThat(usage.errLines())
                .hasSize(1)
                .first()
                .asString()
                .contains("--format json goes with --once");

        HttpServer other = otherServer();
        try {
            String url = "http://127.0.0.1:" + other.getAddress().getPort();
            Cli.Result notAgent = Cli.run("top", url + "/metrics", "--once", "--interval", "200ms");
            assertThat(notAgent.exitCode()).isEqualTo(7);
            assertThat(notAgent.errLines())
                    .singleElement()
                    .asString()
                    .contains("serves no mapwatch metrics");
            Cli.Result notFound =
                    Cli.run("top", url + "/elsewhere/metrics", "--once", "--interval", "200ms");
            assertThat(notFound.exitCode()).isEqualTo(7);
            assertThat(notFound.errLines())
                    .singleElement()
                    .asString()
                    .contains("answered HTTP 404");
        } finally {
            other.stop(0);
        }

        try (ChildJvm child = ChildJvm.start("port=0,token=s3cret", BusyApp.class)) {
            String endpoint = child.awaitEndpoint();
            Cli.Result unauthorized = Cli.run("top", endpoint, "--once", "--interval", "200ms");
            assertThat(unauthorized.exitCode()).isEqualTo(8);
            assertThat(unauthorized.errLines())
                    .hasSize(1)
                    .first()
                    .asString()
                    .contains("answered 401");
            Cli.Result authorized =
                    Cli.run("top", endpoint, "token=s3cret", "--once", "--interval", "200ms");
            assertThat(authorized.exitCode()).as(authorized.err()).isZero();
        }
    }

    /** A pid that is no JVM, and a JVM that refuses the attach: attach's checks, one line each, both left running. */
    @Test
    void aProcessThatIsNoJvmExitsFourAndAJvmThatRefusesTheAttachSix() throws Exception {
        Process sleeper = new ProcessBuilder("sleep", "60").start();
        try {
            Cli.Result notAJvm = Cli.run("top", Long.toString(sleeper.pid()), "--once");
            assertThat(notAJvm.exitCode()).isEqualTo(4);
            assertThat(notAJvm.errLines())
                    .singleElement()
                    .asString()
                    .startsWith("mapwatch: process " + sleeper.pid())
                    .contains("is not a JVM");
            assertThat(sleeper.isAlive()).as("not signalled").isTrue();
        } finally {
            sleeper.destroyForcibly();
        }

        try (ChildJvm child =
                ChildJvm.start(
                        List.of("-XX:+DisableAttachMechanism"), null, List.of(), BusyApp.class)) {
            child.awaitStdout(Pattern.compile("^ready$"));
            Cli.Result refused =
                    Cli.run("top", Long.toString(child.pid()), "maps=com.example.top", "--once");
            assertThat(refused.exitCode()).isEqualTo(6);
            assertThat(refused.errLines())
                    .singleElement()
                    .asString()
                    .startsWith("mapwatch: JVM " + child.pid() + " refused the attach");
            assertThat(child.isAlive()).isTrue();
        }
    }

    /** An HTTP server that is no mapwatch agent: {@code /metrics} answers other metrics, the rest 404. */
    private static HttpServer otherServer() throws IOException {
        HttpServer server =
                HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 0);
        server.createContext(
                "/metrics",
                exchange -> {
                    byte[] body =
                            "# TYPE other_requests_total counter\nother_requests_total 3\n"
                                    .getBytes(StandardCharsets.UTF_8);
                    exchange.sendResponseHeaders(200, body.length);
                    exchange.getResponseBody().write(body);
                    exchange.close();
                });
        server.start();
        return server;
    }
}
