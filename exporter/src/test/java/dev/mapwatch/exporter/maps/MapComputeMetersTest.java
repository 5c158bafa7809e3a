package dev.mapwatch.exporter.maps;

import static org.assertj.core.api.Assertions.assertThat;

import dev.mapwatch.exporter.prometheus.MetricSamples;
import io.micrometer.prometheusmetrics.PrometheusConfig;
import io.micrometer.prometheusmetrics.PrometheusMeterRegistry;
import java.util.Map;
import org.junit.jupiter.api.Test;

class MapComputeMetersTest {

    private final PrometheusMeterRegistry registry =
            new PrometheusMeterRegistry(PrometheusConfig.DEFAULT);
    private final MapComputeMeters meters = MapComputeMeters.create(registry, 4);

    private MetricSamples scrape() {
        return MetricSamples.of(registry.getPrometheusRegistry().scrape());
    }

    @Test
    void aSummaryWithCountSumAndMaxPerMapFromCumulativeFigures() {
        meters.record("com.acme.Prices.cache", "ConcurrentHashMap", 3, 300_000_000L, 200_000_000L);
        meters.record("com.acme.Prices.cache", "ConcurrentHashMap", 5, 500_000_000L, 150_000_000L);
        Map<String, String> cache =
                Map.of("map", "com.acme.Prices.cache", "strategy", "ConcurrentHashMap");
        MetricSamples samples = scrape();
        assertThat(samples.sum("mapwatch_map_compute_seconds_count", cache)).isEqualTo(5);
        assertThat(samples.sum("mapwatch_map_compute_seconds_sum", cache)).isEqualTo(0.5);
        assertThat(samples.sum("mapwatch_map_compute_seconds_max", cache)).isEqualTo(0.15);
    }

    @Test
    void aMapWhoseFunctionsNeverRanHasNoSeries() {
        meters.record("com.acme.Idle.map", "ConcurrentHashMap", 0, 0, 0);
        assertThat(scrape().has("mapwatch_map_compute_seconds_count")).isFalse();
    }

    @Test
    void aMapCountingAgainUnderItsNameAddsFromZero() {
        meters.record("m", "ConcurrentHashMap", 10, 1_000, 100);
        meters.record("m", "ConcurrentHashMap", 2, 200, 100); // a new map of that name
        assertThat(scrape().sum("mapwatch_map_compute_seconds_count", Map.of("map", "m")))
                .isEqualTo(12);
    }
}
