package dev.mapwatch.agent.it;

import static org.assertj.core.api.Assertions.assertThat;

import com.example.caches.CachesApp;
import com.example.caches.UnknownCaffeineApp;
import dev.mapwatch.testkit.ChildJvm;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.Paths;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import javax.tools.ToolProvider;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Caches by name, with no code and no {@code recordStats()}: under the real agent jar with {@code
 * maps=com.example.caches}, every Caffeine and Guava cache of {@link CachesApp} has exactly the
 * figures of its twin built with {@code recordStats()} and given the same traffic (hits, misses,
 * loads that succeed and fail, their count in the load time summary, evictions, size), and the twin
 * itself is counted once, not twice; with Caffeine 3 and 2. A Caffeine the agent does not know is
 * left alone with one line and a count in {@code /health}, and the application runs on unchanged.
 */
class CachesIT {

    private static final String APP = "com.example.caches.CachesApp.";

    /** A twin's own statistics, as the application printed them. */
    private record Stats(
            long hits,
            long misses,
            long loadSuccesses,
            long loadFailures,
            long evictions,
            long size) {}

    @Test
    void everyCaffeine3AndGuavaCacheCountsWhatItsRecordStatsTwinSays() {
        assertTwins(
                List.of(
                        ChildJvm.codeSource(com.github.benmanes.caffeine.cache.Caffeine.class),
                        ChildJvm.codeSource(com.google.common.cache.CacheBuilder.class),
                        ChildJvm.codeSource(
                                com.google.common.util.concurrent.internal
                                        .InternalFutureFailureAccess.class)),
                12);
    }

    @Test
    void caffeine2CachesCountTheSame() {
        assertTwins(
                List.of(
                        Paths.get(System.getProperty("mapwatch.test.app.caffeine2")),
                        ChildJvm.codeSource(com.google.common.cache.CacheBuilder.class),
                        ChildJvm.codeSource(
                                com.google.common.util.concurrent.internal
                                        .InternalFutureFailureAccess.class)),
                12);
    }

    @Test
    void aCaffeineTheAgentDoesNotKnowIsLeftAloneAndTheApplicationRunsOn(@TempDir Path dir)
            throws IOException {
        Path library = unknownCaffeine(dir);
        try (ChildJvm child =
                ChildJvm.start(
                        "port=0,maps=com.example.caches",
                        List.of(library),
                        UnknownCaffeineApp.class)) {
            String endpoint = child.awaitEndpoint();
            child.awaitStdout(Pattern.compile("^cached v1 v2$"));
            Matcher line =
                    child.awaitStderr(
                            Pattern.compile(
                                    "^mapwatch: caches built with com\\.github\\.benmanes\\.caffeine\\.cache\\.Caffeine from \\S+: (.+); they are not counted and run as they are$"));
            assertThat(line.group(1)).as("why").isNotBlank();
            String health = Scrape.get(endpoint.replace("/metrics", "/health")).body();
            assertThat(health).contains("\"cachesCounted\":0,\"cachesUnsupported\":2");
            Scrape scrape = Scrape.metrics(endpoint);
            assertThat(scrape.samples().labelValues("mapwatch_map_lookups_total", "map")).isEmpty();
            assertThat(child.command("again")).isEqualTo("ok");
            assertThat(child.stdout().stream().filter("cached v1 v2"::equals).count()).isEqualTo(2);
            assertThat(child.stderr().stream().filter(l -> l.contains("caches built with")).count())
                    .as("one line per reason, not per build")
                    .isEqualTo(1);
        }
    }

    private static void assertTwins(List<Path> libraries, int caches) {
        try (ChildJvm child =
                ChildJvm.start("port=0,maps=com.example.caches", libraries, CachesApp.class)) {
            String endpoint = child.awaitEndpoint();
            child.awaitStdout(Pattern.compile("^traffic done$"));
            Map<String, Stats> twins = twins(child.stdout());
            assertThat(twins).hasSize(caches / 2);
            assertThat(child.stdout()).contains("own stats of caffeine 0 guava 0");
            // Every cache's last figure to move is its size; then all of them have been read.
            Scrape.until(
                    endpoint,
                    "mapwatch_map_evictions_total",
                    Map.of(),
                    sum -> sum == twins.values().stream().mapToLong(Stats::evictions).sum() * 2);
            Scrape scrape =
                    Scrape.settled(
                            endpoint,
                            "mapwatch_map_lookups_total",
                            Map.of(),
                            java.time.Duration.ofMillis(1500));
            for (Map.Entry<String, Stats> twin : twins.entrySet()) {
                String twinField = twin.getKey();
                String plainField = twinField.substring(0, twinField.length() - "Twin".length());
                Stats expected = twin.getValue();
                assertThat(expected.hits()).as(twinField + " hits").isPositive();
                assertThat(expected.misses()).as(twinField + " misses").isPositive();
                assertThat(expected.loadSuccesses()).as(twinField + " loads").isPositive();
                assertThat(expected.loadFailures()).as(twinField + " failed loads").isPositive();
                assertThat(expected.evictions()).as(twinField + " evictions").isPositive();
                String strategy = twinField.startsWith("guava") ? "GuavaCache" : "Caffeine";
                for (String field : List.of(plainField, twinField)) {
                    assertThat(counted(scrape, APP + field, strategy))
                            .as(
                                    field
                                            + " as mapwatch counts it, against "
                                            + twinField
                                            + "'s own stats")
                            .isEqualTo(expected);
                }
            }
            assertThat(scrape.samples().labelValues("mapwatch_map_lookups_total", "strategy"))
                    .as("only the caches, not their asMap() views or inner maps")
                    .containsOnly("Caffeine", "GuavaCache");
            String health = Scrape.get(endpoint.replace("/metrics", "/health")).body();
            assertThat(health).contains("\"cachesCounted\":" + caches + ",\"cachesUnsupported\":0");
        }
    }

