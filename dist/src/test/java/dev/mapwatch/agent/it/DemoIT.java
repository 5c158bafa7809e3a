package dev.mapwatch.agent.it;

import static org.assertj.core.api.Assertions.assertThat;

import dev.mapwatch.testkit.ChildJvm;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;

/** {@code mapwatch demo}: every metric family moves, the table prints, the command ends on time. */
class DemoIT {

    private static final String DEMO = "dev.mapwatch.cli.demo.DemoWorkload$";

    @Test
    void exercisesEveryMetricFamilyAndPrintsTables() {
        try (ChildJvm demo =
                ChildJvm.startJar("demo", "--port", "0", "--duration", "16s", "--interval", "2s")) {
            String endpoint = demo.awaitEndpoint();
            demo.awaitStdout(Pattern.compile("^-- mapwatch demo, \\d+ s --$"));
            Scrape scrape =
                    Scrape.until(
                            endpoint,
                            "mapwatch_lock_contention_seconds_count",
                            Map.of(
                                    "kind",
                                    "park",
                                    "class",
                                    "java.util.concurrent.locks.ReentrantLock$NonfairSync"),
                            v -> v > 0);
            scrape =
                    Scrape.until(
                            endpoint,
                            "mapwatch_lock_contention_seconds_count",
                            Map.of("kind", "monitor", "class", DEMO + "SharedLedger"),
                            v -> v > 0);
            List<String> maps =
                    scrape.samples().labelValues("mapwatch_map_size", "map").stream()
                            .filter(name -> name.startsWith("demo-"))
                            .toList();
            assertThat(maps)
                    .containsExactlyInAnyOrder(
                            "demo-concurrent",
                            "demo-sync-map",
                            "demo-locked",
                            "demo-striped",
                            "demo-snapshot"); // one per strategy
            assertThat(scrape.has("mapwatch_map_tombstones")).isTrue();
            // Each map's workload gets going at its own pace (SNAPSHOT writes rarely): poll each
            // figure.
            for (String map : maps) {
                Map<String, String> labels = Map.of("map", map);
                Scrape.until(
                        endpoint,
                        "mapwatch_map_lookups_total",
                        Map.of("map", map, "result", "hit"),
                        v -> v > 0);
                Scrape.until(
                        endpoint,
                        "mapwatch_map_lookups_total",
                        Map.of("map", map, "result", "miss"),
                        v -> v > 0);
                Scrape.until(endpoint, "mapwatch_map_puts_total", labels, v -> v > 0);
                Scrape.until(endpoint, "mapwatch_map_removals_total", labels, v -> v > 0);
            }
            // The plain ConcurrentHashMap, counted through its rewritten call sites (as maps=
            // does).
            Map<String, String> plain =
                    Map.of(
                            "map",
                            "dev.mapwatch.cli.demo.plain.PlainSessions.SESSIONS",
                            "strategy",
                            "ConcurrentHashMap");
            Scrape.until(
                    endpoint,
                    "mapwatch_map_lookups_total",
                    with(plain, "result", "miss"),
                    v -> v > 0);
            Scrape.until(
                    endpoint,
                    "mapwatch_map_lookups_total",
                    with(plain, "result", "hit"),
                    v -> v > 0);
            Scrape.until(endpoint, "mapwatch_map_puts_total", plain, v -> v > 0);
            Scrape.until(endpoint, "mapwatch_map_size", plain, v -> v > 0);
            Scrape promoted =
                    Scrape.until(
                            endpoint,
                            "mapwatch_map_promotions_total",
                            Map.of("map", "demo-sync-map"),
                            v -> v > 0);
            // families that fit the map: the plain ConcurrentHashMap has no promotions, tombstones
            // or lock
            for (String family :
                    List.of(
                            "mapwatch_map_promotions_total",
                            "mapwatch_map_tombstones",
                            "mapwatch_map_tombstones_purged_total",
                            "mapwatch_map_lock_waits_total")) {
                assertThat(promoted.samples().labelValues(family, "map"))
                        .as(family)
                        .doesNotContain(plain.get("map"), "demo-concurrent");
            }
            assertThat(promoted.samples().labelValues("mapwatch_map_tombstones", "map"))
                    .contains("demo-sync-map");
            Scrape.until(
                    endpoint,
                    "mapwatch_map_tombstones_purged_total",
                    Map.of("map", "demo-sync-map"),
                    v -> v > 0);
            for (String locking : List.of("demo-locked", "demo-striped")) {
                Scrape.until(
                        endpoint,
                        "mapwatch_map_lock_waits_total",
                        Map.of("map", locking),
                        v -> v > 0);
            }
            Scrape.until(
                    endpoint,
                    "mapwatch_allocation_bytes_total",
                    Map.of("class", DEMO + "Invoice"),
                    v -> v > 0);
            Scrape.until(
                    endpoint,
                    "mapwatch_thread_lifetime_seconds_count",
                    Map.of("kind", "platform"),
                    v -> v > 0);
            Scrape.until(
                    endpoint,
                    "mapwatch_threads_ended_total",
                    Map.of("kind", "platform"),
                    v -> v > 0);
            if (ChildJvm.javaFeatureVersion() >= 21) {
                Scrape.until(
                        endpoint,
                        "mapwatch_threads_ended_total",
                        Map.of("kind", "virtual"),
                        v -> v > 0);
                Scrape.until(
                        endpoint,
                        "mapwatch_virtual_thread_pinned_seconds_count",
                        Map.of(),
                        v -> v > 0);
            }
            assertThat(demo.awaitExit(Duration.ofSeconds(40))).isZero();
            assertThat(demo.stdout())
                    .anyMatch(line -> line.matches("demo-concurrent +CONCURRENT +\\d+ +[\\d.]+ .*"))
                    .anyMatch(line -> line.startsWith("threads  live: "))
                    .anyMatch(
                            line -> line.startsWith("contended  monitor: " + DEMO + "SharedLedger"))
                    .anyMatch(line -> line.startsWith("allocation  "));
        }
    }

