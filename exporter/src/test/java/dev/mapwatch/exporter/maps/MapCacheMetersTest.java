package dev.mapwatch.exporter.maps;

import static org.assertj.core.api.Assertions.assertThat;

import dev.mapwatch.exporter.prometheus.MetricSamples;
import io.micrometer.prometheusmetrics.PrometheusConfig;
import io.micrometer.prometheusmetrics.PrometheusMeterRegistry;
import java.util.Map;
import org.junit.jupiter.api.Test;

class MapCacheMetersTest {

    private final PrometheusMeterRegistry registry =
            new PrometheusMeterRegistry(PrometheusConfig.DEFAULT);
    private final MapCacheMeters meters = MapCacheMeters.create(registry, 1);

    private MetricSamples scrape() {
        return MetricSamples.of(registry.getPrometheusRegistry().scrape());
    }

    @Test
    void loadsByResultTheirTimeAndEvictionsPerCacheFromCumulativeFigures() {
        meters.record("com.acme.Prices.cache", "Caffeine", 2, 1, 300_000_000L, 4);
        meters.record("com.acme.Prices.cache", "Caffeine", 3, 1, 500_000_000L, 6);
        Map<String, String> cache = Map.of("map", "com.acme.Prices.cache", "strategy", "Caffeine");
        MetricSamples s = scrape();
        assertThat(s.sum("mapwatch_map_loads_total", Map.of("result", "success"))).isEqualTo(3);
        assertThat(s.sum("mapwatch_map_loads_total", Map.of("result", "failure"))).isEqualTo(1);
        assertThat(s.sum("mapwatch_map_load_seconds_count", cache)).isEqualTo(4);
        assertThat(s.sum("mapwatch_map_load_seconds_sum", cache)).isEqualTo(0.5);
        assertThat(s.sum("mapwatch_map_evictions_total", cache)).isEqualTo(6);
    }

    @Test
    void aMapThatNeverLoadedNorEvictedHasNoSeries() {
        meters.record("com.acme.Store.map", "ConcurrentHashMap", 0, 0, 0, 0);
        assertThat(scrape().has("mapwatch_map_loads_total")).isFalse();
        assertThat(scrape().has("mapwatch_map_evictions_total")).isFalse();
    }

    @Test
    void aForgottenCacheLosesItsSeries() {
        meters.record("com.acme.Stock.cache", "Caffeine", 2, 0, 10, 1);
        meters.forget("com.acme.Stock.cache", "Caffeine");
        assertThat(scrape().has("mapwatch_map_loads_total")).isFalse();
        meters.record("com.acme.Other.cache", "Caffeine", 1, 0, 10, 0); // its place is free again
        assertThat(scrape().sum("mapwatch_map_loads_total", Map.of("map", "com.acme.Other.cache")))
                .isEqualTo(1);
    }

    @Test
    void pastTheBudgetCachesAddUpInOther() {
        meters.record("a", "Caffeine", 10, 0, 10, 0);
        meters.record("b", "GuavaCache", 1, 0, 1, 0);
        MetricSamples s = scrape();
        assertThat(s.sum("mapwatch_map_loads_total", Map.of("map", "a"))).isEqualTo(10);
        assertThat(s.sum("mapwatch_map_loads_total", Map.of("map", "other"))).isEqualTo(1);
        assertThat(s.sum("mapwatch_map_loads_total", Map.of())).isEqualTo(11);
    }
}