    private static Stats counted(Scrape scrape, String map, String strategy) {
        Map<String, String> cache = Map.of("map", map, "strategy", strategy);
        long loads = (long) scrape.sum("mapwatch_map_load_seconds_count", cache);
        Stats counted =
                new Stats(
                        (long)
                                scrape.sum(
                                        "mapwatch_map_lookups_total", with(cache, "result", "hit")),
                        (long)
                                scrape.sum(
                                        "mapwatch_map_lookups_total",
                                        with(cache, "result", "miss")),
                        (long)
                                scrape.sum(
                                        "mapwatch_map_loads_total",
                                        with(cache, "result", "success")),
                        (long)
                                scrape.sum(
                                        "mapwatch_map_loads_total",
                                        with(cache, "result", "failure")),
                        (long) scrape.sum("mapwatch_map_evictions_total", cache),
                        (long) scrape.sum("mapwatch_map_size", cache));
        assertThat(loads)
                .as(map + " loads timed")
                .isEqualTo(counted.loadSuccesses() + counted.loadFailures());
        return counted;
    }

    private static Map<String, String> with(Map<String, String> labels, String name, String value) {
        Map<String, String> more = new HashMap<>(labels);
        more.put(name, value);
        return more;
    }

    private static Map<String, Stats> twins(List<String> stdout) {
        Map<String, Stats> twins = new HashMap<>();
        Pattern stats = Pattern.compile("^stats (\\w+) (\\d+) (\\d+) (\\d+) (\\d+) (\\d+) (\\d+)$");
        for (String line : stdout) {
            Matcher m = stats.matcher(line);
            if (m.matches()) {
                twins.put(
                        m.group(1),
                        new Stats(
                                Long.parseLong(m.group(2)),
                                Long.parseLong(m.group(3)),
                                Long.parseLong(m.group(4)),
                                Long.parseLong(m.group(5)),
                                Long.parseLong(m.group(6)),
                                Long.parseLong(m.group(7))));
            }
        }
        return twins;
    }

    /**
     * A "Caffeine" of a version the agent does not know: the few classes {@link UnknownCaffeineApp}
     * calls, with no statistics at all, compiled into {@code dir}.
     */
    private static Path unknownCaffeine(Path dir) throws IOException {
        Path sources =
                Files.createDirectories(dir.resolve("src/com/github/benmanes/caffeine/cache"));
        Files.writeString(
                sources.resolve("Caffeine.java"),
                """
                package com.github.benmanes.caffeine.cache;
                public final class Caffeine<K, V> {
                    public static Caffeine<Object, Object> newBuilder() { return new Caffeine<>(); }
                    public <K1 extends K, V1 extends V> Cache<K1, V1> build() { return new MapCache<>(); }
                }
                """);
        Files.writeString(
                sources.resolve("Cache.java"),
                """
                package com.github.benmanes.caffeine.cache;
                public interface Cache<K, V> {
                    V getIfPresent(Object key);
                    void put(K key, V value);
                }
                final class MapCache<K, V> implements Cache<K, V> {
                    private final java.util.Map<Object, Object> map = new java.util.HashMap<>();
                    public synchronized V getIfPresent(Object key) { return (V) map.get(key); }
                    public synchronized void put(K key, V value) { map.put(key, value); }
                }
                """);
        Path classes = Files.createDirectories(dir.resolve("classes"));
        List<String> args = new ArrayList<>(List.of("-d", classes.toString(), "--release", "17"));
        args.add(sources.resolve("Caffeine.java").toString());
        args.add(sources.resolve("Cache.java").toString());
        int exit =
                ToolProvider.getSystemJavaCompiler()
                        .run(null, null, null, args.toArray(new String[0]));
        assertThat(exit).as("compiling the unknown Caffeine").isZero();
        return classes;
    }
}
