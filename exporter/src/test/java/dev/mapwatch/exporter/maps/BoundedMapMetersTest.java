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
    private final BoundedMapMeters meters = BoundedMapMeters.create(registry, 2, Duration.ofMinutes(1), clock::get);

    private static MapStats stats(long hits, long size) {
        return new MapStats(hits, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, size);
    }

    private double hits(String map) {
        FunctionCounter counter = registry.find("mapwatch.map.lookups").tags("map", map, "result", "hit").functionCounter();
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
        assertThat(registry.find("mapwatch.map.lookups").tags("map", "other", "strategy", "other").functionCounter())
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
        meters.record("c", "CHM", stats(100, 1));  // other: 100
        assertThat(meters.maps()).containsExactlyInAnyOrder("a", "b");
        clock.addAndGet(Duration.ofMinutes(1).toNanos());
        meters.record("a", "CHM", stats(60, 1));   // rebalance on last minute's weights: c (100) > 2 x b (5)
        assertThat(hits("b")).isNaN();
        assertThat(hits("other")).isEqualTo(100);
        meters.record("b", "CHM", stats(9, 1));    // b's increments now go to other
        meters.record("c", "CHM", stats(205, 1));  // c's new series starts with its increments since
        assertThat(meters.maps()).containsExactlyInAnyOrder("a", "c");
        assertThat(hits("other")).isEqualTo(104);
        assertThat(hits("c")).isEqualTo(105);
        assertThat(hits("a")).isEqualTo(60);
        clock.addAndGet(Duration.ofMinutes(1).toNanos());
        meters.record("a", "CHM", stats(61, 1));   // rebalance: b (4) is not heavier than 2 x a (1)...
        assertThat(meters.maps()).containsExactlyInAnyOrder("a", "c"); // ...nor than c: hysteresis keeps both
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
}
