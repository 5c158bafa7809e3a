package dev.mapwatch.exporter.maps;

import static org.assertj.core.api.Assertions.assertThat;

import dev.mapwatch.maps.Counting;
import dev.mapwatch.maps.MapStats;
import io.micrometer.core.instrument.FunctionCounter;
import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import java.time.Duration;
import java.util.Set;
import java.util.concurrent.atomic.AtomicLong;
import org.junit.jupiter.api.Test;

class BoundedMapMetersTest {

    private final SimpleMeterRegistry registry = new SimpleMeterRegistry();
    private final AtomicLong clock = new AtomicLong();
    private final BoundedMapMeters meters =
            BoundedMapMeters.create(registry, 2, Duration.ofMinutes(1), clock::get);

    private static MapStats stats(long hits, long size) {
        return new MapStats(hits, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, size);
    }

    private double hits(String map) {
        FunctionCounter counter =
                registry.find("mapwatch.map.lookups")
                        .tags("map", map, "result", "hit")
                        .functionCounter();
        return counter == null ? Double.NaN : counter.count();
    }

    private double size(String map) {
        Gauge gauge = registry.find("mapwatch.map.size").tags("map", map).gauge();
        return gauge == null ? Double.NaN : gauge.value();
    }

    @Test
    void theFirstMapsKeepTheirSeriesAndTheRestAddUpInOther() {
        meters.record("a", "ConcurrentHashMap", stats(10, 1));
        meters.record("b", "ConcurrentHashMap", stats(20, 2));
        meters.record("c", "ConcurrentHashMap", stats(30, 3));
        meters.record("d", "ConcurrentSkipListMap", stats(5, 4));
        assertThat(hits("a")).isEqualTo(10);
        assertThat(hits("b")).isEqualTo(20);
        assertThat(hits("c")).isNaN();
        assertThat(hits("other")).isEqualTo(35);
        assertThat(size("other")).isEqualTo(7);
        assertThat(
                        registry.find("mapwatch.map.lookups")
                                .tags("map", "other", "strategy", "other")
                                .functionCounter())
                .isNotNull();
        meters.record("c", "ConcurrentHashMap", stats(31, 3));
        assertThat(hits("other")).isEqualTo(36);
        assertThat(meters.maps()).containsExactlyInAnyOrder("a", "b");
    }

    private String counting(String map) {
        Gauge gauge = registry.find("mapwatch.map.counting").tags("map", map).gauge();
        return gauge == null ? null : gauge.getId().getTag("counting");
    }

    @Test
    void theCountingGaugeSaysHowTheMapsASeriesAddsUpAreCounted() {
        meters.record("a", "CHM", Set.of(Counting.SAMPLED), stats(10, 1));
        meters.record("b", "CHM", stats(20, 1));
        meters.record("c", "CHM", Set.of(Counting.SAMPLED), stats(30, 1));
        assertThat(counting("a")).isEqualTo("sampled");
        assertThat(counting("b")).isEqualTo("exact");
        assertThat(counting("other")).isEqualTo("sampled");
        meters.record("d", "CHM", stats(5, 1));
        assertThat(counting("other")).as("exact and sampled maps added up").isEqualTo("mixed");
        meters.forget("c", "CHM");
        assertThat(counting("other")).isEqualTo("exact");
        assertThat(registry.find("mapwatch.map.counting").tags("map", "other").gauges()).hasSize(1);
    }

    @Test
    void aBusierMapTakesTheQuietestPlaceAtTheRebalanceAndNoSeriesGoesBackwards() {
        meters.record("a", "CHM", stats(10, 1));
        meters.record("b", "CHM", stats(5, 1));
        meters.record("c", "CHM", stats(100, 1)); // other: 100
        assertThat(meters.maps()).containsExactlyInAnyOrder("a", "b");
        clock.addAndGet(Duration.ofMinutes(1).toNanos());
        meters.record(
                "a",
                "CHM",
                stats(60, 1)); // rebalance on last minute's weights: c (100) > 2 x b (5)
        assertThat(hits("b")).isNaN();
        assertThat(hits("other")).isEqualTo(100);
        meters.record("b", "CHM", stats(9, 1)); // b's increments now go to other
        meters.record("c", "CHM", stats(205, 1)); // c's new series starts with its increments since
        assertThat(meters.maps()).containsExactlyInAnyOrder("a", "c");
        assertThat(hits("other")).isEqualTo(104);
        assertThat(hits("c")).isEqualTo(105);
        assertThat(hits("a")).isEqualTo(60);
        clock.addAndGet(Duration.ofMinutes(1).toNanos());
        meters.record(
                "a", "CHM", stats(61, 1)); // rebalance: b (4) is not heavier than 2 x a (1)...
        assertThat(meters.maps())
                .containsExactlyInAnyOrder("a", "c"); // ...nor than c: hysteresis keeps both
    }