    @Test
    void printsOneJsonObjectPerInterval() {
        try (ChildJvm demo =
                ChildJvm.startJar(
                        "demo",
                        "--port",
                        "0",
                        "--duration",
                        "6s",
                        "--interval",
                        "1s",
                        "--format",
                        "json")) {
            assertThat(demo.awaitExit(Duration.ofSeconds(40))).isZero();
            List<String> lines = demo.stdout();
            assertThat(lines)
                    .hasSizeGreaterThanOrEqualTo(2)
                    .allMatch(line -> line.startsWith("{\"uptimeSeconds\":") && line.endsWith("}"));
            // The first interval may end before the maps' first periodic statistics event has
            // arrived through the JFR stream (about a second), so only the last line must list
            // them.
            String last = lines.get(lines.size() - 1);
            for (String map :
                    List.of(
                            "demo-concurrent",
                            "demo-sync-map",
                            "demo-locked",
                            "demo-striped",
                            "demo-snapshot")) {
                assertThat(last).contains("\"map\":\"" + map + "\"");
            }
        }
    }

    @Test
    void usageErrorsExitTwo() {
        Cli.Result result = Cli.run("demo", "--duration", "5");
        assertThat(result.exitCode()).isEqualTo(2);
        assertThat(result.errLines())
                .containsExactly(
                        "mapwatch: Invalid value for option '--duration': "
                                + "'5' is not a duration with a unit (ns, us, ms, s, m, h), e.g. 30s (see 'mapwatch demo --help')");
    }

    private static Map<String, String> with(Map<String, String> labels, String key, String value) {
        Map<String, String> all = new java.util.HashMap<>(labels);
        all.put(key, value);
        return all;
    }
}
