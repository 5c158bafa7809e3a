package dev.mapwatch.exporter.maps;

import static org.assertj.core.api.Assertions.assertThat;

import dev.mapwatch.maps.Counting;
import dev.mapwatch.maps.MapWatch;
import dev.mapwatch.maps.Strategy;
import dev.mapwatch.maps.WatchedMap;
import dev.mapwatch.testkit.Poll;
import io.micrometer.core.instrument.Tag;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import java.lang.ref.WeakReference;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.ConcurrentHashMap;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

class WatchedMapsMetricsTest {

    private final SimpleMeterRegistry registry = new SimpleMeterRegistry();
    private final WatchedMapsMetrics metrics = WatchedMapsMetrics.create(Duration.ofMillis(100));

    @AfterEach
    void close() {
        metrics.close();
    }

    @Test
    void exportsKnownHitsMissesPutsRemovalsAndSize() {
        WatchedMap<String, Integer> users = MapWatch.newMap("wmm-users", Strategy.CONCURRENT);
        metrics.bindTo(registry);
        users.put("a", 1);
        users.put("b", 2);
        users.put("c", 3);
        for (int i = 0; i < 5; i++) {
            users.get("a");
        }
        users.get("zz");
        users.get("yy");
        users.remove("b");

        String[] tags = {"map", "wmm-users", "strategy", "CONCURRENT"};
        assertThat(
                        registry.get("mapwatch.map.lookups")
                                .tags(tags)
                                .tag("result", "hit")
                                .functionCounter()
                                .count())
                .isEqualTo(5);
        assertThat(
                        registry.get("mapwatch.map.lookups")
                                .tags(tags)
                                .tag("result", "miss")
                                .functionCounter()
                                .count())
                .isEqualTo(2);
        assertThat(registry.get("mapwatch.map.puts").tags(tags).functionCounter().count())
                .isEqualTo(3);
        assertThat(registry.get("mapwatch.map.removals").tags(tags).functionCounter().count())
                .isEqualTo(1);
        assertThat(registry.get("mapwatch.map.size").tags(tags).gauge().value()).isEqualTo(2);
        assertThat(registry.find("mapwatch.map.tombstones").tags(tags).gauge())
                .as("a CONCURRENT map has no tombstones: no series, not a zero")
                .isNull();
        assertThat(users).hasSize(2);
    }

    @Test
    void theCountingGaugeSaysWhichFiguresAreEstimates() {
        WatchedMap<String, Integer> exact = MapWatch.newMap("wmm-exact", Strategy.CONCURRENT);
        WatchedMap<String, Integer> sampled =
                MapWatch.builder("wmm-sampled").counting(Counting.SAMPLED).build();
        WatchedMap<String, Integer> off =
                MapWatch.builder("wmm-mixed").counting(Counting.OFF).build();
        WatchedMap<String, Integer> alsoSampled =
                MapWatch.builder("wmm-mixed").counting(Counting.SAMPLED).build();
        metrics.bindTo(registry);

        assertThat(countingLabels("wmm-exact")).containsExactly("exact");
        assertThat(countingLabels("wmm-sampled")).containsExactly("sampled");
        assertThat(countingLabels("wmm-mixed")).containsExactly("mixed");
        assertThat(registry.get("mapwatch.map.counting").tag("map", "wmm-sampled").gauge().value())
                .isEqualTo(1);
        // the figures themselves keep their labels: switching a map to sampling keeps its series
        assertThat(
                        registry.get("mapwatch.map.puts")
                                .tag("map", "wmm-sampled")
                                .functionCounter()
                                .getId()
                                .getTags())
                .extracting(Tag::getKey)
                .containsExactlyInAnyOrder("map", "strategy");
        assertThat(List.of(exact, sampled, off, alsoSampled))
                .hasSize(4); // keeps the maps reachable
    }

    private List<String> countingLabels(String map) {
        return registry.find("mapwatch.map.counting").tag("map", map).gauges().stream()
                .map(g -> g.getId().getTag("counting"))
                .toList();
    }

    @Test
    void mapsCreatedAfterBindingGetTheirMetersAtTheNextRescan() {
        metrics.bindTo(registry);
        ConcurrentHashMap<Long, String> delegate = new ConcurrentHashMap<>();
        WatchedMap<Long, String> orders = MapWatch.instrument("wmm-late-orders", delegate);
        orders.put(1L, "x");

        boolean appeared =
                Poll.until(
                        Duration.ofSeconds(5),
                        () ->
                                registry.find("mapwatch.map.puts")
                                                .tag("map", "wmm-late-orders")
                                                .functionCounter()
                                        != null);
        assertThat(appeared).as("meters of a map created after binding").isTrue();
        assertThat(
                        registry.get("mapwatch.map.puts")
                                .tag("map", "wmm-late-orders")
                                .functionCounter()
                                .count())
                .isEqualTo(1);
        assertThat(orders.get(1L)).isEqualTo("x");
    }

    @Test
    void mapsSharingANameAndStrategyAreAddedUp() {
        WatchedMap<String, String> first = MapWatch.newMap("wmm-shared", Strategy.CONCURRENT);
        WatchedMap<String, String> second = MapWatch.newMap("wmm-shared", Strategy.CONCURRENT);
        metrics.bindTo(registry);
        first.put("k", "v");
        second.put("k", "v");
        second.put("l", "v");

        assertThat(
                        registry.get("mapwatch.map.puts")
                                .tag("map", "wmm-shared")
                                .functionCounter()
                                .count())
                .isEqualTo(3);
        assertThat(registry.get("mapwatch.map.size").tag("map", "wmm-shared").gauge().value())
                .isEqualTo(3);
    }

    @Test
    void aCollectedMapLosesItsMeters() {
        WatchedMap<String, String> temporary =
                MapWatch.newMap("wmm-temporary", Strategy.CONCURRENT);
        temporary.put("k", "v");
        metrics.bindTo(registry);
        assertThat(registry.find("mapwatch.map.size").tag("map", "wmm-temporary").gauge())
                .isNotNull();

        WeakReference<Object> ref = new WeakReference<>(temporary);
        temporary = null;
        boolean gone =
                Poll.until(
                        Duration.ofSeconds(10),
                        () -> {
                            System.gc();
                            return ref.get() == null
                                    && registry.find("mapwatch.map.size")
                                                    .tag("map", "wmm-temporary")
                                                    .gauge()
                                            == null;
                        });
        assertThat(gone).as("meters removed after the map was collected").isTrue();
    }
}