    @Test
    void aForgottenMapEndsItsSeriesAndLeavesOthersGauges() {
        meters.record("a", "CHM", stats(1, 5));
        meters.record("b", "CHM", stats(1, 5));
        meters.record("c", "CHM", stats(1, 7));
        meters.forget("a", "CHM");
        meters.forget("c", "CHM");
        assertThat(hits("a")).isNaN();
        assertThat(size("other")).isZero();
        assertThat(hits("other")).isEqualTo(1);
        meters.record("d", "CHM", stats(3, 1)); // a's place is free again
        assertThat(hits("d")).isEqualTo(3);
    }

    @Test
    void aMapReplacedUnderTheSameNameCountsFromZeroAgain() {
        meters.record("a", "CHM", stats(10, 1));
        meters.record("a", "CHM", stats(3, 1));
        assertThat(hits("a")).isEqualTo(13);
    }

    private java.util.List<String> families(String map) {
        return registry.getMeters().stream()
                .filter(m -> map.equals(m.getId().getTag("map")))
                .map(m -> m.getId().getName())
                .distinct()
                .sorted()
                .toList();
    }

    private static final java.util.List<String> COUNTS_AND_SIZE =
            java.util.List.of(
                    "mapwatch.map.counting",
                    "mapwatch.map.lookups",
                    "mapwatch.map.puts",
                    "mapwatch.map.removals",
                    "mapwatch.map.size");

    @Test
    void aMapExportsOnlyTheFamiliesItsKindCanMove() {
        meters.record("chm", "ConcurrentHashMap", stats(1, 1));
        meters.record("sync", "SYNC_MAP", new MapStats(1, 0, 0, 0, 2, 1, 5, 3, 7, 4, 9, 1));
        assertThat(families("chm")).containsExactlyElementsOf(COUNTS_AND_SIZE);
        assertThat(families("sync"))
                .containsExactlyInAnyOrder(
                        "mapwatch.map.counting",
                        "mapwatch.map.lookups",
                        "mapwatch.map.puts",
                        "mapwatch.map.removals",
                        "mapwatch.map.size",
                        "mapwatch.map.promotions",
                        "mapwatch.map.tombstones",
                        "mapwatch.map.tombstone.oldest.age",
                        "mapwatch.map.tombstones.purged",
                        "mapwatch.map.lock.waits",
                        "mapwatch.map.lock.wait");
        assertThat(
                        registry.find("mapwatch.map.promotions")
                                .tags("map", "sync")
                                .functionCounter()
                                .count())
                .isEqualTo(2);
        assertThat(registry.getMeters())
                .as("6 series for the counted map, 12 for the SYNC_MAP")
                .hasSize(6 + 12);
    }

    @Test
    void otherWidensToTheFamiliesOfTheKindsItAddsUpAndKeepsThem() {
        meters.record("a", "ConcurrentHashMap", stats(1, 1));
        meters.record("b", "ConcurrentHashMap", stats(1, 1));
        meters.record("c", "ConcurrentHashMap", stats(1, 1));
        assertThat(families("other")).containsExactlyElementsOf(COUNTS_AND_SIZE);
        meters.record("locked", "LOCKED", new MapStats(1, 0, 0, 0, 0, 0, 0, 0, 0, 4, 9, 1));
        assertThat(families("other"))
                .contains("mapwatch.map.lock.waits", "mapwatch.map.lock.wait")
                .doesNotContain("mapwatch.map.promotions", "mapwatch.map.tombstones");
        assertThat(
                        registry.find("mapwatch.map.lock.waits")
                                .tags("map", "other")
                                .functionCounter()
                                .count())
                .isEqualTo(4);
        meters.forget("locked", "LOCKED");
        assertThat(families("other"))
                .as("a family never leaves a live series: its counter stays")
                .contains("mapwatch.map.lock.waits");
    }

    @Test
    void anEarlierPriorityWinsThePlaceOfAnEquallyBusyMapOfALaterOne() {
        BoundedMapMeters tight =
                BoundedMapMeters.create(registry, 1, Duration.ofSeconds(5), clock::get);
        long ops = 0;
        for (int second = 1; second <= 30; second++) {
            clock.addAndGet(Duration.ofSeconds(1).toNanos());
            ops += 1_000;
            tight.record(
                    "org.springframework.Cache.map",
                    "ConcurrentHashMap",
                    Set.of(Counting.EXACT),
                    1,
                    stats(ops, 1));
            tight.record(
                    "com.acme.Orders.cache",
                    "ConcurrentHashMap",
                    Set.of(Counting.EXACT),
                    0,
                    stats(ops, 1));
        }
        assertThat(tight.maps()).containsExactly("com.acme.Orders.cache");
    }
}
