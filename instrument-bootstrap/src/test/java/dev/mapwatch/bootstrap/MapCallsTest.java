package dev.mapwatch.bootstrap;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.HashMap;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ConcurrentSkipListMap;
import org.junit.jupiter.api.Test;

class MapCallsTest {

    private static SiteStats stats(String name, String strategy) {
        return MapSites.snapshot().stream()
                .filter(s -> s.map().equals(name) && s.strategy().equals(strategy))
                .findFirst()
                .orElse(null);
    }

    @Test
    void everyOperationCountsAsTheMapsLibraryCountsIt() {
        int site = MapSites.register("MapCallsTest.every");
        Map<Object, Object> map = new ConcurrentHashMap<>();
        assertThat(AsRewritten.put(map, "a", 1, site)).isNull(); // put
        assertThat(AsRewritten.get(map, "a", site)).isEqualTo(1); // hit
        assertThat(AsRewritten.get(map, "b", site)).isNull(); // miss
        assertThat(AsRewritten.getOrDefault(map, "b", 0, site)).isEqualTo(0); // miss
        assertThat(AsRewritten.containsKey(map, "a", site)).isTrue(); // hit
        assertThat(AsRewritten.putIfAbsent(map, "a", 2, site)).isEqualTo(1); // hit
        assertThat(AsRewritten.putIfAbsent(map, "c", 3, site)).isNull(); // miss, put
        assertThat(AsRewritten.computeIfAbsent(map, "c", k -> 9, site)).isEqualTo(3); // hit
        assertThat(AsRewritten.computeIfAbsent(map, "d", k -> 4, site)).isEqualTo(4); // miss, put
        assertThat(AsRewritten.computeIfAbsent(map, "e", k -> null, site)).isNull(); // miss
        assertThat(AsRewritten.compute(map, "d", (k, v) -> 5, site)).isEqualTo(5); // put
        assertThat(AsRewritten.computeIfPresent(map, "d", (k, v) -> null, site))
                .isNull(); // removal
        assertThat(AsRewritten.computeIfPresent(map, "x", (k, v) -> 1, site)).isNull(); // nothing
        assertThat(AsRewritten.merge(map, "m", 1, (a, b) -> (Integer) a + (Integer) b, site))
                .isEqualTo(1); // put
        assertThat(AsRewritten.merge(map, "m", 1, (a, b) -> (Integer) a + (Integer) b, site))
                .isEqualTo(2); // put
        assertThat(AsRewritten.merge(map, "m", 1, (a, b) -> null, site)).isNull(); // removal
        assertThat(AsRewritten.replace(map, "a", 7, site)).isEqualTo(1); // put
        assertThat(AsRewritten.replace(map, "zz", 7, site)).isNull(); // nothing
        assertThat(AsRewritten.replace(map, "a", 7, 8, site)).isTrue(); // put
        assertThat(AsRewritten.remove(map, "a", 9, site)).isFalse(); // nothing
        assertThat(AsRewritten.remove(map, "a", 8, site)).isTrue(); // removal
        assertThat(AsRewritten.remove(map, "c", site)).isEqualTo(3); // removal
        assertThat(AsRewritten.remove(map, "c", site)).isNull(); // nothing
        SiteStats every = stats("MapCallsTest.every", "ConcurrentHashMap");
        assertThat(every.counts())
                .isEqualTo(
                        new SiteStats(
                                "MapCallsTest.every",
                                "ConcurrentHashMap",
                                "EXACT",
                                4,
                                5,
                                8,
                                4,
                                0,
                                0,
                                0,
                                0));
        // The functions that ran: computeIfAbsent d and e, compute d, computeIfPresent d, the 2nd
        // and 3rd merge.
        assertThat(every.computeRuns()).isEqualTo(6);
        assertThat(every.computeNanos()).isPositive();
        assertThat(every.computeMaxNanos()).isPositive().isLessThanOrEqualTo(every.computeNanos());
    }

    @Test
    void aHashMapIsNeverCountedAndBehavesAsItself() {
        int site = MapSites.register("MapCallsTest.hashMap");
        Map<Object, Object> map = new HashMap<>();
        AsRewritten.put(map, null, 1, site); // HashMap takes null keys: still does
        assertThat(AsRewritten.get(map, null, site)).isEqualTo(1);
        assertThat(stats("MapCallsTest.hashMap", "HashMap")).isNull();
    }

    @Test
    void aMapwatchMapCountsItselfAndIsNotCountedTwice() {
        int site = MapSites.register("MapCallsTest.mapwatch");
        dev.mapwatch.maps.WatchedMap<Object, Object> watched =
                dev.mapwatch.maps.MapWatch.newMap(
                        "mapcalls-test", dev.mapwatch.maps.Strategy.CONCURRENT);
        AsRewritten.put(watched, "k", 1, site);
        AsRewritten.get(watched, "k", site);
        assertThat(MapSites.snapshot()).noneMatch(s -> s.map().equals("MapCallsTest.mapwatch"));
        assertThat(watched.stats().hits()).isEqualTo(1);
        assertThat(watched.stats().puts()).isEqualTo(1);
    }

