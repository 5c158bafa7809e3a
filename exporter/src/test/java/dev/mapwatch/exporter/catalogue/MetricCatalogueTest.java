package dev.mapwatch.exporter.catalogue;

import static org.assertj.core.api.Assertions.assertThat;

import dev.mapwatch.exporter.jfr.JfrMetrics;
import dev.mapwatch.exporter.maps.MapCacheMeters;
import dev.mapwatch.exporter.maps.MapComputeMeters;
import dev.mapwatch.exporter.maps.WatchedMapsMetrics;
import dev.mapwatch.exporter.testing.Exposition;
import dev.mapwatch.exporter.testing.Exposition.Family;
import dev.mapwatch.exporter.testing.Workloads;
import dev.mapwatch.maps.MapWatch;
import dev.mapwatch.maps.Strategy;
import dev.mapwatch.maps.WatchedMap;
import dev.mapwatch.testkit.MetricCatalogue;
import dev.mapwatch.testkit.Poll;
import io.micrometer.prometheusmetrics.PrometheusConfig;
import io.micrometer.prometheusmetrics.PrometheusMeterRegistry;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.TreeSet;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.stream.Collectors;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

/**
 * {@code docs/metrics.md} against what the exporter exports, both ways: every exported family is
 * catalogued with its type and labels, and every family catalogued for the exporter is exported by
 * a workload that exercises it, allowing explicitly for what only JDK 21+ has.
 */
@Timeout(value = 60, unit = TimeUnit.SECONDS)
class MetricCatalogueTest {

    /** Exported by the agent module, not by the exporter: its own tests cover it. */
    /**
     * The agent's own info, and pinning named by map: that needs the call-site locations of {@code
     * maps=} and a JDK (21 to 23) that pins in a map's bin lock (dist's MapContentionIT covers it).
     */
    private static final Set<String> AGENT_ONLY =
            Set.of(
                    "mapwatch_agent_info",
                    "mapwatch_map_pinned_seconds",
                    "mapwatch_map_pinned_seconds_max");

    /** JFR has {@code jdk.VirtualThreadPinned} from JDK 21. */
    private static final Set<String> JDK21_ONLY =
            Set.of(
                    "mapwatch_virtual_thread_pinned_seconds",
                    "mapwatch_virtual_thread_pinned_seconds_max");

    private static final Set<String> EXPORTER_SECTIONS = Set.of("Maps", "JVM from JFR", "Agent");

    @Test
    void theCatalogueAndTheExportAgreeBothWays() throws Exception {
        List<MetricCatalogue.Family> rows = List.copyOf(MetricCatalogue.load().families().values());
        Map<String, MetricCatalogue.Family> catalogued = new TreeMap<>();
        for (MetricCatalogue.Family row : rows) {
            assertThat(catalogued.put(row.name(), row))
                    .as("catalogued once: " + row.name())
                    .isNull();
        }
        Set<String> expected =
                rows.stream()
                        .filter(row -> EXPORTER_SECTIONS.contains(row.section()))
                        .map(MetricCatalogue.Family::name)
                        .filter(name -> !AGENT_ONLY.contains(name))
                        .filter(
                                name ->
                                        Runtime.version().feature() >= 21
                                                || !JDK21_ONLY.contains(name))
                        .collect(Collectors.toCollection(TreeSet::new));

        Map<String, Family> exported = exerciseEverything(expected);

        assertThat(exported.keySet())
                .as("exported families (JDK %d)", Runtime.version().feature())
                .containsExactlyInAnyOrderElementsOf(expected);
        for (Family family : exported.values()) {
            MetricCatalogue.Family row = catalogued.get(family.name());
            assertThat(family.type()).as("type of " + family.name()).isEqualTo(row.type());
            assertThat(family.labelNames())
                    .as("labels of " + family.name())
                    .isEqualTo(row.labelNames());
            assertThat(family.help()).as("help of " + family.name()).isNotBlank();
            assertThat(row.meaning()).as("meaning of " + family.name()).isNotBlank();
            if (family.name().endsWith("_seconds") || family.name().contains("_seconds_")) {
                assertThat(row.unit()).as("unit of " + family.name()).isEqualTo("seconds");
            }
            if (family.name().contains("_bytes")) {
                assertThat(row.unit()).as("unit of " + family.name()).isEqualTo("bytes");
            }
        }
        if (Runtime.version().feature() >= 21) {
            assertThat(kinds(exported.get("mapwatch_threads_live")))
                    .containsExactlyInAnyOrder("platform", "virtual");
            assertThat(kinds(exported.get("mapwatch_thread_lifetime_seconds")))
                    .containsExactlyInAnyOrder("platform", "virtual");
        } else {
            assertThat(kinds(exported.get("mapwatch_threads_live"))).containsExactly("platform");
        }
    }