    @Test
    void theReceiversExceptionsAreTheCallersAndNothingIsCounted() {
        int site = MapSites.register("MapCallsTest.exceptions");
        Map<Object, Object> map = new ConcurrentSkipListMap<>();
        assertThatThrownBy(() -> AsRewritten.put(map, null, 1, site))
                .isInstanceOf(NullPointerException.class);
        assertThatThrownBy(() -> AsRewritten.computeIfAbsent(map, "k", null, site))
                .isInstanceOf(NullPointerException.class);
        assertThatThrownBy(
                        () ->
                                AsRewritten.computeIfAbsent(
                                        map,
                                        "k",
                                        k -> {
                                            throw new IllegalStateException("loader");
                                        },
                                        site))
                .isInstanceOf(IllegalStateException.class)
                .hasMessage("loader");
        assertThatThrownBy(() -> AsRewritten.get(null, "k", site))
                .isInstanceOf(NullPointerException.class);
        SiteStats stats = stats("MapCallsTest.exceptions", "ConcurrentSkipListMap");
        assertThat(stats == null ? 0 : stats.hits() + stats.misses() + stats.puts()).isZero();
    }

    @Test
    void anIdNeverGivenOutCountsNothingAndDelegates() {
        Map<Object, Object> map = new ConcurrentHashMap<>();
        assertThat(AsRewritten.put(map, "k", 1, 1_000_000)).isNull();
        assertThat(AsRewritten.get(map, "k", -1)).isEqualTo(1);
    }

    @Test
    void sizeIsTheSumOfTheLiveMapsSeenUnderOneName() {
        int site = MapSites.register("MapCallsTest.size");
        Map<Object, Object> first = new ConcurrentHashMap<>(Map.of("a", 1, "b", 2));
        Map<Object, Object> second = new ConcurrentHashMap<>(Map.of("c", 3));
        AsRewritten.get(first, "a", site);
        AsRewritten.get(second, "a", site);
        AsRewritten.get(first, "a", site);
        assertThat(stats("MapCallsTest.size", "ConcurrentHashMap").size()).isEqualTo(3);
    }

    @Test
    void offCountsNothingButStillTracksTheMapsForTheirSize() {
        Map<Object, Object> first = new ConcurrentHashMap<>(Map.of("a", 1, "b", 2));
        Map<Object, Object> second = new ConcurrentHashMap<>();
        Map<Object, Object> third =
                new ConcurrentHashMap<>(); // reached by a call with a function only
        int site = MapSites.register("MapCallsTest.off");
        assertThat(MapSites.counting("OFF")).isEqualTo("OFF");
        try {
            AsRewritten.get(first, "a", site);
            AsRewritten.get(first, "x", site);
            AsRewritten.put(second, "c", 3, site);
            AsRewritten.remove(first, "b", site);
            AsRewritten.computeIfAbsent(third, "d", k -> 4, site);
        } finally {
            MapSites.counting("EXACT");
        }
        assertThat(stats("MapCallsTest.off", "ConcurrentHashMap"))
                .isEqualTo(
                        new SiteStats(
                                "MapCallsTest.off",
                                "ConcurrentHashMap",
                                "OFF",
                                0,
                                0,
                                0,
                                0,
                                3,
                                0,
                                0,
                                0));
    }

    @Test
    void theModeAppliesToCountersCreatedAfterItIsSet() {
        int before = MapSites.register("MapCallsTest.modeBefore");
        int after = MapSites.register("MapCallsTest.modeAfter");
        Map<Object, Object> map = new ConcurrentHashMap<>();
        AsRewritten.put(map, "k", 1, before);
        assertThat(MapSites.counting()).isEqualTo("EXACT");
        assertThat(MapSites.counting("SAMPLED")).isEqualTo("SAMPLED");
        try {
            assertThat(MapSites.counting()).isEqualTo("SAMPLED");
            assertThat(Thread.getAllStackTraces().keySet())
                    .anyMatch(t -> t.getName().equals("mapwatch-sampler") && t.isDaemon());
            AsRewritten.get(map, "k", before);
            AsRewritten.get(map, "k", after);
        } finally {
            MapSites.counting("EXACT");
        }
        assertThat(stats("MapCallsTest.modeBefore", "ConcurrentHashMap").counting())
                .isEqualTo("EXACT");
        assertThat(stats("MapCallsTest.modeBefore", "ConcurrentHashMap").hits()).isEqualTo(1);
        assertThat(stats("MapCallsTest.modeAfter", "ConcurrentHashMap").counting())
                .isEqualTo("SAMPLED");
        assertThat(MapSites.counting()).isEqualTo("EXACT");
    }

    @Test
    void anUnknownModeIsRefusedAndChangesNothing() {
        assertThatThrownBy(() -> MapSites.counting("FAST"))
                .isInstanceOf(IllegalArgumentException.class);
        assertThat(MapSites.counting()).isEqualTo("EXACT");
    }
}