    @Test
    void everyRowIsWellFormed() throws Exception {
        Set<String> types = Set.of("counter", "gauge", "histogram", "summary");
        for (MetricCatalogue.Family row : List.copyOf(MetricCatalogue.load().families().values())) {
            assertThat(row.name()).matches("mapwatch_[a-z0-9_]+");
            assertThat(types).as("type of " + row.name()).contains(row.type());
            if (row.type().equals("counter")) {
                assertThat(row.name()).as("counter name").endsWith("_total");
            } else {
                assertThat(row.name()).as(row.type() + " name").doesNotEndWith("_total");
            }
            assertThat(row.unit()).as("unit of " + row.name()).isNotBlank();
        }
    }

    /**
     * Two registries, as users would have them: the agent's (JfrMetrics, maps from JFR events) and
     * an application's in-process one (WatchedMapsMetrics). Returns the union of their families.
     */
    private static Map<String, Family> exerciseEverything(Set<String> expected) throws Exception {
        PrometheusMeterRegistry agent = new PrometheusMeterRegistry(PrometheusConfig.DEFAULT);
        PrometheusMeterRegistry inProcess = new PrometheusMeterRegistry(PrometheusConfig.DEFAULT);
        WatchedMap<String, String> orders =
                MapWatch.newMap("catalogue-orders", Strategy.CONCURRENT);
        // promotions, tombstones and lock waits are exported only for a kind of map that has them
        WatchedMap<String, String> ledger = MapWatch.newMap("catalogue-ledger", Strategy.SYNC_MAP);
        try (JfrMetrics jfr = JfrMetrics.builder().build();
                WatchedMapsMetrics maps = WatchedMapsMetrics.create()) {
            jfr.bindTo(agent);
            maps.bindTo(inProcess);
            // what the agent's poll of the maps= call sites records: 3 runs of a mapping function
            MapComputeMeters.create(agent, 4)
                    .record("catalogue-computed", "ConcurrentHashMap", 3, 3_000, 1_500);
            // and of a cache's statistics hook: 2 loads (one failed), their time, 1 eviction
            MapCacheMeters.create(agent, 4).record("catalogue-cache", "Caffeine", 1, 1, 5_000, 1);
            assertThat(jfr.awaitStreaming(Duration.ofSeconds(10))).isTrue();

            orders.put("a", "1");
            orders.get("a");
            orders.get("b");
            orders.remove("a");
            ledger.put("a", "1");
            ledger.get("a");
            ledger.remove("a");
            Workloads.platformThreads(3);
            Workloads.monitorContention(new Object());
            Workloads.parkContention();
            Workloads.mapPromotionAndLockWait("catalogue-sync");
            if (Runtime.version().feature() >= 21) {
                CountDownLatch release = new CountDownLatch(1);
                List<Thread> virtual = Workloads.virtualThreads(3, release);
                release.countDown();
                for (Thread thread : virtual) {
                    thread.join();
                }
            }
            List<Object> sink = new ArrayList<>();
            return Poll.until(
                    Duration.ofSeconds(20),
                    () -> {
                        for (int i = 0; i < 100_000; i++) {
                            sink.add(new int[4]);
                        }
                        sink.clear();
                        Map<String, Family> union = new HashMap<>(mapwatchFamilies(agent.scrape()));
                        mapwatchFamilies(inProcess.scrape())
                                .forEach((name, family) -> union.merge(name, family, (a, b) -> a));
                        return union;
                    },
                    union -> union.keySet().containsAll(expected));
        } finally {
            assertThat(orders).isEmpty(); // keeps the maps reachable while the stream reports them
            assertThat(ledger).isEmpty();
        }
    }

    private static Map<String, Family> mapwatchFamilies(String text) {
        return Exposition.parse(text).entrySet().stream()
                .filter(e -> e.getKey().startsWith("mapwatch_"))
                .collect(Collectors.toMap(Map.Entry::getKey, Map.Entry::getValue));
    }

    private static Set<String> kinds(Family family) {
        return family.samples().stream()
                .map(s -> s.labels().get("kind"))
                .collect(Collectors.toSet());
    }
}
